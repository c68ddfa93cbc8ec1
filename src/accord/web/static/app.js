// accord serve: the page's one script (no framework, no network beyond this server).
"use strict";

(function () {
  const csrf = document.querySelector('meta[name="csrf-token"]').content;

  async function post(url, body, raw) {
    const headers = { "X-CSRF-Token": csrf };
    if (!raw) headers["Content-Type"] = "application/json";
    const response = await fetch(url, {
      method: "POST",
      headers: Object.assign(headers, raw ? raw.headers : {}),
      body: raw ? raw.body : JSON.stringify(body),
      credentials: "same-origin",
    });
    return response;
  }

  async function json(response) {
    let data = null;
    try { data = await response.json(); } catch (e) { data = null; }
    if (!response.ok) {
      throw new Error((data && data.error) || ("the server answered " + response.status));
    }
    return data;
  }

  function text(tag, content, cls) {
    const el = document.createElement(tag);
    el.textContent = content;
    if (cls) el.className = cls;
    return el;
  }

  // ---------------------------------------------------------------- upload (start page)
  const upload = document.getElementById("upload");
  if (upload) {
    upload.addEventListener("submit", async function (event) {
      event.preventDefault();
      const error = document.getElementById("upload-error");
      const file = document.getElementById("upload-file").files[0];
      error.textContent = "";
      if (!file) { error.textContent = "choose a file first"; return; }
      try {
        const data = await json(await post("/upload", null, {
          body: file, headers: { "X-Filename": file.name, "Content-Type": "application/octet-stream" },
        }));
        window.location.href = data.url;
      } catch (e) {
        error.textContent = e.message;
      }
    });
  }

  // ---------------------------------------------------------------- what-if (scenario page)
  const panel = document.getElementById("whatif");
  if (!panel) return;
  const key = panel.dataset.key;
  const select = document.getElementById("issue");
  const status = document.getElementById("status");
  const problem = document.getElementById("whatif-error");
  let inFlight = false, again = false, movedAt = null, dealsTimer = null, updates = 0;

  function changes() {
    const stakes = {}, capabilities = {};
    panel.querySelectorAll('input[type="range"]').forEach(function (input) {
      if (input.value === input.dataset.default) return;
      const value = Number(input.value);
      if (input.dataset.field === "capability") {
        capabilities[input.dataset.actor] = value;
      } else {
        const id = input.dataset.actor + "\u0000" + input.dataset.issue;
        stakes[id] = stakes[id] || { actor: input.dataset.actor, issue: input.dataset.issue };
        stakes[id][input.dataset.field] = value;
      }
    });
    return { stakes: Object.values(stakes), capabilities: capabilities };
  }

  function show(view) {
    const issue = view.issues.find(function (item) { return item.id === select.value; });
    if (view.figure) document.getElementById("live-figure").innerHTML = view.figure;
    const body = document.querySelector("#live-forecasts tbody");
    body.replaceChildren();
    Object.entries(issue.forecasts).forEach(function ([model, f]) {
      const row = document.createElement("tr");
      row.append(text("th", model), text("td", f.text, "value"), text("td", f.label || ""));
      row.dataset.model = model;
      body.append(row);
    });
    const models = Object.keys(issue.forecasts);
    const head = document.querySelector("#live-red-lines thead");
    const rows = document.querySelector("#live-red-lines tbody");
    head.replaceChildren(); rows.replaceChildren();
    if (issue.red_lines.length) {
      const tr = document.createElement("tr");
      tr.append(text("th", "Actor"), text("th", "Red line"));
      models.forEach(function (m) { tr.append(text("th", m)); });
      head.append(tr);
      issue.red_lines.forEach(function (line) {
        const row = document.createElement("tr");
        row.append(text("td", line.actor), text("td", String(line.reservation)));
        models.forEach(function (m) {
          const ok = line.met[m];
          row.append(text("td", ok ? "\u2713 met" : "\u2717 not met", ok ? "yes" : "no"));
        });
        rows.append(row);
      });
    } else {
      const row = document.createElement("tr");
      row.append(text("td", "No actor has a red line on this issue."));
      rows.append(row);
    }
  }

  async function refresh() {
    if (inFlight) { again = true; return; }
    inFlight = true;
    try {
      const view = await json(await post("/api/s/" + key + "/whatif",
        { changes: changes(), issue: select.value }));
      show(view);
      problem.textContent = "";
      if (movedAt !== null) {
        const ms = performance.now() - movedAt;
        status.dataset.ms = ms.toFixed(1);
        status.dataset.count = String(++updates);
        status.textContent = "updated in " + Math.round(ms) + " ms";
        movedAt = null;
      }
    } catch (e) {
      problem.textContent = e.message;
    } finally {
      inFlight = false;
      if (again) { again = false; refresh(); }
    }
  }

  // One package-deal request at a time: a large outcome space takes seconds, so moves made
  // meanwhile are folded into one request for the latest sliders when it returns.
  let dealsInFlight = false, dealsAgain = false;

  async function refreshDeals() {
    const box = document.getElementById("live-deals");
    if (dealsInFlight) { dealsAgain = true; return; }
    dealsInFlight = true;
    box.setAttribute("aria-busy", "true");
    if (box.firstElementChild) box.firstElementChild.classList.add("stale");
    try {
      const asked = JSON.stringify(changes());
      const view = await json(await post("/api/s/" + key + "/deals", { changes: changes() }));
      if (dealsAgain || asked !== JSON.stringify(changes())) return;  // superseded
      box.replaceChildren();
      if (view.note) { box.append(text("p", view.note)); return; }
      box.append(text("p", view.frontier.toLocaleString() + " Pareto-optimal packages; " +
        view.zopa.toLocaleString() + " acceptable to every party (" + view.parties.join(", ") + ")."));
      const table = document.createElement("table");
      table.className = "wide";
      const issues = select.options;
      const head = document.createElement("tr");
      head.append(text("th", "Issue"));
      view.solutions.forEach(function (s) { head.append(text("th", s.name)); });
      table.append(head);
      Array.from(issues).forEach(function (option) {
        const row = document.createElement("tr");
        row.append(text("th", option.textContent));
        view.solutions.forEach(function (s) {
          row.append(text("td", s.package && option.value in s.package ? s.package[option.value] : "-"));
        });
        table.append(row);
      });
      const accepted = document.createElement("tr");
      accepted.append(text("th", "accepted by"));
      view.solutions.forEach(function (s) { accepted.append(text("td", s.accepted_by.join(", ") || "-")); });
      table.append(accepted);
      box.append(table);
    } catch (e) {
      box.replaceChildren(text("p", e.message, "error"));
    } finally {
      dealsInFlight = false;
      if (dealsAgain) { dealsAgain = false; refreshDeals(); } else box.removeAttribute("aria-busy");
    }
  }

  panel.addEventListener("input", function (event) {
    const input = event.target;
    if (input.type !== "range") return;
    input.nextElementSibling.textContent = input.value;
    movedAt = performance.now();
    refresh();
    clearTimeout(dealsTimer);
    dealsTimer = setTimeout(refreshDeals, 500);
  });

  select.addEventListener("change", function () {
    panel.querySelectorAll("fieldset.stakes").forEach(function (set) {
      set.hidden = set.dataset.issue !== select.value;
    });
    refresh();
  });

  document.getElementById("reset").addEventListener("click", function () {
    panel.querySelectorAll('input[type="range"]').forEach(function (input) {
      input.value = input.dataset.default;
      input.nextElementSibling.textContent = input.value;
    });
    refresh();
    refreshDeals();
  });

  document.getElementById("download").addEventListener("click", async function () {
    try {
      const response = await post("/api/s/" + key + "/variant", { changes: changes() });
      if (!response.ok) { await json(response); return; }
      const name = (response.headers.get("Content-Disposition") || "").split('"')[1] || "variant.yaml";
      const url = URL.createObjectURL(await response.blob());
      const link = document.createElement("a");
      link.href = url; link.download = name;
      document.body.append(link); link.click(); link.remove();
      setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
    } catch (e) {
      problem.textContent = e.message;
    }
  });

  document.getElementById("refresh-report").addEventListener("click", async function () {
    const report = document.getElementById("report");
    report.setAttribute("aria-busy", "true");
    status.textContent = "updating the report...";
    try {
      const view = await json(await post("/api/s/" + key + "/report", { changes: changes() }));
      delete report.dataset.deals;
      report.innerHTML = view.html;
      status.textContent = "the report below shows this variant";
    } catch (e) {
      problem.textContent = e.message;
    } finally {
      report.removeAttribute("aria-busy");
    }
  });

  // ---------------------------------------------------------------- Monte Carlo with progress
  const mc = document.getElementById("mc");
  const bar = document.getElementById("mc-progress");
  const cancel = document.getElementById("mc-cancel");
  const run = document.getElementById("mc-run");
  const mcStatus = document.getElementById("mc-status");
  let job = null;

  mc.addEventListener("submit", async function (event) {
    event.preventDefault();
    try {
      const started = await json(await post("/api/s/" + key + "/jobs", {
        changes: changes(),
        samples: Number(document.getElementById("mc-samples").value),
        seed: Number(document.getElementById("mc-seed").value),
      }));
      job = started.id;
      run.disabled = true; cancel.disabled = false; bar.hidden = false; bar.value = 0;
      mcStatus.textContent = "running...";
      poll();
    } catch (e) {
      mcStatus.textContent = e.message;
    }
  });

  cancel.addEventListener("click", async function () {
    if (job) await post("/api/jobs/" + job + "/cancel", {});
  });

  async function poll() {
    if (!job) return;
    try {
      const response = await fetch("/api/jobs/" + job, { credentials: "same-origin" });
      const state = await json(response);
      if (state.total) bar.value = state.done / state.total;
      if (state.state === "running") {
        mcStatus.textContent = state.total ? Math.round(100 * state.done / state.total) + "%" : "starting...";
        setTimeout(poll, 250);
        return;
      }
      job = null; run.disabled = false; cancel.disabled = true; bar.hidden = true;
      if (state.state === "done") {
        mcStatus.textContent = "done";
        document.getElementById("mc-result").innerHTML = state.html;
      } else if (state.state === "cancelled") {
        mcStatus.textContent = "cancelled";
      } else {
        mcStatus.textContent = "failed: " + state.error;
      }
    } catch (e) {
      mcStatus.textContent = e.message;
      job = null; run.disabled = false; cancel.disabled = true;
    }
  }

  // The page came without its package deals (they take seconds on a large outcome space):
  // fetch the report of the file as loaded once they are ready, unless it was refreshed first.
  async function completeReport() {
    const report = document.getElementById("report");
    if (report.dataset.deals !== "pending") return;
    try {
      const view = await json(await post("/api/s/" + key + "/report", { changes: {} }));
      if (report.dataset.deals === "pending") report.innerHTML = view.html;
    } catch (e) {
      problem.textContent = e.message;
    } finally {
      delete report.dataset.deals;
    }
  }

  refresh();
  refreshDeals();
  completeReport();
})();
