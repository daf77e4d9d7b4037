"""The child-process protocol (paperless.core.isolation): frames, limits, shapes, deadlines —
and real hostile children, each refused in bounded time, after which the app keeps working."""

from __future__ import annotations

import os
import socket
import struct
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from paperless.core.bundle.errors import DocumentError
from paperless.core.export.isolated import ExportFailedError, build_annotated_pdf_isolated
from paperless.core.isolation import Channel, ChildProcess, Limits, ProtocolError, TimedOut, child_command, read_hello
from paperless.core.isolation.serving import raise_error
from paperless.core.isolation.shapes import Bool, Const, Float, Int, List, Optional, ShapeError, Str, Tuple
from paperless.core.isolation.wire import MAGIC, PREFIX, Closed, PipeTransport, SocketTransport, nesting_depth
from paperless.core.render import RenderProcess
from paperless.demo.factory import DemoDocuments, write_demo_documents

HOSTILE = Path(__file__).with_name("isolation_hostile_child.py")
LIMITS = Limits(max_header=1 << 20, max_depth=4, max_blobs=2, max_blob=1 << 20, max_fds=2)
QUICK = 2.0  # seconds: every refusal happens well within this


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> DemoDocuments:
    return write_demo_documents(tmp_path_factory.mktemp("demo"))


def socket_pair(limits: Limits = LIMITS) -> tuple[Channel, Channel]:
    a, b = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
    return Channel(SocketTransport(a, max_fds=limits.max_fds), limits), Channel(SocketTransport(b, max_fds=limits.max_fds),
                                                                                 limits)


def pipe_pair(limits: Limits = LIMITS) -> tuple[Channel, Channel]:
    r1, w1 = os.pipe()
    r2, w2 = os.pipe()
    return Channel(PipeTransport(r1, w2), limits), Channel(PipeTransport(r2, w1), limits)


def raw(channel: Channel, data: bytes) -> None:
    """Bytes straight onto the channel's transport, framing or not."""
    channel.transport.send([data], [], time.monotonic() + 5)


def refused(channel: Channel, **kwargs: object) -> float:
    start = time.perf_counter()
    with pytest.raises(ProtocolError):
        channel.receive(deadline=time.monotonic() + 10, **kwargs)  # type: ignore[arg-type]
    return time.perf_counter() - start


def open_fds() -> set[str]:
    return set(os.listdir("/proc/self/fd"))


# ---- frames ------------------------------------------------------------------------------------


@pytest.mark.parametrize("pair", [socket_pair, pipe_pair], ids=["socketpair", "os.pipe"])
def test_messages_go_through_whole(pair: object) -> None:
    left, right = pair()  # type: ignore[operator]
    big = os.urandom(300_000)  # more than a pipe or socket buffer holds: sent while the other side reads
    sender = threading.Thread(target=lambda: left.send(["render", 1, 2.5, True, None, "Tiếng Việt"], [b"", big]))
    sender.start()
    message = right.receive(deadline=time.monotonic() + 10)
    sender.join()
    assert message.header == ["render", 1, 2.5, True, None, "Tiếng Việt"]
    assert [bytes(b) for b in message.blobs] == [b"", big]
    for n in range(3):  # several small messages in a row (read ahead, then taken in order)
        left.send(["ok", n])
    assert [right.receive().header for _ in range(3)] == [["ok", 0], ["ok", 1], ["ok", 2]]
    left.close()
    with pytest.raises(Closed):
        right.receive(deadline=time.monotonic() + 5)
    right.close()


def test_descriptors_pass_with_their_message_and_extra_ones_are_closed(tmp_path: Path) -> None:
    left, right = socket_pair()
    path = tmp_path / "f"
    path.write_bytes(b"segment")
    fd = os.open(path, os.O_RDONLY)
    left.send(["warm", 1, 7], fds=[fd])
    os.close(fd)
    message = right.receive(deadline=time.monotonic() + 5)
    assert len(message.fds) == 1 and os.pread(message.fds[0], 7, 0) == b"segment"
    message.close_fds()
    before = open_fds()
    extra = [os.open(path, os.O_RDONLY) for _ in range(2)]
    # two descriptors where the header announces none: refused, and both closed on our side
    left.transport.send([PREFIX.pack(MAGIC, 6, 0, 0), b'["ok"]'], extra, time.monotonic() + 5)
    for e in extra:
        os.close(e)
    assert refused(right) < QUICK
    assert open_fds() == before
    extra = [os.open(path, os.O_RDONLY) for _ in range(5)]  # more than the channel ever takes
    left.transport.send([PREFIX.pack(MAGIC, 6, 0, 5), b'["ok"]'], extra, time.monotonic() + 5)
    for e in extra:
        os.close(e)
    assert refused(right) < QUICK
    assert open_fds() == before
    left.close()
    right.close()


@pytest.mark.parametrize("data, why", [
    (PREFIX.pack(b"PKL!", 6, 0, 0) + b'["ok"]', "magic"),
    (PREFIX.pack(MAGIC, 2**32 - 1, 0, 0), "header"),
    (PREFIX.pack(MAGIC, 6, 9, 0) + b'["ok"]', "blobs"),
    (PREFIX.pack(MAGIC, 6, 1, 0) + b'["ok"]' + struct.pack("!Q", 2**62), "blob"),
    (PREFIX.pack(MAGIC, 10, 0, 0) + b'["ok",NaN]', "NaN"),
    (PREFIX.pack(MAGIC, 15, 0, 0) + b'["ok",Infinity]', "Infinity"),
    (PREFIX.pack(MAGIC, 5006, 0, 0) + b'["ok",' + b"9" * 5000 + b"]", "integer"),
    (PREFIX.pack(MAGIC, 8, 0, 0) + b'{"a":1}\x00', "JSON"),
    (PREFIX.pack(MAGIC, 4, 0, 0) + b"[1,2", "JSON"),
    (PREFIX.pack(MAGIC, 4, 0, 0) + b"[12]", "string"),
    (PREFIX.pack(MAGIC, 6, 0, 0) + b'["\xff\xfe"]', "JSON"),
    (PREFIX.pack(MAGIC, 200_000, 0, 0) + b"[" * 100_000 + b"]" * 100_000, "deep"),
    (PREFIX.pack(MAGIC, 18, 0, 0) + b'["ok",[[[[[1]]]]]]', "deep"),
])
def test_malformed_frames_are_refused_at_once(data: bytes, why: str) -> None:
    left, right = socket_pair()
    threading.Thread(target=raw, args=(left, data), daemon=True).start()
    start = time.perf_counter()
    with pytest.raises(ProtocolError, match=why if why not in ("NaN", "Infinity") else "not allowed"):
        right.receive(deadline=time.monotonic() + 10)
    assert time.perf_counter() - start < QUICK
    left.close()
    right.close()


def test_a_blob_longer_than_the_callers_limit_is_refused_before_it_is_read() -> None:
    left, right = socket_pair()
    left.send(["pixels", 10, 10, 30], [b"x" * 301])
    assert refused(right, blob_limit=lambda header: header[3] * header[2]) < QUICK


@pytest.mark.parametrize("pair", [socket_pair, pipe_pair], ids=["socketpair", "os.pipe"])
def test_half_a_frame_then_silence_times_out(pair: object) -> None:
    left, right = pair()  # type: ignore[operator]
    raw(left, PREFIX.pack(MAGIC, 100, 0, 0) + b'["ok",')
    start = time.perf_counter()
    with pytest.raises(TimedOut):
        right.receive(deadline=time.monotonic() + 0.5)
    assert 0.45 < time.perf_counter() - start < QUICK


def test_json_has_no_shared_references_and_nesting_is_measured() -> None:
    assert nesting_depth(b'["a[[[",{"b":["]]]"]}]') == 3
    assert nesting_depth(b'["\\"[[[\\"",1]') == 1
    assert nesting_depth(b"[]") == 1 and nesting_depth(b'"x"') == 0


# ---- shapes ------------------------------------------------------------------------------------


def test_shapes_are_exact() -> None:
    render = Tuple(Const("render"), Int(1), Int(0), Float(0.0, 1e4), Bool(), Bool(), Optional(Tuple(Int(), Int(), Int(), Int())))
    good = ["render", 3, 0, 2.5, False, True, [0, 0, 10, 10]]
    assert render.check(good) == ["render", 3, 0, 2.5, False, True, [0, 0, 10, 10]]
    assert render.check([*good[:6], None])[6] is None
    for bad in (["render", 3, 0, 2.5, False, True], ["render", True, 0, 2.5, False, True, None],
                ["render", 3, 0, 2, False, True, None], ["render", 3, 0, 1e999, False, True, None],
                ["render", 0, 0, 2.5, False, True, None], ["render", 3, 0, 2.5, 0, True, None],
                ["render", 3, 0, 2.5, False, True, [0, 0, 10]], ["paint", 3, 0, 2.5, False, True, None],
                ("render", 3, 0, 2.5, False, True, None)):
        with pytest.raises(ShapeError):
            render.check(bad)
    word = List(Tuple(Float(), Float(), Float(), Float(), Str(10), Int(), Int()), 3)
    assert word.check([[1.0, 2.0, 3.0, 4.0, "a", 0, 1]])
    for bad_words in ([[1.0, 2.0, 3.0, 4.0, "a" * 11, 0, 1]], [[1.0, 2.0, 3.0, 4.0, "a", 0, 1]] * 4,
                      [[1.0, 2.0, 3.0, 4.0, "a", 0, 1.0]], [[1.0, 2.0, 3.0, 4.0, "a", 0]], [[1.0, 2.0, 3.0, 1e300, "a", 0, 1]]):
        with pytest.raises(ShapeError):
            word.check(bad_words)


def test_errors_map_to_fixed_exceptions_never_to_a_named_class() -> None:
    with pytest.raises(DocumentError, match="page 3"):
        raise_error(["err", "document", "broken", "page 3"], failed=RuntimeError)
    with pytest.raises(RuntimeError, match="out of range"):
        raise_error(["err", "failed", "page 9 out of range", ""], failed=RuntimeError)
    for bad in (["err", "paperless.core.errors.PaperlessError", "x", ""], ["err", "os.system", "touch x", ""],
                ["err", "failed", {"module": "os"}, ""], ["err", "document", "x"]):
        with pytest.raises(ShapeError):
            raise_error(bad, failed=RuntimeError)
    raise_error(["ok"], failed=RuntimeError)  # not an error: nothing raised


# ---- real hostile children ---------------------------------------------------------------------

MODES = ["pickle-reduce", "pickle-shared", "module-error", "class-error", "deep", "absurd-blob", "absurd-header",
         "wrong-type", "nan", "big-int", "bad-magic", "fds", "half"]


def hostile_command(mode: str, marker: Path) -> object:
    """The first child started is the hostile one; any later one is the real render process."""
    started: list[str] = []

    def command(target: str, fd: str) -> list[str]:
        started.append(target)
        if len(started) == 1:
            return [sys.executable, "-I", str(HOSTILE), mode, str(marker), fd]
        return child_command(target, fd)

    return command


@pytest.fixture
def marker(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "owned"
    yield path
    assert not path.exists(), "the hostile child's payload ran in the app"


@pytest.mark.parametrize("mode", MODES)
def test_a_hostile_reply_is_refused_in_bounded_time(mode: str, marker: Path, demo: DemoDocuments) -> None:
    """The reply to the app's first request, straight from a hostile child, at the channel."""
    limits = Limits(max_header=64 * 2**20, max_depth=4, max_blobs=1, max_blob=0, max_fds=0)
    child = ChildProcess("render", limits, command=hostile_command(mode, marker))  # type: ignore[arg-type]
    before = open_fds()
    try:
        read_hello(child.channel, "render", time.monotonic() + 20)
        child.channel.send(["open", 1], [demo.plan.read_bytes()], deadline=time.monotonic() + 10)
        start = time.perf_counter()
        with pytest.raises(ProtocolError):
            reply = child.channel.receive(deadline=time.monotonic() + (0.5 if mode == "half" else 10))
            raise_error(reply.header, failed=RuntimeError)
            Tuple(Const("ok"), List(Tuple(Float(), Float()), 10)).check(reply.header)
        assert time.perf_counter() - start < QUICK
        assert open_fds() <= before  # descriptors it pushed were closed
    finally:
        child.close()


@pytest.mark.parametrize("mode", ["pickle-reduce", "pickle-shared", "deep", "absurd-blob", "fds", "half", "wrong-type"])
def test_the_render_process_survives_a_hostile_child(mode: str, marker: Path, demo: DemoDocuments) -> None:
    """RenderProcess meets the hostile child, refuses it, starts a real one and carries on."""
    backend = RenderProcess(timeout=1.0 if mode == "half" else 20.0, command=hostile_command(mode, marker))  # type: ignore[arg-type]
    try:
        start = time.perf_counter()
        remote = backend(demo.plan.read_bytes())  # refused, then opened again in a fresh render process
        assert backend.restarts == 1
        assert remote.page_count == 6 and remote.render(0, 0.3).width > 0
        assert time.perf_counter() - start < 30
    finally:
        backend.shutdown()


def test_an_export_child_that_turns_hostile_fails_cleanly_and_the_next_export_works(
        marker: Path, demo: DemoDocuments) -> None:
    pdf = demo.report.read_bytes()
    for mode in ("export-pickle-reduce", "export-module-error", "export-deep"):
        start = time.perf_counter()
        with pytest.raises(ExportFailedError):
            build_annotated_pdf_isolated(pdf, [], watermark=None, author_name="An",
                                         command=hostile_command(mode, marker))  # type: ignore[arg-type]
        assert time.perf_counter() - start < 10
    made = build_annotated_pdf_isolated(pdf, [], watermark="An", author_name="An")
    assert made.data.startswith(b"%PDF") and made.exported == 0
