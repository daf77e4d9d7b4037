# PyMuPDF ships partial type annotations; its unannotated calls are fine here.
# mypy: disable-error-code="no-untyped-call"
"""The ``export`` child: one export of a decrypted PDF, in a sandboxed process of its own.

Requests (:mod:`paperless.core.isolation.wire`; the arguments as JSON, see :mod:`.jsonable`):

* ``["annotated_pdf", {annotations, watermark, author, name}]`` + the PDF as a blob
  → ``["ok", exported, [skipped uuid, ...]]`` + the annotated PDF as a blob
* ``["notes_pdf", {summary, annotations, notes, bookmarks, language}]`` → ``["ok"]`` + the PDF

PyMuPDF, every module the exports use and the bundled fonts are loaded (and both exports run
once on a tiny document) before the sandbox closes: afterwards no file can be opened.
"""

from __future__ import annotations

import hashlib

from paperless.core.anchoring import DocText, geometry_anchor, text_anchor
from paperless.core.export.annotated import build_annotated_pdf
from paperless.core.export.fontset import FontSet
from paperless.core.export.jsonable import (
    ANNOTATED_ARGS,
    NOTES_ARGS,
    annotation_from_json,
    bookmark_from_json,
    item_note_from_json,
    summary_from_json,
)
from paperless.core.export.labels import labels_for
from paperless.core.export.notes_pdf import export_notes_pdf
from paperless.core.export.summary import NotesSummaryInput, SummaryDocument, SummaryItem
from paperless.core.isolation.sandbox import ONE_SHOT
from paperless.core.isolation.shapes import Const, Tuple
from paperless.core.isolation.wire import Channel, Limits, Message, ProtocolError
from paperless.core.notes.content import Content, Ink, StickyNote, TextBox, TextMarkup
from paperless.core.notes.records import Annotation, AnnotationKind, Bookmark, ItemNote
from paperless.core.render.child import silence_mupdf
from paperless.core.render.document import PdfDocument

REQUESTS = {
    "annotated_pdf": Tuple(Const("annotated_pdf"), ANNOTATED_ARGS),
    "notes_pdf": Tuple(Const("notes_pdf"), NOTES_ARGS),
}
FROM_APP = Limits(max_header=256 * 2**20, max_depth=32, max_blobs=1, max_blob=2**40, max_fds=0)


def _tiny_pdf() -> bytes:
    import pymupdf

    doc = pymupdf.open()
    doc.new_page(width=200, height=200).insert_text((20, 40), "Paperless")
    data: bytes = doc.tobytes()
    doc.close()
    return data


class ExportTarget:
    limits = FROM_APP
    confinement = ONE_SHOT

    def __init__(self) -> None:
        silence_mupdf()
        self.fonts = FontSet.load()
        for language in ("vi", "en"):
            labels_for(language)
        self._warm_up()

    def _warm_up(self) -> None:
        """Both exports once, on a tiny document, so that what they load lazily is loaded now."""
        pdf = _tiny_pdf()
        doc_hash = hashlib.sha256(pdf).hexdigest()
        words = PdfDocument(pdf)
        try:
            text = DocText([words.words(0)])
        finally:
            words.close()
        quote = text_anchor(text, doc_hash, (0, 0), (0, 0))
        near = geometry_anchor(text, doc_hash, 0, [(20.0, 60.0, 120.0, 90.0)])

        def mark(uuid: str, kind: AnnotationKind, content: Content) -> Annotation:
            return Annotation(uuid, "me", "s", doc_hash, 0, kind, "#ffd400cc", content, "0", "0", False)

        marks = [
            mark("a1", AnnotationKind.HIGHLIGHT, TextMarkup(anchor=quote, quote="Paperless", comment="ý")),
            mark("a2", AnnotationKind.TEXTBOX, TextBox(anchor=near, rect=(20, 60, 120, 90), text="Tiếng Việt",
                                                       font_size=12)),
            mark("a3", AnnotationKind.INK, Ink(anchor=near, strokes=(((10, 10), (30, 30)),), width=2)),
            mark("a4", AnnotationKind.NOTE, StickyNote(anchor=near, point=(50, 50), text="ghi chú")),
        ]
        made = build_annotated_pdf(pdf, marks, watermark="Paperless", author_name="me", fonts=self.fonts)
        assert not made.skipped, made.skipped
        item = SummaryItem(0, "Mục", "", (SummaryDocument(doc_hash, "T", 1),))
        summary = NotesSummaryInput("Phiên", None, "", (item,))
        notes = [ItemNote("n", "me", "s", 0, "ghi chú", "0", "0", False)]
        bookmarks = [Bookmark("b", "me", "s", doc_hash, 0, "dấu", "0", "0", False)]
        for language in ("vi", "en"):
            export_notes_pdf(summary, marks, notes, bookmarks, language=language, fonts=self.fonts)

    def handle(self, channel: Channel, message: Message) -> None:
        op = message.header[0]
        shape = REQUESTS.get(op)
        if shape is None:
            raise ProtocolError(f"unknown request {op[:40]!r}")
        _, args = shape.check(message.header)
        annotations = [annotation_from_json(a) for a in args["annotations"]]
        if op == "annotated_pdf":
            if len(message.blobs) != 1:
                raise ProtocolError("annotated_pdf without a document")
            pdf = bytes(message.blobs.pop())
            made = build_annotated_pdf(pdf, annotations, watermark=args["watermark"], author_name=args["author"],
                                       name=args["name"], fonts=self.fonts)
            channel.send(["ok", made.exported, list(made.skipped)], [made.data])
        else:
            data = export_notes_pdf(summary_from_json(args["summary"]), annotations,
                                    [item_note_from_json(n) for n in args["notes"]],
                                    [bookmark_from_json(b) for b in args["bookmarks"]],
                                    language=args["language"], fonts=self.fonts)
            channel.send(["ok"], [data])
