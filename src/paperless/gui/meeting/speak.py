"""Asking to speak (đăng ký phát biểu): a short topic, optionally on the item being presented."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from paperless.core.bundle.manifest import AgendaItem
from paperless.core.meeting import wire as W


class SpeakDialog(QDialog):
    """``accepted``: read :meth:`topic` and :meth:`item`."""

    def __init__(self, presented: AgendaItem | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("speakDialog")
        self._presented = presented
        self.setWindowTitle(self.tr("Ask to speak"))
        layout = QVBoxLayout(self)
        label = QLabel(self.tr("What do you wish to speak about? (optional, a few words)"), self)
        label.setWordWrap(True)
        self.topic_edit = QLineEdit(self)
        self.topic_edit.setObjectName("speakTopic")
        self.topic_edit.setMaxLength(W.MAX_TOPIC)
        label.setBuddy(self.topic_edit)
        layout.addWidget(label)
        layout.addWidget(self.topic_edit)
        self.on_item = QCheckBox(self)
        self.on_item.setObjectName("speakOnItem")
        if presented is not None:
            self.on_item.setText(self.tr("On the item being presented: %1. %2")
                                 .replace("%1", str(presented.number)).replace("%2", presented.title))
            self.on_item.setChecked(True)
            layout.addWidget(self.on_item)
        else:
            self.on_item.hide()
        buttons = QDialogButtonBox(self)
        send = buttons.addButton(self.tr("Ask to speak"), QDialogButtonBox.ButtonRole.AcceptRole)
        send.setObjectName("speakSend")
        send.setDefault(True)
        buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

    def topic(self) -> str:
        return self.topic_edit.text().strip()

    def item(self) -> int | None:
        return self._presented.number if self._presented is not None and self.on_item.isChecked() else None
