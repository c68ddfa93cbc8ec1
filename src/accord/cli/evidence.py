"""``accord evidence``: quotations, actors and numbers from news articles, as evidence records."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated

import typer

from accord.cli._app import app, fail, guarded, print_json, stdout_console


@app.command()
def evidence(
    articles: Annotated[
        list[str],
        typer.Argument(
            metavar="ARTICLE",
            help="Article files: plain text, or HTML (needs accord[news]); - reads standard input.",
        ),
    ],
    scenario: Annotated[
        str | None,
        typer.Option(
            "--scenario",
            "-s",
            metavar="FILE",
            help="Scenario whose actors (and aliases) the speakers and mentions are linked to.",
        ),
    ] = None,
    published: Annotated[
        str | None,
        typer.Option(
            metavar="DATE",
            help="Publication date (YYYY-MM-DD) that 'on Sunday' is counted from; "
            "default: the date the article states.",
        ),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the JSON contract only (an array for several).")
    ] = False,
    append: Annotated[
        bool,
        typer.Option(
            "--append",
            help="Add the evidence records to the --scenario file (atomic; keeps FILE.bak).",
        ),
    ] = False,
    explain: Annotated[
        bool,
        typer.Option(
            "--explain",
            help="Show which rule attached each quotation and found its speaker (the JSON "
            "always has them: rule, speaker_rule).",
        ),
    ] = False,
) -> None:
    """Find who said what, about whom, with which numbers, in news articles."""
    with guarded():
        import datetime as dt

        from accord.evidence import append_evidence, extract, read_article
        from accord.io import load_scenario

        if append and scenario is None:
            fail("--append needs --scenario FILE: the scenario to add the records to")
        if articles.count("-") > 1:
            fail("'-' (standard input) can be read only once")
        date = None
        if published is not None:
            try:
                date = dt.date.fromisoformat(published)
            except ValueError:
                shown = published if len(published) <= 40 else published[:37] + "..."
                fail(f"--published {shown!r}: expected a date like 2025-03-16")
        loaded = load_scenario(scenario) if scenario is not None else None
        taken: set[str] = set()
        results = [
            extract(read_article(path, published=date), scenario=loaded, taken_ids=taken)
            for path in articles
        ]
        outcome = None
        if append:
            assert scenario is not None
            records = [record for result in results for record in result.evidence]
            names = ", ".join("standard input" if p == "-" else p for p in articles)
            outcome = append_evidence(scenario, records, origin=names)
        if as_json:
            data = [result.to_dict() for result in results]
            print_json(data[0] if len(data) == 1 else data)
        else:
            _print_tables(results, explain=explain)
        if outcome is not None:
            import sys

            message = (
                f"accord: appended {len(outcome.added)} evidence record(s) to {outcome.path}"
                + (f" (previous version in {outcome.backup})" if outcome.backup else "")
                + (f"; {outcome.skipped} already there" if outcome.skipped else "")
                + "\n"
            )
            sys.stderr.write(message)


def _print_tables(results: Sequence[object], *, explain: bool = False) -> None:
    from rich.table import Table

    from accord.evidence import ArticleEvidence
    from accord.evidence import describe_rule as describe

    console = stdout_console()
    for result in results:
        assert isinstance(result, ArticleEvidence)
        article = result.article
        heading = article.title or article.name
        when = f", published {article.published.isoformat()}" if article.published else ""
        console.print(f"[bold]{heading}[/bold] ({article.name}{when})")
        table = Table(header_style="bold")
        columns = ["Kind", "Speaker", "Actor", "Medium", "Date", "Quote"]
        for column in [*columns, "Rule"] if explain else columns:
            table.add_column(column)
        used: dict[str, None] = {}
        for quote in result.quotes:
            text = quote.text if len(quote.text) <= 90 else quote.text[:87] + "..."
            row = [
                quote.kind,
                quote.speaker or "-",
                quote.actor or "-",
                quote.medium or "-",
                quote.date.isoformat() if quote.date else "-",
                " ".join(text.split()),
            ]
            if explain:
                rules = [quote.rule] + ([quote.speaker_rule] if quote.speaker_rule else [])
                used.update(dict.fromkeys(rules))
                row.append(" / ".join(rules))
            table.add_row(*row)
        console.print(table)
        if used:
            console.print("Rules (attachment / how the speaker was found):", markup=False)
            for rule in used:
                console.print(f"  {rule}: {describe(rule)}", markup=False, highlight=False)
        if result.mentions:
            totals: dict[str, int] = {}
            for mention in result.mentions:
                totals[mention.actor] = totals.get(mention.actor, 0) + mention.count
            console.print("Mentions: " + ", ".join(f"{a} {n}" for a, n in totals.items()))
        if result.numbers:
            console.print("Numbers: " + "; ".join(n.text for n in result.numbers))
        if article.sources_cited:
            console.print("Sources cited: " + ", ".join(article.sources_cited))
        console.print(f"{len(result.evidence)} evidence record(s)\n")
