"""The PDF exports, each run in a sandboxed ``export`` child of its own (app side).

The exports call PyMuPDF on the decrypted document: a hostile PDF that takes over MuPDF
there must gain nothing. So each export starts a child (:mod:`paperless.core.export.child`,
confined like the render process: no files, sockets or processes), sends it one request —
the arguments as checked JSON (:mod:`.jsonable`), the PDF as raw bytes — and reads one reply
of a fixed shape; the child is then gone. Nothing it sends is unpickled or imported; its
errors come back as a fixed set of kinds. Call these from a worker thread: they block.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

from paperless.core.errors import PaperlessError
from paperless.core.export.annotated import AnnotatedExport
from paperless.core.export.jsonable import annotation_to_json, bookmark_to_json, item_note_to_json, summary_to_json
from paperless.core.export.summary import NotesSummaryInput
from paperless.core.isolation import ChildProcess, Command, Limits, Message, ProtocolError, child_command, read_hello
from paperless.core.isolation.serving import raise_error
from paperless.core.isolation.shapes import Const, Int, List, Str, Tuple
from paperless.core.isolation.wire import Buffer
from paperless.core.notes.records import Annotation, Bookmark, ItemNote

TIMEOUT_S = 600.0
START_TIMEOUT_S = 60.0
MAX_NOTES_PDF = 1 << 30
FROM_CHILD = Limits(max_header=16 * 2**20, max_depth=3, max_blobs=1, max_blob=0, max_fds=0)
ANNOTATED_REPLY = Tuple(Const("ok"), Int(0, 2**31), List(Str(200), 1_000_000))
NOTES_REPLY = Tuple(Const("ok"))


class ExportFailedError(PaperlessError):
    en = "The export stopped unexpectedly: {detail}"
    vi = "Việc xuất tệp bị dừng bất ngờ: {detail}"


def _failed(detail: str) -> Exception:
    return ExportFailedError(detail=detail)


def _run(header: list[Any], blobs: Sequence[Buffer], shape: Tuple, max_blob: int, *, timeout: float,
         command: Command) -> Message:
    child = ChildProcess("export", FROM_CHILD, command=command)
    try:
        read_hello(child.channel, "export", time.monotonic() + START_TIMEOUT_S)
        deadline = time.monotonic() + timeout
        child.channel.send(header, blobs, deadline=deadline)
        reply = child.channel.receive(deadline=deadline, blob_limit=lambda h: 0 if h[0] == "err" else max_blob)
        raise_error(reply.header, failed=_failed)
        shape.check(reply.header)
        if len(reply.blobs) != 1:
            raise ProtocolError("a reply without its PDF")
        try:
            child.channel.send(["quit"], deadline=time.monotonic() + 1.0)
        except (ProtocolError, OSError):
            pass
        return reply
    except ProtocolError as exc:
        raise ExportFailedError(detail=str(exc)) from None
    except OSError as exc:
        raise ExportFailedError(detail=str(exc) or type(exc).__name__) from None
    finally:
        child.close(grace=2.0)


def build_annotated_pdf_isolated(pdf: bytes, annotations: Sequence[Annotation], *, watermark: str | None,
                                 author_name: str, name: str = "PDF", timeout: float = TIMEOUT_S,
                                 command: Command = child_command) -> AnnotatedExport:
    """:func:`~paperless.core.export.build_annotated_pdf` in a sandboxed child."""
    args = {"annotations": [annotation_to_json(a) for a in annotations], "watermark": watermark,
            "author": author_name, "name": name}
    reply = _run(["annotated_pdf", args], [pdf], ANNOTATED_REPLY, max(4 * len(pdf), 256 * 2**20),
                 timeout=timeout, command=command)
    _, exported, skipped = reply.header
    return AnnotatedExport(bytes(reply.blobs[0]), exported, tuple(skipped))


def export_notes_pdf_isolated(summary: NotesSummaryInput, annotations: Sequence[Annotation],
                              item_notes: Sequence[ItemNote], bookmarks: Sequence[Bookmark], *, language: str = "vi",
                              timeout: float = TIMEOUT_S, command: Command = child_command) -> bytes:
    """:func:`~paperless.core.export.export_notes_pdf` in a sandboxed child."""
    args = {"summary": summary_to_json(summary), "annotations": [annotation_to_json(a) for a in annotations],
            "notes": [item_note_to_json(n) for n in item_notes], "bookmarks": [bookmark_to_json(b) for b in bookmarks],
            "language": language}
    reply = _run(["notes_pdf", args], [], NOTES_REPLY, MAX_NOTES_PDF, timeout=timeout, command=command)
    return bytes(reply.blobs[0])
