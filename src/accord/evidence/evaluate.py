"""Scoring the extractor against annotated passages (``tests/data/evidence``).

Run ``python -m accord.evidence.evaluate tests/data/evidence`` for the table of
``docs/evidence.md``; ``--split heldout`` scores the held-out passages alone, ``--errors`` lists
every miss, ``--json`` prints the scores as JSON.

Definitions
-----------
match
    A predicted and a gold quotation of the same kind match when their word tokens (letters and
    digits, lower-cased; punctuation and quotation marks ignored) overlap by at least half the
    length of the longer of the two: ``|A ∩ B| / max(|A|, |B|) >= 0.5`` with multiset
    intersection. Matching is one to one, greedily by overlap. *Exact* counts the matches whose
    token sequences are identical.
precision, recall, F1
    Over all passages pooled (micro-averaged): ``P = matched / predicted``,
    ``R = matched / gold``, ``F1 = 2PR / (P + R)``.
speaker accuracy
    Over the matched quotations: the speaker is right when both are absent, or when, after
    lower-casing and dropping leading articles ("the", "a", "an") and possessive "'s", the
    names are equal, or their last words agree and the words of one are all in the other
    ("Zelensky" for "Volodymyr Zelensky").
medium, date, role accuracy
    Over the matched quotations whose gold annotation states a medium, a date or a role.
    Media and roles compare like speakers; dates must be equal.

The scores are those of :func:`accord.evidence.extract` on the cleaned article, exactly as
``accord evidence`` runs it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml

from accord.evidence._extract import extract, parse_article
from accord.evidence._records import Quote

__all__ = ["GoldQuote", "Passage", "Scores", "evaluate", "load_passages", "main", "same_name"]

_WORD = re.compile(r"[^\W_]+")
_LEADING = ("the ", "a ", "an ")


@dataclass(frozen=True, slots=True)
class GoldQuote:
    """One annotated quotation."""

    kind: str
    text: str
    speaker: str | None
    role: str | None = None
    medium: str | None = None
    date: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Passage:
    """One annotated passage: the raw text as it would be read, and its gold quotations."""

    id: str
    split: str
    text: str
    gold: tuple[GoldQuote, ...]
    published: dt.date | None = None
    constructions: tuple[str, ...] = ()


@dataclass
class Scores:
    """Counts and rates for one set of passages (see the module docstring)."""

    passages: int = 0
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    exact: int = 0
    speaker_right: int = 0
    indirect_gold: int = 0
    indirect_predicted: int = 0
    indirect_matched: int = 0
    indirect_speaker_right: int = 0
    medium: list[int] = field(default_factory=lambda: [0, 0])
    date: list[int] = field(default_factory=lambda: [0, 0])
    role: list[int] = field(default_factory=lambda: [0, 0])
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def speaker_accuracy(self) -> float:
        return self.speaker_right / self.matched if self.matched else 1.0

    @property
    def indirect_f1(self) -> float:
        p = self.indirect_matched / self.indirect_predicted if self.indirect_predicted else 1.0
        r = self.indirect_matched / self.indirect_gold if self.indirect_gold else 1.0
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        del out["errors"]
        out.update(
            precision=self.precision,
            recall=self.recall,
            f1=self.f1,
            speaker_accuracy=self.speaker_accuracy,
            indirect_f1=self.indirect_f1,
        )
        return out


def _date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def load_passages(directory: str | Path) -> list[Passage]:
    """Every ``*.yaml`` passage in ``directory``, sorted by id."""
    root = Path(directory)
    passages = []
    for path in sorted(root.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        text = (root / data["file"]).read_text(encoding="utf-8") if "file" in data else data["text"]
        gold = tuple(
            GoldQuote(
                kind=q["kind"],
                text=" ".join(str(q["text"]).split()),
                speaker=q.get("speaker"),
                role=q.get("role"),
                medium=q.get("medium"),
                date=_date(q.get("date")),
            )
            for q in data.get("quotes") or []
        )
        passages.append(
            Passage(
                id=str(data["id"]),
                split=str(data["split"]),
                text=text,
                gold=gold,
                published=_date(data.get("published")),
                constructions=tuple(data.get("constructions") or ()),
            )
        )
    return passages


def _tokens(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _overlap(a: list[str], b: list[str]) -> float:
    if not a or not b:
        return 0.0
    common = sum((Counter(a) & Counter(b)).values())
    return common / max(len(a), len(b))


def _normal_name(name: str) -> list[str]:
    text = name.lower().replace("’", "'").replace("'s ", " ").strip()
    for article in _LEADING:
        if text.startswith(article):
            text = text[len(article) :]
    return _tokens(text)


def same_name(gold: str | None, predicted: str | None) -> bool:
    """Whether two speaker names denote the same speaker (see the module docstring)."""
    if gold is None or predicted is None:
        return gold is None and predicted is None
    a, b = _normal_name(gold), _normal_name(predicted)
    if not a or not b:
        return a == b
    if a == b:
        return True
    return a[-1] == b[-1] and (set(a) <= set(b) or set(b) <= set(a))


def _match(
    gold: Sequence[GoldQuote], predicted: Sequence[Quote]
) -> list[tuple[GoldQuote, Quote, float]]:
    pairs = []
    gold_tokens = [_tokens(g.text) for g in gold]
    predicted_tokens = [_tokens(p.text) for p in predicted]
    for i, g in enumerate(gold):
        for j, p in enumerate(predicted):
            if g.kind == p.kind:
                score = _overlap(gold_tokens[i], predicted_tokens[j])
                if score >= 0.5:
                    pairs.append((score, i, j))
    used_gold: set[int] = set()
    used_predicted: set[int] = set()
    out = []
    for score, i, j in sorted(pairs, key=lambda item: -item[0]):
        if i in used_gold or j in used_predicted:
            continue
        used_gold.add(i)
        used_predicted.add(j)
        out.append((gold[i], predicted[j], score))
    return out


def evaluate(passages: Iterable[Passage]) -> Scores:
    """Score :func:`accord.evidence.extract` on the passages."""
    scores = Scores()
    for passage in passages:
        scores.passages += 1
        article = parse_article(passage.text, passage.id, published=passage.published)
        predicted = extract(article).quotes
        matches = _match(passage.gold, predicted)
        matched_gold = {id(g) for g, _, _ in matches}
        matched_predicted = {id(p) for _, p, _ in matches}
        for kind in ("direct", "indirect"):
            gold_n = sum(1 for g in passage.gold if g.kind == kind)
            predicted_n = sum(1 for p in predicted if p.kind == kind)
            matched = [(g, p, s) for g, p, s in matches if g.kind == kind]
            right = sum(1 for g, p, _ in matched if same_name(g.speaker, p.speaker))
            if kind == "direct":
                scores.gold += gold_n
                scores.predicted += predicted_n
                scores.matched += len(matched)
                scores.exact += sum(1 for g, p, _ in matched if _tokens(g.text) == _tokens(p.text))
                scores.speaker_right += right
            else:
                scores.indirect_gold += gold_n
                scores.indirect_predicted += predicted_n
                scores.indirect_matched += len(matched)
                scores.indirect_speaker_right += right
        for g, p, _ in matches:
            if not same_name(g.speaker, p.speaker):
                scores.errors.append(
                    f"{passage.id}: speaker {p.speaker!r}, gold {g.speaker!r}: {g.text[:60]!r}"
                )
            for attribute, tally in (("medium", scores.medium), ("role", scores.role)):
                expected = getattr(g, attribute)
                if expected is not None:
                    tally[1] += 1
                    if same_name(expected, getattr(p, attribute)):
                        tally[0] += 1
                    else:
                        scores.errors.append(
                            f"{passage.id}: {attribute} {getattr(p, attribute)!r}, "
                            f"gold {expected!r}"
                        )
            if g.date is not None:
                scores.date[1] += 1
                if g.date == p.date:
                    scores.date[0] += 1
                else:
                    scores.errors.append(f"{passage.id}: date {p.date}, gold {g.date}")
        for g in passage.gold:
            if id(g) not in matched_gold:
                scores.errors.append(f"{passage.id}: missed {g.kind} {g.text[:70]!r}")
        for p in predicted:
            if id(p) not in matched_predicted:
                scores.errors.append(
                    f"{passage.id}: spurious {p.kind} {p.text[:70]!r} ({p.speaker})"
                )
    return scores


def _rate(pair: list[int]) -> str:
    return f"{pair[0] / pair[1]:.2f} ({pair[0]}/{pair[1]})" if pair[1] else "-"


def report(name: str, scores: Scores) -> str:
    """The scores as a Markdown table row block."""
    return "\n".join(
        [
            f"### {name}: {scores.passages} passages",
            "",
            "| measure | value |",
            "|---|---|",
            f"| direct quotes (gold / predicted / matched) | {scores.gold} / {scores.predicted} / "
            f"{scores.matched} |",
            f"| direct-quote precision | {scores.precision:.3f} |",
            f"| direct-quote recall | {scores.recall:.3f} |",
            f"| direct-quote F1 | {scores.f1:.3f} |",
            f"| exact spans among matches | {scores.exact}/{scores.matched} |",
            f"| speaker accuracy (matched direct quotes) | {scores.speaker_accuracy:.3f} |",
            f"| indirect speech F1 (gold {scores.indirect_gold}, predicted "
            f"{scores.indirect_predicted}) | {scores.indirect_f1:.3f} |",
            f"| indirect speech speaker accuracy | "
            f"{_rate([scores.indirect_speaker_right, scores.indirect_matched])} |",
            f"| medium accuracy | {_rate(scores.medium)} |",
            f"| date accuracy | {_rate(scores.date)} |",
            f"| role accuracy | {_rate(scores.role)} |",
        ]
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point: ``python -m accord.evidence.evaluate [DIR]``."""
    parser = argparse.ArgumentParser(
        prog="python -m accord.evidence.evaluate", description=__doc__.splitlines()[0]
    )
    parser.add_argument("directory", nargs="?", default="tests/data/evidence")
    parser.add_argument("--split", choices=("dev", "heldout", "all"), default="all")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument("--errors", action="store_true", help="list every miss")
    args = parser.parse_args(argv)
    passages = load_passages(args.directory)
    splits = ("dev", "heldout") if args.split == "all" else (args.split,)
    results = {split: evaluate(p for p in passages if p.split == split) for split in splits}
    if args.json:
        sys.stdout.write(json.dumps({k: v.to_dict() for k, v in results.items()}, indent=2) + "\n")
        return 0
    for split, scores in results.items():
        sys.stdout.write(report(split, scores) + "\n\n")
        if args.errors:
            sys.stdout.write("\n".join(scores.errors) + "\n\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
