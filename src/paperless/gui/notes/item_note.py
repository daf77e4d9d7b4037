"""The private note of the current agenda item: a small text editor that saves by itself.

The note follows the agenda (the item being read or last clicked). Text is saved 700 ms after
typing stops, and at once when another item is chosen, the session closes or the app quits
(:meth:`ItemNoteEditor.flush`). A text is kept here until the store has confirmed it: if a
save fails (a full disk), the note says "Not saved" and tries again (once after a pause, then
with every change and when closing), and a text sent for one
item is never dropped because the member moved on to another. Formatting: bold (Ctrl+B),
italic (Ctrl+I) and bulleted lists (Ctrl+Shift+L), stored as described in :mod:`.note_text`.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QAction, QFont, QKeySequence, QTextBlockFormat, QTextCursor, QTextListFormat
from PySide6.QtWidgets import QHBoxLayout, QLabel, QTextEdit, QToolButton, QVBoxLayout, QWidget

from paperless.gui.annotations.controller import AnnotationController
from paperless.gui.icons import muted_text, set_text_colour
from paperless.gui.notes.note_text import set_note_text, to_note_text

SAVE_DELAY_MS = 700
RETRY_MS = 5000


class ItemNoteEditor(QWidget):
    def __init__(self, controller: AnnotationController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("itemNoteEditor")
        self._c = controller
        self._index: int | None = None
        self._heading_text = ""
        self._loading = False
        self._dirty = False  # the editor holds text not yet handed to the store
        self._unsaved: dict[int, str] = {}  # item -> text handed over, not yet confirmed
        self._sent: dict[int, str] = {}  # what is in flight, to send each text once
        self._state = ""  # "", "saving", "saved", "failed"
        self._retried = False  # a failed save is tried again once by itself (then on each change)
        self.heading = QLabel(self)
        self.heading.setObjectName("itemNoteHeading")
        self.heading.setWordWrap(True)
        font = QFont(self.heading.font())
        font.setBold(True)
        self.heading.setFont(font)
        self.editor = QTextEdit(self)
        self.editor.setObjectName("itemNoteText")
        self.editor.setAcceptRichText(False)  # pasted text comes in plain: the note keeps simple formatting
        self.editor.setTabChangesFocus(True)
        self.status = QLabel(self)
        self.status.setObjectName("itemNoteStatus")
        self.bold = self._format_action("B", QKeySequence.StandardKey.Bold, self._toggle_bold)
        self.italic = self._format_action("I", QKeySequence.StandardKey.Italic, self._toggle_italic)
        self.bullets = self._format_action("\u2022", "Ctrl+Shift+L", self._toggle_bullets)
        tools = QHBoxLayout()
        tools.setSpacing(2)
        for action, style in ((self.bold, "bold"), (self.italic, "italic"), (self.bullets, "")):
            button = QToolButton(self)
            button.setDefaultAction(action)
            button.setAutoRaise(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys work from the text; no tab stop
            button.setFixedWidth(button.sizeHint().height() + 4)
            if style:
                f = QFont(button.font())
                f.setBold(style == "bold")
                f.setItalic(style == "italic")
                button.setFont(f)
            tools.addWidget(button)
        tools.addStretch(1)
        tools.addWidget(self.status)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(6)
        layout.addWidget(self.heading)
        layout.addLayout(tools)
        layout.addWidget(self.editor, 1)
        self._timer = QTimer(self, singleShot=True, interval=SAVE_DELAY_MS)
        self._timer.timeout.connect(self.flush)
        self._retry = QTimer(self, singleShot=True, interval=RETRY_MS)
        self._retry.timeout.connect(self.flush)
        self.editor.textChanged.connect(self._edited)
        self.editor.currentCharFormatChanged.connect(lambda _f: self._sync_format())
        self.editor.cursorPositionChanged.connect(self._sync_format)
        controller.notes_changed.connect(self._notes_changed)
        controller.ready.connect(self._load)
        controller.failed.connect(self._failed)
        self._apply_palette()
        self._load()
        self.retranslate()

    def _format_action(self, text: str, key: QKeySequence.StandardKey | str, slot: object) -> QAction:
        action = QAction(text, self)
        action.setCheckable(True)
        action.setShortcut(QKeySequence(key))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.editor.addAction(action)  # the keys work while typing in the note
        return action

    # -- which item ------------------------------------------------------------------------------

    @property
    def item(self) -> int | None:
        return self._index

    def set_item(self, index: int | None, heading: str = "") -> None:
        """Show the note of agenda item ``index`` (0-based); the previous one is saved first."""
        if index == self._index:
            self._heading_text = heading
            self.retranslate()
            return
        self.flush()
        self._index, self._heading_text = index, heading
        self._set_state("")
        self._load()
        self.retranslate()

    def reset(self) -> None:
        """The session closed (after :meth:`flush`): forget everything of it."""
        self._timer.stop()
        self._retry.stop()
        self._unsaved.clear()
        self._sent.clear()
        self._dirty = False
        self._index = None
        self._heading_text = ""
        self._set_state("")
        self._load()
        self.retranslate()

    def text(self) -> str:
        """The note as stored (bold **…**, italic _…_, bullets ``- ``): what is in the editor now."""
        return to_note_text(self.editor.document())

    def pending(self) -> dict[int, str]:
        """Texts typed but not yet confirmed saved, by item (exports include them)."""
        texts = dict(self._unsaved)
        if self._dirty and self._index is not None:
            texts[self._index] = self.text()
        return texts

    # -- saving ----------------------------------------------------------------------------------

    def flush(self) -> None:
        """Hand every unsaved text to the store now (typing paused, item switched, closing)."""
        self._timer.stop()
        if self._dirty and self._index is not None:
            self._unsaved[self._index] = self.text()
        self._dirty = False
        if not self._c.active:
            return
        for index, text in list(self._unsaved.items()):
            if self._c.latest_item_note(index) == text and self._c.item_note(index) == text:
                del self._unsaved[index]
            elif self._sent.get(index) != text:
                self._sent[index] = text
                self._c.set_item_note(index, text)
        self._set_state("saving" if self._unsaved else "saved" if self._state else "")

    def _edited(self) -> None:
        if self._loading or self._index is None:
            return
        self._dirty = True
        self._set_state("saving")
        self._timer.start()

    def _notes_changed(self) -> None:
        for index, text in list(self._unsaved.items()):
            if self._c.item_note(index) == text:
                del self._unsaved[index]
                self._sent.pop(index, None)
                self._retried = False
        if self._dirty or self._timer.isActive():
            return
        if self._unsaved:
            return
        if self._state == "saving":
            self._set_state("saved")
        if self._index is not None and self._c.item_note(self._index) != self.text():
            self._load()  # e.g. the store has just opened: show the note it holds

    def _failed(self, _exc: BaseException) -> None:
        if not self._sent:
            return
        self._sent.clear()  # sent again on the next try: once by itself, then with each change
        self._set_state("failed")
        if not self._retried:
            self._retried = True
            self._retry.start()

    def _load(self) -> None:
        index = self._index
        ready = index is not None and self._c.active
        if index is not None and index in self._unsaved:
            text = self._unsaved[index]
        else:
            text = self._c.item_note(index) if ready and index is not None else ""
        self._loading = True
        try:
            if text != self.text() or not ready:
                set_note_text(self.editor.document(), text)
        finally:
            self._loading = False
        self.editor.setReadOnly(not ready)
        self.editor.setEnabled(ready)
        for action in (self.bold, self.italic, self.bullets):
            action.setEnabled(ready)

    # -- formatting ------------------------------------------------------------------------------

    def _toggle_bold(self) -> None:
        bold = self.editor.fontWeight() >= QFont.Weight.DemiBold
        self.editor.setFontWeight(QFont.Weight.Normal if bold else QFont.Weight.Bold)
        self._sync_format()

    def _toggle_italic(self) -> None:
        self.editor.setFontItalic(not self.editor.fontItalic())
        self._sync_format()

    def _toggle_bullets(self) -> None:
        cursor = self.editor.textCursor()
        current = cursor.currentList()
        cursor.beginEditBlock()
        if current is not None:
            start, end = sorted((cursor.anchor(), cursor.position()))
            block = self.editor.document().findBlock(start)
            while block.isValid() and block.position() <= end:
                if block.textList() is not None:
                    block.textList().remove(block)
                    plain = QTextCursor(block)
                    fmt = QTextBlockFormat(block.blockFormat())
                    fmt.setIndent(0)
                    plain.setBlockFormat(fmt)
                block = block.next()
        else:
            cursor.createList(QTextListFormat.Style.ListDisc)
        cursor.endEditBlock()
        self._sync_format()

    def _sync_format(self) -> None:
        self.bold.setChecked(self.editor.fontWeight() >= QFont.Weight.DemiBold)
        self.italic.setChecked(self.editor.fontItalic())
        self.bullets.setChecked(self.editor.textCursor().currentList() is not None)

    # -- texts -----------------------------------------------------------------------------------

    def _set_state(self, state: str) -> None:
        self._state = state
        self._show_state()

    def _show_state(self) -> None:
        texts = {"saving": self.tr("Saving\u2026"), "saved": self.tr("Saved"),
                 "failed": self.tr("Not saved yet \u2014 trying again")}
        self.status.setText(texts.get(self._state, ""))

    def retranslate(self) -> None:
        if self._index is None:
            self.heading.setText(self.tr("Choose an agenda item to write your note on it."))
        else:
            self.heading.setText(self._heading_text)
        self.editor.setPlaceholderText(self.tr("Type your note on this item here."))  # one line: it does not wrap
        self.editor.setToolTip(self.tr("Your private note on this agenda item. Only you can read it; it is "
                                       "saved as you type."))
        self.editor.setAccessibleName(self.tr("Private note on the agenda item"))
        tips = ((self.bold, self.tr("Bold")), (self.italic, self.tr("Italic")),
                (self.bullets, self.tr("Bulleted list")))
        for action, sentence in tips:
            key = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{sentence} ({key})")
        self._show_state()

    def _apply_palette(self) -> None:
        set_text_colour(self.status, muted_text(self.palette()))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() == QEvent.Type.PaletteChange:
            self._apply_palette()
        super().changeEvent(event)
