"""Helpers for the GUI tests: services on a temporary data folder, a scripted file chooser,
waiting for dialogs, building the translations."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from bundle_helpers import FAST_LOG_N, PASSPHRASE, People
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from paperless.core.identity import load_card
from paperless.core.library import Library
from paperless.gui.app import AppOptions, build_services, create_application, shutdown
from paperless.gui.main_window import MainWindow
from paperless.gui.services import AppServices
from paperless.resources import resource_path

# The offscreen platform cannot honour window size hints and says so; nothing to fix in the app.
OFFSCREEN_NOISE = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
DELAY_SCALE = 0.02  # seconds for the first wrong-passphrase pause in tests (real: 1 s)


class FakeFiles:
    """Answers the app's file questions from queues (None = the user cancelled)."""

    def __init__(self) -> None:
        self.open_answers: list[Path | None] = []
        self.save_answers: list[Path | None] = []
        self.folder_answers: list[Path | None] = []
        self.printer_answers: list[tuple[Path, int, int] | None] = []  # a PDF file, first and last page (0: all)
        self.asked: list[str] = []

    def open_file(self, parent: QWidget | None, title: str, filters: str) -> Path | None:
        self.asked.append(title)
        return self.open_answers.pop(0) if self.open_answers else None

    def save_file(self, parent: QWidget | None, title: str, suggested: str, filters: str) -> Path | None:
        self.asked.append(title)
        return self.save_answers.pop(0) if self.save_answers else None

    def folder(self, parent: QWidget | None, title: str) -> Path | None:
        self.asked.append(title)
        return self.folder_answers.pop(0) if self.folder_answers else None

    def choose_printer(self, parent: QWidget | None, printer: Any, pages: int) -> bool:
        """Print to a PDF file (Qt's own PDF printer), as a member choosing "Print to file" would."""
        from PySide6.QtPrintSupport import QPrinter

        self.asked.append(f"print {pages}")
        answer = self.printer_answers.pop(0) if self.printer_answers else None
        if answer is None:
            return False
        path, first, last = answer
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(path))
        if first:
            printer.setPrintRange(QPrinter.PrintRange.PageRange)
            printer.setFromTo(first, last)
        else:
            printer.setFromTo(0, 0)
        return True


def ensure_translations() -> Path:
    """Compile the .ts files (as ``make translations`` does) when a .qm is missing or stale."""
    folder = resource_path("translations")
    lrelease = shutil.which("pyside6-lrelease", path=str(Path(sys.executable).parent)) or shutil.which(
        "pyside6-lrelease")
    for ts in sorted(folder.glob("*.ts")):
        qm = ts.with_suffix(".qm")
        if not qm.exists() or qm.stat().st_mtime < ts.stat().st_mtime:
            assert lrelease, "pyside6-lrelease not found"
            subprocess.run([lrelease, "-silent", str(ts), "-qm", str(qm)], check=True)
    return folder


def make_services(home: Path, files: FakeFiles | None = None, *, language: str = "en",
                  identity: Path | None = None, trust: list[Path] | None = None) -> AppServices:
    ensure_translations()
    app = create_application([])
    options = AppOptions(home=home, identity=identity, trust=[load_card(p) for p in trust or []],
                         language=language, unlock_delay_scale=DELAY_SCALE, kdf_log_n=FAST_LOG_N)
    return build_services(app, options, files=files or FakeFiles())


class Harness:
    """A main window on its own data folder, with a member's identity unlocked."""

    def __init__(self, qtbot, home: Path, people: People | None = None, *, member: str = "an",  # type: ignore[no-untyped-def]
                 language: str = "en", trust_clerk: bool = True) -> None:
        self.qtbot = qtbot
        self.files = FakeFiles()
        identity = people.member(member) if people is not None else None
        trust = [people.clerk] if people is not None and trust_clerk else []
        self.services = make_services(home, self.files, language=language, identity=identity, trust=trust)
        self.window = MainWindow(self.services)
        qtbot.addWidget(self.window)
        self.window.show()

    def unlock(self, passphrase: str = PASSPHRASE) -> Library:
        from paperless.gui.dialogs.unlock import unlock_and_load

        identity, library = unlock_and_load(self.services.paths.root, self.services.identity_folder, passphrase)
        self.window.set_unlocked(identity, library)
        return library

    def open(self, bundle: Path) -> None:
        """Open a bundle and wait until the operation has finished (shown or refused)."""
        self.window.open_path(bundle)
        self.qtbot.waitUntil(lambda: not self.window.open_flow.busy, timeout=30_000)

    def wait_document(self, entry: str | None = None) -> None:
        view = self.window.reader.view
        self.qtbot.waitUntil(lambda: view.page_count() > 0 and (entry is None or view.document_id() == entry),
                             timeout=30_000)

    def wait_idle(self) -> None:
        self.qtbot.waitUntil(lambda: not self.services.tasks.busy, timeout=30_000)

    def close(self) -> None:
        try:
            self.wait_idle()
            if shiboken6.isValid(self.window):  # pytest-qt may have deleted it already
                self.window.close()
        finally:
            shutdown(self.services)  # also removes the translators: later tests see no translation


def open_message_boxes() -> list[QMessageBox]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]


def close_message_boxes() -> None:
    for box in open_message_boxes():
        box.close()


@contextmanager
def harnesses(qtbot, tmp_path: Path) -> Iterator[Callable[..., Harness]]:  # type: ignore[no-untyped-def]
    """Make main windows for a test; closes them (and any message box) afterwards."""
    made: list[Harness] = []
    locale = QLocale()  # the app sets the default locale to its language; put it back afterwards

    def make(people: People | None = None, *, home: Path | None = None, **kwargs: Any) -> Harness:
        h = Harness(qtbot, home or tmp_path / "home", people, **kwargs)
        made.append(h)
        return h

    try:
        yield make
    finally:
        close_message_boxes()
        for h in made:
            h.close()
        QLocale.setDefault(locale)


# -- driving the whole app in a subprocess (the plaintext-on-disk scan) ----------------------------

def wait_until(condition: Callable[[], bool], timeout: float = 60.0) -> None:
    import time

    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("condition not met in time")
        QApplication.processEvents()
        time.sleep(0.005)


def drive_demo_session(bundle: str, identity: str, clerk: str, passphrase: str) -> None:
    """Open the demo bundle in the app (data folder: PAPERLESS_HOME), read every document,
    search, scroll, switch modes, quit. Prints what it did, one fact per line."""
    from paperless.gui.dialogs.unlock import unlock_and_load

    app = create_application([])
    services = build_services(app, AppOptions(identity=Path(identity), trust=[load_card(Path(clerk))], language="vi"))
    window = MainWindow(services)
    window.show()
    me, library = unlock_and_load(services.paths.root, services.identity_folder, passphrase)
    window.set_unlocked(me, library)
    window.open_path(Path(bundle))
    view = window.reader.view
    wait_until(lambda: view.page_count() > 0 and bool(view.canvas.images))
    for entry in window.session.readable_entries():
        window.session.open_document(entry)
        wait_until(lambda e=entry: view.document_id() == e and view.page_count() > 0 and bool(view.canvas.images))
        view.go_to_page(view.page_count() - 1)
        wait_until(lambda: bool(view.canvas.images))
        print(f"read {entry} {view.page_count()}")
    wait_until(lambda: not window.session.indexer.running, timeout=120)
    print(f"indexed {window.session.indexer.index.pages}")
    window.actions_.search_panel.setChecked(True)
    panel = window.reader.search_panel
    panel.set_query("chuyen doi so")
    print(f"hits {len(panel.hits())}")
    hit = panel.hits()[0]
    panel.open_hit.emit(hit.doc, hit.page, panel.query())
    wait_until(lambda: view.document_id() == hit.doc and view.page_count() > 0)
    window.reader.find_bar.activate()
    window.reader.find_bar.set_query("Đảng")
    wait_until(lambda: window.reader.find_bar.current_hit() is not None)
    print(f"found {window.reader.find_bar.count_text()}")
    window.actions_.night.setChecked(True)
    view.zoom_in()
    wait_until(lambda: bool(view.canvas.images))
    window.actions_.thumbnails.setChecked(True)
    wait_until(lambda: not services.tasks.busy)
    window.close()
    shutdown(services)
    print("closed")
