"""The ``accord`` command line.

Each command is a thin function here that parses its options; the work is imported when the
command runs, so that ``accord`` starts fast whichever command is asked for. Problems with
input become one line on stderr and exit status 2 (see :func:`accord.cli._app.guarded`).
"""

from __future__ import annotations

from accord.cli import backtest as _backtest  # noqa: F401  (registers the command)
from accord.cli import convert as _convert  # noqa: F401
from accord.cli import deals as _deals  # noqa: F401
from accord.cli import diff as _diff  # noqa: F401
from accord.cli import evidence as _evidence  # noqa: F401
from accord.cli import forecast as _forecast  # noqa: F401
from accord.cli import gaps as _gaps  # noqa: F401
from accord.cli import history as _history  # noqa: F401
from accord.cli import models as _models  # noqa: F401
from accord.cli import report as _report  # noqa: F401
from accord.cli import seals as _seals  # noqa: F401
from accord.cli import serve as _serve  # noqa: F401
from accord.cli import simulate as _simulate  # noqa: F401
from accord.cli import truce as _truce  # noqa: F401
from accord.cli._app import app, main

__all__ = ["app", "main"]
