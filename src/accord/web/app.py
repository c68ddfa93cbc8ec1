"""The Starlette application behind ``accord serve``: routes, pages and security.

Routes
------
``GET /``                      the scenario files found in the folders given, and an upload box
``GET /open/{root}/{name}``    open one of those files (only names that the listing shows)
``POST /upload``               a scenario file as the request body (at most 10 MB)
``GET /s/{key}``               the scenario's what-if panel and its report, live
``POST /api/s/{key}/whatif``   forecasts, red lines and the position map for a set of changes
``POST /api/s/{key}/deals``    the bargaining solutions for a set of changes
``POST /api/s/{key}/report``   the report's sections for a set of changes
``POST /api/s/{key}/variant``  the changed scenario as a YAML file to download
``POST /api/s/{key}/jobs``     start a Monte Carlo run; ``GET /api/jobs/{id}`` its progress,
                               ``POST /api/jobs/{id}/cancel`` cancels it
``GET /static/...``            the page's one script and its style sheets, from this package

Security
--------
- Binds to 127.0.0.1 unless told otherwise; the CLI refuses another host without a token and
  generates one when none is given.
- With a token set, every request must carry it - ``Authorization: Bearer T``, the HttpOnly
  cookie set when ``?token=T`` is first used on a page, or that query parameter itself -
  or gets 401, compared in constant time (:func:`hmac.compare_digest`).
- State-changing requests (every POST) need the page's CSRF token in an ``X-CSRF-Token``
  header, which another site's form or script cannot set, and a same-origin ``Origin``.
- On loopback, requests for another ``Host`` are refused (DNS rebinding).
- Only the files listed from the folders given on the command line can be opened, by their
  listed name (the path is resolved and must stay inside the folder); uploads are parsed in
  memory with the CLI's validation and nothing is kept when a file is bad.
- Errors are one line; a failure inside the app answers "internal error", never a traceback.
- Responses carry a Content-Security-Policy that allows only this server's own script.
"""

from __future__ import annotations

import hmac
import json
import secrets
import sys
import threading
import time
from collections import OrderedDict
from collections.abc import Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.requests import Request
from starlette.responses import (
    HTMLResponse,
    JSONResponse,
    PlainTextResponse,
    RedirectResponse,
    Response,
)
from starlette.routing import Route

from accord.io import MAX_BYTES, InputError, decode_text, dump_scenario, parse_scenario
from accord.models import MODELS, Model
from accord.report.html import STYLE, ReportData, Section, deals_for_report, render_sections
from accord.scenario import Scenario
from accord.web import pages
from accord.web.jobs import Busy, Jobs
from accord.web.whatif import ChangeError, apply_changes, deals_view, forecast_view

if TYPE_CHECKING:
    from accord.deals import DealAnalysis

__all__ = ["MAX_SAMPLES", "MAX_UPLOAD", "create_app"]

#: The upload limit, the same as the CLI's file limit (10 MB).
MAX_UPLOAD = MAX_BYTES
#: The largest Monte Carlo run the app starts.
MAX_SAMPLES = 100_000
_SUFFIXES = (".yaml", ".yml", ".json", ".csv")
_COOKIE = "accord_token"
_KEEP = 20  # scenarios kept in memory (oldest dropped first)
_PENDING = "The package deals are being analysed; they appear here when ready."


@dataclass(frozen=True)
class _Loaded:
    scenario: Scenario
    source: str


def _models() -> dict[str, Model]:
    return {name: cls() for name, cls in MODELS.items()}


class _Security(BaseHTTPMiddleware):
    """Token, CSRF, host and error rules (see the module docstring)."""

    def __init__(
        self, app: Any, *, token: str | None, csrf: str, hosts: Sequence[str] | None
    ) -> None:
        super().__init__(app)
        self.token = token
        self.csrf = csrf
        self.hosts = set(hosts) if hosts else None

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        if self.hosts is not None and request.headers.get("host", "") not in self.hosts:
            return PlainTextResponse("accord: unexpected Host header", status_code=403)
        from_query = False
        if self.token is not None:
            supplied = ""
            auth = request.headers.get("authorization", "")
            if auth.lower().startswith("bearer "):
                supplied = auth[7:].strip()
            elif _COOKIE in request.cookies:
                supplied = request.cookies[_COOKIE]
            elif "token" in request.query_params:
                supplied = request.query_params["token"]
                from_query = True
            if not hmac.compare_digest(supplied.encode(), self.token.encode()):
                return PlainTextResponse(
                    "accord: a token is required (open the URL that accord serve printed)",
                    status_code=401,
                    headers={"WWW-Authenticate": "Bearer"},
                )
        if request.method == "POST":
            origin = request.headers.get("origin")
            if origin is not None and origin.split("://", 1)[-1] != request.headers.get("host"):
                return PlainTextResponse("accord: cross-origin request refused", status_code=403)
            sent = request.headers.get("x-csrf-token", "")
            if not hmac.compare_digest(sent.encode(), self.csrf.encode()):
                return PlainTextResponse("accord: missing or wrong CSRF token", status_code=403)
        if from_query and request.method == "GET":
            # Swap the token in the address for an HttpOnly cookie, and drop it from the URL.
            query = "&".join(
                f"{k}={v}" for k, v in request.query_params.multi_items() if k != "token"
            )
            response: Response = RedirectResponse(
                request.url.path + (f"?{query}" if query else ""), status_code=303
            )
            response.set_cookie(
                _COOKIE, self.token or "", httponly=True, samesite="strict", path="/"
            )
            return response
        try:
            response = await call_next(request)
        except Exception as exc:  # never a traceback in a response
            sys.stderr.write(f"accord serve: internal error: {type(exc).__name__}: {exc}\n")
            return PlainTextResponse("accord: internal error", status_code=500)
        response.headers["Content-Security-Policy"] = (
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
        )
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response


def _sections(
    scenario: Scenario, models: dict[str, Model], deals: tuple[DealAnalysis | None, str | None]
) -> list[Section]:
    forecasts = tuple(m.predict(scenario) for m in models.values())
    analysis, note = deals
    return render_sections(ReportData(scenario, forecasts, deals=analysis, deals_note=note))


class _DealsCache:
    """Package-deal analyses by scenario and what-if changes, the last few kept.

    The analysis of a large outcome space takes seconds (the case study's 48.8 million
    packages about 2 s) and the page asks for the same one several times - the report at page
    load and the live panel at once, again after a reset or when a slider returns to a value -
    so each variant is analysed once: a request for a variant being analysed waits for that
    run instead of starting another one on the same cores.
    """

    def __init__(self, keep: int = 8) -> None:
        self._results: OrderedDict[str, Future[tuple[DealAnalysis | None, str | None]]] = (
            OrderedDict()
        )
        self._lock = threading.Lock()
        self._keep = keep

    def get(
        self, key: str, changes: Any, scenario: Scenario
    ) -> tuple[DealAnalysis | None, str | None]:
        ident = key + "\n" + json.dumps(changes, sort_keys=True, allow_nan=False)
        with self._lock:
            future = self._results.get(ident)
            owner = future is None
            if future is None:
                future = self._results[ident] = Future()
                while len(self._results) > self._keep:
                    self._results.popitem(last=False)
            else:
                self._results.move_to_end(ident)
        if owner:
            try:
                future.set_result(deals_for_report(scenario))
            except BaseException as exc:
                future.set_exception(exc)
                with self._lock:
                    self._results.pop(ident, None)
        return future.result()


def _error(message: str, status: int = 400) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


def create_app(
    paths: Sequence[str | Path] = (),
    *,
    token: str | None = None,
    hosts: Sequence[str] | None = None,
) -> Starlette:
    """The app serving the scenario files in ``paths`` (files, or folders of them).

    ``token``: required on every request when set. ``hosts``: the ``Host`` headers accepted
    (None: any; ``accord serve`` passes the loopback names when it binds to loopback).
    """
    roots = [Path(p).resolve() for p in paths]
    csrf = secrets.token_urlsafe(24)
    loaded: OrderedDict[str, _Loaded] = OrderedDict()
    jobs = Jobs()
    deal_cache = _DealsCache()
    models = _models()
    counter = iter(range(1, 1 << 62))

    def listing() -> list[tuple[int, list[str]]]:
        out = []
        for k, root in enumerate(roots):
            if root.is_dir():
                names = sorted(
                    f.name
                    for f in root.iterdir()
                    if f.is_file() and f.suffix.lower() in _SUFFIXES and f.resolve().parent == root
                )
            else:
                names = [root.name] if root.is_file() else []
            out.append((k, names))
        return out

    def keep(scenario: Scenario, source: str) -> str:
        key = f"s{next(counter)}"
        loaded[key] = _Loaded(scenario, source)
        while len(loaded) > _KEEP:
            loaded.popitem(last=False)
        return key

    def scenario_of(request: Request) -> _Loaded | None:
        return loaded.get(request.path_params["key"])

    async def changes_of(request: Request, item: _Loaded) -> tuple[Scenario, dict[str, Any]]:
        body = await request.body()
        if len(body) > 1_000_000:
            raise ChangeError("changes: request too large")
        try:
            payload = json.loads(body or b"{}")
        except (ValueError, RecursionError):
            raise ChangeError("changes: not valid JSON") from None
        if not isinstance(payload, dict):
            raise ChangeError("changes: expected an object")
        return apply_changes(item.scenario, payload.get("changes", {})), payload

    async def index(request: Request) -> Response:
        return HTMLResponse(pages.index_page(roots, listing(), csrf))

    async def open_file(request: Request) -> Response:
        k, name = int(request.path_params["root"]), request.path_params["name"]
        names = dict(listing()).get(k, [])
        if name not in names:
            return PlainTextResponse("accord: no such file in the folders served", 404)
        root = roots[k]
        path = root / name if root.is_dir() else root
        try:
            from accord.io import load_scenario

            scenario = load_scenario(path)
        except InputError as exc:
            return HTMLResponse(pages.index_page(roots, listing(), csrf, error=str(exc)), 400)
        return RedirectResponse(f"/s/{keep(scenario, name)}", status_code=303)

    async def upload(request: Request) -> Response:
        name = Path(request.headers.get("x-filename", "upload.yaml")).name or "upload.yaml"
        declared = request.headers.get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > MAX_UPLOAD:
            return _error(f"{name}: file is {int(declared) / 1e6:.1f} MB; the limit is 10 MB", 413)
        chunks, size = [], 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > MAX_UPLOAD:
                return _error(f"{name}: file is over the 10 MB limit", 413)
            chunks.append(chunk)
        try:
            scenario = parse_scenario(decode_text(b"".join(chunks), name), name)
        except InputError as exc:
            return _error(str(exc))
        return JSONResponse({"url": f"/s/{keep(scenario, name)}"})

    async def scenario_page(request: Request) -> Response:
        item = scenario_of(request)
        if item is None:
            return RedirectResponse("/", status_code=303)
        # The page shows at once; the package deals (seconds for a large outcome space) follow
        # through the live panel and the report's refresh, which share one analysis.
        sections = await run_in_threadpool(_sections, item.scenario, models, (None, _PENDING))
        return HTMLResponse(
            pages.scenario_page(
                request.path_params["key"],
                item.scenario,
                item.source,
                sections,
                csrf,
                pending=True,
            )
        )

    async def whatif(request: Request) -> Response:
        item = scenario_of(request)
        if item is None:
            return _error("this scenario is no longer open; open it again", 404)
        started = time.perf_counter()
        try:
            variant, payload = await changes_of(request, item)
        except ChangeError as exc:
            return _error(str(exc))
        issue = payload.get("issue")
        if not isinstance(issue, str) or issue not in {i.id for i in variant.issues}:
            return _error(f"issue: no issue {issue!r} in this scenario")
        view = await run_in_threadpool(forecast_view, variant, models, issue)
        view["figure"] = pages.positions_svg(variant, issue, view["forecasts"])
        del view["forecasts"]
        view["server_ms"] = round(1000 * (time.perf_counter() - started), 1)
        return JSONResponse(view)

    async def deals(request: Request) -> Response:
        item = scenario_of(request)
        if item is None:
            return _error("this scenario is no longer open; open it again", 404)
        try:
            variant, payload = await changes_of(request, item)
        except ChangeError as exc:
            return _error(str(exc))
        key = request.path_params["key"]
        deals = await run_in_threadpool(deal_cache.get, key, payload.get("changes", {}), variant)
        return JSONResponse(deals_view(deals))

    async def report(request: Request) -> Response:
        item = scenario_of(request)
        if item is None:
            return _error("this scenario is no longer open; open it again", 404)
        try:
            variant, payload = await changes_of(request, item)
        except ChangeError as exc:
            return _error(str(exc))
        key = request.path_params["key"]
        deals = await run_in_threadpool(deal_cache.get, key, payload.get("changes", {}), variant)
        built = await run_in_threadpool(_sections, variant, models, deals)
        return JSONResponse({"html": pages.sections_html(built)})

    async def variant(request: Request) -> Response:
        item = scenario_of(request)
        if item is None:
            return _error("this scenario is no longer open; open it again", 404)
        try:
            changed, _ = await changes_of(request, item)
        except ChangeError as exc:
            return _error(str(exc))
        text = dump_scenario(changed, "yaml")
        name = f"{changed.id}-variant.yaml"
        return Response(
            text,
            media_type="application/x-yaml",
            headers={"Content-Disposition": f'attachment; filename="{name}"'},
        )

    async def start_job(request: Request) -> Response:
        item = scenario_of(request)
        if item is None:
            return _error("this scenario is no longer open; open it again", 404)
        try:
            changed, payload = await changes_of(request, item)
        except ChangeError as exc:
            return _error(str(exc))
        samples, seed = payload.get("samples", 10_000), payload.get("seed")
        if isinstance(samples, bool) or not isinstance(samples, int) or samples < 1:
            return _error("samples: expected a positive integer")
        if samples > MAX_SAMPLES:
            return _error(f"samples: at most {MAX_SAMPLES:,} in the app (use the CLI for more)")
        if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int) or seed < 0):
            return _error("seed: expected a non-negative integer")
        try:
            job = jobs.start(
                lambda progress: pages.monte_carlo_html(changed, models, samples, seed, progress)
            )
        except Busy as exc:
            return _error(str(exc), 409)
        return JSONResponse(job.to_dict())

    async def job_status(request: Request) -> Response:
        job = jobs.get(request.path_params["job"])
        if job is None:
            return _error("no such run", 404)
        out = job.to_dict()
        if job.state == "done":
            out["html"] = job.result
        return JSONResponse(out)

    async def cancel_job(request: Request) -> Response:
        job = jobs.cancel(request.path_params["job"])
        if job is None:
            return _error("no such run", 404)
        return JSONResponse(job.to_dict())

    async def static(request: Request) -> Response:
        name = request.path_params["name"]
        if name == "report.css":
            return Response(STYLE, media_type="text/css")
        files = {"app.js": "application/javascript", "app.css": "text/css"}
        if name not in files:
            return PlainTextResponse("accord: not found", 404)
        text = resources.files("accord.web").joinpath("static", name).read_text("utf-8")
        return Response(text, media_type=files[name], headers={"Cache-Control": "no-cache"})

    routes = [
        Route("/", index),
        Route("/open/{root:int}/{name}", open_file),
        Route("/upload", upload, methods=["POST"]),
        Route("/s/{key}", scenario_page),
        Route("/api/s/{key}/whatif", whatif, methods=["POST"]),
        Route("/api/s/{key}/deals", deals, methods=["POST"]),
        Route("/api/s/{key}/report", report, methods=["POST"]),
        Route("/api/s/{key}/variant", variant, methods=["POST"]),
        Route("/api/s/{key}/jobs", start_job, methods=["POST"]),
        Route("/api/jobs/{job}", job_status),
        Route("/api/jobs/{job}/cancel", cancel_job, methods=["POST"]),
        Route("/static/{name}", static),
    ]
    middleware = [Middleware(_Security, token=token, csrf=csrf, hosts=hosts)]
    return Starlette(routes=routes, middleware=middleware)
