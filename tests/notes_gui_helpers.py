"""Helpers for the notes-panel tests (tests/test_gui_notes_*.py).

Typing Vietnamese as a keyboard or an input method does, annotation payloads as the viewer
makes them, and ``drive_notes_session``: the whole app in a subprocess for the plaintext scan.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from paperless.core.anchoring import Anchor, PageRect, TextQuote
from paperless.core.notes import Annotation


def type_text(widget: Any, text: str) -> None:
    """Type ``text`` as a keyboard does, one key event per character, Vietnamese included
    (``QTest.keyClicks`` knows only Latin-1; a Vietnamese keyboard sends the composed letters)."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    for ch in text:
        key = Qt.Key.Key_Space if ch == " " else Qt.Key.Key_unknown
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, ch))


def commit_text(widget: Any, text: str) -> None:
    """What an input method (e.g. Unikey in its IME mode) sends when a word is composed."""
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def highlight_payload(doc_hash: str, page: int, quote: str, rect: tuple[float, float, float, float] = (72, 100, 300, 114),
                      comment: str = "") -> dict[str, Any]:
    """A text markup's payload as the viewer makes it: the quote and an anchor with its line box."""
    anchor = Anchor(doc_hash=doc_hash, page=page, rects=(PageRect(page, *rect),), quote=TextQuote(quote),
                    text_length=len(quote))
    payload: dict[str, Any] = {"quote": quote, "anchor": anchor.to_dict()}
    if comment:
        payload["comment"] = comment
    return payload


def quotes(annotations: list[Annotation]) -> list[str]:
    return [str(a.payload.get("quote") or a.payload.get("text") or "") for a in annotations]


# -- the whole app in a subprocess (the plaintext-on-disk scan) ---------------------------------

def drive_notes_session(bundle: str, identity: str, clerk: str, passphrase: str, marker: str) -> None:
    """Open the demo bundle, write an item note, a highlight, a sticky note and a bookmark
    label holding ``marker``, read, search, quit; then open the app again and print what the
    notes store gave back. Prints one fact per line."""
    from gui_helpers import wait_until
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QLineEdit

    from paperless.core.identity import load_card
    from paperless.core.notes import AnnotationKind
    from paperless.gui.app import AppOptions, build_services, create_application, shutdown
    from paperless.gui.dialogs.unlock import unlock_and_load
    from paperless.gui.main_window import MainWindow

    app = create_application([])

    def start() -> tuple[Any, MainWindow]:
        services = build_services(app, AppOptions(identity=Path(identity), trust=[load_card(Path(clerk))],
                                                  language="vi"))
        window = MainWindow(services)
        window.show()
        me, library = unlock_and_load(services.paths.root, services.identity_folder, passphrase)
        window.set_unlocked(me, library)
        window.open_path(Path(bundle))
        view = window.reader.view
        wait_until(lambda: view.page_count() > 0 and window.notes.controller.active)
        return services, window

    services, window = start()
    notes = window.notes
    editor = notes.panel.item_note.editor
    editor.setFocus()
    type_text(editor, f"Ghi chú riêng: {marker}")
    view = window.reader.view
    doc_hash = notes.document.doc_hash if notes.document else ""
    c = notes.controller
    c.add(doc_hash, 0, AnnotationKind.HIGHLIGHT, "#ffd400", highlight_payload(doc_hash, 0, f"trích dẫn {marker}"))
    c.add(doc_hash, 1, AnnotationKind.NOTE, "#ffd400", {"point": [100, 100], "text": f"ý kiến {marker}"})
    wait_until(lambda: len(c.annotations(doc_hash)) == 2)
    notes.add_bookmark()  # Ctrl+D: the label opens for typing
    tree = notes.panel.bookmarks.tree
    wait_until(lambda: bool(c.bookmarks(doc_hash)) and bool(tree.viewport().findChildren(QLineEdit)))
    [label] = [e for e in tree.viewport().findChildren(QLineEdit) if e.isVisible()]
    type_text(label, f"nhãn {marker}")
    QTest.keyClick(label, Qt.Key.Key_Return)
    wait_until(lambda: any(b.label == f"nhãn {marker}" for b in c.bookmarks(doc_hash)) and len(c.bookmarks(doc_hash)) == 1)
    view.go_to_page(view.page_count() - 1)
    wait_until(lambda: not window.session.indexer.running, timeout=120)
    wait_until(lambda: not services.tasks.busy)
    window.close()
    shutdown(services)
    print("closed")

    services, window = start()
    c = window.notes.controller
    wait_until(lambda: bool(c.all_loaded()) and window.notes.panel.item_note.item is not None)
    print(f"note {c.item_note(window.notes.panel.item_note.item)}")
    print(f"annotations {len(c.all_loaded())}")
    print(f"bookmarks {[b.label for b in c.bookmarks()]}")
    window.close()
    shutdown(services)
    print("reopened")
