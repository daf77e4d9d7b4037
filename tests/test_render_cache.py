"""ImageCache: LRU bounded by bytes, thread-safe."""

from __future__ import annotations

import threading

import pytest

from paperless.core.render import DEFAULT_BUDGET, Image, ImageCache
from paperless.core.render.worker import RenderWorker


def img(nbytes: int) -> Image:
    return Image(nbytes // 3, 1, nbytes, bytes(nbytes))


def test_default_budget_is_192_mib() -> None:
    assert DEFAULT_BUDGET == 192 * 2**20
    assert ImageCache[str]().budget_bytes == DEFAULT_BUDGET
    worker = RenderWorker()
    assert worker.cache.budget_bytes == DEFAULT_BUDGET
    worker.shutdown()


def test_evicts_least_recently_used_by_bytes() -> None:
    cache: ImageCache[str] = ImageCache(300)
    cache.put("a", img(100))
    cache.put("b", img(100))
    cache.put("c", img(100))
    assert cache.size_bytes == 300 and len(cache) == 3
    assert cache.get("a") is not None  # a is now the most recent
    cache.put("d", img(100))
    assert cache.keys() == ["c", "a", "d"]  # b went first
    cache.put("e", img(150))
    assert cache.keys() == ["d", "e"]
    assert cache.size_bytes == 250


def test_peek_does_not_touch_and_replacing_updates_size() -> None:
    cache: ImageCache[str] = ImageCache(200)
    cache.put("a", img(90))
    cache.put("b", img(90))
    assert cache.peek("a") is not None
    cache.put("c", img(90))
    assert "a" not in cache and "b" in cache
    cache.put("b", img(30))
    assert cache.size_bytes == 120


def test_too_big_image_is_not_stored() -> None:
    cache: ImageCache[str] = ImageCache(100)
    cache.put("a", img(60))
    cache.put("big", img(101))
    assert cache.keys() == ["a"]
    cache.put("a", img(150))  # a replacement that is too big drops the old one too
    assert len(cache) == 0 and cache.size_bytes == 0


def test_discard_and_clear() -> None:
    cache: ImageCache[tuple[str, int]] = ImageCache(1000)
    for doc in ("x", "y"):
        for page in range(3):
            cache.put((doc, page), img(30))
    assert cache.discard_where(lambda k: k[0] == "x") == 3
    cache.discard(("y", 0))
    assert cache.keys() == [("y", 1), ("y", 2)] and cache.size_bytes == 60
    cache.clear()
    assert len(cache) == 0 and cache.size_bytes == 0


def test_negative_budget_refused() -> None:
    with pytest.raises(ValueError):
        ImageCache(-1)


def test_concurrent_use_keeps_the_books_straight() -> None:
    cache: ImageCache[int] = ImageCache(3000)

    def hammer(base: int) -> None:
        for i in range(2000):
            cache.put(base + i % 50, img(30 * (1 + i % 7)))
            cache.get(base + (i * 7) % 50)
            if i % 13 == 0:
                cache.discard(base + i % 50)

    threads = [threading.Thread(target=hammer, args=(k * 1000,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert cache.size_bytes == sum(len(cache.peek(k).samples) for k in cache.keys())  # type: ignore[union-attr]
    assert cache.size_bytes <= 3000
