"""The records of the notes store, their checks, and the sealed envelope each is stored in.

Checks here keep every field in its shape (a colour must be ``#rrggbb[aa]``, a document key
64 hex digits, a session id letters, digits, ``.``, ``_``, ``-``). A row on disk holds, in
clear, only its uuid, keyed tags of its session and document (:class:`~.crypto.IndexTags`)
and its tombstone flag; everything else is sealed (see :mod:`.crypto`) in an *envelope*::

    {"meta": {<the record's fields>}, "data": {<the caller's payload>},
     "created": <HLC>, "hlc": <HLC: this version>, "op": <the change that made this version>}

and, only on a *conflict copy* made by the sync (an annotation or bookmark another device
changed at the same time, kept beside this device's version), ``"conflict_of": <uuid>``.
Older envelopes have no such key and read as before (the key is optional, not in ``meta``,
so the envelope of every record that is not a conflict copy is byte for byte what it was).

``meta`` holds author, session id, document hash, page, kind, colour (or the agenda item)
and the tombstone; an annotation's ``data`` is its content's JSON (:mod:`.content`: parsed and
checked when the record is built, written back by ``to_json``). The store checks the clear
columns against ``meta`` when it opens a row, so a tag or tombstone changed on disk is noticed;
every outbox operation carries the same sealed envelope, so it is self-contained for the later
sync.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from paperless.core.notes.content import AnnotationKind as AnnotationKind  # re-exported: a record's field
from paperless.core.notes.content import Content, fits, kind_of, parse_content
from paperless.core.notes.content import JsonDict as JsonDict


class OpKind(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"
    RESTORE = "restore"


@dataclass(frozen=True, init=False)
class Annotation:
    """One version of an annotation. ``content`` is always the valid content of ``kind`` (a
    highlight's a :class:`~.content.TextMarkup`, ink's an :class:`~.content.Ink`, …): it is
    checked when the record is made, so no reader checks it again.

    ``content`` may be given as its stored JSON instead (parsed by
    :func:`~.content.parse_content`), and so may ``payload=`` (keyword only, winning over
    ``content``: what ``dataclasses.replace(a, payload=...)`` gives). :attr:`payload` is the
    stored JSON of the content."""

    uuid: str
    author: str
    session_id: str
    doc_hash: str  # sha256 hex of the document's PDF
    page: int  # 0-based page index
    kind: AnnotationKind
    color: str | None
    content: Content
    created: str  # HLC of the creation
    hlc: str  # HLC of the last change: the record's version
    deleted: bool
    conflict_of: str | None  # a conflict copy: the uuid of the annotation another device changed at once

    def __init__(self, uuid: str, author: str, session_id: str, doc_hash: str, page: int, kind: AnnotationKind | str,
                 color: str | None, content: Content | Mapping[str, Any] | None, created: str, hlc: str,
                 deleted: bool, *, payload: Mapping[str, Any] | None = None, conflict_of: str | None = None) -> None:
        kind = kind_of(kind)
        given = payload if payload is not None else content
        if given is None:
            raise TypeError("an annotation needs its content")
        checked = parse_content(kind, given) if isinstance(given, Mapping) else fits(kind, given)
        for name, value in (("uuid", uuid), ("author", author), ("session_id", session_id), ("doc_hash", doc_hash),
                            ("page", page), ("kind", kind), ("color", color), ("content", checked),
                            ("created", created), ("hlc", hlc), ("deleted", deleted), ("conflict_of", conflict_of)):
            object.__setattr__(self, name, value)

    if TYPE_CHECKING:  # what mypy is told: a field readable and given to ``dataclasses.replace``
        payload: JsonDict = field(default_factory=dict, compare=False)
    else:
        @property
        def payload(self) -> JsonDict:
            """The content as it is stored (a fresh dict: JSON for the sync, the export child, tests)."""
            return self.content.to_json()


@dataclass(frozen=True)
class UnreadableAnnotation:
    """An annotation whose content did not validate (e.g. JSON that reached an export): never
    drawn or exported, only reported (``reason``: what :func:`~.content.parse_content` said)."""

    uuid: str
    doc_hash: str
    kind: str
    reason: str
    deleted: bool = False


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
    conflict_of: str | None = None  # a conflict copy: the uuid of the bookmark another device changed at once


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
    return kind_of(kind)


def check_content(kind: AnnotationKind | str, content: Content | Mapping[str, Any]) -> Content:
    """``content`` checked against ``kind`` (JSON is parsed); :class:`~.content.ContentError` if not."""
    return parse_content(kind, content) if isinstance(content, Mapping) else fits(kind, content)


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
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
CONFLICT_COPY_TABLES = frozenset({"annotations", "bookmarks"})  # item notes merge their texts instead
_OP_VALUES = frozenset(k.value for k in OpKind)  # (made once: a set built per record cost a first sync 5 %)


def envelope(table: str, fields: dict[str, Any], data: JsonDict, op: OpKind) -> JsonDict:
    """What is sealed for one version of a record (``fields``: the record's fields but its payload)."""
    env: JsonDict = {"meta": {k: fields[k] for k in META_FIELDS[table]}, "data": data,
                     "created": fields["created"], "hlc": fields["hlc"], "op": op.value}
    if fields.get("conflict_of") and table in CONFLICT_COPY_TABLES:
        env["conflict_of"] = fields["conflict_of"]
    return env


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
    if not isinstance(op, str) or op not in _OP_VALUES:
        return None
    fields = {"uuid": uuid, **meta, "created": created, "hlc": hlc}
    if "conflict_of" in env:
        copy_of = env["conflict_of"]
        if table not in CONFLICT_COPY_TABLES or not isinstance(copy_of, str) or not _UUID.fullmatch(copy_of):
            return None
        fields["conflict_of"] = copy_of
    return fields, data, OpKind(op)


def build(table: str, row: dict[str, Any], data: JsonDict) -> Record:
    """A record from its fields (see :func:`unwrap`) and its payload; an annotation's content is
    parsed (:class:`~.content.ContentError` when it does not validate)."""
    common = {k: row[k] for k in ("uuid", "author", "session_id", "created", "hlc")}
    deleted = bool(row["deleted"])
    copy_of = row.get("conflict_of")
    if table == "annotations":
        kind = AnnotationKind(row["kind"])
        return Annotation(**common, doc_hash=row["doc_hash"], page=row["page"], kind=kind, color=row["color"],
                          content=parse_content(kind, data), deleted=deleted, conflict_of=copy_of)
    if table == "item_notes":
        return ItemNote(**common, item_index=row["item_index"], text=str(data.get("text", "")), deleted=deleted)
    return Bookmark(**common, doc_hash=row["doc_hash"], page=row["page"], label=str(data.get("label", "")),
                    deleted=deleted, conflict_of=copy_of)


def as_annotation(record: Record) -> Annotation:
    assert isinstance(record, Annotation)
    return record


def as_item_note(record: Record) -> ItemNote:
    assert isinstance(record, ItemNote)
    return record


def as_bookmark(record: Record) -> Bookmark:
    assert isinstance(record, Bookmark)
    return record
