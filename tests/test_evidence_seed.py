"""The founding article end to end, against the case-study scenario."""

from __future__ import annotations

import datetime as dt

import pytest

from accord.evidence import extract, parse_article
from accord.evidence._rules import SOURCE_RULES, STATEMENT_RULES
from accord.io import load_scenario
from evidence_helpers import SEED

from conftest import EXAMPLES

SUNDAY = dt.date(2025, 3, 16)


@pytest.fixture(scope="module")
def result():
    scenario = load_scenario(EXAMPLES / "ukraine-ceasefire-2025-03.yaml")
    article = parse_article(SEED.read_text(encoding="utf-8"), str(SEED), published=SUNDAY)
    return extract(article, scenario=scenario)


def by_text(result, start):
    [quote] = [q for q in result.quotes if q.text.startswith(start)]
    return quote


def test_witkoff_partial_quotes(result):
    for word in ("positive", "solution-based"):
        q = by_text(result, word)
        assert (q.kind, q.speaker, q.actor) == ("direct", "Steve Witkoff", "US")
        assert q.role == "special envoy to Trump"


def test_witkoff_on_cnn(result):
    for start in ("We had some really positive results", "I describe my conversation"):
        q = by_text(result, start)
        assert (q.speaker, q.medium, q.actor) == ("Steve Witkoff", "CNN", "US")
    assert by_text(result, "I describe").text.endswith("The two sides are today a lot closer.")


def test_zelensky_on_telegram_on_sunday(result):
    q = by_text(result, "This is not what someone who wants a quick end to the war does")
    assert (q.speaker, q.actor, q.medium, q.date) == (
        "Volodymyr Zelensky",
        "UKR",
        "Telegram",
        SUNDAY,
    )
    assert q.role == "Ukrainian President"
    assert by_text(result, "playing for time").speaker == "Volodymyr Zelensky"


def test_waltz_in_an_interview_with_abc(result):
    starts = (
        "We can talk about",
        "And we also have to talk",
        "incredibly unlikely",
        "we are going to drive",
    )
    for start in starts:
        q = by_text(result, start)
        assert (q.speaker, q.actor, q.medium) == ("Mike Waltz", "US", "ABC's This Week")
        assert q.role == "Trump's national security adviser"


def test_sibiga_on_saturday(result):
    q = by_text(result, "Kyiv's forces in the region would continue their operations")
    assert q.kind == "indirect"
    assert (q.speaker, q.role, q.actor) == ("Andrey Sibiga", "Ukrainian Foreign Minister", "UKR")
    assert q.date == dt.date(2025, 3, 15)


def test_putin_dignified_treatment(result):
    q = by_text(result, "dignified treatment")
    assert (q.speaker, q.actor, q.role) == ("Vladimir Putin", "RUS", "Russian President")


def test_titles_and_promos_give_no_quotes(result):
    texts = [q.text for q in result.quotes]
    assert not any("This Week" in t or "very good chance" in t or "Hell Plan" in t for t in texts)
    assert len(result.quotes) == 12


def test_offsets(result):
    for q in result.quotes:
        assert result.article.text[q.start : q.end] == q.text


def test_numbers(result):
    numbers = {n.text: n for n in result.numbers}
    drones = numbers["over 1,000 drone attacks"]
    assert (drones.value, drones.low, drones.qualifier, drones.unit) == (
        1000,
        1000,
        "over",
        "drone attacks",
    )
    bombs = numbers["1,300 guided air bombs"]
    assert (bombs.value, bombs.qualifier, bombs.unit) == (1300, None, "guided air bombs")
    truce = numbers["30-day"]
    assert (truce.value, truce.unit) == (30, "days")
    hours = numbers["between three and four hours"]
    assert (hours.value, hours.low, hours.high, hours.unit) == (None, 3, 4, "hours")
    assert not any("2022" in text for text in numbers)  # a year, not a claim


def test_mentions(result):
    counts = {(m.actor, m.surface): m.count for m in result.mentions}
    assert counts[("RUS", "Kremlin")] == 1
    assert counts[("RUS", "Moscow")] == 3
    assert counts[("RUS", "Vladimir Putin")] == 1
    assert counts[("US", "Witkoff")] == 3
    assert counts[("UKR", "Andrey Sibiga")] == 1
    assert ("US", "us") not in counts


def test_evidence_records(result):
    records = {r.id: r for r in result.evidence}
    assert len(records) == 12
    zelensky = records["zelensky-what-someone-2025-03-16"]
    assert zelensky.speaker == "Volodymyr Zelensky" and zelensky.date == SUNDAY
    assert zelensky.quote == "This is not what someone who wants a quick end to the war does,"
    assert zelensky.source.endswith("(cites RT.com, TheGuardian.com, Brighteon.com)")
    assert "Medium: Telegram." in zelensky.summary
    sibiga = records["sibiga-kyiv-forces-2025-03-15"]
    assert sibiga.quote is None and "stated on Saturday" in sibiga.summary
    taken = {r.id for r in load_scenario(EXAMPLES / "ukraine-ceasefire-2025-03.yaml").evidence}
    assert not taken & set(records)


def test_json_contract(result):
    data = result.to_dict()
    assert set(data) == {"article", "quotes", "mentions", "numbers", "evidence"}
    assert set(data["article"]) == {"title", "published", "summary", "sources_cited", "text"}
    assert data["article"]["published"] == "2025-03-16"
    quote_keys = {"text", "kind", "speaker", "role", "actor", "medium", "date", "start", "end"}
    quote_keys |= {"rule", "speaker_rule"}
    assert all(set(q) == quote_keys for q in data["quotes"])
    assert {q["rule"] for q in data["quotes"]} <= set(STATEMENT_RULES)
    assert {q["speaker_rule"] for q in data["quotes"]} - {None} <= set(SOURCE_RULES)
    assert all(set(m) == {"actor", "surface", "count"} for m in data["mentions"])
    assert all(
        set(n) == {"text", "value", "low", "high", "qualifier", "unit"} for n in data["numbers"]
    )
    assert all(isinstance(n["value"], int) for n in data["numbers"] if n["value"] is not None)
