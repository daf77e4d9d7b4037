"""A compact, monotonic map from folded-text offsets back to original-text offsets.

Folding is one character for one almost everywhere, so instead of one integer per character
the map keeps only its breakpoints: ``fold_starts[k]`` starts a run in which folded offset
``i`` comes from original offset ``orig_starts[k] + (i - fold_starts[k])``. A page of PDF
text usually needs a handful of breakpoints instead of thousands of integers.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence


class OffsetMap:
    """Immutable piecewise map ``folded offset -> original offset`` (runs of slope one)."""

    __slots__ = ("_fold", "_orig")

    def __init__(self, fold_starts: list[int], orig_starts: list[int]) -> None:
        if not fold_starts or fold_starts[0] != 0 or len(fold_starts) != len(orig_starts):
            raise ValueError("an offset map starts with a breakpoint at 0")
        self._fold = fold_starts
        self._orig = orig_starts

    @classmethod
    def identity(cls) -> OffsetMap:
        return cls([0], [0])

    @classmethod
    def from_list(cls, offsets: Sequence[int]) -> OffsetMap:
        fold_starts = [0]
        orig_starts = [offsets[0] if offsets else 0]
        for i in range(1, len(offsets)):
            if offsets[i] != offsets[i - 1] + 1:
                fold_starts.append(i)
                orig_starts.append(offsets[i])
        return cls(fold_starts, orig_starts)

    @property
    def breakpoints(self) -> int:
        return len(self._fold)

    def __getitem__(self, i: int) -> int:
        k = bisect_right(self._fold, i) - 1
        return self._orig[k] + (i - self._fold[k])

    def to_list(self, length: int) -> list[int]:
        out: list[int] = []
        ends = [*self._fold[1:], length]
        for start, end, orig in zip(self._fold, ends, self._orig, strict=True):
            if end > start:
                out.extend(range(orig, orig + min(end, length) - start))
            if end >= length:
                break
        return out

    def replace(self, length: int, spans: Sequence[tuple[int, int, int]]) -> OffsetMap:
        """The map after replacing each folded ``[s, e)`` of a text of ``length`` characters
        by ``n`` characters (0 or 1) that come from the original of ``s``. Sorted, disjoint."""
        new_fold: list[int] = []
        new_orig: list[int] = []

        def add(f: int, o: int) -> None:
            if new_fold and new_fold[-1] == f:
                new_orig[-1] = o
                if len(new_fold) > 1 and o - new_orig[-2] == f - new_fold[-2]:
                    new_fold.pop()
                    new_orig.pop()
            elif not new_fold or o - new_orig[-1] != f - new_fold[-1]:
                new_fold.append(f)
                new_orig.append(o)

        out = 0
        pos = 0
        for s, e, n in [*spans, (length, length, 0)]:
            if s > pos:  # copy [pos, s) with the breakpoints inside it
                add(out, self[pos])
                for k in range(bisect_right(self._fold, pos), bisect_left(self._fold, s)):
                    add(out + self._fold[k] - pos, self._orig[k])
                out += s - pos
            if n:
                add(out, self[s])
                out += n
            pos = e
        if not new_fold:
            return OffsetMap.identity()
        return OffsetMap(new_fold, new_orig)
