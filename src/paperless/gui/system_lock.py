"""When the system goes to sleep or the screen locks, the reader locks too (the idle lock).

What Qt tells, everywhere: the application is suspended (``QGuiApplication.applicationStateChanged``
to ``ApplicationSuspended``: mobile platforms, some desktops). On Linux, what the desktop tells
over D-Bus when ``PySide6.QtDBus`` is there (the packaged app may leave it out) and a bus answers:
logind's ``PrepareForSleep(true)`` on the system bus (about to suspend or hibernate) and the
screen saver's ``ActiveChanged(true)`` on the session bus (the screen locked or blanked). No bus,
no module: nothing is watched, and the idle timer and "Lock now" still lock.
"""

from __future__ import annotations

import logging
import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtGui import QGuiApplication

if TYPE_CHECKING:
    from PySide6.QtDBus import QDBusConnection

log = logging.getLogger(__name__)

LOGIND = ("org.freedesktop.login1", "/org/freedesktop/login1", "org.freedesktop.login1.Manager", "PrepareForSleep")
SCREENSAVER = ("org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver",
               "ActiveChanged")


class SystemLockWatch(QObject):
    """Says ``lock_requested`` when the system suspends or the screen locks, as far as it can tell."""

    lock_requested = Signal()

    def __init__(self, parent: QObject | None = None, *, dbus: bool = True) -> None:
        super().__init__(parent)
        self.watching: list[str] = []  # what is watched: "application state", "logind", "screen saver"
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.applicationStateChanged.connect(self.application_state_changed)
            self.watching.append("application state")
        if dbus and sys.platform.startswith("linux"):
            self._watch_dbus()

    def _watch_dbus(self) -> None:
        try:
            from PySide6.QtDBus import QDBusConnection
        except ImportError:  # left out of the package: nothing more to watch
            return
        self.watch_bus(QDBusConnection.systemBus(), LOGIND)
        self.watch_bus(QDBusConnection.sessionBus(), SCREENSAVER)
        log.debug("locking on: %s", ", ".join(self.watching) or "nothing")

    def watch_bus(self, bus: QDBusConnection, signal: tuple[str, str, str, str]) -> bool:
        """Lock on ``signal`` (:data:`LOGIND` or :data:`SCREENSAVER`) of ``bus``; False: no bus there."""
        from PySide6.QtCore import SLOT

        service, path, interface, name = signal
        slot = "prepare_for_sleep(bool)" if signal == LOGIND else "screen_saver_active(bool)"
        # PySide6 takes the slot as the str SLOT() makes (its stubs say bytes, which it refuses)
        if not bus.isConnected() or not bus.connect(service, path, interface, name, self,
                                                    SLOT(slot)):  # type: ignore[call-overload]
            return False
        self.watching.append("logind" if signal == LOGIND else "screen saver")
        return True

    @Slot(Qt.ApplicationState)
    def application_state_changed(self, state: Qt.ApplicationState) -> None:
        if state == Qt.ApplicationState.ApplicationSuspended:
            self.lock_requested.emit()

    @Slot(bool)
    def prepare_for_sleep(self, sleeping: bool) -> None:
        if sleeping:  # False: waking up again (the lock screen is already there)
            self.lock_requested.emit()

    @Slot(bool)
    def screen_saver_active(self, active: bool) -> None:
        if active:
            self.lock_requested.emit()
