"""The Devices dialog: the member's laptops the office server knows; revoking one, approving one.

The list, the revocation and the approval are network calls, made on the task layer's network
lane through the functions the dialog is given; the dialog only shows, asks and waits. Revoking
asks first (the default button is Cancel) and cannot revoke this laptop itself. After a
revocation, a new laptop waits for approval (the lost one still holds the member's keys): it is
listed as waiting, and approved here from a laptop already in use, or by the office.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from paperless.core.sync import DeviceInfo
from paperless.gui.tasks import Lane, Scope, Tasks


def when(moment: int | str | None, language: str) -> str:
    """A time for the table, local: milliseconds since the epoch, or ISO 8601 as a device wrote it."""
    try:
        if isinstance(moment, int):
            at = datetime.fromtimestamp(moment / 1000, UTC)
        elif moment:
            at = datetime.fromisoformat(moment.replace("Z", "+00:00"))
        else:
            return "\u2014"
    except (ValueError, OverflowError, OSError):
        return "\u2014"
    if at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    return at.astimezone().strftime("%d/%m/%Y %H:%M" if language == "vi" else "%Y-%m-%d %H:%M")


class DevicesDialog(QDialog):
    revoked_one = Signal(str)  # a device id, once the server confirmed

    def __init__(self, tasks: Tasks, lane: Lane, list_devices: Callable[[], list[DeviceInfo]],
                 revoke: Callable[[str], None], approve: Callable[[str], None], language: Callable[[], str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("devicesDialog")
        self._tasks, self._lane, self._list, self._revoke, self._language = tasks, lane, list_devices, revoke, language
        self._approve = approve
        self._scope: Scope = tasks.scope()
        self._devices: list[DeviceInfo] = []
        self.resize(640, 360)
        layout = QVBoxLayout(self)
        self._intro = QLabel(self)
        self._intro.setWordWrap(True)
        self.table = QTableWidget(0, 3, self)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._selection)
        self.message = QLabel(self)
        self.message.setObjectName("devicesMessage")
        self.message.setWordWrap(True)
        self.revoke_button = QPushButton(self)
        self.revoke_button.setEnabled(False)
        self.revoke_button.clicked.connect(self._ask_revoke)
        self.approve_button = QPushButton(self)
        self.approve_button.setEnabled(False)
        self.approve_button.clicked.connect(self._ask_approve)
        self._close = QPushButton(self)
        self._close.setDefault(True)
        self._close.clicked.connect(self.accept)
        row = QHBoxLayout()
        row.addWidget(self.revoke_button)
        row.addWidget(self.approve_button)
        row.addStretch(1)
        row.addWidget(self._close)
        layout.addWidget(self._intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(row)
        self.retranslate()
        self.reload()

    def done(self, result: int) -> None:
        self._scope.close()  # an answer arriving after the dialog closed is dropped
        super().done(result)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("My devices"))
        self._intro.setText(self.tr("The computers that hold your notes. If one is lost or given away, revoke it: "
                                    "the office server refuses it at once, and it deletes your notes and "
                                    "sessions the next time it connects."))
        self.table.setHorizontalHeaderLabels([self.tr("Device"), self.tr("Added"), self.tr("Last seen")])
        self.revoke_button.setText(self.tr("&Revoke this device\u2026"))
        self.approve_button.setText(self.tr("&Approve this device\u2026"))
        self._close.setText(self.tr("&Close"))
        self._fill()

    # -- loading ------------------------------------------------------------------------------

    def reload(self) -> None:
        self.message.setText(self.tr("Asking the office server\u2026"))
        self._scope.run(self._lane, self._list, self._loaded, self._failed)

    def _loaded(self, devices: list[DeviceInfo]) -> None:
        self._devices = sorted(devices, key=lambda d: (d.revoked, not d.current, d.name.casefold()))
        self.message.setText("")
        self._fill()

    def _failed(self, exc: BaseException) -> None:
        message = getattr(exc, "message", None)
        text = message(self._language()) if callable(message) else str(exc)
        self.message.setText(self.tr("The office server could not be asked: %1").replace("%1", text))

    def _fill(self) -> None:
        lang = self._language()
        self.table.setRowCount(len(self._devices))
        for row, d in enumerate(self._devices):
            name = d.name
            if d.current:
                name = self.tr("%1 (this computer)").replace("%1", name)
            if d.revoked:
                name = self.tr("%1 (revoked)").replace("%1", name)
            elif d.pending:
                name = self.tr("%1 (waiting for approval)").replace("%1", name)
            cells = (name, when(d.created, lang), when(d.last_seen_ms, lang))
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, d.device)
                if d.revoked:
                    item.setForeground(self.palette().placeholderText())
                self.table.setItem(row, col, item)
        self._selection()

    # -- revoking -----------------------------------------------------------------------------

    def selected(self) -> DeviceInfo | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows or rows[0].row() >= len(self._devices):
            return None
        return self._devices[rows[0].row()]

    def _selection(self) -> None:
        d = self.selected()
        self.revoke_button.setEnabled(d is not None and not d.current and not d.revoked)
        self.approve_button.setEnabled(d is not None and d.pending and not d.revoked and not d.current)

    def _ask(self, name: str, icon: QMessageBox.Icon, title: str, text: str, yes: str,
             role: QMessageBox.ButtonRole, then: Callable[[], None]) -> None:
        """A question with ``yes`` and Cancel (the default: Enter does the safe thing); ``then`` on yes."""
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, self)
        accept = box.addButton(yes, role)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setObjectName(name)
        box.buttonClicked.connect(lambda button: then() if button is accept else None)
        box.finished.connect(box.deleteLater)
        box.open()

    def _ask_revoke(self) -> None:
        d = self.selected()
        if d is None or d.current or d.revoked:
            return
        device = d.device
        self._ask("confirmRevoke", QMessageBox.Icon.Warning, self.tr("Revoke a device"),
                  self.tr("Revoke \u201c%1\u201d? It will no longer reach your notes, and it deletes "
                          "your notes and sessions the next time it connects.").replace("%1", d.name),
                  self.tr("&Revoke"), QMessageBox.ButtonRole.DestructiveRole, lambda: self._confirmed(device))

    def _confirmed(self, device: str) -> None:
        self.message.setText(self.tr("Revoking\u2026"))
        self.revoke_button.setEnabled(False)

        def revoked(_: None) -> None:
            self.revoked_one.emit(device)
            self.reload()

        self._scope.run(self._lane, lambda: self._revoke(device), revoked, self._failed)

    def _ask_approve(self) -> None:
        d = self.selected()
        if d is None or not d.pending or d.revoked:
            return
        device = d.device
        self._ask("confirmApprove", QMessageBox.Icon.Question, self.tr("Approve a device"),
                  self.tr("Approve \u201c%1\u201d? Approve only a computer you set up yourself just now: it "
                          "will receive all your notes.").replace("%1", d.name),
                  self.tr("&Approve"), QMessageBox.ButtonRole.AcceptRole, lambda: self._approved_asked(device))

    def _approved_asked(self, device: str) -> None:
        self.message.setText(self.tr("Approving\u2026"))
        self.approve_button.setEnabled(False)
        self._scope.run(self._lane, lambda: self._approve(device), lambda _: self.reload(), self._failed)
