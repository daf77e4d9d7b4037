"""Application set-up: QApplication, fonts, translations, services, the main window.

``run(options)`` is what ``paperless`` (no arguments), ``paperless open`` and
``paperless demo`` call. Nothing decrypted is written to disk: Qt's shader disk cache is
off, QPixmapCache is memory-only (it always is) and small, there is no network cache and
no web engine; the search index and rendered pages live in memory.
"""

from __future__ import annotations

import os
import sys
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication, QIcon, QPixmapCache
from PySide6.QtWidgets import QApplication, QWidget

from paperless.core.identity import PublicCard, UnlockedIdentity
from paperless.core.identity.secret import DEFAULT_LOG_N
from paperless.core.paths import data_dir
from paperless.gui.files import FilePicker, QtFilePicker
from paperless.gui.gc_main_thread import MainThreadCollector, keep_big_buffers_apart
from paperless.gui.i18n import Translators, resolve_language
from paperless.gui.services import AppPaths, AppServices
from paperless.gui.settings import Settings
from paperless.gui.tasks import Tasks
from paperless.resources import resource_path

APP_NAME = "Paperless"
FONT_FAMILY = "Noto Sans"
PIXMAP_CACHE_KB = 16 * 1024


@dataclass
class AppOptions:
    bundle: Path | None = None  # open this session file once unlocked
    identity: Path | None = None  # use this identity folder instead of the one in the data folder
    trust: list[PublicCard] = field(default_factory=list)  # extra trusted signers, this run only
    passphrase: str | None = None  # unlock without asking (--passphrase-env, the demo)
    screenshot: Path | None = None  # render the window to this PNG once the first page shows, then quit
    language: str | None = None  # overrides the setting for this run (PAPERLESS_LANG)
    home: Path | None = None  # the data folder (default: data_dir(), which honours PAPERLESS_HOME)
    unlock_delay_scale: float = 1.0
    kdf_log_n: int = DEFAULT_LOG_N
    # scrypt started before Qt was imported (with a passphrase given): it overlaps start-up
    early_unlock: Future[UnlockedIdentity] | None = None
    # PyMuPDF in a render process (it holds the GIL while it works: a scan would freeze the
    # window); False keeps it in the worker thread
    render_process: bool = True
    clerk: bool = False  # open the clerk's workspace once unlocked (``paperless clerk``)
    workspace: Path | None = None  # its session.toml or folder (None: a new session in the data folder)


def app_paths(home: Path | None = None) -> AppPaths:
    return AppPaths(
        root=home or data_dir(),
        translations=resource_path("translations"),
        icons=resource_path("icons"),
        fonts=resource_path("fonts"),
    )


def create_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication (created once), with names, fonts and memory-only caches."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    else:
        QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_DisableShaderDiskCache, True)
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setOrganizationName(APP_NAME)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    QGuiApplication.setDesktopFileName("paperless")
    QPixmapCache.setCacheLimit(PIXMAP_CACHE_KB)
    register_fonts(resource_path("fonts"), app)
    icon = resource_path("icons", "app.svg")
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    return app


def register_fonts(folder: Path, app: QApplication) -> list[str]:
    """Register the bundled Noto Sans faces so Vietnamese renders the same on every machine."""
    families: set[str] = set()
    for path in sorted(folder.glob("NotoSans-*.ttf")):
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0:
            families.update(QFontDatabase.applicationFontFamilies(font_id))
    if FONT_FAMILY in families:
        font = QFont(FONT_FAMILY)
        font.setPointSizeF(10.0)
        font.setStyleStrategy(QFont.StyleStrategy.PreferAntialias)
        app.setFont(font)
    return sorted(families)


def build_services(app: QApplication, options: AppOptions, *, files: FilePicker | None = None) -> AppServices:
    from paperless.core.render import PdfDocument, RenderProcess, RenderWorker

    keep_big_buffers_apart()  # decrypted documents leave no copy in freed memory (the idle lock)
    paths = app_paths(options.home)
    paths.root.mkdir(parents=True, exist_ok=True)
    settings = Settings(paths.root / "settings.ini")
    translators = Translators(app, paths.translations)
    translators.install(resolve_language(settings.language, options.language))
    tasks = Tasks(app)
    return AppServices(
        paths=paths,
        settings=settings,
        # the one thread that makes every document call, and where the documents live
        worker=RenderWorker(document_factory=RenderProcess() if options.render_process else PdfDocument,
                            on_error=tasks.report),
        tasks=tasks,
        translators=translators,
        files=files or QtFilePicker(),
        identity_folder=options.identity or paths.default_identity,
        extra_trusted=list(options.trust),
        unlock_delay_scale=options.unlock_delay_scale,
        kdf_log_n=options.kdf_log_n,
    )


def shutdown(services: AppServices) -> None:
    """After the window's ``shut_down`` (which queues the notes' last saves and the store's
    closing on the database worker): wait for both workers, then stop the rest."""
    services.tasks.wait_for_done()
    services.worker.shutdown()
    services.settings.sync()
    services.translators.remove()


def _quiet_offscreen() -> None:
    """The offscreen platform (screenshots) warns about window size hints it cannot honour."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    def handler(mode: QtMsgType, _context: object, message: str) -> None:
        if "propagateSizeHints" not in message:
            sys.stderr.write(f"{message}\n")

    qInstallMessageHandler(handler)


def _install_bug_hook(window: QWidget, services: AppServices) -> None:
    """An exception escaping a Qt slot becomes the "this is a bug" dialog instead of vanishing."""
    from paperless.gui.dialogs.errors import show_failure

    previous = sys.excepthook

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        previous(kind, exc, tb)
        if isinstance(exc, Exception):
            show_failure(window, exc, services.language)

    sys.excepthook = hook


def needs_offscreen(environ: dict[str, str] | None = None) -> bool:
    """True on Linux without a display (screenshots, CI): use Qt's offscreen platform."""
    env = os.environ if environ is None else environ
    if env.get("QT_QPA_PLATFORM"):
        return False
    return sys.platform.startswith("linux") and not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"))


def run(options: AppOptions) -> int:
    """Start the app; returns the exit code."""
    from paperless.gui.main_window import MainWindow
    from paperless.gui.startup import Startup

    if options.screenshot is not None and needs_offscreen():
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    if os.environ.get("QT_QPA_PLATFORM") == "offscreen":
        _quiet_offscreen()
    app = create_application()
    collector = MainThreadCollector(app)  # cyclic garbage is collected on the GUI thread only
    services = build_services(app, options)
    window = MainWindow(services)
    _install_bug_hook(window, services)
    startup = Startup(services, window, options)
    startup.start()
    try:
        code = app.exec()
    finally:
        window.shut_down()
        shutdown(services)
        collector.deleteLater()
    return startup.exit_code if startup.exit_code is not None else int(code)
