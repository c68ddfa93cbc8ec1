"""A throwaway PostgreSQL server for the tests: initdb + pg_ctl in a temporary folder.

The server listens only on a Unix socket in that folder (no TCP port), trusts local
connections, and is stopped and deleted when the test session ends. PostgreSQL refuses to run
as root, so as root the server runs as the ``postgres`` system user (created by Debian's
package) through ``runuser``. When anything is missing, :func:`start` returns the reason and
the PostgreSQL tests skip with it.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Server:
    folder: Path
    bin: Path
    user: str | None

    @property
    def url(self) -> str:
        return f"postgresql://postgres@/accord_test?host={self.folder}"

    def _run(self, *args: str) -> subprocess.CompletedProcess[str]:
        command = [str(self.bin / args[0]), *args[1:]]
        if self.user:
            command = ["runuser", "-u", self.user, "--", *command]
        return subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.folder / "data"), "-m", "immediate", "stop")
        shutil.rmtree(self.folder, ignore_errors=True)


def start() -> tuple[Server | None, str]:
    """Start a server; ``(server, "")`` or ``(None, why it could not start)``."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return None, "psycopg is not installed (pip install 'accord[postgres]')"
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    initdb = found[-1] if found else shutil.which("initdb")
    if not initdb:
        return None, "no PostgreSQL server binaries (apt-get install postgresql)"
    user = None
    if os.geteuid() == 0:
        if shutil.which("runuser") is None:
            return None, "running as root and runuser is missing"
        user = "postgres"
    folder = Path(tempfile.mkdtemp(prefix="accord-pg-"))
    folder.chmod(0o777)
    server = Server(folder, Path(initdb).parent, user)
    steps = [
        (
            "initdb",
            "-N",
            "-D",
            str(folder / "data"),
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8",
        ),
        (
            "pg_ctl",
            "-D",
            str(folder / "data"),
            "-w",
            "-t",
            "60",
            "-l",
            str(folder / "log"),
            "-o",
            f"-k {folder} -c listen_addresses='' -c fsync=off",
            "start",
        ),
        ("createdb", "-h", str(folder), "-U", "postgres", "accord_test"),
    ]
    for step in steps:
        try:
            done = server._run(*step)
        except (OSError, subprocess.TimeoutExpired) as exc:
            done = None
            reason = f"{step[0]} failed: {exc}"
        else:
            reason = f"{step[0]} failed: {(done.stderr or done.stdout).strip()[:300]}"
        if done is None or done.returncode != 0:
            server.stop()
            return None, reason
    return server, ""
