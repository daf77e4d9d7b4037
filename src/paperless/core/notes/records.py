"""The records of the notes store, their checks, and the sealed envelope each is stored in.

Checks here keep every field in its shape (a colour must be ``#rrggbb[aa]``, a document key
64 hex digits, a session id letters, digits, ``.``, ``_``, ``-``). A row on disk holds, in
clear, only its uuid, keyed tags of its session and document (:class:`~.crypto.IndexTags`)
and its tombstone flag; everything else is sealed (see :mod:`.crypto`) in an *envelope*::

    {"meta": {<the record's fields>}, "data": {<the caller's payload>},
     "created": <HLC>, "hlc": <HLC: this version>, "op": <the change that made this version>}

``meta`` holds author, session id, document hash, page, kind, colour (or the agenda item)
and the tombstone. The store checks the clear columns against it when it opens a row, so a
tag or tombstone changed on disk is noticed; every outbox operation carries the same sealed
envelope, so it is self-contained for the later sync.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

JsonDict = dict[str, Any]


class AnnotationKind(StrEnum):
    HIGHLIGHT = "highlight"
    UNDERLINE = "underline"
    STRIKEOUT = "strikeout"
    INK = "ink"
    NOTE = "note"  # a sticky note: an icon on the page with a text popup
    TEXTBOX = "textbox"


class OpKind(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"
    RESTORE = "restore"


@dataclass(frozen=True)
class Annotation:
    uuid: str
    author: str
    session_id: str
    doc_hash: str  # sha256 hex of the document's PDF
    page: int  # 0-based page index
    kind: AnnotationKind
    color: str | None
    payload: JsonDict  # opaque to the store (anchor, rects, quote, text, ...)
    created: str  # HLC of the creation
    hlc: str  # HLC of the last change: the record's version
    deleted: bool


@dataclass(frozen=True)
class ItemNote:
    uuid: str
    author: str
    session_id: str
    item_index: int  # 0-based index of the agenda item
    text: str
    created: str
    hlc: str
    deleted: bool


@dataclass(frozen=True)
class Bookmark:
    uuid: str
    author: str
    session_id: str
    doc_hash: str
    page: int
    label: str
    created: str
    hlc: str
    deleted: bool


Record = Annotation | ItemNote | Bookmark


@dataclass(frozen=True)
class OutboxOp:
    """One change waiting to be synced; ``payload`` is the sealed envelope (see :meth:`NotesStore.open_op`)."""

    seq: int
    op_id: str
    record_uuid: str
    table: str
    hlc: str
    op: OpKind
    payload: bytes


# -- checks -----------------------------------------------------------------------------------

_SESSION = re.compile(r"[A-Za-z0-9._-]{1,64}")
_DOC_HASH = re.compile(r"[0-9a-f]{64}")
_COLOR = re.compile(r"#[0-9a-f]{6}([0-9a-f]{2})?")


def check_session(session_id: str) -> str:
    if not isinstance(session_id, str) or not _SESSION.fullmatch(session_id):
        raise ValueError(f"bad session id: {session_id!r}")
    return session_id


def check_doc_hash(doc_hash: str) -> str:
    if not isinstance(doc_hash, str) or not _DOC_HASH.fullmatch(doc_hash):
        raise ValueError("the document key must be the sha256 of the PDF in lowercase hex")
    return doc_hash


def check_index(value: int, what: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ValueError(f"{what} must be a whole number >= 0, not {value!r}")
    return value


def check_color(color: str | None) -> str | None:
    if color is None:
        return None
    if not isinstance(color, str) or not _COLOR.fullmatch(color.lower()):
        raise ValueError(f"a colour is '#rrggbb' or '#rrggbbaa', not {color!r}")
    return color.lower()


def check_kind(kind: AnnotationKind | str) -> AnnotationKind:
    try:
        return AnnotationKind(kind)
    except ValueError:
        raise ValueError(f"unknown annotation kind: {kind!r}") from None


def check_payload(payload: JsonDict) -> JsonDict:
    if not isinstance(payload, dict):
        raise TypeError("the payload must be a JSON object (a dict)")
    return payload


def check_text(text: str) -> str:
    if not isinstance(text, str):
        raise TypeError("note text must be a string")
    return text


# -- envelope ---------------------------------------------------------------------------------

META_FIELDS = {
    "annotations": ("author", "session_id", "doc_hash", "page", "kind", "color", "deleted"),
    "item_notes": ("author", "session_id", "item_index", "deleted"),
    "bookmarks": ("author", "session_id", "doc_hash", "page", "deleted"),
}
_HLC = re.compile(r"\d{18}-\d{5}-[0-9a-f]{16}")  # hlc.Hlc.encode()


def envelope(table: str, fields: dict[str, Any], data: JsonDict, op: OpKind) -> JsonDict:
    """What is sealed for one version of a record (``fields``: the record's fields but its payload)."""
    return {"meta": {k: fields[k] for k in META_FIELDS[table]}, "data": data,
            "created": fields["created"], "hlc": fields["hlc"], "op": op.value}


def _valid_meta(table: str, meta: dict[str, Any]) -> bool:
    if set(meta) != set(META_FIELDS[table]) or not isinstance(meta["author"], str):
        return False
    if not isinstance(meta["deleted"], bool) or not isinstance(meta["session_id"], str):
        return False
    try:
        check_session(meta["session_id"])
        if table == "item_notes":
            check_index(meta["item_index"], "item_index")
            return True
        check_doc_hash(meta["doc_hash"])
        check_index(meta["page"], "page")
        if table == "annotations":
            check_kind(meta["kind"])
            return bool(check_color(meta["color"]) == meta["color"])
        return True
    except (ValueError, TypeError):
        return False


def unwrap(table: str, uuid: str, env: JsonDict) -> tuple[dict[str, Any], JsonDict, OpKind] | None:
    """The record's fields (with its uuid), its payload and the change that made this version
    from an opened envelope; None if anything in it is not in shape."""
    meta, data, op = env.get("meta"), env.get("data"), env.get("op")
    created, hlc = env.get("created"), env.get("hlc")
    if not isinstance(meta, dict) or not isinstance(data, dict) or not _valid_meta(table, meta):
        return None
    if not all(isinstance(t, str) and _HLC.fullmatch(t) for t in (created, hlc)):
        return None
    if not isinstance(op, str) or op not in {k.value for k in OpKind}:
        return None
    return {"uuid": uuid, **meta, "created": created, "hlc": hlc}, data, OpKind(op)


def build(table: str, row: dict[str, Any], data: JsonDict) -> Record:
    """A record from its fields (see :func:`unwrap`) and its payload."""
    common = {k: row[k] for k in ("uuid", "author", "session_id", "created", "hlc")}
    deleted = bool(row["deleted"])
    if table == "annotations":
        return Annotation(**common, doc_hash=row["doc_hash"], page=row["page"], kind=AnnotationKind(row["kind"]),
                          color=row["color"], payload=data, deleted=deleted)
    if table == "item_notes":
        return ItemNote(**common, item_index=row["item_index"], text=str(data.get("text", "")), deleted=deleted)
    return Bookmark(**common, doc_hash=row["doc_hash"], page=row["page"], label=str(data.get("label", "")),
                    deleted=deleted)


def as_annotation(record: Record) -> Annotation:
    assert isinstance(record, Annotation)
    return record


def as_item_note(record: Record) -> ItemNote:
    assert isinstance(record, ItemNote)
    return record


def as_bookmark(record: Record) -> Bookmark:
    assert isinstance(record, Bookmark)
    return record
