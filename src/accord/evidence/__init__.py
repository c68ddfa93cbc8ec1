"""Evidence from the news: who said what, about whom, with which numbers.

accord reads news articles - plain text, or HTML with the ``accord[news]`` extra - and finds

- the *article*: headline, bullet summary, the outlets it cites, and the body with hard line
  wraps repaired and promos removed (:func:`parse_article`, :func:`read_article`);
- *quotations*, direct and reported, with speaker, role, medium and date, each linked to the
  scenario actor the speaker speaks for;
- *mentions* of the scenario's actors through their aliases;
- *numeric claims* with qualifier and unit;
- *evidence records* in the scenario format, ready to cite from positions
  (:func:`extract`), and appends them to a scenario file (:func:`append_evidence`).

Approach
--------
Rules over a tokenizer, offline, with no model to download. Quote extraction and attribution
in news are dominated by a few syntactic configurations - a quotation, a reporting verb and a
speaker next to each other - which deterministic rules capture well: the PARC corpus study of
attribution (Pareti 2016), the rule-based news pipeline of Newell, Cowlishaw & Man (2018) and
the sieve of Muzny et al. (2017) all rest on them, and rules are transparent, fast (hundreds
of articles a second) and need no weights. Statistical models would add a large dependency for
little gain on these configurations. HTML main-text extraction uses trafilatura (Barbaresi
2021), a maintained extractor that scores among the best in published comparisons on news
pages.

The modules, one concept each: ``_reading`` (bytes, size, encodings), ``_html`` (trafilatura),
``_article`` (cleaning), ``_marks`` (pairing quotation marks), ``_tokens`` (tokens and units),
``_lexicon`` (every word list the rules use, by name), ``_names`` and ``_titles`` (names,
roles, people), ``_nominals`` (unnamed speakers), ``_cues`` (reporting verbs and their
sources), ``_quotes`` (which quotations are speech, and their cue), ``_indirect`` (reported
speech), ``_attribution`` (reading the units: who said what), ``_discourse`` (what was read,
and resolving pronouns, surnames and descriptions against it), ``_floating`` (quotations with
no cue), ``_setting`` (media, dates, context), ``_media``, ``_dates``, ``_rules`` (the names of
the rules each statement records), ``_actors`` (aliases), ``_numbers``, ``_records`` (results
and the JSON contract), ``_append`` (scenario files) and ``evaluate`` (scores on the annotated
passages).

Costs are linear in the article: units have at most :data:`accord.evidence._tokens.MAX_UNIT`
tokens, so the rules, which look at the tokens of a unit, cost the same per token however the
article is written; dates are found once per article; a record's context is bounded
(:data:`accord.evidence._setting.CONTEXT_MARGIN`); ids are given out in linear time.

References
----------
- Barbaresi, A. (2021). Trafilatura: A web scraping library and command-line tool for text
  discovery and extraction. *ACL-IJCNLP System Demonstrations*, 122-131.
- Muzny, G., Fang, M., Chang, A. & Jurafsky, D. (2017). A two-stage sieve approach for quote
  attribution. *EACL*, 460-470.
- Newell, C., Cowlishaw, T. & Man, D. (2018). Quote extraction and analysis for news.
  *KDD Workshop on Data Science, Journalism and Media*.
- O'Keefe, T., Pareti, S., Curran, J. R., Koprinska, I. & Honnibal, M. (2012). A sequence
  labelling approach to quote attribution. *EMNLP-CoNLL*, 790-799.
- Pareti, S. (2016). PARC 3.0: A corpus of attribution relations. *LREC*, 3914-3920.
"""

from __future__ import annotations

from accord.evidence._actors import Mention
from accord.evidence._append import AppendResult, append_evidence
from accord.evidence._article import Article
from accord.evidence._extract import extract, parse_article, read_article
from accord.evidence._html import INSTALL_HINT
from accord.evidence._numbers import NumberClaim
from accord.evidence._records import ArticleEvidence, Quote
from accord.evidence._rules import describe as describe_rule

__all__ = [
    "INSTALL_HINT",
    "AppendResult",
    "Article",
    "ArticleEvidence",
    "Mention",
    "NumberClaim",
    "Quote",
    "append_evidence",
    "describe_rule",
    "extract",
    "parse_article",
    "read_article",
]
