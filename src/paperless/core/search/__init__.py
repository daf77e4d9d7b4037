"""Search: Vietnamese folding, the in-memory session text index, in-page hit rectangles.

Query semantics (see ``query``): a query without diacritics matches diacritic-insensitively
(``"chuyen doi so"`` finds ``CHUYỂN ĐỔI SỐ``); a query typed with diacritics matches
accent-exactly but case-insensitively (``"Đảng"`` finds ``đảng``, not ``đang``).
"""

from paperless.core.search.fold import exact_key, fold, fold_compact, fold_with_map, has_diacritics
from paperless.core.search.index import Hit, SessionIndex, make_snippet
from paperless.core.search.offsets import OffsetMap
from paperless.core.search.query import Query, find_spans
from paperless.core.search.words import PageWords, Rect, WordLike, match_words

__all__ = [
    "Hit",
    "OffsetMap",
    "PageWords",
    "Query",
    "Rect",
    "SessionIndex",
    "WordLike",
    "exact_key",
    "find_spans",
    "fold",
    "fold_compact",
    "fold_with_map",
    "has_diacritics",
    "make_snippet",
    "match_words",
]
