"""The HTML report: one self-contained file that opens offline and reads as a briefing.

The report is a list of *sections*, each built by a function from one :class:`ReportData` (a
scenario and what accord computed for it). :data:`SECTIONS` lists them in reading order; a new
capability joins the report by adding one builder to that tuple (and, if it needs data that is
not there yet, one optional field to :class:`ReportData`, filled by ``accord report``)::

    def coalitions_section(data: ReportData) -> Section | None:
        if data.coalitions is None:       # the new optional field
            return None                   # a section without data is left out
        return Section("coalitions", "Coalitions", "<p>...</p>")

    SECTIONS = (*SECTIONS, coalitions_section)   # or insert it where it reads best

:func:`history_section` (``--db``) and :func:`simulation_section` (``--simulate``) joined this
way: they read the JSON contracts of ``accord history``, ``accord simulate`` and ``accord
truce``, which the CLI computes, so the report never imports the history store or the
simulators.

Figures come from :mod:`accord.report.figures` as inline SVG, so the page makes no network
request at all: no script, no web font, no CDN, and a Content-Security-Policy that forbids them
(``default-src 'none'``) in case a browser is asked to. Every piece of scenario text is escaped
(:func:`html.escape`) where it enters the page, and evidence links become links only for
``http``/``https`` addresses. A print style sheet turns "print to PDF" into a clean briefing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING, Any

from accord.forecast import Forecast
from accord.report import figures
from accord.report.decision import agreement
from accord.report.figures import num
from accord.report.figures.history import snapshot_labels
from accord.report.svg import Figure, to_svg
from accord.scenario import Issue, Scenario, Stake
from accord.winset import required_actors, win_set

if TYPE_CHECKING:
    from accord.deals import DealAnalysis
    from accord.uncertainty import MonteCarlo, Sensitivity

__all__ = [
    "SECTIONS",
    "ReportData",
    "Section",
    "SectionBuilder",
    "deals_for_report",
    "figure_html",
    "render_report",
    "render_sections",
    "tornado_model",
]


@dataclass(frozen=True)
class ReportData:
    """One scenario and the results its report shows (optional parts are None when not run)."""

    scenario: Scenario
    forecasts: tuple[Forecast, ...]
    uncertainty: MonteCarlo | None = None
    sensitivities: dict[str, list[Sensitivity]] | None = None
    deals: DealAnalysis | None = None
    #: Why there is no deals section (e.g. the outcome space is too large), when there is not.
    deals_note: str | None = None
    #: The scenario's snapshots from the history store (the ``accord history --json`` contract
    #: of :mod:`accord.history.timeline`), with ``accord report --db``.
    history: dict[str, Any] | None = None
    #: Why there is no history to show (e.g. no snapshot of this scenario in the store).
    history_note: str | None = None
    #: ``accord simulate --json`` and ``accord truce --json`` of the scenario, with
    #: ``accord report --simulate``; the notes say why one is missing.
    simulation: dict[str, Any] | None = None
    truce: dict[str, Any] | None = None
    simulation_notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Section:
    """A section of the report: an anchor id, a heading and its body (trusted, escaped HTML)."""

    id: str
    title: str
    body: str


SectionBuilder = Callable[[ReportData], Section | None]


def deals_for_report(scenario: Scenario) -> tuple[DealAnalysis | None, str | None]:
    """The package-deal analysis with default conventions, or None and the reason."""
    from accord.deals import OutcomeSpaceTooLarge, analyse_deals

    try:
        return analyse_deals(scenario), None
    except OutcomeSpaceTooLarge as exc:
        return None, f"No package-deal analysis: {exc}."
    except ValueError as exc:
        return None, f"No package-deal analysis: {exc}."


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def figure_html(figure: Figure, ident: str, caption: str = "") -> str:
    """A figure as inline SVG with a caption and its text alternative, visible on request."""
    return (
        f'<figure id="{_e(ident)}">{to_svg(figure, ident)}<figcaption>{caption}'
        f"<details><summary>Text description</summary><p>{_e(figure.description)}</p>"
        f"</details></figcaption></figure>"
    )


def _slug(scenario: Scenario) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "-" for c in scenario.id)


def _label(issue: Issue, value: float) -> str:
    nearest = issue.nearest_label(value)
    if nearest is None:
        return ""
    return f'<span class="label">≈ {num(nearest[0])}: {_e(nearest[1])}</span>'


def _mark(ok: bool | None) -> str:
    if ok is None:
        return ""
    return '<span class="yes">✓ met</span>' if ok else '<span class="no">✗ not met</span>'


def _red_line_holders(scenario: Scenario, issue_id: str) -> list[Stake]:
    return [s for s in scenario.stakes_on(issue_id) if s.reservation is not None]


# --------------------------------------------------------------------------------------------
# Sections


def summary_section(data: ReportData) -> Section:
    """Per issue, every model's forecast with the nearest labelled point, and the red lines."""
    s, fs = data.scenario, data.forecasts
    head = "".join(f"<th>{_e(f.model)}</th>" for f in fs)
    rows = []
    for issue in s.issues:
        cells = "".join(
            f"<td><b>{num(f.value(issue.id))}</b> {_label(issue, f.value(issue.id))}</td>"
            for f in fs
        )
        scale = f"{num(issue.low)}-{num(issue.high)}"
        if issue.status_quo is not None:
            scale += f", status quo {num(issue.status_quo)}"
        outcome = s.outcome.value(issue.id) if s.outcome is not None else None
        known = "" if outcome is None else f"<br><small>known outcome {num(outcome)}</small>"
        rows.append(
            f'<tr><th scope="row">{_e(issue.label)}<br><small>{_e(scale)}</small>{known}</th>'
            f"{cells}</tr>"
        )
    table = (
        f'<table class="wide"><caption>Forecast of each model, on each issue\'s own scale, with '
        f'the nearest labelled point</caption><thead><tr><th scope="col">Issue</th>{head}</tr>'
        f"</thead><tbody>{''.join(rows)}</tbody></table>"
    )
    red = _red_lines_table(data)
    decision = _decision_table(data)
    body = (
        figure_html(
            figures.forecasts_figure(s, fs),
            f"{_slug(s)}-forecasts",
            "Every model's forecast on every issue (hover a marker for its value).",
        )
        + table
        + decision
        + red
    )
    return Section("summary", "Summary", body)


_AGREEMENT_CLASS = {"deal": "yes", "no change": "muted", "no deal": "no", "refused": "no"}


def _decision_table(data: ReportData) -> str:
    """Who must agree on each issue with a decision rule, the win set, and deal or no deal."""
    s, fs = data.scenario, data.forecasts
    no_deal: dict[str, dict[str, float]] = {}
    if data.uncertainty is not None:
        no_deal = {item.issue: dict(item.no_deal) for item in data.uncertainty.issues}
    rows = []
    unstable: dict[str, str] = {}  # no deal at the point values, a deal in most samples
    for issue in s.issues:
        rule = issue.decision
        if rule is None or not rule.binding:
            continue
        profile = s.profile(issue.id)
        win = win_set(profile)
        required = required_actors(profile)
        who = ", ".join(s.actor(a).label for a in required)
        if bool(win.no_deal):
            span = f'<span class="no">only the status quo ({num(win.status_quo or 0.0)})</span>'
        else:
            span = f"{num(float(win.low))} to {num(float(win.high))}"
        cells = []
        for f in fs:
            kind = agreement(win, f.value(issue.id))
            cell = "" if kind is None else f'<span class="{_AGREEMENT_CLASS[kind]}">{kind}</span>'
            chance = no_deal.get(issue.id, {}).get(f.model)
            if chance is not None:
                cell += f"<br><small>P(no deal) {chance:.0%}</small>"
                at_quo = [
                    s.actor(st.actor).label
                    for st in s.stakes_on(issue.id)
                    if st.actor in required and st.position == win.status_quo
                ]
                if kind == "no deal" and chance < 0.5 and at_quo and issue.id not in unstable:
                    unstable[issue.id] = f"{issue.label} ({', '.join(at_quo)})"
            cells.append(f"<td>{cell}</td>")
        rows.append(
            f'<tr><th scope="row">{_e(issue.label)}</th><td>{_e(rule.describe())}'
            f"<br><small>{_e(who)}</small></td><td>{span}</td>{''.join(cells)}</tr>"
        )
    if not rows:
        return ""
    head = "".join(f'<th scope="col">{_e(f.model)}</th>' for f in fs)
    return (
        '<table class="wide decision"><caption>Who must agree: each issue\'s decision rule, '
        "its win set (the outcomes everyone who must agree prefers to the status quo) and "
        "whether each forecast is a deal"
        + (", with the probability of no deal over the Monte Carlo samples" if no_deal else "")
        + '</caption><thead><tr><th scope="col">Issue</th><th scope="col">Who must agree</th>'
        f'<th scope="col">Win set</th>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
        + (
            f'<p class="note">{_e("; ".join(unstable.values()))}: no deal at the point values '
            "but a deal in most samples. P(no deal) counts the samples whose win set holds only "
            "the status quo; the actors named must agree and stand exactly at the status quo, "
            "which blocks every change, but their positions drawn from their ranges rarely sit "
            "exactly there, so most samples open a narrow win set. The no deal rests on those "
            "exact positions.</p>"
            if unstable
            else ""
        )
    )


def _red_lines_table(data: ReportData) -> str:
    s, fs = data.scenario, data.forecasts
    rows = []
    chances: dict[str, dict[str, dict[str, float]]] = {}
    if data.uncertainty is not None:
        for item in data.uncertainty.issues:
            chances[item.issue] = {a: dict(p) for a, p in item.acceptance}
    for issue in s.issues:
        for stake in _red_line_holders(s, issue.id):
            cells = []
            for f in fs:
                cell = _mark(stake.accepts(f.value(issue.id)))
                chance = chances.get(issue.id, {}).get(stake.actor, {}).get(f.model)
                if chance is not None:
                    cell += f"<br><small>{chance:.0%} of samples</small>"
                cells.append(f"<td>{cell}</td>")
            actor = s.actor(stake.actor)
            rows.append(
                f"<tr><td>{_e(issue.label)}</td><td>{_e(actor.label)}</td>"
                f"<td>{num(stake.position)}</td><td>{num(stake.reservation or 0.0)}</td>"
                f"{''.join(cells)}</tr>"
            )
    if not rows:
        return "<p>No actor has a red line (reservation) in this scenario.</p>"
    head = "".join(f'<th scope="col">{_e(f.model)}</th>' for f in fs)
    return (
        '<table class="wide"><caption>Red lines: is each forecast within what the actor accepts '
        "(no further from its position than its reservation)?"
        + (" With Monte Carlo, the share of samples in which it is." if chances else "")
        + '</caption><thead><tr><th scope="col">Issue</th><th scope="col">Actor</th>'
        f'<th scope="col">Position</th><th scope="col">Red line</th>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def positions_section(data: ReportData) -> Section:
    """A position map per issue, with the full text of the scale's labelled points."""
    s = data.scenario
    parts = []
    for issue in s.issues:
        labels = "".join(f"<li><b>{num(v)}</b>: {_e(text)}</li>" for v, text in issue.labels)
        about = f"<p>{_e(issue.description)}</p>" if issue.description else ""
        scale = (
            f"<details><summary>The scale</summary><ul>{labels}</ul></details>" if labels else ""
        )
        parts.append(
            f'<section class="issue"><h3>{_e(issue.label)}</h3>{about}'
            + figure_html(
                figures.positions_figure(s, issue.id, data.forecasts),
                f"{_slug(s)}-positions-{_e(issue.id)}",
                "Circle size: capability; shade: salience; bar: the outcomes the actor accepts.",
            )
            + scale
            + "</section>"
        )
    return Section("positions", "Where the actors stand", "".join(parts))


def trajectory_section(data: ReportData) -> Section | None:
    """The dynamic models' rounds, issue by issue: the expected-utility model's rounds and the
    states of KTAB's spatial model."""
    s = data.scenario
    parts = []
    for f in data.forecasts:
        for issue in s.issues:
            figure = figures.trajectory_figure(s, issue.id, f)
            if figure is not None:
                parts.append(
                    figure_html(
                        figure,
                        f"{_slug(s)}-{_e(f.model)}-rounds-{_e(issue.id)}",
                        f"{_e(issue.label)}: each actor's position after each "
                        + (
                            f"state of the {_e(f.model)} model (KTAB's spatial model, all issues "
                            "bargained together); dashed: the capability-weighted mean position."
                            if f[issue.id].spatial
                            else f"round of the {_e(f.model)} model; dashed: the weighted median."
                        ),
                    )
                )
    if not parts:
        return None
    return Section("rounds", "How the rounds move", "".join(parts))


def tornado_model(forecasts: Sequence[Forecast]) -> Forecast:
    """The model whose tornado the report shows: the expected-utility model when it ran."""
    for f in forecasts:
        if f.model == "bdm":
            return f
    return forecasts[0]


def uncertainty_section(data: ReportData) -> Section | None:
    """With Monte Carlo: each model's forecast distribution, and what moves the forecast."""
    if data.uncertainty is None:
        return None
    s, mc = data.scenario, data.uncertainty
    chosen = tornado_model(data.forecasts)
    parts = [
        f"<p>{mc.samples:,} Monte Carlo samples of the inputs' ranges (seed {mc.seed}; the same "
        "seed reproduces every number). Tornado charts show the "
        f"<b>{_e(chosen.model)}</b> model; each issue's other models are one click further "
        "down, and every swing in numbers is in <code>accord forecast --sensitivity</code>.</p>"
    ]
    for issue in s.issues:
        parts.append(f'<section class="issue"><h3>{_e(issue.label)}</h3>')
        parts.append(
            figure_html(
                figures.distribution_figure(s, issue.id, mc, data.forecasts),
                f"{_slug(s)}-distribution-{_e(issue.id)}",
                "Share of samples per bin; thick line: 80% interval; thin line: 95%.",
            )
        )
        if data.sensitivities is not None:
            swings = data.sensitivities[issue.id]
            parts.append(
                figure_html(
                    figures.tornado_figure(s, issue.id, swings, chosen),
                    f"{_slug(s)}-tornado-{_e(issue.id)}",
                    _TORNADO_CAPTION,
                )
            )
            others = [f for f in data.forecasts if f.model != chosen.model]
            if others:
                parts.append(
                    '<details class="tornados"><summary>What moves the other models\' '
                    f"forecasts: {_e(', '.join(f.model for f in others))}</summary>"
                    + "".join(
                        figure_html(
                            figures.tornado_figure(s, issue.id, swings, f),
                            f"{_slug(s)}-tornado-{_e(f.model)}-{_e(issue.id)}",
                            _TORNADO_CAPTION,
                        )
                        for f in others
                    )
                    + "</details>"
                )
        parts.append("</section>")
    return Section("uncertainty", "How sure: distributions and what drives them", "".join(parts))


_TORNADO_CAPTION = (
    "Each bar: the forecast with one input at the low (sky blue) and at the high (vermillion) "
    "end of its range, every other input at its value."
)


def deals_section(data: ReportData) -> Section | None:
    """Package deals: the frontier pair by pair, the four solutions, the zone, the logrolls."""
    if data.deals is None:
        if data.deals_note is None:
            return None
        return Section("deals", "Package deals", f"<p>{_e(data.deals_note)}</p>")
    a, s = data.deals, data.scenario
    parts = [
        f"<p>{a.outcomes:,} possible packages over {len(a.space.issues)} issues for the parties "
        f"{_e(', '.join(a.parties))}; {len(a.frontier):,} of them are Pareto-optimal. "
        + (
            f"{a.zopa.size:,} packages are acceptable to every party (the zone of possible "
            "agreement)."
            if a.zopa.exists
            else "No package is acceptable to every party: there is no zone of agreement."
        )
        + "</p>",
        figure_html(
            figures.frontier_figure(a),
            f"{_slug(s)}-frontier",
            "Each panel: the frontier's packages in two parties' utilities; dashed lines: their "
            "reservation utilities.",
        ),
    ]
    head = "".join(f'<th scope="col">{_e(title)}</th>' for _, title, _ in figures.SOLUTIONS)
    rows = []
    for issue_id in a.space.issues:
        issue = s.issue(issue_id)
        cells = []
        for key, _, _ in figures.SOLUTIONS:
            package = a.solution(key).package
            value = dict(package)[issue_id] if package is not None else None
            cells.append("<td>-</td>" if value is None else f"<td>{num(value)}</td>")
        rows.append(f'<tr><th scope="row">{_e(issue.label)}</th>{"".join(cells)}</tr>')
    for party in a.parties:
        cells = []
        for key, _, _ in figures.SOLUTIONS:
            solution = a.solution(key)
            u = dict(solution.utilities).get(party)
            ok = party in solution.accepted_by
            accepts = '<span class="yes">✓</span>' if ok else '<span class="no">✗</span>'
            cells.append("<td>-</td>" if u is None else f"<td>{num(u)} {accepts}</td>")
        rows.append(
            f'<tr class="utility"><th scope="row">utility of {_e(s.actor(party).label)}</th>'
            f"{''.join(cells)}</tr>"
        )
    parts.append(
        '<table class="wide"><caption>The four bargaining solutions: each issue\'s value, then '
        "each party's utility (0-1) and whether it beats its reservation</caption>"
        f'<thead><tr><th scope="col">Issue</th>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )
    if a.logrolls:
        rolls = "".join(
            f"<tr><td>{_e(r.parties[0])} gets {_e(s.issue(r.issues[0]).label)} "
            f"({num(r.moves[0][1])} → {num(r.moves[0][2])})</td>"
            f"<td>{_e(r.parties[1])} gets {_e(s.issue(r.issues[1]).label)} "
            f"({num(r.moves[1][1])} → {num(r.moves[1][2])})</td>"
            f"<td>+{r.gain[0]:.3f} / +{r.gain[1]:.3f}</td></tr>"
            for r in a.logrolls[:10]
        )
        parts.append(
            '<table class="wide"><caption>Logrolls: trades across issues that leave both sides '
            f"better off ({len(a.logrolls)} found"
            + ("; the first 10 shown" if len(a.logrolls) > 10 else "")
            + ')</caption><thead><tr><th scope="col">One side gets</th>'
            '<th scope="col">The other gets</th><th scope="col">Utility gains</th></tr></thead>'
            f"<tbody>{rolls}</tbody></table>"
        )
    if a.notes:
        parts.append("".join(f"<p class='note'>{_e(n)}</p>" for n in a.notes))
    return Section("deals", "Package deals", "".join(parts))


def history_section(data: ReportData) -> Section | None:
    """With ``--db``: positions, forecasts and gaps snapshot by snapshot, and new evidence."""
    if data.history is None:
        if data.history_note is None:
            return None
        return Section("history", "Over time", f"<p>{_e(data.history_note)}</p>")
    s, h = data.scenario, data.history
    snaps = h["snapshots"]
    labels = snapshot_labels(snaps)
    parts = [
        f"<p>{len(snaps)} snapshot{'s' if len(snaps) != 1 else ''} of <code>{_e(h['scenario'])}"
        f"</code> in the history store, from {_e(labels[0])} to {_e(labels[-1])}: each "
        "recorded with the positions it was given and the forecasts accord made then.</p>"
    ]
    for issue in s.issues:
        figure = figures.history_figure(s, issue.id, h)
        if figure is not None:
            parts.append(
                figure_html(
                    figure,
                    f"{_slug(s)}-history-{_e(issue.id)}",
                    "Thin lines: each actor's position; thick dashed lines with markers: each "
                    "model's forecast at the time.",
                )
            )
    gaps = figures.gaps_history_figure(h)
    if gaps is not None:
        parts.append(
            figure_html(
                gaps,
                f"{_slug(s)}-history-gaps",
                "Each line: the gap between two parties (0 = the same positions); dashed: the "
                "smallest total concession that would create a zone of agreement.",
            )
        )
    rows = []
    for label, snap in zip(labels, snaps, strict=True):
        new = snap["new_evidence"]
        shown = "".join(
            f"<li>{_e(e.get('date') or '')} {_e(e.get('speaker') or '')}: "
            f"{_e(e.get('summary') or e['id'])}</li>"
            for e in new[:5]
        )
        more = f"<li>and {len(new) - 5} more</li>" if len(new) > 5 else ""
        rows.append(
            f'<tr><th scope="row">{_e(label)}</th><td>{len(new)}</td>'
            f"<td><ul>{shown}{more}</ul></td></tr>"
        )
    parts.append(
        '<table class="wide"><caption>New evidence in each snapshot (records the previous '
        'snapshot did not have)</caption><thead><tr><th scope="col">Snapshot</th>'
        '<th scope="col">Records</th><th scope="col">First records</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )
    return Section("history", "Over time", "".join(parts))


def simulation_section(data: ReportData) -> Section | None:
    """With ``--simulate``: simulated talks (agreement rate, rounds, the packages agreed) and a
    simulated truce (the share still holding day by day)."""
    if data.simulation is None and data.truce is None and not data.simulation_notes:
        return None
    s = data.scenario
    parts = [f"<p class='note'>{_e(n)}</p>" for n in data.simulation_notes]
    sim = data.simulation
    if sim is not None:
        strategies = sorted(set(sim["strategies"].values()))
        parts.append(
            f"<p>{sim['runs']:,} simulated negotiations among {_e(', '.join(sim['parties']))}: "
            f"protocol <b>{_e(sim['protocol'])}</b>, strategy {_e(', '.join(strategies))}, "
            f"deadline {sim['deadline']} rounds, seed {sim['seed']} (<code>accord simulate "
            f"--seed {sim['seed']}</code> reproduces them and varies every setting).</p>"
        )
        rows = [
            (
                "agreement rate",
                f"{sim['agreement_rate']:.1%} ± {sim['agreement_rate_se']:.1%}",
            )
        ]
        if sim["rounds"]["mean"] is not None:
            rows.append(("rounds to agreement, mean", f"{sim['rounds']['mean']:.1f}"))
        if sim["distance"]["nash"] is not None:
            rows.append(("distance to the Nash package, mean", f"{sim['distance']['nash']:.3f}"))
            rows.append(("gap to the Pareto frontier, mean", f"{sim['distance']['pareto']:.3f}"))
        parts.append(_measures("Simulated talks", rows))
        rounds = figures.rounds_figure(sim)
        if rounds is not None:
            parts.append(
                figure_html(
                    rounds,
                    f"{_slug(s)}-simulate-rounds",
                    "Each bar: the runs that agreed in that round.",
                )
            )
        top = sim["agreements"][:3]
        if top:
            head = "".join(
                f'<th scope="col">agreement {k} ({row["count"]:,} runs)</th>'
                for k, row in enumerate(top, start=1)
            )
            labels = sim.get("labels", {})
            body = []
            for issue_id in top[0]["package"]:
                known = {i.id: i.label for i in s.issues}
                label = known.get(issue_id, issue_id)
                cells = []
                for row in top:
                    value = row["package"][issue_id]
                    text = labels.get(issue_id, {}).get(f"{value:g}", "")
                    cells.append(
                        f"<td><b>{num(value)}</b>"
                        + (f'<span class="label">{_e(text)}</span>' if text else "")
                        + "</td>"
                    )
                body.append(f'<tr><th scope="row">{_e(label)}</th>{"".join(cells)}</tr>')
            parts.append(
                '<table class="wide"><caption>The packages agreed most often</caption>'
                f'<thead><tr><th scope="col">Issue</th>{head}</tr></thead>'
                f"<tbody>{''.join(body)}</tbody></table>"
            )
    truce = data.truce
    if truce is not None:
        st = truce["settings"]
        a, b = st["sides"]
        parts.append(
            f"<h3>A ceasefire between {_e(a)} and {_e(b)}, day by day</h3><p>"
            f"{truce['runs']:,} simulated truces of {truce['days']} days: retaliation policy "
            f"<b>{_e(st['policy'])}</b>, violations detected with probability "
            f"{st['p_detect']:.2g} and falsely reported with probability {st['p_false']:.2g} "
            f"a day, seed {truce['seed']} (<code>accord truce</code> varies them).</p>"
        )
        parts.append(
            figure_html(
                figures.truce_figure(truce),
                f"{_slug(s)}-truce",
                "The share of simulated truces still holding at the end of each day.",
            )
        )
        deliberate = ", ".join(k for k, v in truce["deliberate"].items() if v) or "neither"
        rows = [
            (
                f"P(holds {truce['days']} days)",
                f"{truce['p_holds']:.1%} ± {truce['p_holds_se']:.1%}",
            ),
            ("true violations per run", f"{truce['violations_mean']:.2f}"),
            ("accusations per run", f"{truce['accusations_mean']:.2f}"),
            ("of which false alarms", f"{truce['false_alarms_mean']:.2f}"),
            ("sides violating deliberately", _e(deliberate)),
        ]
        rows += [
            (f"collapses started by {cause.replace('_', ' ')}", f"{count:,}")
            for cause, count in truce["causes"].items()
        ]
        parts.append(_measures("Simulated truce", rows))
    return Section("simulation", "Simulated talks and truce", "".join(parts))


def _measures(caption: str, rows: Sequence[tuple[str, str]]) -> str:
    body = "".join(f'<tr><th scope="row">{_e(k)}</th><td>{v}</td></tr>' for k, v in rows)
    return f"<table><caption>{_e(caption)}</caption><tbody>{body}</tbody></table>"


def _safe_link(url: str | None) -> str:
    if not url:
        return ""
    if url.lower().startswith(("http://", "https://")):
        return f'<a href="{_e(url)}" rel="noopener noreferrer">{_e(url)}</a>'
    return _e(url)


def evidence_section(data: ReportData) -> Section:
    """Every evidence record, with the positions it supports."""
    s = data.scenario
    uses: dict[str, list[str]] = {}
    for stake in s.stakes:
        for ident in stake.evidence:
            uses.setdefault(ident, []).append(f"{stake.actor} on {stake.issue}")
    if not s.evidence:
        return Section("evidence", "Evidence", "<p>The scenario cites no evidence.</p>")
    rows = []
    for record in s.evidence:
        text = (record.quote and f"“{_e(record.quote)}”") or _e(record.summary or "")
        speaker = record.speaker or ""
        if speaker in {a.id for a in s.actors}:
            speaker = s.actor(speaker).label
        rows.append(
            f'<tr id="ev-{_e(record.id)}"><td>{_e(speaker)}</td>'
            f"<td>{_e(record.date.isoformat() if record.date else '')}</td>"
            f"<td>{_e(record.source or '')}</td><td>{text}</td>"
            f"<td>{_e('; '.join(uses.get(record.id, [])))}</td>"
            f'<td class="url">{_safe_link(record.url)}</td></tr>'
        )
    body = (
        f'<table class="wide evidence"><caption>{len(s.evidence)} records: who said what, when, '
        "where, and which positions it supports</caption><thead><tr>"
        '<th scope="col">Speaker</th><th scope="col">Date</th><th scope="col">Outlet</th>'
        '<th scope="col">Quote or summary</th><th scope="col">Supports</th>'
        f'<th scope="col">Link</th></tr></thead><tbody>{"".join(rows)}</tbody></table>'
    )
    return Section("evidence", "Evidence", body)


#: The report's sections in reading order (see the module docstring to add one).
SECTIONS: tuple[SectionBuilder, ...] = (
    summary_section,
    positions_section,
    trajectory_section,
    uncertainty_section,
    deals_section,
    simulation_section,
    history_section,
    evidence_section,
)


# --------------------------------------------------------------------------------------------
# The page


def render_sections(
    data: ReportData, sections: Sequence[SectionBuilder] = SECTIONS
) -> list[Section]:
    """The sections that have something to show for ``data``."""
    return [section for build in sections if (section := build(data)) is not None]


def _scenario_html(data: ReportData, sections: Sequence[SectionBuilder]) -> str:
    s = data.scenario
    slug = _slug(s)
    built = render_sections(data, sections)
    nav = "".join(f'<li><a href="#{slug}-{_e(sec.id)}">{_e(sec.title)}</a></li>' for sec in built)
    meta = []
    if s.as_of is not None:
        meta.append(f"information as of {s.as_of.isoformat()}")
    meta.append(f"{len(s.actors)} actors, {len(s.issues)} issues")
    meta.append("models: " + ", ".join(f.model for f in data.forecasts))
    actors = "".join(
        f"<li><b>{_e(a.id)}</b> {_e(a.name or '')}"
        + (f" <small>({_e(a.role)})</small>" if a.role != "party" else "")
        + "</li>"
        for a in s.actors
    )
    out = [
        f'<article id="{slug}"><header><h1>{_e(s.title)}</h1>'
        f'<p class="meta">{_e("; ".join(meta))}</p>'
        + (
            '<details class="description"><summary>About this scenario: the analyst\'s notes'
            f"</summary><p>{_e(s.description)}</p></details>"
            if s.description
            else ""
        )
        + f'<ul class="actors">{actors}</ul>'
        + f'<nav aria-label="Sections"><ol>{nav}</ol></nav></header>'
    ]
    for sec in built:
        out.append(
            f'<section id="{slug}-{_e(sec.id)}" class="part"><h2>{_e(sec.title)}</h2>'
            f"{sec.body}</section>"
        )
    out.append("</article>")
    return "".join(out)


def render_report(
    reports: Sequence[ReportData],
    *,
    sections: Sequence[SectionBuilder] = SECTIONS,
    generator: str = "accord",
) -> str:
    """The whole self-contained HTML page for one or more scenarios."""
    title = reports[0].scenario.title if len(reports) == 1 else f"{len(reports)} negotiations"
    body = "".join(_scenario_html(data, sections) for data in reports)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; img-src data:\">"
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta name="generator" content="{_e(generator)}">'
        f"<title>{_e(title)}</title><style>{STYLE}</style></head><body>"
        f"<main>{body}</main><footer><p>Made with {_e(generator)}. Forecasts are models' "
        "readings of the inputs above, not predictions of certainty; every number rests on "
        "the evidence listed.</p></footer></body></html>\n"
    )


#: Screen and print styles (system fonts only: nothing is fetched).
STYLE = """
:root{--ink:#222;--muted:#595959;--rule:#d0d0d0;--blue:#0072B2;--verm:#D55E00;--green:#009E73}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",Arial,
sans-serif;color:var(--ink);background:#fff}
main{max-width:1000px;margin:0 auto;padding:1.5rem}
h1{font-size:1.7rem;margin:.2rem 0}
h2{font-size:1.3rem;border-bottom:2px solid var(--blue);padding-bottom:.2rem;margin-top:2.2rem}
h3{font-size:1.05rem;margin:1.4rem 0 .4rem}
.meta,small,.note,figcaption{color:var(--muted)}
.description{max-width:70ch}
.actors{display:flex;flex-wrap:wrap;gap:.3rem 1.2rem;padding:0;list-style:none;font-size:.9rem}
nav ol{display:flex;flex-wrap:wrap;gap:.2rem 1.6rem;padding:0;list-style:none}
a{color:var(--blue)}
figure{margin:1rem 0;max-width:100%;overflow-x:auto}
figure svg{max-width:100%;height:auto;display:block}
figcaption{font-size:.85rem}
details summary{cursor:pointer}
table{border-collapse:collapse;margin:1rem 0;font-size:.88rem}
table.wide{width:100%}
caption{text-align:left;font-weight:600;padding:.3rem 0;color:var(--ink)}
th,td{border-bottom:1px solid var(--rule);padding:.3rem .5rem;text-align:left;vertical-align:top}
thead th{border-bottom:2px solid var(--ink)}
.label{display:block;color:var(--muted);font-size:.8rem}
.yes{color:#006b4f;font-weight:600}
.no{color:#a33d00;font-weight:600}
.muted{color:var(--muted);font-weight:600}
.evidence td.url{word-break:break-all;font-size:.78rem}
footer{max-width:1000px;margin:2rem auto;padding:0 1.5rem;color:var(--muted);font-size:.8rem}
@media print{
 body{font-size:10pt}
 main{max-width:none;padding:0}
 nav,figcaption details{display:none}
 h2{break-before:page;break-after:avoid}
 article>section.part:first-of-type h2{break-before:avoid}
 figure,table,tr,.issue h3{break-inside:avoid}
 h3{break-after:avoid}
 a{color:var(--ink);text-decoration:none}
 .evidence a[href]::after{content:""}
}
"""
