"""Who said what: direct and indirect quotes with their cue, speaker and relay.

One module per stage, imports running one way along the data's path: ``model`` (Mention, Quote) <-
``marks`` (quote-mark pairing) <- ``relays`` <- ``speakers`` (speaker phrases) <- ``direct`` <-
``indirect`` <- ``head`` (decoding the attribution head) <- ``confidence`` (each statement's calibrated
probability, and admission) <- ``assemble`` (the component).

The layer is deterministic and works in three passes:

1. **Quote marks** are paired per paragraph: curly, straight and guillemet marks, with a glyph's
   role read from its neighbours when the glyph lies (a straight mark, a closing glyph used to
   open). A paragraph that opens a quote and never closes it continues into the next paragraph
   when that one opens with a quote mark (the newsroom convention for long quotes). Unclosed and
   unopened quotes are kept and flagged; single marks inside a quote are nested quotes.
2. **Direct quotes** get their attribution from the clause after the closing mark
   ("…,” Putin said), before the opening mark (Putin said: “…”) or around it; a quote interrupted by
   its attribution (“…,” he said, “…”) is one quote in two parts. A quote with no attribution of
   its own continues the speaker of the quote just before it.
3. **Indirect quotes** are found in the remaining text: "X said (that) …", "according to X, …",
   "…, X said.", "X has repeatedly denied this", "X, which claims …".

Speakers are mention spans; pronouns and role nouns ("he", "the French leader") are resolved to
the most recent compatible entity (:mod:`slant.analyze.entities`). The relay is the outlet or
channel that carried the statement ("as quoted by Russia Today", "told Reuters", "on Twitter").
"""

from slant.analyze.quotes.assemble import (QUOTES_TSV_COLUMNS, annotate_quotes, extract_quotes, make_quotes_component,
                                          quote_rows)
from slant.analyze.quotes.confidence import (CONFIDENCE_FILE, PROBABILITY_MEANING, StatementConfidence,
                                            load_confidence)
from slant.analyze.quotes.direct import MIN_UNATTRIBUTED_WORDS, POST_CLAUSE_CHARS, find_direct_quotes
from slant.analyze.quotes.head import (ATTR_TAGS, HEAD_FILE, combine, decode_attributions, quotes_from_states,
                                      speaker_at_cue, statement_at_cue)
from slant.analyze.quotes.indirect import find_indirect_quotes
from slant.analyze.quotes.marks import DOUBLE_ANY, DOUBLE_CLOSE, DOUBLE_OPEN, SINGLE_CLOSE, SINGLE_OPEN, pair_quote_marks
from slant.analyze.quotes.model import Mention, Quote
from slant.analyze.quotes.relays import find_relay

__all__ = ["ATTR_TAGS", "CONFIDENCE_FILE", "DOUBLE_ANY", "DOUBLE_CLOSE", "DOUBLE_OPEN", "HEAD_FILE", "MIN_UNATTRIBUTED_WORDS",
           "POST_CLAUSE_CHARS", "QUOTES_TSV_COLUMNS", "SINGLE_CLOSE", "SINGLE_OPEN", "Mention", "Quote",
           "annotate_quotes", "combine", "decode_attributions", "extract_quotes", "find_direct_quotes",
           "find_indirect_quotes", "find_relay", "make_quotes_component", "pair_quote_marks", "quote_rows",
           "quotes_from_states", "speaker_at_cue", "statement_at_cue", "PROBABILITY_MEANING", "StatementConfidence",
           "load_confidence"]
