"""The chair's and the secretariat's meeting controls (placeholder: the control branch brings the real
panel; the signatures are the contract's)."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QLabel, QVBoxLayout, QWidget

from paperless.core.bundle.manifest import Agenda
from paperless.core.meeting.roles import AgendaRoles
from paperless.core.meeting.state import MeetingState


class ControlPanel(QWidget):
    give_floor = Signal(str)
    close_floor = Signal()
    open_vote = Signal(str, object)
    close_vote = Signal()
    mark_absent = Signal(str, str)
    presenting_toggled = Signal(bool)
    set_presenter = Signal(object)
    export_minutes = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("controlPanel")
        layout = QVBoxLayout(self)
        self.presenting = QCheckBox(self)
        self.presenting.toggled.connect(self.presenting_toggled)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        layout.addWidget(self.presenting)
        layout.addWidget(self.summary, 1)
        self.retranslate()

    def show_state(self, state: MeetingState, roles: AgendaRoles, agenda: Agenda, *, me: str,
                   cast: Mapping[str, int], connected: bool) -> None:
        self.summary.setText(f"{state.attending()}/{roles.count}")

    def set_presenting(self, on: bool) -> None:
        self.presenting.setChecked(on)

    def retranslate(self) -> None:
        self.presenting.setText(self.tr("Presenting"))
