"""The idle lock drops the decrypted documents from memory, and locks when the system suspends or
the screen locks (issue 15 part 3).

The memory test reads the memory of the render process and of this process (/proc/PID/maps and
/proc/PID/mem) for a marker that only the decrypted PDF carries (a metadata value, not text).
The marker is made in a subprocess that builds the bundle, so this process never held it but
through the app; the test keeps only a prefix and the marker's SHA-256, and compares in place
(a memoryview of an anonymous mapping it does not scan), so the search leaves no copy behind.
"""

from __future__ import annotations

import ctypes
import gc
import hashlib
import mmap
import os
import subprocess
import sys
from pathlib import Path

import pytest
from bundle_helpers import PASSPHRASE, People
from gui_helpers import OFFSCREEN_NOISE, Harness, harnesses
from PySide6.QtCore import Qt
from PySide6.QtDBus import QDBusConnection, QDBusMessage
from PySide6.QtGui import QGuiApplication
from system_tools import require_tool

from paperless.core.render import RenderProcess
from paperless.gui.gc_main_thread import give_back_memory
from paperless.gui.system_lock import LOGIND, SCREENSAVER
from paperless.gui.viewer.layout import ZoomMode

pytestmark = [OFFSCREEN_NOISE, pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux only")]
WAIT = 30_000
PREFIX = b"PXQZK"  # the marker is PREFIX + 32 hex digits, made in the builder
MARKER_LEN = len(PREFIX) + 32
TESTS = Path(__file__).resolve().parent

BUILD = r"""
import hashlib, secrets, sys
from pathlib import Path
import pymupdf
from bundle_helpers import People, make_pdf, unlock, write_session
from paperless.core.bundle import build_bundle
from paperless.core.session import load_session

root, people = Path(sys.argv[1]), People(Path(sys.argv[2]))
marker = sys.argv[3] + secrets.token_hex(16)
docs = root / "docs"
docs.mkdir()
plain = make_pdf(docs / "plain.pdf", "Tài liệu có dấu", 4)
doc = pymupdf.open(plain)
doc.set_metadata({"keywords": marker, "title": "Tài liệu có dấu"})
marked = docs / "marked.pdf"
doc.save(marked, garbage=0, deflate=False)
doc.close()
assert marker.encode() in marked.read_bytes()
other = make_pdf(docs / "other.pdf", "Phụ lục", 2)
spec = load_session(write_session(root, people, docs={"Tài liệu có dấu": [marked], "Phụ lục": [other]}))
build_bundle(spec, unlock(people.clerk), root / "marked.paperless")
marked.unlink()
plain.unlink()
print(hashlib.sha256(marker.encode()).hexdigest())
"""


@pytest.fixture
def make(qtbot, tmp_path: Path):  # type: ignore[no-untyped-def]
    with harnesses(qtbot, tmp_path) as factory:
        yield factory


@pytest.fixture(scope="module")
def marked(tmp_path_factory: pytest.TempPathFactory, people: People) -> tuple[Path, str]:
    """A bundle whose first document's PDF carries a marker in its metadata; and the marker's SHA-256."""
    root = tmp_path_factory.mktemp("marked")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(TESTS), os.environ.get("PYTHONPATH", "")]))
    done = subprocess.run([sys.executable, "-c", BUILD, str(root), str(people.root), PREFIX.decode()],
                          capture_output=True, text=True, env=env, cwd=TESTS, timeout=120)
    assert done.returncode == 0, done.stderr
    digest = done.stdout.split()[-1]
    assert len(digest) == 64
    return root / "marked.paperless", digest


def _regions(pid: int) -> list[tuple[int, int]]:
    """The regions that may hold data: readable, and writable or anonymous (not a library's code)."""
    out = []
    with open(f"/proc/{pid}/maps") as maps:
        for line in maps:
            fields = line.split(maxsplit=5)
            span, perms = fields[0], fields[1]
            name = fields[5].strip() if len(fields) > 5 else ""
            if perms[0] != "r" or name in ("[vvar]", "[vsyscall]", "[vvar_vclock]"):
                continue
            if perms[1] != "w" and name and not name.startswith("["):
                continue
            start, end = (int(v, 16) for v in span.split("-"))
            out.append((start, end))
    return out


def holds(pid: int, digest: str) -> bool:
    """Whether the memory of ``pid`` holds the marker (PREFIX + 32 characters hashing to ``digest``)."""
    return bool(where(pid, digest, first=True))


def where(pid: int, digest: str, *, first: bool = False) -> list[str]:
    """Where the marker is in the memory of ``pid``: each place's address and its region (maps line)."""
    places: list[str] = []
    chunk = 1 << 20
    buffer = mmap.mmap(-1, chunk + MARKER_LEN)  # this buffer is left out of the scan of this process
    view = memoryview(buffer)
    base = ctypes.addressof(ctypes.c_char.from_buffer(buffer))
    mine = (base, base + len(buffer))
    found = False
    with open(f"/proc/{pid}/maps") as maps:
        lines = maps.read().splitlines()
    try:
        with open(f"/proc/{pid}/mem", "rb", buffering=0) as mem:
            for start, end in _regions(pid):
                if start < mine[1] and mine[0] < end:
                    continue
                offset = start
                while offset < end and not found:
                    size = min(chunk + MARKER_LEN, end - offset)
                    try:
                        mem.seek(offset)
                        got = mem.readinto(view[:size]) or 0
                    except (OSError, OverflowError):
                        break
                    at = buffer.find(PREFIX, 0, got)
                    while at != -1 and not found:
                        if at + MARKER_LEN <= got and \
                                hashlib.sha256(view[at:at + MARKER_LEN]).hexdigest() == digest:
                            region = next((m for m in lines if m.startswith(f"{start:x}-")), "?")
                            places.append(f"{offset + at:#x} in {region}")
                            found = first
                        at = buffer.find(PREFIX, at + 1, got)
                    offset += chunk
                if found:
                    break
    finally:
        view[:] = bytes(len(buffer))
        view.release()
        buffer.close()
    return places


def live_copies(places: list[str]) -> list[str]:
    """For a failure's message: the live Python objects (of those the collector tracks) holding a place."""
    addresses = [int(p.split()[0], 16) for p in places]
    found = []
    for o in gc.get_objects():
        values = o.values() if isinstance(o, dict) else getattr(o, "__dict__", {}).values() \
            if hasattr(o, "__dict__") and isinstance(getattr(o, "__dict__", None), dict) else ()
        for v in values:
            if isinstance(v, bytes | bytearray) and any(id(v) <= a < id(v) + len(v) + 64 for a in addresses):
                found.append(f"{type(o).__name__} holds {len(v)} bytes")
    return found


def render_process(h: Harness) -> RenderProcess:
    factory = h.services.worker._factory
    assert isinstance(factory, RenderProcess)
    return factory


def test_locking_drops_the_decrypted_document_from_memory(qtbot, make, marked: tuple[Path, str],  # type: ignore[no-untyped-def]
                                                          people: People) -> None:
    bundle, digest = marked
    h: Harness = make(people)
    h.unlock()
    h.open(bundle)
    h.wait_document()
    w, view = h.window, h.window.reader.view
    first = view.document_id()
    assert first is not None and first == w.session.first_entry()
    view.go_to_page(2)
    view.set_zoom(1.5)
    qtbot.waitUntil(lambda: view.current_page() == 2, timeout=WAIT)
    qtbot.waitUntil(lambda: w.reader.view.canvas.isVisible() and h.services.worker.pending() == 0, timeout=WAIT)
    renderer = render_process(h)
    old_pid = renderer.pid
    assert old_pid is not None
    # before: the decrypted PDF is in the render process, and in this one (the session keeps it)
    assert holds(old_pid, digest)
    assert holds(os.getpid(), digest)

    lock = w.idle_lock
    with qtbot.waitSignal(lock.locked_changed, timeout=WAIT):
        lock.lock()
    assert view.document_id() is None and len(w.session.cache) == 0 and w.session.held
    # the render process that held it is ended; a fresh one is started
    qtbot.waitUntil(lambda: renderer.pid not in (None, old_pid) and h.services.worker.pending() == 0, timeout=WAIT)
    qtbot.waitUntil(lambda: not Path(f"/proc/{old_pid}").exists(), timeout=WAIT)
    assert renderer.restarts == 0  # not counted as a crash
    gc.collect()
    give_back_memory()
    new_pid = renderer.pid
    assert new_pid is not None
    assert not holds(new_pid, digest)
    left = where(os.getpid(), digest)
    assert not left, (left, live_copies(left))
    assert w.session.indexer.index.documents() == []  # the search index (the documents' text) went too

    # a presenter's page turn while locked decrypts nothing; the member's notes and meeting part stay
    w.session.open_document(first)
    assert len(w.session.cache) == 0 and view.document_id() is None
    assert w.meeting is not None and w.session.opened is not None

    # the passphrase, checked again, unlocks: the same document, page and zoom
    screen = lock.screen
    assert screen is not None
    screen.passphrase.setText(PASSPHRASE)
    with qtbot.waitSignal(lock.locked_changed, timeout=WAIT):
        qtbot.keyClick(screen.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.document_id() == first and view.current_page() == 2, timeout=WAIT)
    assert view.zoom_mode() is ZoomMode.CUSTOM and abs(view.zoom_factor() - 1.5) < 0.01
    qtbot.waitUntil(lambda: holds(new_pid, digest), timeout=WAIT)  # opened again in the fresh render process


class PrivateBus:
    """A dbus-daemon of the test's own, standing for the system or the session bus."""

    def __init__(self, tmp_path: Path) -> None:
        daemon = require_tool("dbus-daemon")
        self.process = subprocess.Popen([daemon, "--session", "--nofork", "--print-address=1",
                                         f"--address=unix:path={tmp_path / 'bus'}"],
                                        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        assert self.process.stdout is not None
        self.address = self.process.stdout.readline().strip()
        assert self.address.startswith("unix:")
        self.names: list[str] = []

    def connect(self, name: str) -> QDBusConnection:
        bus = QDBusConnection.connectToBus(self.address, name)
        assert bus.isConnected()
        self.names.append(name)
        return bus

    def close(self) -> None:
        for name in self.names:
            QDBusConnection.disconnectFromBus(name)
        self.process.terminate()
        self.process.wait(10)


def test_suspend_and_screen_lock_lock_the_reader(qtbot, make, people: People, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    h: Harness = make(people)
    h.unlock()
    lock = h.window.idle_lock
    system = lock.system
    assert "application state" in system.watching

    # the application suspended (what Qt says on platforms that suspend apps)
    app = QGuiApplication.instance()
    assert isinstance(app, QGuiApplication)
    with qtbot.waitSignal(lock.locked_changed, timeout=WAIT) as locked:
        app.applicationStateChanged.emit(Qt.ApplicationState.ApplicationSuspended)
    assert locked.args == [True]
    lock.unlock()
    system.application_state_changed(Qt.ApplicationState.ApplicationActive)
    assert not lock.locked

    # logind's PrepareForSleep and the screen saver's ActiveChanged, over a real D-Bus
    bus = PrivateBus(tmp_path)
    try:
        watched = bus.connect("paperless-app")
        assert system.watch_bus(watched, LOGIND) and system.watch_bus(watched, SCREENSAVER)
        for (service, path, interface, name), what in ((LOGIND, "logind"), (SCREENSAVER, "screen saver")):
            assert what in system.watching
            sender = bus.connect(f"sender-{what}")
            assert sender.registerService(service)
            waking = QDBusMessage.createSignal(path, interface, name)
            waking.setArguments([False])  # waking up / the screen unlocked: nothing to do
            going = QDBusMessage.createSignal(path, interface, name)
            going.setArguments([True])
            with qtbot.waitSignal(lock.locked_changed, timeout=WAIT) as locked:
                assert sender.send(waking) and sender.send(going)
            assert locked.args == [True] and lock.locked, what
            lock.unlock()
    finally:
        bus.close()
