"""Which quotations are speech, and which cue of their unit each takes.

- A quotation takes the nearest cue of its unit (:func:`nearest`) in one of the configurations
  of the attribution literature (Pareti 2016; Muzny et al. 2017): the cue and its source follow
  the quotation with nothing but punctuation between (``"...," said Peskov``, ``"...," Peskov
  said``), the quotation closes a clause that the cue ends (``... "a new page", Erdinc said.``),
  or the cue comes before the quotation (``Peskov said: "..."``).
- A quotation after a colon with no cue is the words of the subject before the colon
  (``She put it bluntly: "..."``); a possessor stands for the speaker (``His message was
  short:``).
- Quoted names and titles are not speech (:func:`is_name_or_title`).
"""

from __future__ import annotations

from accord.evidence._cues import Cue
from accord.evidence._indirect import before_subordinate, only_adjuncts, skip_object
from accord.evidence._lexicon import (
    CUE_FORMS,
    FUNCTION_WORDS,
    NAME_DETERMINERS,
    NAMING_VERBS,
    NAMING_WORDS,
    POSSESSIVE_PRONOUNS,
    PRONOUNS,
    SENTENCE_WORDS,
    WORK_NOUNS,
)
from accord.evidence._media import is_outlet
from accord.evidence._names import SPEAKER_HEADS, Phrase, left_phrase
from accord.evidence._tokens import Token

__all__ = [
    "attachment",
    "clause_closers",
    "is_name_or_title",
    "is_partial",
    "naming_verb",
    "nearest",
    "possessor",
]


def nearest(
    cues: list[Cue], q: int, tokens: list[Token], hi: int, closers: dict[int, bool] | None = None
) -> Cue | None:
    """The cue of quotation token ``q``: the nearest cue in a configuration that attaches it.

    ``closers`` is :func:`clause_closers` of the unit, computed once for all its quotations
    (computed here when not given)."""
    if closers is None:
        closers = clause_closers(tokens, cues, hi)
    best: tuple[int, int, Cue] | None = None
    attached = [
        c
        for c in cues
        if c.source is not None
        and _attached(tokens, q, c, closers)
        and _reports_words(tokens, c, q)
    ]
    if any(c.lemma != "according to" for c in attached):
        # "Peskov said the offer was "unacceptable", according to Interfax": the outlet
        # reported the words, the speaker said them
        attached = [c for c in attached if not _outlet(c)]
    # A quotation inside a clause ("... wanted "lasting peace", the Kremlin said") belongs to
    # the clause's own cue before it, when there is one.
    embedded = q > 0 and tokens[q - 1].is_word and any(c.index < q for c in attached)
    for cue in attached:
        distance = q - cue.stop if cue.index < q else cue.index - q
        if cue.index > q and (embedded or not _reports(tokens, q, cue)):
            # "Putin told Trump that Russia wanted "lasting peace", the Kremlin said": a cue
            # closing the sentence reports it all; a cue before the quotation is nearer to it
            distance += len(tokens)
        rank = (distance, 0 if cue.index > q else 1)
        if best is None or rank < best[:2]:
            best = (*rank, cue)
    return best[2] if best else None


def attachment(tokens: list[Token], q: int, cue: Cue) -> str:
    """The name of the rule by which ``cue`` attaches quotation token ``q`` (see
    :mod:`accord.evidence._rules`)."""
    if cue.index < q or (cue.source is not None and cue.source.first < q):
        return "cue-before"
    return "cue-after" if _reports(tokens, q, cue) else "cue-closes-clause"


def _reports_words(tokens: list[Token], cue: Cue, q: int) -> bool:
    """ "speak" reports words only right before them ("spoke: "...""); "had spoken to Putin
    for "over two hours"" says who talked, not what was said."""
    if cue.lemma != "speak":
        return True
    return cue.stop == q or (cue.stop + 1 == q and tokens[cue.stop].text in (":", ","))


def _outlet(cue: Cue) -> bool:
    return cue.lemma == "according to" and cue.source is not None and is_outlet(cue.source.name)


def _reports(tokens: list[Token], q: int, cue: Cue) -> bool:
    """A cue and its source right after quotation ``q``: ``"No," the Kremlin spokesman said``."""
    if cue.source is None or cue.index < q or cue.source.first < q:
        return False
    after_cue = cue.inverted or cue.lemma == "according to"
    if not after_cue and cue.stop < len(tokens) and tokens[cue.stop].lower in ("that", ":"):
        return False  # '"The Long Game", Peskov wrote that ...': the verb has its own content
    first = cue.index if after_cue else cue.source.first
    if not after_cue and cue.source.kind == "name" and _role_between(tokens, q + 1, first):
        return True  # '"...," the UN's top aid official in Sudan, Clementine Oduya, told'
    return all(not tokens[m].is_word for m in range(q + 1, first))


def _role_between(tokens: list[Token], a: int, b: int) -> bool:
    """Tokens ``a:b`` are a role between commas: ``, the UN's aid chief in Sudan,``."""
    if a < b and tokens[a].text == ",":
        a += 1
    if b - a < 2 or b - a > 15 or tokens[b - 1].text != ",":
        return False
    segment = tokens[a : b - 1]
    return all(t.is_word or t.kind == "poss" for t in segment) and any(
        not t.capitalised and t.lower in SPEAKER_HEADS and t.lower not in CUE_FORMS for t in segment
    )


def _attached(tokens: list[Token], q: int, cue: Cue, closers: dict[int, bool]) -> bool:
    """Whether a cue after quotation ``q`` reports it: only punctuation between them
    (``"...," said Peskov``, ``"..." - Peskov said``), or the quotation ends a clause that the
    cue closes (``... entered "a new page", Erdinc said on Sunday.``). A cue after the
    quotation in any other configuration reports something else (``Leaders of the "coalition
    of the willing" met ... to discuss what officials call ...``)."""
    assert cue.source is not None
    if cue.index < q or cue.source.first < q:
        return True
    return _reports(tokens, q, cue) or closers.get(cue.index, False)


def clause_closers(tokens: list[Token], cues: list[Cue], hi: int) -> dict[int, bool]:
    """For each cue of a unit ending at ``hi`` (by token index): whether it closes the clause
    before it - a comma or dash before the cue and its speaker, and nothing but time or
    channel phrases after them (``..., Erdinc said on Sunday.``). It does not depend on the
    quotation, so it is found once per unit, not once per quotation and cue."""
    out: dict[int, bool] = {}
    for cue in cues:
        if cue.source is not None:
            out[cue.index] = _closes_clause(tokens, cue, hi)
    return out


def _closes_clause(tokens: list[Token], cue: Cue, hi: int) -> bool:
    assert cue.source is not None
    after_cue = cue.inverted or cue.lemma == "according to"
    first = cue.index if after_cue else cue.source.first
    if first == 0 or tokens[first - 1].text not in (",", "–", "—"):
        return False
    end = hi
    while end > first and not tokens[end - 1].is_word:
        end -= 1
    after = cue.source.stop if after_cue else cue.stop
    if cue.lemma == "tell" and not after_cue:
        after = skip_object(tokens, after, end)
    return only_adjuncts(tokens, after, before_subordinate(tokens, after, end))


def naming_verb(tokens: list[Token], q: int, lo: int, hi: int) -> int | None:
    """``a group that calls itself the "Southern Front"``, ``what officials call a "reassurance
    force"``, ``a plan called "Hell Plan"``: the index of a verb of naming whose complement is
    quotation ``q`` and a name, or None.

    Only determiners and a reflexive may stand between: with an object in between the verb
    reports a judgement, which is speech ('called the deal "a surrender"'); so is a quotation
    that modifies a noun after it ('what he called a "historic" day') and one called so by a
    named speaker ('which Zelensky called "a first step"')."""
    m = q - 1
    while m >= lo and m > q - 4 and tokens[m].lower in NAME_DETERMINERS:
        m -= 1
    if m < lo:
        return None
    lower = tokens[m].lower
    if lower == "as" and m > lo and tokens[m - 1].lower in ("known", "referred"):
        return m - 1
    if lower not in NAMING_VERBS and lower not in NAMING_WORDS:
        return None
    if lower in ("so-called", "dubbed", "nicknamed", "codenamed", "titled", "entitled"):
        return m
    following = tokens[q + 1] if q + 1 < hi else None
    if (
        following is not None
        and following.kind == "word"
        and following.lower not in FUNCTION_WORDS
        and not tokens[q].text[1:2].isupper()
    ):
        return None  # 'a "historic" day'
    if m == q - 1 and m > lo:
        subject = tokens[m - 1]
        if subject.lower in PRONOUNS or (
            subject.capitalised and subject.lower not in SENTENCE_WORDS
        ):
            return None  # 'which Zelensky called "a first step"'
    return m


def possessor(text: str, tokens: list[Token], lo: int, hi: int) -> Phrase | None:
    """``His message was short:``, ``Kyiv's answer:``: the possessor opening a clause whose
    subject is no speaker, standing for the one who is speaking (he, she, it, they, or a name)."""
    k = lo
    while k < hi and not tokens[k].is_word:
        k += 1
    if k >= hi:
        return None
    pronoun = POSSESSIVE_PRONOUNS.get(tokens[k].lower)
    if pronoun is not None:
        return Phrase(k, k + 1, "pronoun", pronoun)
    e = k
    while e + 1 < hi and e - k < 4 and tokens[e + 1].capitalised:
        e += 1
    if tokens[k].capitalised and e + 1 < hi and tokens[e + 1].kind == "poss":
        return left_phrase(text, tokens, e, k)
    return None


def is_partial(
    tokens: list[Token], q: int, lo: int, hi: int, content: str, cues: list[Cue]
) -> bool:
    first = content.lstrip(" '‘’\"“”.…-–—([")[:1]
    if first.islower():
        return True
    cue_tokens = {k for cue in cues for k in range(cue.index, cue.stop)}
    before = tokens[q - 1] if q > lo else None
    return (
        before is not None
        and before.is_word
        and q - 1 not in cue_tokens
        and before.lower not in ("that", "saying", "adding")
    )


def is_name_or_title(
    tokens: list[Token], q: int, lo: int, hi: int, cues: list[Cue], content: str
) -> bool:
    """Quoted names and titles: 'a plan called "Hell Plan"', 'ABC's "This Week"'."""
    before = tokens[q - 1] if q > lo else None
    if before is not None and before.lower in WORK_NOUNS and content[:1].isupper():
        return True
    if (
        before is not None
        and before.text == ","
        and q - 2 >= lo
        and tokens[q - 2].lower in WORK_NOUNS
        and content[:1].isupper()
    ):
        return True  # 'In his memoir, "The Long Game", ...'
    if naming_verb(tokens, q, lo, hi) is not None:
        return True
    words = [w for w in content.replace("-", " ").split() if w.strip(".,;:!?'’\"")]
    if not words or len(words) > 6 or content.rstrip().endswith(("?", "!")):
        return False
    if before is not None and before.text == ":" and content.rstrip().endswith("."):
        return False  # 'His answer was one word: "No."': a sentence, not a title
    capitalised = all(
        w.strip("'‘’\"“(")[:1].isupper() or w.lower().strip(".,") in FUNCTION_WORDS for w in words
    )
    if not capitalised or not any(w[:1].isupper() for w in words):
        return False
    if len(words) >= 3 and not any(w[:1].isupper() for w in words[1:]):
        return False  # '"It was not there."': a sentence of function words, not a title
    attached = any(
        abs(cue.index - q) <= 3 or abs(cue.stop - q) <= 2 or _reports(tokens, q, cue)
        for cue in cues
    )
    return not attached or (before is not None and before.kind == "poss")
