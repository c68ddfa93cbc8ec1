"""accord serve on the command line: a real server process, its token, and bad options."""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from cli_inprocess import accord
from conftest import EXAMPLES

pytest.importorskip("uvicorn", reason="the web extra is not installed")


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def status_of(url: str, headers: dict[str, str] | None = None) -> int:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return int(exc.code)


def test_a_served_app_refuses_requests_without_its_token():
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "accord", "serve", str(EXAMPLES), "--port", str(port),
         "--token", "cli-test-token"],
        stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        banner = server.stderr.readline()
        assert f"http://127.0.0.1:{port}/?token=cli-test-token" in banner
        base = f"http://127.0.0.1:{port}/"
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                code = status_of(base)
                break
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.2)
        assert code == 401
        assert status_of(base, {"Authorization": "Bearer cli-test-token"}) == 200
        assert (
            status_of(base, {"Host": "evil.example", "Authorization": "Bearer cli-test-token"})
            == 403
        )
    finally:
        server.terminate()
        server.wait(timeout=20)
        server.stderr.close()


@pytest.mark.parametrize(
    ("args", "problem"),
    [
        (["no-such-folder"], "no-such-folder: no such file or folder"),
        (["--port", "70000"], "--port 70000"),
        (["--token", "short"], "at least 8 characters"),
    ],
)
def test_bad_serve_options_are_one_line(args, problem):
    done = accord("serve", *args)
    assert done.returncode == 2
    assert problem in done.stderr and len(done.stderr.strip().splitlines()) == 1


def test_serve_without_the_web_extra_names_it(tmp_path):
    blocker = tmp_path / "block" / "uvicorn"
    blocker.mkdir(parents=True)
    (blocker / "__init__.py").write_text("raise ImportError('blocked for the test')\n")
    done = subprocess.run(
        [sys.executable, "-m", "accord", "serve", str(EXAMPLES)],
        capture_output=True, text=True, timeout=60,
        env={"PATH": "", "PYTHONPATH": str(tmp_path / "block")},
    )  # fmt: skip
    assert done.returncode == 2
    assert "pip install 'accord[web]'" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
