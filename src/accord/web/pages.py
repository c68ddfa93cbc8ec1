"""The web app's pages, rendered on the server as plain HTML strings.

Every piece of scenario or file text is escaped where it enters a page; the report's own
section builders (:mod:`accord.report.html`) supply the report views, and the page's behaviour
is one static script (``static/app.js``) that talks to the JSON routes of :mod:`accord.web.app`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from html import escape
from pathlib import Path

from accord.forecast import Forecast
from accord.models import Model
from accord.report import figures
from accord.report.figures import num
from accord.report.html import ReportData, Section, render_sections, uncertainty_section
from accord.report.svg import to_svg
from accord.scenario import Scenario

__all__ = [
    "index_page",
    "monte_carlo_html",
    "positions_svg",
    "scenario_page",
    "sections_html",
]


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _page(title: str, body: str, csrf: str) -> str:
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<link rel="icon" href="data:,">'
        f'<meta name="csrf-token" content="{_e(csrf)}">'
        f"<title>{_e(title)} - accord</title>"
        '<link rel="stylesheet" href="/static/report.css">'
        '<link rel="stylesheet" href="/static/app.css">'
        '<script src="/static/app.js" defer></script></head><body>'
        f'<header class="bar"><a href="/">accord</a></header><main>{body}</main></body></html>\n'
    )


def index_page(
    roots: Sequence[Path],
    listing: Sequence[tuple[int, list[str]]],
    csrf: str,
    *,
    error: str | None = None,
) -> str:
    """The start page: the files that can be opened, and the upload box."""
    groups = []
    for k, names in listing:
        root = roots[k]
        items = "".join(f'<li><a href="/open/{k}/{_e(name)}">{_e(name)}</a></li>' for name in names)
        groups.append(
            f"<section><h3>{_e(root.name or str(root))}</h3>"
            + (f"<ul>{items}</ul>" if items else "<p>No scenario files here.</p>")
            + "</section>"
        )
    files = "".join(groups) or "<p>No folders were given to <code>accord serve</code>.</p>"
    shown = _e(error) if error else ""
    return _page(
        "Open a scenario",
        "<h1>Open a scenario</h1>"
        f'<div class="files">{files}</div>'
        '<h2>Or upload one</h2><form id="upload" class="upload">'
        "<label>Scenario file (YAML, JSON or CSV, at most 10 MB) "
        '<input type="file" id="upload-file" accept=".yaml,.yml,.json,.csv"></label> '
        '<button type="submit">Upload and open</button></form>'
        f'<p id="upload-error" class="error" role="alert">{shown}</p>',
        csrf,
    )


def positions_svg(scenario: Scenario, issue_id: str, forecasts: Sequence[Forecast]) -> str:
    """The position map of one issue as inline SVG."""
    figure = figures.positions_figure(scenario, issue_id, forecasts)
    return to_svg(figure, f"live-{issue_id}")


def sections_html(sections: Sequence[Section]) -> str:
    return "".join(
        f'<section id="r-{_e(s.id)}" class="part"><h2>{_e(s.title)}</h2>{s.body}</section>'
        for s in sections
    )


def _slider(
    name: str, label: str, value: float, low: float, high: float, step: float, data: str
) -> str:
    return (
        f'<label class="slider"><span>{_e(label)}</span>'
        f'<input type="range" min="{num(low)}" max="{num(high)}" step="{step:g}" '
        f'value="{num(value)}" data-default="{num(value)}" {data} aria-label="{_e(name)}">'
        f"<output>{num(value)}</output></label>"
    )


def _whatif_panel(key: str, s: Scenario) -> str:
    options = "".join(f'<option value="{_e(i.id)}">{_e(i.label)}</option>' for i in s.issues)
    sets = []
    for n, issue in enumerate(s.issues):
        rows = []
        step = (issue.high - issue.low) / 100
        for stake in s.stakes_on(issue.id):
            actor = s.actor(stake.actor)
            data = f'data-actor="{_e(stake.actor)}" data-issue="{_e(issue.id)}"'
            rows.append(
                f'<div class="stake"><b>{_e(actor.label)}</b>'
                + _slider(
                    f"{actor.label} position on {issue.label}",
                    "position",
                    stake.position,
                    issue.low,
                    issue.high,
                    step,
                    f'{data} data-field="position"',
                )
                + _slider(
                    f"{actor.label} salience of {issue.label}",
                    "salience",
                    stake.salience,
                    0,
                    1,
                    0.01,
                    f'{data} data-field="salience"',
                )
                + "</div>"
            )
        hidden = "" if n == 0 else " hidden"
        sets.append(
            f'<fieldset class="stakes" data-issue="{_e(issue.id)}"{hidden}>'
            f"<legend>{_e(issue.label)}</legend>{''.join(rows)}</fieldset>"
        )
    biggest = max(a.capability for a in s.actors)
    capability = "".join(
        _slider(
            f"capability of {a.label}",
            a.label,
            a.capability,
            0,
            2 * biggest,
            biggest / 100,
            f'data-actor="{_e(a.id)}" data-field="capability"',
        )
        for a in s.actors
    )
    return (
        f'<section id="whatif" data-key="{_e(key)}" aria-label="What if">'
        "<h2>What if</h2>"
        '<p class="help">Move a slider: every model\'s forecast, the red lines and the position '
        "map update at once; the package deals follow.</p>"
        f'<label>Issue <select id="issue">{options}</select></label>'
        '<div class="whatif-grid"><div class="controls">'
        + "".join(sets)
        + f'<fieldset class="capabilities"><legend>Capability (every issue)</legend>{capability}'
        "</fieldset>"
        '<p class="buttons"><button type="button" id="reset">Reset</button> '
        '<button type="button" id="download">Download this variant</button> '
        '<button type="button" id="refresh-report">Update the report below</button></p>'
        '<p id="status" role="status" aria-live="polite"></p>'
        '<p id="whatif-error" class="error" role="alert"></p>'
        '</div><div class="live"><div id="live-figure"></div>'
        '<table id="live-forecasts" class="wide"><caption>Forecasts on this issue</caption>'
        '<thead><tr><th scope="col">Model</th><th scope="col">Forecast</th>'
        '<th scope="col">Nearest label</th></tr></thead><tbody></tbody></table>'
        '<table id="live-red-lines" class="wide"><caption>Red lines on this issue</caption>'
        "<thead></thead><tbody></tbody></table>"
        '<h3>Package deals</h3><div id="live-deals"><p>Computing...</p></div>'
        "</div></div>"
        '<h3>Uncertainty (Monte Carlo)</h3><form id="mc" class="mc">'
        '<label>Samples <input type="number" id="mc-samples" value="10000" min="1" '
        'max="100000"></label> <label>Seed <input type="number" id="mc-seed" value="1" '
        'min="0"></label> <button type="submit" id="mc-run">Run</button> '
        '<button type="button" id="mc-cancel" disabled>Cancel</button> '
        '<progress id="mc-progress" max="1" value="0" hidden></progress> '
        '<span id="mc-status" role="status"></span></form><div id="mc-result"></div>'
        "</section>"
    )


def scenario_page(
    key: str,
    s: Scenario,
    source: str,
    sections: Sequence[Section],
    csrf: str,
    *,
    pending: bool = False,
) -> str:
    """One scenario: the what-if panel, then its report (``pending``: the report's package
    deals are still being analysed; the page's script fetches the full report when ready)."""
    head = (
        f'<h1>{_e(s.title)}</h1><p class="meta">{_e(source)}'
        + (f"; information as of {s.as_of.isoformat()}" if s.as_of else "")
        + "</p>"
    )
    return _page(
        s.title,
        head
        + _whatif_panel(key, s)
        + ('<div id="report" data-deals="pending">' if pending else '<div id="report">')
        + f"{sections_html(sections)}</div>",
        csrf,
    )


def monte_carlo_html(
    scenario: Scenario,
    models: Mapping[str, Model],
    samples: int,
    seed: int | None,
    progress: Callable[[int, int], None],
) -> str:
    """Run Monte Carlo (with progress) and return the report's uncertainty section as HTML."""
    from accord.randomness import as_generator
    from accord.uncertainty import monte_carlo, sensitivity

    _, chosen = as_generator(seed)
    chunk = max(50, samples // 40)  # about 40 progress steps; never changes the results
    mc = monte_carlo(
        [scenario], models, samples=samples, seed=chosen, chunk_size=chunk, progress=progress
    )[0]
    swings = sensitivity(scenario, models, mc)
    forecasts = tuple(m.predict(scenario) for m in models.values())
    data = ReportData(scenario, forecasts, uncertainty=mc, sensitivities=swings)
    built = render_sections(data, (uncertainty_section,))
    return sections_html(built)
