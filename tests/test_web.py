"""accord serve's app: opening files only from the folders given, uploads, what-if, security."""

from __future__ import annotations

import re
import time

import pytest

pytest.importorskip("starlette", reason="the web extra is not installed")

from starlette.testclient import TestClient

from accord.io import parse_scenario
from accord.web import MAX_UPLOAD, create_app

from conftest import EXAMPLES

CASE = "ukraine-ceasefire-2025-03.yaml"


def csrf_of(page: str) -> str:
    return re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)


@pytest.fixture(scope="module")
def client():
    with TestClient(create_app([EXAMPLES])) as c:
        c.headers["X-CSRF-Token"] = csrf_of(c.get("/").text)
        yield c


@pytest.fixture(scope="module")
def opened(client):
    response = client.get(f"/open/0/{CASE}", follow_redirects=False)
    assert response.status_code == 303
    return response.headers["location"].rsplit("/", 1)[-1]


def test_index_lists_the_folder_s_scenarios(client):
    page = client.get("/").text
    assert f'href="/open/0/{CASE}"' in page
    assert "emissions-1994.csv" in page


@pytest.mark.parametrize(
    "path", ["/open/0/..%2F..%2Fpyproject.toml", "/open/0/README.md", "/open/1/x.yaml", "/open/0/"]
)
def test_only_listed_files_open(client, path):
    assert client.get(path, follow_redirects=False).status_code == 404


def test_a_single_file_root_serves_only_that_file(tmp_path):
    other = tmp_path / "other.yaml"
    other.write_text((EXAMPLES / CASE).read_text())
    with TestClient(create_app([EXAMPLES / CASE])) as c:
        assert c.get(f"/open/0/{CASE}", follow_redirects=False).status_code == 303
        assert c.get("/open/0/emissions-1994.csv", follow_redirects=False).status_code == 404


def test_the_scenario_page_holds_the_report_and_sliders(client, opened):
    page = client.get(f"/s/{opened}").text
    for part in ('id="whatif"', 'id="r-summary"', 'id="r-positions"', 'id="r-deals"'):
        assert part in page
    assert page.count('type="range"') == 2 * 52 + 6  # two per stake, one per actor
    assert "<script>" not in page  # the one script comes from /static


def test_whatif_moves_the_forecast(client, opened):
    base = client.post(f"/api/s/{opened}/whatif", json={"changes": {}, "issue": "ceasefire"})
    assert base.status_code == 200
    moved = client.post(
        f"/api/s/{opened}/whatif",
        json={
            "changes": {"stakes": [{"actor": "RUS", "issue": "ceasefire", "position": 100}]},
            "issue": "ceasefire",
        },
    )
    before = base.json()["issues"][0]["forecasts"]["mean"]["value"]
    after = moved.json()["issues"][0]["forecasts"]["mean"]["value"]
    assert after > before
    assert moved.json()["figure"].startswith("<svg")


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"stakes": [{"actor": "RUS", "issue": "ceasefire", "position": 101}]}, "off the scale"),
        ({"stakes": [{"actor": "RUS", "issue": "ceasefire", "salience": -1}]}, "outside [0, 1]"),
        ({"stakes": [{"actor": "XX", "issue": "ceasefire", "salience": 1}]}, "no stake"),
        ({"capabilities": {"RUS": 0}}, "must be positive"),
        ({"capabilities": {"RUS": "a lot"}}, "expected a number"),
        ({"weights": {}}, "unknown field"),
    ],
)
def test_bad_changes_get_one_line(client, opened, changes, problem):
    response = client.post(
        f"/api/s/{opened}/whatif", json={"changes": changes, "issue": "ceasefire"}
    )
    assert response.status_code == 400
    assert problem in response.json()["error"]
    assert "\n" not in response.json()["error"]


def test_the_downloaded_variant_is_a_valid_scenario_with_the_change(client, opened):
    response = client.post(
        f"/api/s/{opened}/variant",
        json={"changes": {"capabilities": {"RUS": 55}}},
    )
    assert response.status_code == 200
    assert "attachment" in response.headers["content-disposition"]
    variant = parse_scenario(response.text, "variant.yaml")
    assert variant.actor("RUS").capability == 55
    assert variant.actor("UKR").capability == 45


def test_deals_for_a_variant(client, opened):
    view = client.post(f"/api/s/{opened}/deals", json={"changes": {}}).json()
    assert [s["name"] for s in view["solutions"]] == [
        "Nash",
        "Kalai-Smorodinsky",
        "egalitarian",
        "utilitarian",
    ]
    # the parties plus every actor whose consent an issue's decision rule requires (issue 9)
    assert view["parties"] == ["US", "RUS", "UKR", "UKC", "EU", "NATO"]


def test_a_bad_upload_gets_the_cli_s_one_line_and_is_not_kept(client):
    bad = b"id: x\ntitle: t\nactors: []\n"
    response = client.post("/upload", content=bad, headers={"X-Filename": "bad.yaml"})
    assert response.status_code == 400
    error = response.json()["error"]
    assert error.startswith("bad.yaml") and "\n" not in error
    assert "/s/" not in response.text


def test_uploads_over_the_limit_are_refused(client):
    response = client.post(
        "/upload", content=b"#" * (MAX_UPLOAD + 1), headers={"X-Filename": "big.yaml"}
    )
    assert response.status_code == 413
    assert "10 MB" in response.json()["error"]


def test_a_good_upload_opens(client):
    text = (EXAMPLES / CASE).read_bytes()
    response = client.post("/upload", content=text, headers={"X-Filename": "../../etc/x.yaml"})
    assert response.status_code == 200
    assert client.get(response.json()["url"]).status_code == 200


def test_posts_need_the_csrf_token_and_the_same_origin(opened):
    with TestClient(create_app([EXAMPLES])) as c:
        assert c.post("/upload", content=b"x").status_code == 403
        token = csrf_of(c.get("/").text)
        cross = c.post(
            "/upload",
            content=b"x",
            headers={"X-CSRF-Token": token, "Origin": "http://evil.example"},
        )
        assert cross.status_code == 403


def test_with_a_token_every_request_needs_it():
    with TestClient(create_app([EXAMPLES], token="s3cret-token")) as c:
        for path in ("/", "/static/app.js", f"/open/0/{CASE}", "/s/s1"):
            refused = c.get(path, follow_redirects=False)
            assert refused.status_code == 401, path
            assert "Traceback" not in refused.text
        assert c.get("/", headers={"Authorization": "Bearer wrong"}).status_code == 401
        assert c.get("/", headers={"Authorization": "Bearer s3cret-token"}).status_code == 200
        first = c.get("/?token=s3cret-token", follow_redirects=False)
        assert first.status_code == 303 and "token" not in first.headers["location"]
        cookie = first.headers["set-cookie"]
        assert "HttpOnly" in cookie and "SameSite=strict" in cookie
        assert c.get("/").status_code == 200  # the cookie now carries the token


def test_loopback_refuses_other_host_headers():
    with TestClient(create_app([EXAMPLES], hosts=["127.0.0.1:8000"])) as c:
        assert c.get("/", headers={"Host": "attacker.example"}).status_code == 403
        assert c.get("/", headers={"Host": "127.0.0.1:8000"}).status_code == 200


def test_security_headers(client):
    response = client.get("/")
    assert "default-src 'none'" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"


def test_a_monte_carlo_run_reports_progress_and_its_result(client, opened):
    started = client.post(
        f"/api/s/{opened}/jobs",
        json={"changes": {}, "samples": 400, "seed": 3},
    ).json()
    deadline = time.monotonic() + 60
    state = started
    while state["state"] == "running" and time.monotonic() < deadline:
        time.sleep(0.1)
        state = client.get(f"/api/jobs/{started['id']}").json()
    assert state["state"] == "done"
    assert state["done"] == state["total"] > 1
    assert "400 Monte Carlo samples" in state["html"]


def test_a_cancelled_run_stops(client, opened):
    started = client.post(
        f"/api/s/{opened}/jobs", json={"changes": {}, "samples": 40_000, "seed": 3}
    ).json()
    client.post(f"/api/jobs/{started['id']}/cancel")
    deadline = time.monotonic() + 60
    state = started
    while state["state"] == "running" and time.monotonic() < deadline:
        time.sleep(0.1)
        state = client.get(f"/api/jobs/{started['id']}").json()
    assert state["state"] == "cancelled"
    assert state["done"] < state["total"] or state["total"] == 0


@pytest.mark.parametrize("samples", [0, -5, True, "many", 10**7])
def test_bad_run_sizes_are_refused(client, opened, samples):
    response = client.post(f"/api/s/{opened}/jobs", json={"changes": {}, "samples": samples})
    assert response.status_code == 400


def test_each_variant_s_deals_are_analysed_once(monkeypatch):
    import accord.web.app as web_app

    calls = []
    real = web_app.deals_for_report

    def counted(scenario):
        calls.append(scenario)
        return real(scenario)

    monkeypatch.setattr(web_app, "deals_for_report", counted)
    small = "emissions-1994.csv"
    with TestClient(create_app([EXAMPLES])) as c:
        c.headers["X-CSRF-Token"] = csrf_of(c.get("/").text)
        key = c.get(f"/open/0/{small}", follow_redirects=False).headers["location"].split("/")[-1]
        page = c.get(f"/s/{key}")
        assert page.status_code == 200 and calls == []  # the page shows before the deals
        assert 'data-deals="pending"' in page.text and "being analysed" in page.text
        first = c.post(f"/api/s/{key}/deals", json={"changes": {}}).json()  # analysis 1
        assert len(calls) == 1 and first["solutions"]
        report = c.post(f"/api/s/{key}/report", json={"changes": {}}).json()["html"]
        assert len(calls) == 1  # the page's script completes the report from the same analysis
        assert "being analysed" not in report and "Pareto-optimal" in report
        stake = calls[0].stakes[0]
        low = calls[0].issue(stake.issue).low
        moved = {"stakes": [{"actor": stake.actor, "issue": stake.issue, "position": low}]}
        c.post(f"/api/s/{key}/deals", json={"changes": moved})
        assert len(calls) == 2  # a new variant: analysed
        again = c.post(f"/api/s/{key}/deals", json={"changes": {}}).json()  # back to the start
        assert len(calls) == 2 and again == first
        assert calls[1].stakes[0].position == low
