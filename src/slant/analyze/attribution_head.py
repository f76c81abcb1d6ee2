"""Moved to :mod:`slant.analyze.quotes.head` (the quotes package's head-decoding stage); kept so that
``from slant.analyze.attribution_head import …`` still works."""

from slant.analyze.quotes.head import (ATTR_TAGS, CUE_REACH, HEAD_FILE, SOURCE_REACH, _gap, _Nearby,  # noqa: F401
                                      combine, decode_attributions, quotes_from_states)
