"""The named extraction rules: which configuration produced a statement, and its speaker.

Every statement records the rule that attached it (:data:`STATEMENT_RULES`) and, when a cue
attached it, how the cue's speaker phrase was found (:data:`SOURCE_RULES`). ``accord evidence
--explain`` prints both with the descriptions below, so that a wrong attribution can be traced
to the rule to change. The configurations are those of the attribution literature: the PARC
corpus (Pareti 2016) and the sieve of Muzny, Fang, Chang & Jurafsky (2017), whose
"conversation" and "closest mention" sieves are the floating rules here.
"""

from __future__ import annotations

__all__ = ["SOURCE_RULES", "STATEMENT_RULES", "describe"]

#: How a statement was attached to its speaker -> what the rule says.
STATEMENT_RULES: dict[str, str] = {
    "cue-after": 'a cue and its speaker right after the quotation ("...," said Peskov)',
    "cue-closes-clause": 'the quotation ends a clause that a final cue closes (... "a new page", '
    "Erdinc said)",
    "cue-before": 'a cue before the quotation in its sentence (Peskov said: "...")',
    "qa-answer": 'A: "..." in a printed interview: the words of the person interviewed',
    "colon-introduction": "after a colon, the subject or possessor of the clause "
    '(His verdict: "...")',
    "dash-signature": 'a dash and a name after the quotation ("..." - Donald Trump)',
    "unknown-verb": 'a speaker and a verb in the past the lexicon lacks ("...," he fumed)',
    "continuation": "no cue: the speaker of the previous sentence, or the person it is about",
    "opening-paragraph": "alone in the opening paragraph: the first person named in the next",
    "reported-after-cue": "reported speech after its cue (X said (that) CLAUSE)",
    "reported-before-cue": "reported speech before its cue (CLAUSE, X said)",
    "unattributed": "a quotation that no rule gave a speaker",
}

#: How a cue's speaker phrase was found -> what the rule says.
SOURCE_RULES: dict[str, str] = {
    "subject": "the phrase left of the verb, past auxiliaries, adverbs and appositions",
    "inverted": "the phrase after the verb, after a quotation or comma (said Peskov)",
    "according-to": "the phrase after 'according to'",
    "participle-subject": "the name right before a participle (..., Peskov adding)",
    "participle-earlier-cue": "a participle takes the speaker of an earlier cue in the sentence",
    "participle-clause-subject": "a participle takes the subject of its clause",
    "quoted-as-saying": "the one quoted in 'X quoted Y as saying'",
    "passive-agent": "the agent of a passive verb (was described by colleagues as)",
}


def describe(rule: str | None) -> str:
    """The description of a statement or source rule (the name itself when unknown)."""
    if rule is None:
        return "-"
    return STATEMENT_RULES.get(rule) or SOURCE_RULES.get(rule) or rule
