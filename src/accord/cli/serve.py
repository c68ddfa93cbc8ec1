"""``accord serve``: the local web app (needs ``pip install 'accord[web]'``)."""

from __future__ import annotations

import ipaddress
import secrets
import sys
from pathlib import Path
from typing import Annotated

import typer

from accord.cli._app import app, fail, guarded

LOOPBACK_NAMES = ("localhost",)


def _is_loopback(host: str) -> bool:
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@app.command()
def serve(
    files: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[FILE...]",
            help="Scenario files or folders of them that the app may open (nothing else).",
        ),
    ] = None,
    host: Annotated[
        str,
        typer.Option(
            metavar="ADDRESS", help="Address to listen on; anything but loopback needs a token."
        ),
    ] = "127.0.0.1",
    port: Annotated[
        int, typer.Option(metavar="PORT", help="Port to listen on (0: any free port).")
    ] = 8000,
    token: Annotated[
        str | None,
        typer.Option(
            metavar="T",
            help="Require this token on every request (generated when --host is not loopback).",
        ),
    ] = None,
) -> None:
    """A local web app: open a scenario, read its report, move what-if sliders."""
    with guarded():
        try:
            import uvicorn

            from accord.web import create_app
        except ImportError:
            fail("accord serve needs the web extra: pip install 'accord[web]'")
        paths = files or []
        for path in paths:
            if not Path(path).exists():
                fail(f"{path}: no such file or folder")
        if not 0 <= port <= 65535:
            fail(f"--port {port}: expected 0 to 65535")
        if token is not None and len(token) < 8:
            fail("--token: use at least 8 characters")
        loopback = _is_loopback(host)
        if token is None and not loopback:
            token = secrets.token_urlsafe(24)
        hosts = None
        if loopback:
            hosts = [f"{name}:{port}" for name in ("127.0.0.1", "localhost", "[::1]")]
            if port == 0:
                hosts = None  # the port is only known once bound; the token rules still apply
        application = create_app(paths, token=token, hosts=hosts)
        shown = f"[{host}]" if ":" in host else host
        url = f"http://{shown}:{port}/" + (f"?token={token}" if token else "")
        sys.stderr.write(f"accord serve: open {url}  (Ctrl-C stops it)\n")
        sys.stderr.flush()
        try:
            uvicorn.run(application, host=host, port=port, log_level="warning")
        except OSError as exc:
            fail(f"--host {host} --port {port}: cannot listen: {exc.strerror or exc}")
