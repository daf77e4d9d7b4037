"""A thread-safe LRU of rendered page images, bounded by the bytes of their pixels.

The default budget is **192 MiB** (``DEFAULT_BUDGET``): about 36 A4 pages rendered 1920 px
wide (5.2 MB each as RGB888), or a few screens of pages on a high-DPI display, which is
plenty for scrolling back and forth without re-rendering while keeping the reader well
under its 400 MB memory goal. Only decrypted *pixels* live here, in memory, never on disk.

An image larger than the whole budget is not stored (the caller still gets it).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

from paperless.core.render.document import Image

DEFAULT_BUDGET = 192 * 2**20

K = TypeVar("K", bound=Hashable)


def image_bytes(image: Image) -> int:
    """What an image costs in the cache: its pixel bytes (the object overhead is noise)."""
    return len(image.samples)


class ImageCache(Generic[K]):
    """Least-recently-used images first out once the byte budget is exceeded."""

    def __init__(self, budget_bytes: int = DEFAULT_BUDGET) -> None:
        if budget_bytes < 0:
            raise ValueError("budget_bytes must be >= 0")
        self._budget = budget_bytes
        self._items: OrderedDict[K, Image] = OrderedDict()  # oldest first
        self._bytes = 0
        self._lock = threading.Lock()

    @property
    def budget_bytes(self) -> int:
        return self._budget

    @property
    def size_bytes(self) -> int:
        with self._lock:
            return self._bytes

    def __len__(self) -> int:
        with self._lock:
            return len(self._items)

    def __contains__(self, key: object) -> bool:
        with self._lock:
            return key in self._items

    def keys(self) -> list[K]:
        """The keys from least to most recently used."""
        with self._lock:
            return list(self._items)

    def get(self, key: K) -> Image | None:
        """The image for ``key`` (marking it most recently used), or None."""
        with self._lock:
            image = self._items.get(key)
            if image is not None:
                self._items.move_to_end(key)
            return image

    def peek(self, key: K) -> Image | None:
        """The image for ``key`` without changing the LRU order."""
        with self._lock:
            return self._items.get(key)

    def put(self, key: K, image: Image) -> None:
        size = image_bytes(image)
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self._bytes -= image_bytes(old)
            if size > self._budget:
                return
            self._items[key] = image
            self._bytes += size
            while self._bytes > self._budget:
                _, evicted = self._items.popitem(last=False)
                self._bytes -= image_bytes(evicted)

    def discard(self, key: K) -> None:
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self._bytes -= image_bytes(old)

    def discard_where(self, predicate: Callable[[K], bool]) -> int:
        """Drop every entry whose key matches; returns how many were dropped."""
        with self._lock:
            doomed = [k for k in self._items if predicate(k)]
            for k in doomed:
                self._bytes -= image_bytes(self._items.pop(k))
            return len(doomed)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._bytes = 0
