"""``accord serve``: a local web app to open a scenario, read its report and ask "what if".

Needs the ``web`` extra (``pip install 'accord[web]'``: Starlette and uvicorn). The pages are
rendered on the server from the report's own section builders (:mod:`accord.report.html`); the
one script and style sheet are served from this package, never from a CDN. See
:mod:`accord.web.app` for the routes and the security rules.
"""

from __future__ import annotations

from accord.web.app import MAX_UPLOAD, create_app

__all__ = ["MAX_UPLOAD", "create_app"]
