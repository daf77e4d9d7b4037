"""The text of an item note: a small, exact subset of Markdown, one line per paragraph.

What the member can format in the note editor is deliberately little — **bold**, *italic* and
bulleted lists — and the stored text must read well as it is, because "Export my notes" puts
it into the summary verbatim (Markdown, and the PDF). So a note is stored as plain lines:

* each paragraph of the editor is one line (an empty paragraph is an empty line);
* a bulleted paragraph starts with ``- `` (two levels of indent: ``  - `` and so on);
* bold is ``**…**``, italic ``_…_``; a literal ``\\``, ``*`` or ``_`` is escaped with ``\\``, and
  so is a ``-`` that starts an ordinary paragraph as a bullet would.

Unlike Qt's own Markdown writer (which wraps lines at 80 columns, escapes much more and
turns every line break into a paragraph break), this round-trips exactly:
``to_note_text(document)`` after ``set_note_text(document, text)`` gives ``text`` back for
any text it wrote, so an unchanged note is never saved again.
"""

from __future__ import annotations

from PySide6.QtGui import (
    QFont,
    QTextBlock,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextList,
    QTextListFormat,
)

BULLET = "- "
INDENT = "  "
BOLD, ITALIC = "**", "_"
ESCAPED = "\\*_-"  # what a backslash escapes


def to_note_text(document: QTextDocument) -> str:
    lines: list[str] = []
    block = document.begin()
    while block.isValid():
        body = _inline(block)
        text_list = block.textList()
        if text_list is not None:
            level = max(1, text_list.format().indent())
            body = INDENT * (level - 1) + BULLET + _escape_start(body)
        else:
            body = _escape_start(body)
        lines.append(body)
        block = block.next()
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines)


def set_note_text(document: QTextDocument, text: str) -> None:
    """Replace the document's content with the note ``text`` (its formatting applied)."""
    document.clear()
    cursor = QTextCursor(document)
    cursor.beginEditBlock()
    lists: dict[int, QTextList] = {}  # the list each level of bullets goes on, while it lasts
    for number, line in enumerate(text.split("\n")):
        if number:
            cursor.insertBlock(QTextBlockFormat(), QTextCharFormat())
        level, body = _bullet(line)
        for deeper in [k for k in lists if k > level or not level]:
            del lists[deeper]
        if level in lists:
            lists[level].add(cursor.block())
        elif level:
            fmt = QTextListFormat()
            fmt.setStyle(QTextListFormat.Style.ListDisc)
            fmt.setIndent(level)
            lists[level] = cursor.createList(fmt)
        for chunk, bold, italic in _parse_inline(body):
            char = QTextCharFormat()
            char.setFontWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
            char.setFontItalic(italic)
            cursor.insertText(chunk, char)
    cursor.endEditBlock()
    document.setModified(False)


# -- writing ------------------------------------------------------------------------------------

def _escape(text: str) -> str:
    for ch in ESCAPED[:-1]:  # "\\" first; "-" only where it starts a paragraph
        text = text.replace(ch, "\\" + ch)
    return text


def _escape_start(body: str) -> str:
    """A paragraph that would read as a bullet (``- …`` or indented) keeps its text literally."""
    stripped = body.lstrip(" ")
    if stripped.startswith("-"):
        return body[: len(body) - len(stripped)] + "\\" + stripped
    return body


def _inline(block: QTextBlock) -> str:
    out: list[str] = []
    open_marks: list[str] = []  # BOLD and/or ITALIC, innermost last
    it = block.begin()
    while not it.atEnd():
        fragment = it.fragment()
        it += 1
        if not fragment.isValid():
            continue
        text = fragment.text().replace("\u2028", " ").replace("\u2029", " ")
        fmt = fragment.charFormat()
        wanted = [m for m, on in ((BOLD, fmt.fontWeight() >= QFont.Weight.DemiBold), (ITALIC, fmt.fontItalic())) if on]
        core = text.strip(" \t")
        if not core:  # spaces alone carry no formatting
            _close(out, open_marks, [])
            out.append(text)
            continue
        lead, trail = text[: len(text) - len(text.lstrip(" \t"))], text[len(text.rstrip(" \t")):]
        if lead:
            _close(out, open_marks, [])
            out.append(lead)
        _close(out, open_marks, wanted)
        for mark in wanted:
            if mark not in open_marks:
                open_marks.append(mark)
                out.append(mark)
        out.append(_escape(core))
        if trail:
            _close(out, open_marks, [])
            out.append(trail)
    _close(out, open_marks, [])
    return "".join(out)


def _close(out: list[str], open_marks: list[str], keep: list[str]) -> None:
    """Close the marks not in ``keep`` (and, to nest properly, any opened after them)."""
    while any(m not in keep for m in open_marks):
        out.append(open_marks.pop())


# -- reading ------------------------------------------------------------------------------------

def _bullet(line: str) -> tuple[int, str]:
    stripped = line.lstrip(" ")
    if not stripped.startswith(BULLET):
        return 0, line
    spaces = len(line) - len(stripped)
    return spaces // len(INDENT) + 1, stripped[len(BULLET):]


def _parse_inline(text: str) -> list[tuple[str, bool, bool]]:
    """``(chunk, bold, italic)`` runs of a line: ``**`` switches bold, ``_`` italic, ``\\`` escapes."""
    runs: list[tuple[str, bool, bool]] = []
    bold = italic = False
    buf: list[str] = []

    def flush() -> None:
        if buf:
            runs.append(("".join(buf), bold, italic))
            buf.clear()

    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text) and text[i + 1] in ESCAPED:
            buf.append(text[i + 1])
            i += 2
        elif text.startswith(BOLD, i):
            flush()
            bold = not bold
            i += len(BOLD)
        elif ch == ITALIC:
            flush()
            italic = not italic
            i += 1
        else:
            buf.append(ch)
            i += 1
    flush()
    return runs


def plain_note_text(text: str) -> str:
    """A note as plain text (for the PDF summary): no ``**``/``_`` marks, bullets as "•"."""
    lines = []
    for line in text.splitlines():
        level, body = _bullet(line)
        words = "".join(chunk for chunk, _bold, _italic in _parse_inline(body))
        lines.append(("    " * (level - 1) + "\u2022 " + words) if level else words)
    return "\n".join(lines)
