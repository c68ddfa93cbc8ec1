"""Quality on the annotated passages (tests/data/evidence): the issue's targets."""

from __future__ import annotations

import re

import pytest

from accord.evidence.evaluate import evaluate, load_passages, same_name
from evidence_helpers import EVIDENCE_DATA


@pytest.fixture(scope="module")
def passages():
    return load_passages(EVIDENCE_DATA)


def test_the_development_set(passages):
    dev = [p for p in passages if p.split == "dev"]
    assert len(dev) >= 40
    assert any(p.id == "dev-00-seed" for p in dev)
    held_out = [p for p in passages if p.split == "heldout"]
    assert len(held_out) >= 20
    # the held-out passages are marked by their file names too, and are never in the dev set
    assert all(p.id.startswith("heldout-") == (p.split == "heldout") for p in passages)


def test_annotations_are_in_their_passages(passages):
    def norm(text):
        return re.sub(r"[\s\"“”„«»]+", " ", text).strip()

    for passage in passages:
        text = norm(passage.text)
        for quote in passage.gold:
            assert norm(quote.text) in text, (passage.id, quote.text)
            assert quote.kind in ("direct", "indirect")


def test_targets_on_the_development_set(passages):
    scores = evaluate(p for p in passages if p.split == "dev")
    assert scores.gold >= 90
    assert scores.f1 >= 0.90
    assert scores.speaker_accuracy >= 0.90


def test_speaker_name_matching():
    assert same_name("Volodymyr Zelensky", "Zelensky")
    assert same_name("the Kremlin", "Kremlin")
    assert same_name("a Kremlin spokesman", "Kremlin spokesman")
    assert not same_name("Volodymyr Zelensky", "Vladimir Putin")
    assert not same_name("Zelensky", None)
    assert same_name(None, None)
