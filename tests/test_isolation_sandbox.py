"""The render and export children are a boundary: tried from inside the real sandboxed child
(the ``probe`` target: same entry, same sandbox as the render process), reading a member's
``secret.age``, opening a socket, writing a file, reading the app's passphrase variable,
starting a process, signalling the app all fail; the kernel's view of the render process
agrees (seccomp on, no new privileges, empty environment, only its socket, no core); and
the app itself is not dumpable and makes no core file."""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pymupdf
import pytest
from bundle_helpers import FAST_LOG_N

from paperless.core.export import NotesSummaryInput, build_annotated_pdf, export_notes_pdf
from paperless.core.export.isolated import build_annotated_pdf_isolated, export_notes_pdf_isolated
from paperless.core.export.summary import SummaryDocument, SummaryItem
from paperless.core.identity import create_identity
from paperless.core.isolation import ChildProcess, Hello, Limits, read_hello
from paperless.core.isolation.sandbox import FEATURES
from paperless.core.notes.records import Bookmark, ItemNote
from paperless.core.render import RenderProcess
from paperless.core.render.pixels import SEALS
from paperless.demo.factory import DemoDocuments, write_demo_documents

PASSPHRASE_VAR = "PAPERLESS_TEST_PASSPHRASE"
PASSPHRASE = "demo-hoinghi-12 (in the app's environment)"


class Probe:
    def __init__(self) -> None:
        self.child = ChildProcess("probe", Limits(max_header=4096, max_depth=2))
        self.hello: Hello = read_hello(self.child.channel, "probe", time.monotonic() + 60)

    def attempt(self, what: str, argument: str = "") -> tuple[bool, str]:
        self.child.channel.send(["try", what, argument], deadline=time.monotonic() + 10)
        header = self.child.channel.receive(deadline=time.monotonic() + 20).header
        assert header[:2] == ["tried", what], header
        return header[2], header[3]


@pytest.fixture(scope="module")
def probe() -> Iterator[Probe]:
    os.environ[PASSPHRASE_VAR] = PASSPHRASE  # as `paperless … --passphrase-env` would have it
    try:
        p = Probe()
    finally:
        del os.environ[PASSPHRASE_VAR]
    yield p
    p.child.close()


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> DemoDocuments:
    return write_demo_documents(tmp_path_factory.mktemp("demo"))


def test_the_whole_sandbox_is_in_force_here(probe: Probe) -> None:
    assert probe.hello.report.missing == ()
    assert set(probe.hello.report.in_force) == set(FEATURES)


def test_the_child_cannot_read_a_members_secret_key(probe: Probe, tmp_path: Path) -> None:
    folder = tmp_path / "an"
    create_identity(folder, "Nguyễn Văn An", "member", "demo-hoinghi-12", log_n=FAST_LOG_N)
    secret = folder / "secret.age"
    assert b"AGE ENCRYPTED FILE" in secret.read_bytes()  # readable by this user, here
    worked, detail = probe.attempt("read", str(secret))
    assert not worked and "PermissionError" in detail
    worked, detail = probe.attempt("read", "/etc/hostname")  # nor any other file
    assert not worked and "PermissionError" in detail


def test_the_child_cannot_write_a_file(probe: Probe, tmp_path: Path) -> None:
    for target in (tmp_path / "new.txt", Path.home() / ".bashrc-paperless-probe"):
        worked, detail = probe.attempt("write", str(target))
        assert not worked and "PermissionError" in detail
        assert not target.exists()


def test_the_child_cannot_open_a_socket(probe: Probe) -> None:
    worked, detail = probe.attempt("socket", "127.0.0.1")
    assert not worked and "PermissionError" in detail


def test_the_child_has_no_passphrase_variable(probe: Probe) -> None:
    worked, detail = probe.attempt("env", PASSPHRASE_VAR)
    assert not worked and detail == "LookupError: absent"
    environ = Path(f"/proc/{probe.child.pid}/environ").read_bytes()
    assert environ == b""


@pytest.mark.parametrize("how", ["subprocess", "posix_spawn", "fork"])
def test_the_child_cannot_start_a_process(probe: Probe, how: str) -> None:
    worked, detail = probe.attempt(how, "/bin/true")
    assert not worked, detail
    assert "PermissionError" in detail or "Operation not permitted" in detail


def test_the_child_may_signal_itself_but_not_the_app(probe: Probe) -> None:
    worked, _detail = probe.attempt("kill", str(probe.child.pid))  # the probe works: this is allowed
    assert worked
    worked, detail = probe.attempt("kill", str(os.getpid()))
    assert not worked and "PermissionError" in detail


def test_the_child_cannot_reach_the_apps_descriptors(probe: Probe, tmp_path: Path) -> None:
    path = tmp_path / "opened-by-the-app"
    path.write_bytes(b"decrypted")
    with open(path, "rb") as f:
        worked, detail = probe.attempt("proc_fd", f"/proc/{os.getpid()}/fd/{f.fileno()}")
    assert not worked and "PermissionError" in detail
    worked, detail = probe.attempt("listdir", f"/proc/{os.getpid()}/fd")
    assert not worked and "PermissionError" in detail


def _status(pid: int) -> dict[str, str]:
    lines = Path(f"/proc/{pid}/status").read_text().splitlines()
    return {k: v.strip() for k, v in (line.split(":", 1) for line in lines if ":" in line)}


def test_the_kernel_sees_a_confined_render_process(demo: DemoDocuments) -> None:
    backend = RenderProcess(shared=True)
    try:
        assert backend.sandbox.missing == () and set(backend.sandbox.in_force) == set(FEATURES)
        remote = backend(demo.plan.read_bytes())
        big = remote.render(1, 1920 / remote.page_sizes()[1].width)  # through a shared segment
        assert not isinstance(big.samples, bytes)
        pid = backend.pid
        assert pid is not None
        status = _status(pid)
        assert status["Seccomp"] == "2" and status["NoNewPrivs"] == "1"
        assert Path(f"/proc/{pid}/environ").read_bytes() == b""
        links = {os.readlink(f"/proc/{pid}/fd/{fd}") for fd in os.listdir(f"/proc/{pid}/fd")}
        sockets = {link for link in links if link.startswith("socket:")}
        assert len(sockets) == 1, links
        assert links - sockets <= {"/memfd:paperless-pixels (deleted)"}, links
        limits = Path(f"/proc/{pid}/limits").read_text()
        core = next(line for line in limits.splitlines() if line.startswith("Max core file size"))
        assert core.split()[4:6] == ["0", "0"], core
        cpu = next(line for line in limits.splitlines() if line.startswith("Max cpu time"))
        assert cpu.split()[3] != "unlimited"
        memory = next(line for line in limits.splitlines() if line.startswith("Max address space"))
        assert memory.split()[3] != "unlimited"
        assert backend.pool is not None  # the segments it was sent cannot be shrunk under the app
        segment = backend.pool.lease(1 << 20)
        assert fcntl.fcntl(segment.token.fd, fcntl.F_GET_SEALS) & SEALS == SEALS
        backend.pool.give_back(segment)
    finally:
        backend.shutdown()


def test_the_app_is_not_dumpable_and_makes_no_core() -> None:
    code = (
        "import ctypes, resource\n"
        "from paperless.cli.main import main\n"
        "try:\n    main(['--version'])\nexcept SystemExit:\n    pass\n"
        "libc = ctypes.CDLL(None)\n"
        "print(libc.prctl(3, 0, 0, 0, 0), resource.getrlimit(resource.RLIMIT_CORE))\n"  # 3 = PR_GET_DUMPABLE
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert out.stdout.split("\n")[-2] == "0 (0, 0)", out.stdout


def test_the_exports_still_work_in_their_sandbox(demo: DemoDocuments) -> None:
    """Same pages and text as in this process, fonts included (read before the sandbox closed)."""
    pdf = demo.report.read_bytes()
    mine = build_annotated_pdf(pdf, [], watermark="Nguyễn Văn An · Phiên 12", author_name="An", name="r")
    theirs = build_annotated_pdf_isolated(pdf, [], watermark="Nguyễn Văn An · Phiên 12", author_name="An", name="r")
    assert (theirs.exported, theirs.skipped) == (mine.exported, mine.skipped)
    with pymupdf.open(stream=mine.data) as a, pymupdf.open(stream=theirs.data) as b:
        assert a.page_count == b.page_count
        assert [p.get_text() for p in a] == [p.get_text() for p in b]
        assert "Nguyễn Văn An" in b[0].get_text()
    summary = NotesSummaryInput("Hội nghị", None, "Phòng họp số 1", (
        SummaryItem(0, "Báo cáo", "Văn phòng", (SummaryDocument("a" * 64, "Báo cáo quý IV", 3),)),), "An")
    notes = [ItemNote("n", "me", "s", 0, "Đề nghị làm rõ số liệu", "0", "0", False)]
    bookmarks = [Bookmark("b", "me", "s", "a" * 64, 1, "Trang số liệu", "0", "0", False)]
    mine_pdf = export_notes_pdf(summary, [], notes, bookmarks, language="vi")
    theirs_pdf = export_notes_pdf_isolated(summary, [], notes, bookmarks, language="vi")
    with pymupdf.open(stream=mine_pdf) as a, pymupdf.open(stream=theirs_pdf) as b:
        assert [p.get_text() for p in a] == [p.get_text() for p in b]
        assert "Đề nghị làm rõ số liệu" in b[0].get_text()
        assert {f[3] for f in b.get_page_fonts(0)} == {f[3] for f in a.get_page_fonts(0)}
