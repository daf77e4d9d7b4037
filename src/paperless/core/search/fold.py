"""Vietnamese-aware text folding with an offset map back to the original text.

``fold`` turns text into a search key: every character is NFD-decomposed, combining marks
(the Vietnamese tone marks and the circumflex, breve and horn) are dropped, ``đ``/``Đ``
become ``d`` (đ is a letter of its own, NFD does not split it) and the result is case-folded.
Whitespace is normalised so that PDF text, which has a line break between lines, still
matches a phrase typed on one line:

* every run of whitespace (spaces, tabs, NBSP, line breaks) becomes one space, and leading
  and trailing whitespace is dropped;
* a hyphen at the end of a line, directly after a letter or digit, joins the two lines: if
  the next line starts with a lower-case letter the hyphen is taken for a hyphenation and
  dropped (``docu-⏎ment`` → ``document``), otherwise it is kept (``BTV12-⏎01`` →
  ``btv12-01``). A hyphen after a space is a dash and stays (``kinh tế -⏎xã hội``);
* a soft hyphen (U+00AD) is invisible: dropped, and at a line end it joins the lines;
* U+2010 HYPHEN and U+2011 NON-BREAKING HYPHEN become ``-``.

Other characters are kept. ``fold_with_map`` also returns, for each folded character, the
index of the original character it comes from; the map is non-decreasing.

``exact_key`` is the accent-exact variant used to verify matches of a query typed with
diacritics: the same pipeline without dropping marks or mapping đ, then NFD (so NFC and NFD
input compare equal, whatever order the marks were typed in).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

from paperless.core.search.offsets import OffsetMap

_LINE_BREAKS: Final = frozenset("\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029")
_HYPHENS: Final = frozenset("\u2010\u2011")
_SOFT_HYPHEN: Final = "\u00ad"
_HYPHENISH: Final = re.compile("[-\u00ad\u2010\u2011]")
_MARK_CATEGORIES: Final = frozenset(("Mn", "Me"))
# Latin (with Vietnamese), Greek, Cyrillic, combining marks, Latin Extended Additional
# (precomposed Vietnamese), Greek Extended, general punctuation, letter-like symbols.
_TABLE_RANGES: Final = ((0x0000, 0x0500), (0x1E00, 0x2150))


def is_mark(ch: str) -> bool:
    """True for a combining mark (nonspacing or enclosing), e.g. U+0300-U+036F."""
    return unicodedata.category(ch) in _MARK_CATEGORIES


def _piece(ch: str, strip: bool) -> str:
    """Fold one original character: '' (dropped), one or more characters, ' ' or '\\n'."""
    if ch.isspace():
        return "\n" if ch in _LINE_BREAKS else " "
    if ch == _SOFT_HYPHEN:
        return ch
    if ch in _HYPHENS:
        return "-"
    out: list[str] = []
    for d in unicodedata.normalize("NFD", ch):
        if strip and is_mark(d):
            continue
        for e in unicodedata.normalize("NFD", d.casefold()):
            if strip:
                if is_mark(e):
                    continue
                if e == "đ":
                    e = "d"
            out.append(" " if e.isspace() else e)
    return "".join(out)


def _build_tables() -> tuple[Mapping[int, str], re.Pattern[str]]:
    """The fold of each common character (for str.translate) and a pattern matching the
    characters that do not fold to exactly one character (marks, ß, ﬁ, …) or lie
    outside the table: text without them folds one-to-one."""
    table: dict[int, str] = {}
    irregular: list[str] = []
    for lo, hi in _TABLE_RANGES:
        for cp in range(lo, hi):
            piece = _piece(chr(cp), True)
            table[cp] = piece
            if len(piece) != 1:
                irregular.append(re.escape(chr(cp)))
    outside = "".join(f"\\U{lo:08x}-\\U{hi - 1:08x}" for lo, hi in _gaps())
    return MappingProxyType(table), re.compile("[" + "".join(irregular) + outside + "]")


def _gaps() -> list[tuple[int, int]]:
    gaps: list[tuple[int, int]] = []
    pos = 0
    for lo, hi in _TABLE_RANGES:
        if lo > pos:
            gaps.append((pos, lo))
        pos = hi
    gaps.append((pos, 0x110000))
    return gaps


# constants, read-only
_FOLD_TABLE, _IRREGULAR = _build_tables()


def _pieces(text: str, strip: bool) -> list[str]:
    if strip:
        table = _FOLD_TABLE
        return [table[ord(c)] if ord(c) in table else _piece(c, True) for c in text]
    return [_piece(c, False) for c in text]


def _positions(text: str, needle: str) -> list[int]:
    out: list[int] = []
    i = text.find(needle)
    while i >= 0:
        out.append(i)
        i = text.find(needle, i + len(needle))
    return out


def _after_letter(f: str, i: int) -> bool:
    """Whether ``f[i]`` follows a letter or digit (skipping the marks kept by exact keys)."""
    i -= 1
    while i >= 0 and is_mark(f[i]):
        i -= 1
    return i >= 0 and f[i].isalnum()


def _break_spans(f: str, omap: OffsetMap, text: str) -> list[tuple[int, int, str]]:
    """Pass A: line breaks, the whitespace around them, line-end hyphens, soft hyphens and
    runs of spaces, as sorted disjoint replacements ``(start, end, by)``."""
    anchors = _positions(f, "\n")
    extra = [*(_positions(f, _SOFT_HYPHEN) if _SOFT_HYPHEN in f else ()), *(_positions(f, "  ") if "  " in f else ())]
    if extra:
        anchors = sorted(anchors + extra)
    n = len(f)
    spans: list[tuple[int, int, str]] = []
    done = 0
    for a in anchors:
        if a < done:
            continue
        e = a + 1
        while e < n and f[e] in " \n":
            e += 1
        s = a
        if f[a] == _SOFT_HYPHEN:  # invisible; at a line end it joins the lines
            r = "" if e == a + 1 or "\n" in f[a:e] else " "
        else:
            while s > done and f[s - 1] in " \n":
                s -= 1
            r = " "
            if s - 1 > done and f[s - 1] == "-" and _after_letter(f, s - 1) and "\n" in f[s:e]:
                s -= 1
                after = f[e] if e < n else ""
                # "docu-\nment" is a hyphenation; "BTV12-\n01" or "Hà-\nNội" keep the hyphen
                r = "" if after.isalpha() and not text[omap[e]].isupper() else "-"
        spans.append((s, e, r))
        done = e
    return spans


def _space_spans(f: str) -> list[tuple[int, int, str]]:
    """Pass B: spaces doubled by characters folded to nothing, and the two ends."""
    spans: list[tuple[int, int, str]] = []
    if "  " in f:
        for a in _positions(f, "  "):
            if spans and a < spans[-1][1]:
                continue
            e = a + 2
            while e < len(f) and f[e] == " ":
                e += 1
            spans.append((a, e, " "))
    if f.startswith(" "):
        if spans and spans[0][0] == 0:
            spans[0] = (0, spans[0][1], "")
        else:
            spans.insert(0, (0, 1, ""))
    if f.endswith(" ") and spans and spans[-1][1] == len(f):
        spans[-1] = (spans[-1][0], len(f), "")
    elif f.endswith(" "):
        spans.append((len(f) - 1, len(f), ""))
    return spans


def _apply(f: str, omap: OffsetMap, spans: list[tuple[int, int, str]]) -> tuple[str, OffsetMap]:
    parts: list[str] = []
    pos = 0
    for s, e, r in spans:
        parts.append(f[pos:s])
        parts.append(r)
        pos = e
    parts.append(f[pos:])
    return "".join(parts), omap.replace(len(f), [(s, e, len(r)) for s, e, r in spans])


def fold_compact(text: str, *, strip: bool = True) -> tuple[str, OffsetMap]:
    """``fold_with_map`` with the compact map (``strip=False``: keep marks and đ)."""
    if strip and _IRREGULAR.search(text) is None:
        f = text.translate(_FOLD_TABLE)  # one character for one: the map is the identity
        omap = OffsetMap.identity()
    else:
        pieces = _pieces(text, strip)
        f = "".join(pieces)
        omap = OffsetMap.from_list([i for i, p in enumerate(pieces) for _ in p])
    spans = _break_spans(f, omap, text)
    if spans:
        f, omap = _apply(f, omap, spans)
    if f.strip(" ") == "":
        return "", OffsetMap.identity()
    spans = _space_spans(f)
    if spans:
        f, omap = _apply(f, omap, spans)
    return f, omap


def fold_with_map(text: str) -> tuple[str, list[int]]:
    """Fold ``text`` (see the module doc); ``folded[i]`` comes from ``text[map[i]]``."""
    folded, omap = fold_compact(text)
    return folded, omap.to_list(len(folded))


def fold(text: str) -> str:
    """``"Chuyển Đổi SỐ"`` → ``"chuyen doi so"``: case-, diacritic- and whitespace-insensitive."""
    return fold_compact(text)[0]


def exact_key(text: str) -> str:
    """Case-insensitive but accent-exact key: ``"Đảng"`` and ``"đảng"`` agree, ``"đang"`` not."""
    if _HYPHENISH.search(text) is None:  # only whitespace to normalise: the short way
        return " ".join(unicodedata.normalize("NFD", unicodedata.normalize("NFD", w).casefold()) for w in text.split())
    return unicodedata.normalize("NFD", fold_compact(text, strip=False)[0])


def has_diacritics(text: str) -> bool:
    """True if ``text`` carries a Vietnamese diacritic (any combining mark, or đ/Đ)."""
    return any(is_mark(c) or c in "đĐ" for c in unicodedata.normalize("NFD", text))

