"""What happens when the app starts: first run or unlock, then an optional session to open,
and for ``--screenshot`` a picture of the window once the first page has rendered.

The screenshot waits for ``MainWindow.first_page_rendered`` (the reader's, fed by
``DocumentView.page_rendered``: a page image has been painted), with a time limit."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from paperless.core.errors import PaperlessError
from paperless.core.identity import PublicCard, UnlockedIdentity
from paperless.core.library import Library, has_identity
from paperless.gui.app import AppOptions
from paperless.gui.dialogs.first_run import FirstRunDialog
from paperless.gui.dialogs.unlock import UnlockDialog, ask_unlock, unlock_and_load
from paperless.gui.main_window import MainWindow
from paperless.gui.services import AppServices

SCREENSHOT_TIMEOUT_MS = 90_000


class Startup(QObject):
    def __init__(self, services: AppServices, window: MainWindow, options: AppOptions) -> None:
        super().__init__(window)
        self._services = services
        self._window = window
        self._bundle: Path | None = options.bundle
        self._passphrase: str | None = options.passphrase
        self._early_unlock = options.early_unlock
        self._screenshot: Path | None = options.screenshot
        self._clerk = options.clerk
        self._workspace = options.workspace
        self.exit_code: int | None = None
        self.dialog: FirstRunDialog | UnlockDialog | None = None
        self._office: PublicCard | None = None  # an office card chosen on first run, to trust once unlocked
        self._deadline = QTimer(self)  # ours: it goes with the window, never fires on a closed one
        self._deadline.setSingleShot(True)
        self._deadline.setInterval(SCREENSHOT_TIMEOUT_MS)
        self._deadline.timeout.connect(self._timed_out)

    def start(self) -> None:
        window = self._window
        if self._screenshot is not None and self._clerk:
            window.clerk.opened.connect(self._clerk_shown_for_screenshot)
            self._deadline.start()
        elif self._screenshot is not None:
            window.resize(1360, 860)
            window.session_shown.connect(self._session_shown_for_screenshot)
            window.open_flow.refused.connect(lambda exc: self._fail(exc))
            self._deadline.start()
        window.show()
        folder = self._services.identity_folder
        if not has_identity(folder):
            if self._passphrase is not None or self._screenshot is not None:
                self._fail(PaperlessError(detail=f"no identity in {folder}"))
                return
            dialog = FirstRunDialog(self._services, folder, window)
            dialog.completed.connect(self._first_run_done)
            dialog.rejected.connect(window.close)
            self.dialog = dialog
            dialog.open()
        elif self._passphrase is not None:
            root, passphrase, early = self._services.paths.root, self._passphrase, self._early_unlock

            def unlock() -> tuple[UnlockedIdentity, Library]:
                if early is not None and folder == self._services.identity_folder:
                    identity = early.result()  # scrypt already ran while Qt started
                    return identity, Library.open(root, identity)
                return unlock_and_load(root, folder, passphrase)

            self._services.tasks.pool.run(unlock, lambda r: self._unlocked(*r), self._unlock_failed)
        else:
            self.ask_passphrase()

    def ask_passphrase(self) -> None:
        self.dialog = ask_unlock(self._services, self._services.identity_folder, self._window, self._unlocked)

    def _first_run_done(self, identity: UnlockedIdentity | None, library: Library | None) -> None:
        dialog = self.dialog
        if isinstance(dialog, FirstRunDialog) and dialog.office is not None and library is None:
            self._office = dialog.office  # chosen for an imported identity: trusted once it is unlocked
        if identity is None or library is None:
            self.ask_passphrase()
        else:
            self._unlocked(identity, library)

    def _unlock_failed(self, exc: BaseException) -> None:
        if self._screenshot is not None:
            self._fail(exc)
            return
        self._window.show_failure(exc)
        self.ask_passphrase()

    def _unlocked(self, identity: UnlockedIdentity, library: Library) -> None:
        if self._office is not None:
            office, self._office = self._office, None
            try:
                library.trust(office)
            except PaperlessError as exc:
                self._window.show_failure(exc)
        self._window.set_unlocked(identity, library)
        if self._clerk:
            self._window.clerk.open(self._workspace)
        elif self._bundle is not None:
            self._window.open_path(self._bundle)

    # -- screenshot -------------------------------------------------------------------------

    def _session_shown_for_screenshot(self) -> None:
        self._window.first_page_rendered.connect(self._grab)

    def _clerk_shown_for_screenshot(self, window: QWidget) -> None:
        QTimer.singleShot(300, lambda: self._grab(window))  # the first page laid out and painted

    def _grab(self, widget: QWidget | None = None) -> None:
        if self._screenshot is None or self.exit_code is not None:
            return
        QApplication.processEvents()
        pixmap = (widget or self._window).grab()
        self._screenshot.parent.mkdir(parents=True, exist_ok=True)
        ok = pixmap.save(str(self._screenshot), "PNG")
        self.exit_code = 0 if ok else 1
        self._deadline.stop()
        QTimer.singleShot(0, QApplication.closeAllWindows if widget is not None else self._window.close)

    def _fail(self, exc: BaseException) -> None:
        if self.exit_code is not None:
            return
        message = exc.message(self._services.language) if isinstance(exc, PaperlessError) else repr(exc)
        print(f"paperless: {message}", file=sys.stderr)
        self.exit_code = 1
        self._deadline.stop()
        QTimer.singleShot(0, self._window.close)

    def _timed_out(self) -> None:
        if self.exit_code is None:
            print("paperless: the first page did not render in time", file=sys.stderr)
            self.exit_code = 2
            self._window.close()
