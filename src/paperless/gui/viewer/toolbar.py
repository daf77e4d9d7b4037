"""ViewerToolbar: page number box and total, zoom controls, night mode, side panel, status.

DocumentView owns it and hands it out with ``toolbar()`` for the main window to place.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QComboBox, QLabel, QSizePolicy, QSpinBox, QToolBar, QWidget

from paperless.gui.viewer.layout import ZoomMode

PRESETS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0, 4.0)
STATUS_MS = 8000


def _shortcut_text(key: QKeySequence.StandardKey | str) -> str:
    sequence = QKeySequence(key)
    return sequence.toString(QKeySequence.SequenceFormat.NativeText)


class ViewerToolbar(QToolBar):
    page_entered = Signal(int)  # 0-based
    zoom_chosen = Signal(object)  # ZoomMode.FIT_WIDTH / ZoomMode.FIT_PAGE or a factor (1.0 = 100 %)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("viewerToolbar")
        self.setIconSize(QSize(18, 18))

        self.act_sidebar = self._action(checkable=True)
        self.addSeparator()
        self.page_box = QSpinBox(self)
        self.page_box.setRange(0, 0)
        self.page_box.setKeyboardTracking(False)
        self.page_box.setButtonSymbols(QSpinBox.ButtonSymbols.NoButtons)
        self.page_box.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.page_box.setMinimumWidth(56)
        self.page_box.valueChanged.connect(self._page_typed)
        self.addWidget(self.page_box)
        self.total = QLabel(self)
        self.total.setContentsMargins(4, 0, 8, 0)
        self.addWidget(self.total)
        self.addSeparator()

        self.act_zoom_out = self._action()
        self.zoom_box = QComboBox(self)
        self.zoom_box.setEditable(True)
        self.zoom_box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.zoom_box.setMinimumContentsLength(9)
        self.zoom_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)  # "Vừa chiều rộng" whole
        self.zoom_box.addItem("", ZoomMode.FIT_WIDTH)  # texts: retranslate()
        self.zoom_box.addItem("", ZoomMode.FIT_PAGE)
        for factor in PRESETS:
            self.zoom_box.addItem(f"{round(factor * 100)}%", factor)
        edit = self.zoom_box.lineEdit()
        if edit is not None:
            edit.returnPressed.connect(self._zoom_typed)
        self.zoom_box.activated.connect(self._zoom_picked)
        self.addWidget(self.zoom_box)
        self.act_zoom_in = self._action()
        self.act_fit_width = self._action()
        self.act_fit_page = self._action()
        self.act_actual = self._action()
        self.addSeparator()
        self.act_night = self._action(checkable=True)

        spacer = QWidget(self)
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.addWidget(spacer)
        self.status = QLabel(self)
        self.status.setContentsMargins(8, 0, 8, 0)
        self.addWidget(self.status)
        self._status_timer = QTimer(self)
        self._status_timer.setSingleShot(True)
        self._status_timer.timeout.connect(self.status.clear)
        self._zoom_state = (ZoomMode.FIT_WIDTH, 1.0)
        self._page_state = (-1, 0)
        self.retranslate()  # texts, and the empty page box and zoom

    def retranslate(self) -> None:
        """Set every text again in the current language (also on QEvent.LanguageChange)."""
        self.setWindowTitle(self.tr("Document"))
        self.setAccessibleName(self.tr("Document toolbar"))
        self._texts(self.act_sidebar, self.tr("Pages"), self.tr("Show or hide the page thumbnails and contents"))
        self.page_box.setAccessibleName(self.tr("Page number"))
        self.page_box.setToolTip(self.tr("Current page: type a number and press Enter to go there"))
        self.total.setAccessibleName(self.tr("Page count"))
        self._texts(self.act_zoom_out, "\u2212", self.tr("Zoom out ({key})").format(
            key=_shortcut_text(QKeySequence.StandardKey.ZoomOut)))
        self.zoom_box.setAccessibleName(self.tr("Zoom"))
        self.zoom_box.setToolTip(self.tr("Zoom: choose a size or type a percentage"))
        self.zoom_box.setItemText(0, self.tr("Fit width"))
        self.zoom_box.setItemText(1, self.tr("Fit page"))
        self._texts(self.act_zoom_in, "+", self.tr("Zoom in ({key})").format(
            key=_shortcut_text(QKeySequence.StandardKey.ZoomIn)))
        self._texts(self.act_fit_width, self.tr("Fit width"), self.tr("Fit the page width to the window"))
        self._texts(self.act_fit_page, self.tr("Fit page"), self.tr("Show the whole page"))
        actual_tip = self.tr("Actual size ({key})").format(key=_shortcut_text("Ctrl+0"))
        self._texts(self.act_actual, self.tr("100%"), actual_tip)
        self._texts(self.act_night, self.tr("Night"), self.tr("Night mode: light text on a dark page"))
        self.status.setAccessibleName(self.tr("Document status"))
        self.set_page(*self._page_state)
        self.set_zoom(*self._zoom_state)  # after the items: the box shows the zoom in force again

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _action(self, *, checkable: bool = False) -> QAction:
        action = QAction(self)
        action.setCheckable(checkable)
        self.addAction(action)
        return action

    def _texts(self, action: QAction, text: str, tip: str) -> None:
        action.setText(text)
        action.setToolTip(tip)
        action.setStatusTip(tip)
        button = self.widgetForAction(action)
        if button is not None:
            button.setAccessibleName(tip)

    def set_page(self, page: int, count: int) -> None:
        self._page_state = (page, count)
        self.page_box.blockSignals(True)
        self.page_box.setRange(1 if count else 0, max(count, 0))
        self.page_box.setValue(page + 1 if count else 0)
        self.page_box.setEnabled(count > 0)
        self.page_box.blockSignals(False)
        self.total.setText(self.tr("of {count}").format(count=count) if count else "")

    def set_zoom(self, mode: ZoomMode, factor: float) -> None:
        self._zoom_state = (mode, factor)
        if mode is ZoomMode.FIT_WIDTH:
            text = self.tr("Fit width")
        elif mode is ZoomMode.FIT_PAGE:
            text = self.tr("Fit page")
        else:
            text = f"{round(factor * 100)}%"
        self.zoom_box.setEditText(text)

    def show_night(self, on: bool) -> None:
        """Show night mode on or off without emitting ``act_night.toggled``."""
        self.act_night.blockSignals(True)
        self.act_night.setChecked(on)
        self.act_night.blockSignals(False)

    def show_status(self, text: str) -> None:
        self.status.setText(text)
        self._status_timer.start(STATUS_MS)

    def _page_typed(self, value: int) -> None:
        if value >= 1:
            self.page_entered.emit(value - 1)

    def _zoom_picked(self, index: int) -> None:
        self.zoom_chosen.emit(self.zoom_box.itemData(index))

    def _zoom_typed(self) -> None:
        match = re.search(r"\d+", self.zoom_box.currentText())
        if match and int(match.group()) > 0:
            self.zoom_chosen.emit(int(match.group()) / 100)
        else:
            self.set_zoom(*self._zoom_state)  # not a number: show the zoom in force again
