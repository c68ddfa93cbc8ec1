"""``accord models``: the registered forecasting models and their hyperparameters."""

from __future__ import annotations

from accord.cli._app import app, guarded, stdout_console


@app.command("models")
def list_models() -> None:
    """List the registered forecasting models."""
    with guarded():
        from rich.table import Table

        from accord.models import MODELS

        table = Table(header_style="bold")
        table.add_column("Name")
        table.add_column("Model")
        table.add_column("Hyperparameters (the defaults, as applied)")
        for name, cls in MODELS.items():
            model = cls()
            given = model.effective_params()
            params = ", ".join(
                f"{k}={v!r}" if given[k] is not None else f"{k}: {v}"
                for k, v in model.applied_params().items()
            )
            table.add_row(name, cls.summary, params or "-")
        stdout_console().print(table)
