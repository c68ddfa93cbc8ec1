"""Numeric claims: value or range, qualifier and unit.

A claim is a number in digits or words ("1,300", "three", "1.2 million", "half a million"),
with

- a *qualifier* right before it: "over 1,000" (low bound 1000), "up to", "nearly" (high
  bound), "about", "some" (approximate, no bound);
- a *range*: "between three and four hours", "from 10 to 20", "3-4", "three or four"
  (``low`` and ``high``; ``value`` is then null);
- a *unit*: the counted noun phrase after it, up to three words ("1,300 guided air bombs"),
  a compound ("30-day" -> days), a percentage ("%") or a currency ("$300 billion" -> USD).
  Units of time are given in the plural ("day" -> "days").

Vague quantities ("thousands of", "tens of thousands of") have no value and a low bound of the
smallest number they can mean (2,000 and 20,000). Years, days of the month, clock times,
ordinals, and numbers that are part of names ("Su-34", "Article 5", "G7") are not claims; nor
is a number word after a determiner ("the two sides") or a lone "one", nor a number too large
for a double (a 400-digit number would be infinite: JSON cannot hold it).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from accord.evidence._lexicon import (
    APPROXIMATE_QUALIFIERS,
    CURRENCY_SIGNS,
    CURRENCY_WORDS,
    HIGH_QUALIFIERS,
    LOW_QUALIFIERS,
    MONTHS,
    NUMBER_DETERMINERS,
    NUMBER_WORDS,
    NUMBERED_NOUNS,
    SCALES,
    TENS,
    TIME_UNITS,
    UNIT_STOP_WORDS,
    VAGUE_QUANTITIES,
)
from accord.evidence._tokens import Token, tokenize

__all__ = ["NumberClaim", "find_numbers"]

_QUALIFIERS = sorted(
    LOW_QUALIFIERS + HIGH_QUALIFIERS + APPROXIMATE_QUALIFIERS, key=lambda q: -len(q.split())
)


@dataclass(frozen=True, slots=True)
class NumberClaim:
    """A number stated in the text, with what it counts."""

    text: str
    value: float | None
    low: float | None
    high: float | None
    qualifier: str | None
    unit: str | None
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class _Atom:
    value: float
    first: int
    stop: int  # token index past the atom
    vague: bool = False
    words: bool = False


def _digits(token: Token) -> float | None:
    raw = token.text
    if "," in raw and all(len(part) == 3 for part in raw.split(".")[0].split(",")[1:]):
        raw = raw.replace(",", "")
    try:
        return float(raw)
    except ValueError:
        return None


def _atom(tokens: list[Token], i: int) -> _Atom | None:
    token = tokens[i]
    n = len(tokens)
    if token.kind == "num":
        value = _digits(token)
        if value is None:
            return None
        j = i + 1
        if (
            j < n
            and tokens[j].lower in SCALES
            and (tokens[j].lower not in ("m", "k", "mn") or tokens[j].start == token.end)
        ):
            value *= SCALES[tokens[j].lower]
            j += 1
        return _Atom(value, i, j)
    lower = token.lower
    if lower in VAGUE_QUANTITIES:
        value = float(VAGUE_QUANTITIES[lower])
        j = i + 1
        if j + 1 < n and tokens[j].lower == "of" and tokens[j + 1].lower in VAGUE_QUANTITIES:
            value = (
                VAGUE_QUANTITIES[tokens[j + 1].lower] * (value / 2) if lower != "dozens" else value
            )
            j += 2
        return _Atom(value, i, j, vague=True, words=True)
    if (
        lower in ("tens", "hundreds")
        and i + 2 < n
        and tokens[i + 1].lower == "of"
        and tokens[i + 2].lower in VAGUE_QUANTITIES
    ):
        base = 20 if lower == "tens" else 200
        return _Atom(
            base * VAGUE_QUANTITIES[tokens[i + 2].lower] / 2, i, i + 3, vague=True, words=True
        )
    if (
        lower == "half"
        and i + 2 < n
        and tokens[i + 1].lower == "a"
        and tokens[i + 2].lower in SCALES
    ):
        return _Atom(0.5 * SCALES[tokens[i + 2].lower], i, i + 3, words=True)
    if (
        lower in ("a", "an")
        and i + 1 < n
        and tokens[i + 1].lower in ("hundred", "thousand", "million", "billion", "dozen")
    ):
        scale = 12 if tokens[i + 1].lower == "dozen" else SCALES[tokens[i + 1].lower]
        return _Atom(float(scale), i, i + 2, words=True)
    if lower == "dozen":
        return _Atom(12.0, i, i + 1, words=True)
    total = current = 0.0
    j = i
    seen = False
    while j < n:
        word = tokens[j].lower
        parts = word.split("-")
        if all(p in NUMBER_WORDS or p in TENS for p in parts) and len(parts) <= 2:
            current += sum(NUMBER_WORDS.get(p, TENS.get(p, 0)) for p in parts)
            seen = True
        elif word in ("hundred",) and seen:
            current *= 100
        elif word in ("thousand", "million", "billion", "trillion") and seen:
            total += current * SCALES[word]
            current = 0.0
        elif (
            word == "and"
            and seen
            and j + 1 < n
            and tokens[j + 1].lower in NUMBER_WORDS | TENS
            and tokens[j - 1].lower == "hundred"
        ):
            pass
        else:
            break
        j += 1
    if not seen:
        return None
    return _Atom(total + current, i, j, words=True)


def _excluded(text: str, tokens: list[Token], atom: _Atom) -> bool:
    token = tokens[atom.first]
    before = tokens[atom.first - 1] if atom.first > 0 else None
    after = tokens[atom.stop] if atom.stop < len(tokens) else None
    if atom.words:
        if token.lower == "one" and atom.stop == atom.first + 1:
            return True
        return before is not None and before.lower in NUMBER_DETERMINERS
    if (
        before is not None
        and before.start == token.start - 1
        and text[before.start] == "-"
        and atom.first >= 2
        and tokens[atom.first - 2].is_word
    ):
        return True  # Su-34, COVID-19
    if before is not None and before.end == token.start and before.is_word:
        return True  # G7
    if before is not None and (before.lower in NUMBERED_NOUNS or before.lower in MONTHS):
        return True
    if before is not None and before.text == ":" and atom.first >= 2:
        return tokens[atom.first - 2].kind == "num"  # 10:30
    if (
        after is not None
        and after.lower in ("a", "p")
        and atom.stop + 1 < len(tokens)
        and tokens[atom.stop + 1].text == "."
    ):
        return True  # 6 a.m.
    if after is not None and (
        after.lower in MONTHS or after.lower in ("st", "nd", "rd", "th", "am", "pm", "gmt", "utc")
    ):
        return True
    if (
        after is not None
        and after.text in (":",)
        and atom.stop + 1 < len(tokens)
        and tokens[atom.stop + 1].kind == "num"
    ):
        return True
    if (
        after is not None
        and after.text == "."
        and atom.stop + 1 < len(tokens)
        and tokens[atom.stop + 1].lower in ("m", "a")
    ):
        return True  # 3 p.m. / 10 a.m.
    value = atom.value
    is_year = token.text.isdigit() and len(token.text) == 4 and 1900 <= value <= 2100
    return is_year and atom.stop == atom.first + 1


def _qualifier(tokens: list[Token], first: int) -> tuple[str | None, int]:
    for qualifier in _QUALIFIERS:
        words = qualifier.split()
        k = first - len(words)
        if k >= 0 and [t.lower for t in tokens[k:first]] == words:
            return qualifier, k
    return None, first


def _unit(tokens: list[Token], k: int, atom: _Atom) -> tuple[str | None, int]:
    n = len(tokens)
    if k < n and tokens[k].text == "%":
        return "%", k + 1
    if k < n and tokens[k].lower in ("percent", "pct"):
        return "%", k + 1
    if k + 1 < n and tokens[k].lower == "per" and tokens[k + 1].lower == "cent":
        return "%", k + 2
    if (
        k + 1 < n
        and tokens[k].text == "-"
        and tokens[k].start == tokens[k - 1].end
        and tokens[k + 1].is_word
    ):
        return _normal(tokens[k + 1].lower), k + 2
    if atom.vague and k + 1 < n and tokens[k].lower == "of":
        k += 1
    if k < n and tokens[k].lower in CURRENCY_WORDS:
        return CURRENCY_WORDS[tokens[k].lower], k + 1
    words: list[str] = []
    j = k
    while j < n and len(words) < 3:
        token = tokens[j]
        if not token.is_word or token.lower in UNIT_STOP_WORDS or token.lower in SCALES:
            break
        if words and (token.lower.endswith(("ing", "ed")) or token.capitalised):
            break
        if token.capitalised and token.lower not in (
            "ukrainian",
            "russian",
            "american",
            "european",
        ):
            break
        words.append(token.text if token.capitalised else token.lower)
        j += 1
    if not words:
        return None, k
    if len(words) == 1:
        return _normal(words[0]), j
    return " ".join(words), j


def _normal(word: str) -> str:
    singular = word[:-1] if word.endswith("s") else word
    return singular + "s" if singular in TIME_UNITS else word


def find_numbers(text: str) -> list[NumberClaim]:
    """The numeric claims of ``text``, in order, read one paragraph (blank-line separated)
    at a time, so that the tokens held at once are those of one paragraph."""
    claims: list[NumberClaim] = []
    start = 0
    while start <= len(text):
        end = text.find("\n\n", start)
        end = len(text) if end < 0 else end
        claims.extend(_claims(text, tokenize(text, start, end)))
        start = end + 2
    return claims


def _claims(text: str, tokens: list[Token]) -> list[NumberClaim]:
    claims: list[NumberClaim] = []
    i = 0
    n = len(tokens)
    while i < n:
        atom = _atom(tokens, i)
        if atom is None:
            i += 1
            continue
        if _excluded(text, tokens, atom):
            i = atom.stop
            continue
        first = atom.first
        currency = None
        if first > 0 and tokens[first - 1].text in CURRENCY_SIGNS:
            currency = CURRENCY_SIGNS[tokens[first - 1].text]
            first -= 1
        elif first > 1 and tokens[first - 1].text == "$" and tokens[first - 2].text == "US":
            currency, first = "USD", first - 2
        low = high = None
        value: float | None = None if atom.vague else atom.value
        if atom.vague:
            low = atom.value
        stop = atom.stop
        range_start = None
        if first >= 1 and tokens[first - 1].lower in ("between", "from"):
            range_start = first - 1
        partner = None
        if (
            stop + 1 < n
            and tokens[stop].lower in ("and", "to", "or", "-", "–")
            and (
                tokens[stop].lower != "and"
                or (range_start is not None and tokens[range_start].lower == "between")
            )
        ):
            partner = _atom(tokens, stop + 1)
            if partner is not None and partner.vague:
                partner = None
        if partner is not None and (
            tokens[stop].lower != "to" or range_start is not None or not atom.words
        ):
            scale = 1.0
            if (
                partner.value > atom.value
                and partner.words == atom.words
                and atom.stop - atom.first == 1
                and partner.stop - partner.first > 1
            ):
                scale = partner.value / _atom_base(tokens, partner)
            low, high, value = atom.value * scale, partner.value, None
            stop = partner.stop
            if range_start is not None:
                first = range_start
        qualifier, q_first = _qualifier(tokens, first)
        if value is not None and qualifier is not None:
            if qualifier in LOW_QUALIFIERS:
                low = value
            elif qualifier in HIGH_QUALIFIERS:
                high = value
        first = q_first
        unit, stop = _unit(tokens, stop, atom) if currency is None else (currency, stop)
        if not all(bound is None or math.isfinite(bound) for bound in (value, low, high)):
            # "10^400 dollars": too large for a float; a claim no model could use
            i = max(stop, i + 1)
            continue
        claims.append(
            NumberClaim(
                text=text[tokens[first].start : tokens[stop - 1].end],
                value=value,
                low=low,
                high=high,
                qualifier=qualifier,
                unit=unit,
                start=tokens[first].start,
                end=tokens[stop - 1].end,
            )
        )
        i = max(stop, i + 1)
    return claims


def _atom_base(tokens: list[Token], atom: _Atom) -> float:
    """The value of an atom without its scale word: "4 million" -> 4."""
    head = _atom(tokens[atom.first : atom.first + 1], 0)
    return head.value if head is not None and head.value else 1.0
