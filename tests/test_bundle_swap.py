"""Issue 8 §2: a bundle swapped while it is being read — renamed over, or overwritten in
place — at any moment of ``paperless bundle extract`` or of the app's open path never yields a
document the office did not sign.

The forger knows only a member's public card: they replace one document of a genuine bundle
with an age file of the same length encrypted to that member, leaving the ZIP directory, the
signed manifest and its signature untouched. Every swap is made at a chosen moment through a
hook (no sleeps), by one of two means: a new file renamed over the path (the open file stays
the old one) or the same file overwritten in place (every open file sees the new bytes).
"""

from __future__ import annotations

import builtins
import errno
import hashlib
import io
import os
import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pymupdf
import pytest
from bundle_helpers import PASSPHRASE, People, make_pdf, unlock, write_session
from terminal import run_on_terminal

import paperless.cli.bundle_cmd as bundle_cmd
import paperless.cli.main as cli_main
import paperless.core.bundle.extract as extract_mod
from paperless.core.age import AgeReader, X25519Identity, encrypt_bytes, parse_header
from paperless.core.bundle import BundleError, OpenedBundle, TamperedError, build_bundle
from paperless.core.bundle.zipraw import BundleFile
from paperless.core.identity import PublicCard, load_card
from paperless.core.library import Library, LibraryCopyError, import_bundle, keep_copy
from paperless.core.library import keeping as keeping_mod
from paperless.core.session import load_session

MARKER = b"FORGED-BY-AN-OUTSIDER"
TARGET = "documents/0002.age"  # item 2's first document, readable by every member
BIG_MB = 3  # the first document spans several read blocks: a swap can come in its middle


def rename_over(path: Path, data: bytes) -> None:
    """A new file under the same name (what a sync client or `mv` does): open files keep the old one."""
    fresh = path.with_name(path.name + ".swap")
    fresh.write_bytes(data)
    os.replace(fresh, path)


def overwrite_in_place(path: Path, data: bytes) -> None:
    """The same file rewritten: every open descriptor sees the new bytes at once."""
    with open(path, "r+b") as f:
        f.write(data)


SWAPS: dict[str, Callable[[Path, bytes], None]] = {"rename": rename_over, "in-place": overwrite_in_place}


@pytest.fixture(scope="module")
def big_bundle(tmp_path_factory: pytest.TempPathFactory, people: People) -> Path:
    """A bundle whose first document is BIG_MB MiB; the target is the next document."""
    root = tmp_path_factory.mktemp("swap")
    docs = root / "docs"
    docs.mkdir()
    big = pymupdf.open()
    big.new_page().insert_text((72, 72), "Tài liệu lớn", fontname="helv")
    big.embfile_add("payload.bin", os.urandom(BIG_MB * 2**20))
    big.save(docs / "lon.pdf")
    big.close()
    session = write_session(root, people, docs={
        "Báo cáo kết quả công tác quý IV/2023": [docs / "lon.pdf"],
        "Dự thảo Kế hoạch chuyển đổi số": [make_pdf(docs / "kehoach.pdf", "Kế hoạch chuyển đổi số", 4),
                                            make_pdf(docs / "phuluc.pdf", "Phụ lục", 2)],
        "Công tác cán bộ": [make_pdf(docs / "nhansu.pdf", "Đề án nhân sự MẬT", 2)],
    })
    out = root / "out" / "phien12.paperless"
    build_bundle(load_session(session), unlock(people.clerk), out, version=2)
    return out


def forge(bundle: Path, people: People, entry: str = TARGET) -> bytes:
    """The bundle's bytes with ``entry`` replaced by the outsider's age file of the same length."""
    data = bytearray(bundle.read_bytes())
    with BundleFile(bundle) as bf:
        raw = bf.entries[entry]
    original = bytes(data[raw.offset:raw.offset + raw.size])
    header, _ = parse_header(original)
    with AgeReader(io.BytesIO(original), [unlock(people.member("an")).age_identity]) as reader:
        payload = reader.size
    plain = b"%PDF-1.7\n% " + MARKER + b"\n"
    plain += b" " * (payload - len(plain))
    recipients = [load_card(people.member("an")).age_recipient]
    recipients += [X25519Identity.generate().recipient() for _ in range(len(header.stanzas) - 1)]
    forged = encrypt_bytes(recipients, plain)
    assert len(forged) == raw.size, "the forgery must fit the genuine entry's place"
    data[raw.offset:raw.offset + raw.size] = forged
    return bytes(data)


@pytest.fixture
def setup(big_bundle: Path, people: People, tmp_path: Path,
          monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Path, bytes, bytes]]:
    """(the member's copy of the bundle, its genuine bytes, the forged bytes); a fresh data folder."""
    path = tmp_path / "shared" / "phien12.paperless"
    path.parent.mkdir()
    shutil.copy(big_bundle, path)
    monkeypatch.setenv("PAPERLESS_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("PAPERLESS_LANG", "en")
    monkeypatch.setenv("PAPERLESS_PASSPHRASE", PASSPHRASE)
    monkeypatch.setattr(cli_main, "harden_app", lambda: None, raising=False)  # this is the test process
    yield path, big_bundle.read_bytes(), forge(big_bundle, people)


def _assert_refused_cleanly(rc: int, err: str, out: Path) -> None:
    assert rc != 0, "the forged bundle was extracted"
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("paperless: "), err
    assert "Traceback" not in err
    assert not out.exists()
    assert not list(out.parent.glob(f".{out.name}.partial*"))


def _forged_written(root: Path) -> list[Path]:
    return [p for p in root.rglob("*.pdf") if MARKER in p.read_bytes()]


def _extract_args(path: Path, people: People, out: Path) -> list[str]:
    return ["bundle", "extract", str(path), "--identity", str(people.member("an")), "--out", str(out),
            "--trust", str(people.clerk), "--passphrase-env", "PAPERLESS_PASSPHRASE"]


class _Once:
    def __init__(self, swap: Callable[[], None]) -> None:
        self.swap = swap
        self.done = False

    def __call__(self) -> None:
        if not self.done:
            self.done = True
            self.swap()


def _hook_prompt(monkeypatch: pytest.MonkeyPatch, once: _Once) -> None:
    def prompt(env_var: str | None, *, what: str, confirm: bool = False) -> str:
        once()  # while the member types the passphrase
        return PASSPHRASE

    monkeypatch.setattr(bundle_cmd, "read_passphrase", prompt)


def _hook_verified(monkeypatch: pytest.MonkeyPatch, once: _Once) -> None:
    original = Library.highest_seen

    def highest_seen(self: Library, session_id: str) -> int | None:
        once()  # the signature and entries were checked; nothing decrypted is written yet
        return original(self, session_id)

    monkeypatch.setattr(Library, "highest_seen", highest_seen)


def _hook_agenda(monkeypatch: pytest.MonkeyPatch, once: _Once) -> None:
    original = bundle_cmd.extract_bundle

    def extract(opened: OpenedBundle, out: Path, *args: Any, **kwargs: Any) -> Any:
        assert opened.agenda.items  # the agenda is decrypted; no document is read yet
        once()
        return original(opened, out, *args, **kwargs)

    monkeypatch.setattr(bundle_cmd, "extract_bundle", extract)


def _hook_mid_document(monkeypatch: pytest.MonkeyPatch, once: _Once) -> None:
    """Swap after the first block of the first (big) document is written, before its end."""
    real_open = builtins.open

    class Writer:
        def __init__(self, f: Any) -> None:
            self._f = f
            self.written = 0

        def write(self, data: Any) -> int:
            n: int = self._f.write(data)
            self.written += len(memoryview(data))
            if self.written < BIG_MB * 2**20:
                once()
            return n

        def __getattr__(self, name: str) -> Any:
            return getattr(self._f, name)

        def __enter__(self) -> Writer:
            return self

        def __exit__(self, *exc: object) -> None:
            self._f.close()

    def hooked_open(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        f = real_open(file, mode, *args, **kwargs)
        if "w" in mode and str(file).endswith("lon.pdf"):
            return Writer(f)
        return f

    monkeypatch.setattr(extract_mod, "open", hooked_open, raising=False)


MOMENTS: dict[str, Callable[[pytest.MonkeyPatch, _Once], None]] = {
    "during the passphrase prompt": _hook_prompt,
    "after the entries were verified": _hook_verified,
    "after the agenda, before the first document": _hook_agenda,
    "in the middle of a document": _hook_mid_document,
}


@pytest.mark.parametrize("swap", sorted(SWAPS))
@pytest.mark.parametrize("moment", list(MOMENTS))
def test_extract_never_writes_a_swapped_document(moment: str, swap: str, setup: tuple[Path, bytes, bytes],
                                                 people: People, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    path, _genuine, forged = setup
    once = _Once(lambda: SWAPS[swap](path, forged))
    MOMENTS[moment](monkeypatch, once)
    out = tmp_path / "an"
    rc = cli_main.main(_extract_args(path, people, out))
    err = capsys.readouterr().err
    assert once.done, "the hook did not run: the test no longer swaps at that moment"
    assert _forged_written(tmp_path) == []
    _assert_refused_cleanly(rc, err, out)
    if moment == "during the passphrase prompt":  # the bundle is opened after it: the forgery is what is read
        assert "entry documents/0002.age has been altered" in err
    elif swap == "in-place":  # the open file's bytes changed: the decrypted document does not match
        assert "document documents/0002.age does not match the agenda" in err
    else:  # the open file is the genuine one; the path names another file now
        assert "the file was replaced or changed while it was being read" in err


def test_extract_of_an_untouched_bundle_still_works(setup: tuple[Path, bytes, bytes], people: People,
                                                    tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The control: the same run without a swap writes the genuine documents."""
    path, _genuine, _forged = setup
    out = tmp_path / "an"
    assert cli_main.main(_extract_args(path, people, out)) == 0, capsys.readouterr().err
    with open_member_bundle(path, people) as opened:
        for item in opened.agenda.items:
            for doc in item.documents:
                [written] = [p for p in out.rglob(doc.filename)]
                assert hashlib.sha256(written.read_bytes()).hexdigest() == doc.sha256


def open_member_bundle(path: Path, people: People) -> OpenedBundle:
    from paperless.core.bundle import open_bundle

    return open_bundle(path, unlock(people.member("an")), [load_card(people.clerk)])


def _run_on_terminal(argv: list[str], at_prompt: Callable[[], None], timeout: float = 120) -> tuple[int, str]:
    """Run ``argv`` on a pseudo-terminal; at the passphrase prompt call ``at_prompt``, then type it."""
    code, text, answered = run_on_terminal(argv, PASSPHRASE, prompt=rb"Passphrase for [^\r\n]*:",
                                           before_answer=lambda _n: at_prompt(),
                                           env={**os.environ, "PAPERLESS_LANG": "en"}, timeout=timeout)
    assert answered == 1, text
    return code, text


@pytest.mark.parametrize("swap", sorted(SWAPS))
def test_extract_subprocess_swapped_at_the_terminal_prompt(swap: str, setup: tuple[Path, bytes, bytes],
                                                           people: People, tmp_path: Path) -> None:
    """The real command on a terminal: the file is swapped while the member types the passphrase."""
    path, _genuine, forged = setup
    out = tmp_path / "an"
    argv = [sys.executable, "-m", "paperless", *_extract_args(path, people, out)[:-2]]  # asks on the terminal
    rc, text = _run_on_terminal(argv, lambda: SWAPS[swap](path, forged))
    assert rc != 0, text
    assert "Traceback" not in text
    last = [ln for ln in text.splitlines() if ln.strip()][-1]
    assert last.startswith("paperless: ") and "documents/0002.age" in last, text
    assert not out.exists() and not list(tmp_path.glob(".an.partial*"))
    assert _forged_written(tmp_path) == []


# -- the app's open path: import_bundle, then the swap, then what the app does -------------------


@pytest.fixture
def app(setup: tuple[Path, bytes, bytes], people: People, tmp_path: Path) -> tuple[Library, list[PublicCard]]:
    return Library.open(tmp_path / "home", unlock(people.member("an"))), [load_card(people.clerk)]


def _target_doc(opened: OpenedBundle) -> Any:
    return next(d for it in opened.agenda.items for d in it.documents if d.entry == TARGET)


@pytest.mark.parametrize("swap", sorted(SWAPS))
@pytest.mark.parametrize("first_read", ["before", "after"])
def test_app_never_shows_a_swapped_document(swap: str, first_read: str, setup: tuple[Path, bytes, bytes],
                                            app: tuple[Library, list[PublicCard]]) -> None:
    """The document shown (``read_document``, as the app does) is the signed one or refused.

    ``first_read``: the document was already read once (checked) before the swap, or not.
    A file renamed over the path does not matter: the bundle opened is the one read.
    """
    path, _genuine, forged = setup
    lib, trusted = app
    with import_bundle(lib, path, trusted) as opened:
        doc = _target_doc(opened)
        if first_read == "before":
            assert hashlib.sha256(opened.read_document(TARGET)).hexdigest() == doc.sha256
        SWAPS[swap](path, forged)
        try:
            shown = opened.read_document(TARGET)
        except TamperedError as exc:
            assert swap == "in-place", f"the file opened was not changed, yet: {exc.message('en')}"
            assert TARGET in exc.message("en")
        else:
            assert MARKER not in shown
            assert hashlib.sha256(shown).hexdigest() == doc.sha256
            assert swap == "rename", "bytes overwritten in place must not pass"


@pytest.mark.parametrize("swap", sorted(SWAPS))
def test_random_access_reader_never_gives_swapped_bytes(swap: str, setup: tuple[Path, bytes, bytes],
                                                        app: tuple[Library, list[PublicCard]]) -> None:
    """``open_document`` (random access) after a swap: the signed plaintext, or refused."""
    path, _genuine, forged = setup
    lib, trusted = app
    with import_bundle(lib, path, trusted) as opened:
        doc = _target_doc(opened)
        with opened.open_document(TARGET) as reader:  # checked once, before the swap
            assert reader.size == doc.size
        SWAPS[swap](path, forged)
        try:
            with opened.open_document(TARGET) as reader:
                data = reader.read_at(0, reader.size)
        except BundleError:
            assert swap == "in-place"
        else:
            assert MARKER not in data and hashlib.sha256(data).hexdigest() == doc.sha256


@pytest.mark.parametrize("swap", sorted(SWAPS))
def test_library_copy_is_never_a_swapped_file(swap: str, setup: tuple[Path, bytes, bytes], people: People,
                                              app: tuple[Library, list[PublicCard]]) -> None:
    """The library's background copy after a swap is refused, and the library keeps nothing altered."""
    path, genuine, forged = setup
    lib, trusted = app
    with import_bundle(lib, path, trusted) as opened:
        manifest = opened.manifest
        SWAPS[swap](path, forged)
        with pytest.raises((TamperedError, LibraryCopyError)) as err:
            keep_copy(lib, manifest, path.resolve(), trusted)
        assert str(path.resolve()) in err.value.message("en")
        kept = sorted(lib.bundles_dir.iterdir()) if lib.bundles_dir.exists() else []
        assert kept == []
        # The session opened goes on showing the signed document (or refuses it).
        try:
            shown = opened.read_document(TARGET)
        except TamperedError:
            assert swap == "in-place"
        else:
            assert hashlib.sha256(shown).hexdigest() == _target_doc(opened).sha256
    assert forged != genuine


def _no_link(src: object, dst: object) -> None:
    raise OSError(errno.EXDEV, "Invalid cross-device link")


@pytest.mark.parametrize("mode", ["link", "copy"])
def test_library_copy_is_made_from_the_file_opened(mode: str, setup: tuple[Path, bytes, bytes],
                                                   app: tuple[Library, list[PublicCard]],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """A file renamed over the path once the copy has started: the library keeps the bundle it
    opened (a hard link is kept only if it names that file; else the open file is copied)."""
    path, genuine, forged = setup
    lib, trusted = app
    if mode == "copy":
        monkeypatch.setattr(keeping_mod.os, "link", _no_link)
    original = keeping_mod._link_or_create

    def swapped_first(*args: Any) -> Any:
        rename_over(path, forged)  # keep_copy has opened the user's file; nothing linked or copied yet
        return original(*args)

    monkeypatch.setattr(keeping_mod, "_link_or_create", swapped_first)
    with import_bundle(lib, path, trusted) as opened:
        kept = keep_copy(lib, opened.manifest, path.resolve(), trusted)
        assert kept is not None and kept.read_bytes() == genuine
        assert hashlib.sha256(opened.read_document(TARGET)).hexdigest() == _target_doc(opened).sha256
    assert [p.name for p in lib.bundles_dir.iterdir()] == [kept.name]


def test_library_copy_refuses_bytes_overwritten_while_copied(setup: tuple[Path, bytes, bytes],
                                                             app: tuple[Library, list[PublicCard]],
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """The user's file overwritten in place in the middle of the copy: refused, nothing kept."""
    path, _genuine, forged = setup
    lib, trusted = app
    monkeypatch.setattr(keeping_mod.os, "link", _no_link)
    original = keeping_mod._stream
    once = _Once(lambda: overwrite_in_place(path, forged))

    class Source:
        def __init__(self, src: Any) -> None:
            self._src = src

        def readinto(self, view: memoryview) -> int:
            n: int = self._src.readinto(view)
            once()  # after the first block
            return n

    def stream(src: Any, *args: Any) -> Any:
        return original(Source(src), *args)

    monkeypatch.setattr(keeping_mod, "_stream", stream)
    with import_bundle(lib, path, trusted) as opened, pytest.raises(TamperedError) as err:
        keep_copy(lib, opened.manifest, path.resolve(), trusted)
    assert once.done and TARGET in err.value.message("en")
    assert list(lib.bundles_dir.iterdir()) == []


@pytest.mark.parametrize("mode", ["link", "copy"])
def test_library_copy_after_a_rename_over_is_of_the_file_opened(mode: str, setup: tuple[Path, bytes, bytes],
                                                                 app: tuple[Library, list[PublicCard]],
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """The file renamed over its path after the app opened the session but before the library's copy
    began: the app hands the copy the file it opened, so the genuine session is kept (it used to be
    refused, and the session dropped from the library)."""
    path, genuine, forged = setup
    lib, trusted = app
    if mode == "copy":
        monkeypatch.setattr(keeping_mod.os, "link", _no_link)
    with import_bundle(lib, path, trusted) as opened:
        rename_over(path, forged)  # between the opening and the copy
        kept = keep_copy(lib, opened.manifest, path.resolve(), trusted, opened=opened.duplicate_file())
        assert kept is not None and kept.read_bytes() == genuine
    assert [p.name for p in lib.bundles_dir.iterdir()] == [kept.name]
    assert lib.sessions() and lib.is_kept(lib.sessions()[0])
