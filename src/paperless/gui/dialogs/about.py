"""Help ▸ About."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from paperless import __version__


def about_box(parent: QWidget | None) -> QMessageBox:
    box = QMessageBox(parent)
    box.setObjectName("aboutDialog")
    box.setWindowTitle(QCoreApplication.translate("About", "About Paperless"))
    box.setText(QCoreApplication.translate("About", "Paperless %1").replace("%1", __version__))
    box.setInformativeText(QCoreApplication.translate("About",
        "A secure, offline reader for paperless committee meetings. Session files are signed by the "
        "office and encrypted for each member; nothing decrypted is ever written to this computer's disk."
        "\n\nLicence: GNU AGPL version 3 or later. Fonts: Noto Sans (SIL Open Font Licence).",
    ))
    box.addButton(QCoreApplication.translate("About", "Close"), QMessageBox.ButtonRole.AcceptRole)
    return box
