"""RenderWorker: one thread, priorities, generations, coalescing, cache, errors, shutdown."""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pymupdf
import pytest

from paperless.core.render import (
    Image,
    PageSize,
    PdfDocument,
    Priority,
    RenderKey,
    RenderResult,
    RenderWorker,
)
from paperless.core.render.document import Clip
from paperless.demo.factory import DemoDocuments, write_demo_documents

TIMEOUT = 10.0


def simple_pdf(pages: int = 4) -> bytes:
    doc = pymupdf.open()
    for i in range(pages):
        doc.new_page(width=200, height=300).insert_text((20, 40), f"Trang {i + 1}", fontsize=16)
    data: bytes = doc.tobytes()
    doc.close()
    return data


def broken_page_pdf() -> bytes:
    doc = pymupdf.open(stream=simple_pdf(3), filetype="pdf")
    doc.xref_set_key(doc[1].xref, "MediaBox", "[0 0 14400 14400]")
    doc.xref_set_key(doc[1].xref, "UserUnit", "75000")
    data: bytes = doc.tobytes()
    doc.close()
    return data


class Recorder:
    """Collects callback results from the worker thread."""

    def __init__(self) -> None:
        self.results: queue.Queue[Any] = queue.Queue()

    def render(self, tag: object = None) -> Any:
        return lambda result: self.results.put((tag, result, threading.get_ident()))

    def get(self) -> Any:
        return self.results.get(timeout=TIMEOUT)

    def take(self, n: int) -> list[Any]:
        return [self.get() for _ in range(n)]


@pytest.fixture
def worker() -> Iterator[RenderWorker]:
    w = RenderWorker()
    yield w
    w.shutdown()


def open_doc(worker: RenderWorker, doc: str, data: bytes) -> list[PageSize]:
    box: queue.Queue[Any] = queue.Queue()
    worker.open(doc, data, lambda d, sizes, err: box.put((d, sizes, err)))
    d, sizes, err = box.get(timeout=TIMEOUT)
    assert d == doc and err is None, err
    return sizes  # type: ignore[no-any-return]


def block(worker: RenderWorker, doc: str = "d") -> threading.Event:
    """Occupy the worker with a slow call until the returned event is set."""
    release, started = threading.Event(), threading.Event()

    def slow(_: PdfDocument) -> None:
        started.set()
        release.wait(TIMEOUT)

    worker.call(doc, slow, lambda v, e: None, Priority.VISIBLE)
    assert started.wait(TIMEOUT)
    return release


def key(page: int, scale: float = 0.5, night: bool = False, doc: str = "d") -> RenderKey:
    return RenderKey(doc, page, scale, night)


def test_open_reports_page_sizes(worker: RenderWorker) -> None:
    assert open_doc(worker, "d", simple_pdf(3)) == [PageSize(200, 300)] * 3


def test_open_of_a_broken_pdf_reports_an_error(worker: RenderWorker) -> None:
    box: queue.Queue[Any] = queue.Queue()
    worker.open("bad", b"garbage", lambda d, sizes, err: box.put((sizes, err)))
    sizes, err = box.get(timeout=TIMEOUT)
    assert sizes is None and err


def test_priority_order_then_fifo(worker: RenderWorker) -> None:
    open_doc(worker, "d", simple_pdf(8))
    rec = Recorder()
    release = block(worker)
    plan = [
        (0, Priority.THUMBNAIL), (1, Priority.BACKGROUND), (2, Priority.PREFETCH), (3, Priority.VISIBLE),
        (4, Priority.THUMBNAIL), (5, Priority.PREFETCH), (6, Priority.VISIBLE), (7, Priority.VISIBLE),
    ]
    for page, prio in plan:
        worker.render(key(page), prio, 0, rec.render(page))
    release.set()
    order = [tag for tag, _, _ in rec.take(len(plan))]
    assert order == [3, 6, 7, 2, 5, 0, 4, 1]


def test_call_jobs_share_the_queue(worker: RenderWorker) -> None:
    open_doc(worker, "d", simple_pdf(2))
    done: queue.Queue[Any] = queue.Queue()
    release = block(worker)
    worker.call("d", lambda doc: "background", lambda v, e: done.put(v))
    worker.render(key(0), Priority.THUMBNAIL, 0, lambda r: done.put("thumbnail"))
    worker.call("d", lambda doc: doc.page_count, lambda v, e: done.put(v), Priority.VISIBLE)
    release.set()
    assert [done.get(timeout=TIMEOUT) for _ in range(3)] == [2, "thumbnail", "background"]


def test_stale_generation_is_dropped_before_starting(worker: RenderWorker) -> None:
    open_doc(worker, "d", simple_pdf(6))
    rec = Recorder()
    release = block(worker)
    for page in range(3):
        worker.render(key(page), Priority.VISIBLE, 0, rec.render(("old", page)))
    worker.set_generation("d", 1)
    assert worker.generation("d") == 1
    for page in range(3, 6):
        worker.render(key(page), Priority.PREFETCH, 1, rec.render(("new", page)))
    release.set()
    results = {tag: result for tag, result, _ in rec.take(6)}
    for page in range(3):
        assert results[("old", page)].cancelled
    for page in range(3, 6):
        assert results[("new", page)].image is not None
    assert all(key(p) not in worker.cache for p in range(3))


def test_a_stale_request_still_runs_if_a_current_caller_wants_it(worker: RenderWorker) -> None:
    open_doc(worker, "d", simple_pdf(2))
    rec = Recorder()
    release = block(worker)
    worker.render(key(0), Priority.PREFETCH, 0, rec.render("old"))
    worker.set_generation("d", 1)
    worker.render(key(0), Priority.VISIBLE, 1, rec.render("new"))
    release.set()
    got = {tag: result for tag, result, _ in rec.take(2)}
    assert got["old"].image is got["new"].image is not None


class CountingDocument(PdfDocument):
    renders: list[tuple[int, float, bool]]
    threads: set[int]

    def __init__(self, data: bytes) -> None:
        self.renders = []
        self.threads = {threading.get_ident()}
        super().__init__(data)

    def __getattribute__(self, name: str) -> Any:
        if name in ("render", "outline", "links", "words", "text", "page_sizes", "display_list", "close"):
            object.__getattribute__(self, "threads").add(threading.get_ident())
        return object.__getattribute__(self, name)

    def render(self, page: int, scale: float, *, night: bool = False, clip: Clip | None = None) -> Image:
        self.renders.append((page, scale, night))
        return super().render(page, scale, night=night, clip=clip)


def counting_worker() -> tuple[RenderWorker, list[CountingDocument]]:
    made: list[CountingDocument] = []

    def factory(data: bytes) -> PdfDocument:
        doc = CountingDocument(data)
        made.append(doc)
        return doc

    return RenderWorker(document_factory=factory), made


def test_duplicate_requests_are_coalesced() -> None:
    worker, made = counting_worker()
    try:
        open_doc(worker, "d", simple_pdf(2))
        rec = Recorder()
        release = block(worker)
        worker.render(key(1), Priority.THUMBNAIL, 0, rec.render("a"))
        worker.render(key(0), Priority.PREFETCH, 0, rec.render("other"))
        worker.render(key(1), Priority.VISIBLE, 0, rec.render("b"))  # also upgrades the priority
        release.set()
        got = rec.take(3)
        assert [tag for tag, _, _ in got] == ["a", "b", "other"]
        assert got[0][1].image is got[1][1].image
        assert made[0].renders == [(1, 0.5, False), (0, 0.5, False)]
        assert worker.pending() == 0
    finally:
        worker.shutdown()


def test_cached_key_answers_immediately_on_the_callers_thread() -> None:
    worker, made = counting_worker()
    try:
        open_doc(worker, "d", simple_pdf(1))
        rec = Recorder()
        worker.render(key(0), Priority.VISIBLE, 0, rec.render())
        _, first, tid = rec.get()
        assert tid == worker.thread_ident
        assert worker.cached(key(0)) is first.image
        worker.render(key(0), Priority.VISIBLE, 0, rec.render())
        _, second, tid = rec.results.get_nowait()  # already there: no queueing
        assert tid == threading.get_ident() and second.image is first.image and second.seconds == 0.0
        assert len(made[0].renders) == 1
    finally:
        worker.shutdown()


def test_failed_page_gives_an_error_result_and_the_worker_goes_on(worker: RenderWorker) -> None:
    open_doc(worker, "d", broken_page_pdf())
    rec = Recorder()
    for page in range(3):
        worker.render(key(page), Priority.VISIBLE, 0, rec.render(page))
    results = {tag: r for tag, r, _ in rec.take(3)}
    assert results[1].image is None and results[1].error and not results[1].cancelled
    assert results[0].image is not None and results[2].image is not None
    assert key(1) not in worker.cache


def test_a_failing_callback_does_not_stop_the_worker(worker: RenderWorker) -> None:
    open_doc(worker, "d", simple_pdf(2))
    rec = Recorder()

    def boom(_: RenderResult) -> None:
        raise RuntimeError("callback bug")

    worker.render(key(0), Priority.VISIBLE, 0, boom)
    worker.render(key(1), Priority.VISIBLE, 0, rec.render())
    assert rec.get()[1].image is not None


def test_render_of_an_unknown_document_is_an_error(worker: RenderWorker) -> None:
    rec = Recorder()
    worker.render(key(0, doc="nope"), Priority.VISIBLE, 0, rec.render())
    assert "not open" in (rec.get()[1].error or "")


def test_night_mode_renders_inverted(worker: RenderWorker) -> None:
    open_doc(worker, "d", simple_pdf(1))
    rec = Recorder()
    worker.render(key(0, 1.0), Priority.VISIBLE, 0, rec.render())
    worker.render(key(0, 1.0, night=True), Priority.VISIBLE, 0, rec.render())
    day, night = (r.image for _, r, _ in rec.take(2))
    assert day.samples[:3] == b"\xff\xff\xff" and night.samples[:3] == b"\x00\x00\x00"
    assert key(0, 1.0) in worker.cache and key(0, 1.0, night=True) in worker.cache


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> DemoDocuments:
    return write_demo_documents(tmp_path_factory.mktemp("demo"))


def test_outline_links_words_via_call(worker: RenderWorker, demo: DemoDocuments) -> None:
    open_doc(worker, "plan", Path(demo.plan).read_bytes())
    box: queue.Queue[Any] = queue.Queue()
    worker.call("plan", lambda d: d.outline(), lambda v, e: box.put(("outline", v, e)))
    worker.call("plan", lambda d: d.links(0), lambda v, e: box.put(("links", v, e)))
    worker.call("plan", lambda d: d.words(0), lambda v, e: box.put(("words", v, e)))
    worker.call("plan", lambda d: d.text(99), lambda v, e: box.put(("bad", v, e)))
    got = {name: (v, e) for name, v, e in (box.get(timeout=TIMEOUT) for _ in range(4))}
    assert got["outline"][0][0].title == "I. MỤC ĐÍCH, YÊU CẦU"
    assert {link.page for link in got["links"][0]} >= {1, 2}
    assert "Đảng" in {w.text for w in got["words"][0]}
    assert got["bad"][0] is None and "out of range" in (got["bad"][1] or "")


def test_call_on_a_document_that_is_not_open(worker: RenderWorker) -> None:
    box: queue.Queue[Any] = queue.Queue()
    worker.call("nope", lambda d: d.page_count, lambda v, e: box.put((v, e)))
    assert box.get(timeout=TIMEOUT) == (None, "the document is not open")


def test_close_document_cancels_its_queue_and_drops_its_images(worker: RenderWorker) -> None:
    open_doc(worker, "d", simple_pdf(3))
    open_doc(worker, "e", simple_pdf(1))
    rec = Recorder()
    worker.render(key(0), Priority.VISIBLE, 0, rec.render())
    worker.render(key(0, doc="e"), Priority.VISIBLE, 0, rec.render())
    rec.take(2)
    release = block(worker)
    worker.render(key(1), Priority.VISIBLE, 0, rec.render("queued"))
    worker.close_document("d")
    assert key(0) not in worker.cache and key(0, doc="e") in worker.cache
    release.set()
    assert rec.get()[1].cancelled
    worker.render(key(2), Priority.VISIBLE, 0, rec.render())
    assert "not open" in (rec.get()[1].error or "")


def test_reopening_resets_the_generation(worker: RenderWorker) -> None:
    open_doc(worker, "d", simple_pdf(1))
    worker.set_generation("d", 7)
    open_doc(worker, "d", simple_pdf(2))
    assert worker.generation("d") == 0
    rec = Recorder()
    worker.render(key(1), Priority.VISIBLE, 0, rec.render())
    assert rec.get()[1].image is not None


def test_shutdown_joins_the_thread() -> None:
    worker = RenderWorker()
    open_doc(worker, "d", simple_pdf(1))
    assert worker.alive
    worker.shutdown()
    assert not worker.alive
    worker.shutdown()  # twice is fine
    rec = Recorder()
    worker.render(key(0), Priority.VISIBLE, 0, rec.render())  # ignored once stopped
    assert rec.results.empty()


def test_every_pymupdf_call_happens_on_the_worker_thread(demo: DemoDocuments) -> None:
    worker, made = counting_worker()
    try:
        open_doc(worker, "plan", Path(demo.plan).read_bytes())
        rec = Recorder()
        for page in range(3):
            worker.render(key(page, doc="plan"), Priority.VISIBLE, 0, rec.render())
        rec.take(3)
        box: queue.Queue[Any] = queue.Queue()
        for fn in (lambda d: d.outline(), lambda d: d.links(0), lambda d: d.words(1), lambda d: d.text(2)):
            worker.call("plan", fn, lambda v, e: box.put(e))
        assert [box.get(timeout=TIMEOUT) for _ in range(4)] == [None] * 4
        worker.close_document("plan")
        worker.call("plan", lambda d: None, lambda v, e: box.put(e))  # after the close has run
        box.get(timeout=TIMEOUT)
    finally:
        worker.shutdown()
    assert made[0].threads == {worker.thread_ident}
    assert threading.get_ident() not in made[0].threads
