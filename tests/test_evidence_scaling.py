"""Costs that grow with the input, by structure rather than by the clock: output proportional
to the input, units of bounded length, dates searched once, ids given out in linear time, and
numbers that JSON can hold (issue 8). The times are measured in
``benchmarks/bench_evidence_scaling.py``."""

from __future__ import annotations

import json
import sys

import pytest

from accord.evidence import _quotes, _setting, extract, parse_article
from accord.evidence._records import IdAllocator, unique_id
from accord.evidence._setting import CONTEXT_MARGIN
from accord.evidence._tokens import MAX_UNIT, frame, units

from conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from evidence_inputs import huge_number, nested_quotes, one_speaker, unclosed_html


def _json_size(text: str) -> int:
    return len(json.dumps(extract(parse_article(text, "t")).to_dict(), allow_nan=False))


def test_output_grows_in_proportion_to_the_input():
    small, large = _json_size(nested_quotes(4_000)), _json_size(nested_quotes(16_000))
    assert 3.5 < large / small < 4.5


def test_a_record_holds_a_bounded_context_not_the_paragraph():
    result = extract(parse_article(nested_quotes(20_000), "t"))
    assert len(result.evidence) > 300
    for quote, record in zip(result.quotes, result.evidence, strict=True):
        assert record.summary is not None and record.quote is not None
        assert len(record.summary) <= len(quote.text) + 2 * CONTEXT_MARGIN + 20
    text = "Officials said " + ", and ".join(f"the talks had failed {k} times" for k in range(400))
    (statement,) = extract(parse_article(text + ".", "t")).quotes
    assert len(statement.context) <= len(statement.text) + 2 * CONTEXT_MARGIN + 10


def test_a_run_without_sentence_ends_is_cut_into_bounded_units():
    article = parse_article(unclosed_html(30_000).replace("<p>", ""), "t")
    tokens = frame(article.text, [], article.paragraphs)
    pieces = units(tokens)
    assert max(hi - lo for lo, hi in pieces) <= MAX_UNIT
    assert [k for lo, hi in pieces for k in range(lo, hi)] == list(range(len(tokens)))
    # the cut falls after a comma that does not follow a quotation
    assert all(tokens[hi - 1].text == "," for lo, hi in pieces[:-1])


def test_dates_are_searched_once_and_clause_closers_once_per_cue(monkeypatch):
    calls = {"dates": 0, "closers": 0}
    find_dates, closes = _setting.find_dates, _quotes._closes_clause

    def counting_dates(*args, **kwargs):
        calls["dates"] += 1
        return find_dates(*args, **kwargs)

    def counting_closers(*args, **kwargs):
        calls["closers"] += 1
        return closes(*args, **kwargs)

    monkeypatch.setattr(_setting, "find_dates", counting_dates)
    monkeypatch.setattr(_quotes, "_closes_clause", counting_closers)
    text = unclosed_html(20_000).replace("<p>", "")
    result = extract(parse_article(text, "t", published=None))
    cues = text.count(" said ")
    assert len(result.quotes) == cues
    assert calls["dates"] == 1
    assert calls["closers"] <= cues


class _CountingSet(set[str]):
    lookups = 0

    def __contains__(self, item: object) -> bool:
        type(self).lookups += 1
        return super().__contains__(item)


def test_ids_with_one_base_are_given_out_in_linear_time():
    taken = _CountingSet()
    ids = IdAllocator(taken)
    given = [ids.allocate("peskov-will-give") for _ in range(2_000)]
    assert given[:3] == ["peskov-will-give", "peskov-will-give-2", "peskov-will-give-3"]
    assert len(set(given)) == 2_000
    assert _CountingSet.lookups <= 2 * 2_000
    # ids already taken are skipped, as before
    assert unique_id("a", {"a", "a-2"}) == "a-3"


def test_the_same_quotation_many_times_gets_distinct_ids():
    result = extract(parse_article(one_speaker(20_000), "t"))
    ids = [record.id for record in result.evidence]
    assert len(ids) == len(set(ids)) > 300


@pytest.mark.parametrize("digits", [400, 5_000])
def test_a_huge_number_is_no_claim_and_json_holds_the_output(digits):
    result = extract(parse_article(huge_number(digits), "t"))
    data = json.dumps(result.to_dict(), allow_nan=False)
    assert "9" * 20 not in json.dumps([n.__repr__() for n in result.numbers])
    assert "Infinity" not in data and "NaN" not in data
