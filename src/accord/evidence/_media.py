"""The medium of a statement: "on CNN", "on Telegram", "in an interview with ABC's This Week".

Rules, in order of precedence, over the frame tokens around a reporting verb:

1. "in an interview with/on/to OUTLET", "in a post on OUTLET", "in remarks to OUTLET": the
   outlet, with a programme title in quotation marks after a possessive kept ("ABC's This Week");
2. "told OUTLET", when the object is a known outlet or platform, an upper-case acronym or a name
   containing a media word (News, TV, Radio, Times, Post, ...); "told reporters" has none;
3. "on OUTLET" right after the verb or the speaker ("wrote on Telegram", "said on CNN");
4. a generic channel: "in a statement", "at a press conference", "in a video address" gives the
   channel noun ("statement", "press conference", "video address").
"""

from __future__ import annotations

from accord.evidence._lexicon import (
    ADDRESSING_WORDS,
    ARTICLES,
    CHANNEL_ADJECTIVES,
    LOWER_CASE_MEDIA,
    MEDIA_NOUNS,
    MEDIA_WORDS,
    MONTHS,
    OUTLETS,
    PROGRAMME_NOUNS,
    PUBLISHING_WORDS,
    WEEKDAYS,
)
from accord.evidence._tokens import Token

__all__ = ["find_medium", "is_outlet"]


def _outlet_run(text: str, tokens: list[Token], k: int, hi: int) -> tuple[str, int] | None:
    """A capitalised name (possibly "X's "Title"") starting at token ``k``."""
    if k >= hi:
        return None
    if tokens[k].lower in ("his", "her", "their", "its", "the") and k + 1 < hi:
        k += 1
    first = k
    while k < hi and (
        (tokens[k].is_word and tokens[k].capitalised) or (tokens[k].kind == "num" and k > first)
    ):
        if tokens[k].lower in WEEKDAYS or tokens[k].lower in MONTHS:
            break
        k += 1
    if k == first:
        return None
    while k < hi and tokens[k].lower in MEDIA_WORDS:
        k += 1
    stop = k
    if k + 1 < hi and tokens[k].kind == "poss" and tokens[k + 1].kind == "quote":
        title = tokens[k + 1].text[1:-1].strip().rstrip(".,")
        name = text[tokens[first].start : tokens[k].end] + " " + title
        return " ".join(name.split()), k + 2
    if k < hi and tokens[k].lower in ("channel", "account", "page") and stop > first:
        stop, k = k, k + 1
    return " ".join(text[tokens[first].start : tokens[stop - 1].end].split()), k


def _programme(tokens: list[Token], k: int, hi: int) -> tuple[str, int] | None:
    """'told the programme "Meet the Press"': the title of the programme."""
    if k < hi and tokens[k].lower in ("the", "his", "her", "their", "its"):
        k += 1
    if k + 1 < hi and tokens[k].lower in PROGRAMME_NOUNS and tokens[k + 1].kind == "quote":
        return tokens[k + 1].text[1:-1].strip().rstrip(".,"), k + 2
    return None


def _media_phrase(tokens: list[Token], k: int, hi: int) -> tuple[str, int] | None:
    """A channel in lower case: "state television", "national TV", "public radio"."""
    for phrase in LOWER_CASE_MEDIA:
        words = phrase.split()
        if [t.lower for t in tokens[k : k + len(words)]] == [w.lower() for w in words]:
            return phrase, k + len(words)
    return None


def is_outlet(name: str, *, acronyms: bool = False) -> bool:
    """A news outlet or platform: a known one, or a name with a media word ("Anadolu Agency",
    "Kyiv Independent" is not); with ``acronyms``, any short upper-case name too."""
    words = [w.strip(".,") for w in name.split() if w.lower() not in ("the", "state-run")]
    if not words:
        return False
    if name in OUTLETS or words[0].rstrip("'’s") in OUTLETS:
        return True
    if any(w.lower() in MEDIA_WORDS for w in words):
        return True
    return acronyms and len(words) == 1 and 2 <= len(name) <= 6 and name.isupper()


def _is_outlet(name: str) -> bool:
    return is_outlet(name, acronyms=True)


def _channel_object(tokens: list[Token], k: int, hi: int) -> str | None:
    """ "told a news conference", "on a conference call": the channel after a verb of telling
    or "on" and an article."""
    if tokens[k].lower not in ("told", "addressed", "on") or k + 2 >= hi:
        return None
    if tokens[k + 1].lower not in ARTICLES:
        return None
    j = k + 2
    while j < hi and tokens[j].lower in CHANNEL_ADJECTIVES:
        j += 1
    if j >= hi or (j == k + 2 and tokens[j].lower not in ("briefing", "rally", "conference")):
        return None
    if tokens[j].lower == "conference" and j + 1 < hi and tokens[j + 1].lower == "call":
        return "conference call"
    if tokens[j].lower in ("conference", "briefing", "rally"):
        return " ".join(t.lower for t in tokens[k + 2 : j + 1])
    return None


def find_medium(text: str, tokens: list[Token], lo: int, hi: int, cue: int) -> str | None:
    """The medium named in tokens ``lo:hi`` for the reporting verb at ``cue``, or None."""
    generic: str | None = None
    for k in range(lo, hi):
        lower = tokens[k].lower
        channel = _channel_object(tokens, k, hi)
        if channel is not None:
            # "told a news conference", "on a conference call", "addressed a rally"
            generic = generic or channel
            continue
        if lower in ("in", "at", "during") and k + 2 < hi:
            j = k + 1
            if tokens[j].lower in ("a", "an", "the", "his", "her", "their", "its"):
                j += 1
            adjectives = j
            while j < hi and tokens[j].lower in CHANNEL_ADJECTIVES:
                j += 1
            if j < hi and (tokens[j].lower in MEDIA_NOUNS or tokens[j].lower == "remarks"):
                noun = tokens[j].lower
                if noun == "conference" and j > adjectives:
                    noun = tokens[j - 1].lower + " conference"
                if j + 2 < hi and tokens[j + 1].lower in ("with", "on", "to", "for"):
                    outlet = _outlet_run(text, tokens, j + 2, hi)
                    if outlet is not None:
                        return outlet[0]
                phrase = " ".join(t.lower for t in tokens[adjectives : j + 1])
                if generic is None:
                    generic = phrase if noun != "conference" else noun
        elif k + 1 < hi and (
            (lower in ("to", "with") and k > lo and tokens[k - 1].lower in ADDRESSING_WORDS)
            or (lower == "told" and abs(k - cue) <= 1)
        ):
            programme = _programme(tokens, k + 1, hi)
            if programme is not None:
                return programme[0]
            outlet = _outlet_run(text, tokens, k + 1, hi) or _media_phrase(tokens, k + 1, hi)
            if outlet is not None and (_is_outlet(outlet[0]) or outlet[0] in LOWER_CASE_MEDIA):
                return outlet[0]
        elif (
            lower == "on"
            and k + 1 < hi
            and (0 < k - cue <= 2 or (k > lo and tokens[k - 1].lower in PUBLISHING_WORDS))
        ):
            outlet = _outlet_run(text, tokens, k + 1, hi) or _media_phrase(tokens, k + 1, hi)
            if outlet is not None:
                return outlet[0]
        elif lower == "on" and k + 2 < hi and tokens[k + 1].lower in ("social", "state"):
            return " ".join(t.text for t in tokens[k + 1 : k + 3])
    return generic
