"""Tokens and units: the article as words, with each quotation folded into one token.

The tokenizer is a single regular expression: words (with inner apostrophes, hyphens and
dots, as in "don't", "solution-based", "RT.com"), dotted acronyms ("U.S."), the possessive
"'s" as a token of its own, numbers, and single punctuation characters.

The attribution rules read a *frame*: the token stream in which every quotation is one token
of kind ``quote``, so that "``"...," Witkoff said on CNN.``" reads ``QUOTE , Witkoff said on
CNN .`` (the representation of Pareti 2016 and of the sieve of Muzny et al. 2017, where a
quote is matched to a cue and a source around it). The frame is cut into *units*: sentences
whose boundaries never fall inside a quotation, so a quotation running over several
sentences or paragraphs belongs to one unit with its attribution.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from accord.evidence._lexicon import ABBREVIATIONS, CUE_FORMS, PHRASAL_CUES, SENTENCE_WORDS
from accord.evidence._marks import QuoteSpan

__all__ = ["Token", "frame", "tokenize", "units"]

_TOKEN = re.compile(
    r"""
    (?P<acronym>(?:[A-Z]\.){2,})
   |(?P<word>[^\W\d_]+(?:(?:['’](?![sS](?![^\W\d_]))|[-‑](?=[^\W\d_])|\.(?=[a-z]{2,4}\b))[^\W\d_]+)*)
   |(?P<poss>['’][sS](?![^\W\d_]))
   |(?P<num>\d+(?:[.,]\d+)*)
   |(?P<punct>\S)
    """,
    re.X,
)
_TERMINAL = frozenset(".!?…")
#: Names that start with an Arabic article in lower case: "al-Sisi", "el-Baradei".
_ARABIC_ARTICLE = re.compile(r"^(?:al|el|ad|ash|as|an|at|az)-[A-Z]")
_QUOTE_END = re.compile(r"[.!?…][\s'’]*$")
#: The most tokens a unit may have. Sentences in news are far shorter (the longest unit of
#: the annotated passages has 41 tokens); a longer run without a sentence end - a page whose
#: full stops were lost, a list of quotations joined by commas - is cut into pieces of at most
#: this many tokens, so that the rules, which look at the tokens of a unit, cost the same per
#: token however long the run is.
MAX_UNIT = 120
#: Tokens that a cut of an over-long unit prefers to follow.
_CUT_AFTER = frozenset(",;:")


@dataclass(slots=True)
class Token:
    """A token with its offsets; a ``quote`` token covers one quotation, marks included."""

    text: str
    start: int
    end: int
    kind: str
    lower: str
    para: int = 0
    para_end: int = 0
    quote: int = -1

    @property
    def capitalised(self) -> bool:
        return self.kind in ("word", "acronym") and (
            self.text[:1].isupper()
            or ("-" in self.text[1:4] and _ARABIC_ARTICLE.match(self.text) is not None)
        )

    @property
    def is_word(self) -> bool:
        return self.kind in ("word", "acronym")


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """The tokens of ``text[start:end]``."""
    end = len(text) if end is None else end
    out = []
    for match in _TOKEN.finditer(text, start, end):
        kind = match.lastgroup or "punct"
        value = match.group(0)
        lower = value.lower()
        # most words are lower case already: share the string instead of holding two copies
        out.append(
            Token(value, match.start(), match.end(), kind, value if lower == value else lower)
        )
    return out


def frame(
    text: str, quotes: list[QuoteSpan], paragraphs: tuple[tuple[int, int], ...]
) -> list[Token]:
    """The article's tokens with each quotation folded into one ``quote`` token."""
    tokens: list[Token] = []
    para_starts = [start for start, _ in paragraphs]
    cursor = 0
    para = 0
    for index, span in enumerate([*quotes, None]):
        stop = len(text) if span is None else span.open
        for token in tokenize(text, cursor, stop):
            while para + 1 < len(para_starts) and token.start >= para_starts[para + 1]:
                para += 1
            token.para = token.para_end = para
            tokens.append(token)
        if span is None:
            break
        while para + 1 < len(para_starts) and span.open >= para_starts[para + 1]:
            para += 1
        last = para
        while last + 1 < len(para_starts) and span.close >= para_starts[last + 1]:
            last += 1
        tokens.append(
            Token(
                text[span.open : span.close + 1],
                span.open,
                span.close + 1,
                "quote",
                "",
                para=para,
                para_end=last,
                quote=index,
            )
        )
        para = last
        cursor = span.close + 1
    return tokens


def units(tokens: list[Token]) -> list[tuple[int, int]]:
    """Sentence-like ``(first, stop)`` token ranges; no boundary falls inside a quotation."""
    out: list[tuple[int, int]] = []
    first = 0
    for k in range(len(tokens) - 1):
        if _boundary_after(tokens, k):
            out.append((first, k + 1))
            first = k + 1
    if tokens:
        out.append((first, len(tokens)))
    if any(hi - lo > MAX_UNIT for lo, hi in out):
        out = [piece for lo, hi in out for piece in _cut(tokens, lo, hi)]
    return out


def _cut(tokens: list[Token], lo: int, hi: int) -> list[tuple[int, int]]:
    """Unit ``lo:hi`` in pieces of at most :data:`MAX_UNIT` tokens, each cut after the last
    comma, semicolon or colon of its second half that does not follow a quotation (which
    keeps ``"...", Peskov said`` together), where there is one."""
    pieces = []
    while hi - lo > MAX_UNIT:
        stop = lo + MAX_UNIT
        for k in range(stop - 1, lo + MAX_UNIT // 2, -1):
            if tokens[k].text in _CUT_AFTER and tokens[k - 1].kind != "quote":
                stop = k + 1
                break
        pieces.append((lo, stop))
        lo = stop
    pieces.append((lo, hi))
    return pieces


def _boundary_after(tokens: list[Token], k: int) -> bool:
    token, following = tokens[k], tokens[k + 1]
    if following.para != token.para_end:
        return True
    starts_new = (
        following.capitalised
        or following.kind in ("quote", "num")
        or following.text in {"(", "[", "“", '"'}
    )
    if token.kind == "quote":
        if not _QUOTE_END.search(token.text[:-1]) or not starts_new:
            return False
        if token.text[:-1].rstrip("'’ ").endswith(("?", "!")):
            return not _attribution_follows(tokens, k + 1)
        return True
    if token.text not in _TERMINAL or not starts_new:
        if token.kind == "acronym" and following.capitalised:
            return following.lower in SENTENCE_WORDS
        return False
    if token.text == "." and k > 0:
        before = tokens[k - 1]
        if before.lower in ABBREVIATIONS or (
            before.kind == "word" and len(before.text) == 1 and before.text.isupper()
        ):
            return False
    return True


def _attribution_follows(tokens: list[Token], k: int) -> bool:
    """``"Why now?" Peskov asked.``: a name or pronoun and a reporting verb come next."""
    for j in range(k, min(k + 5, len(tokens))):
        token = tokens[j]
        if token.lower in CUE_FORMS or (
            token.lower in PHRASAL_CUES
            and j + 1 < len(tokens)
            and tokens[j + 1].lower == PHRASAL_CUES[token.lower][0]
        ):
            return True
        if not token.is_word or not (token.capitalised or token.lower in ("he", "she", "they")):
            return False
    return False
