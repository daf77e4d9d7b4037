"""What was last published of a session, and what the draft changes since — without Qt.

When the clerk publishes a version (to the office server or as a file for a USB stick), the
workspace writes a small record into the session's folder, ``.published/last.json`` (atomically):
the version, the bundle's SHA-256, and each item's title with its documents (path relative to
the session's folder, file name, title as members see it, SHA-256 of the clerk's file).

:func:`diff` compares that record with the draft now (:func:`snapshot`): documents added,
removed, replaced (same place, other content) or moved to another item; items added, removed,
renamed (same documents, other title) or moved (their order changed). The Publish page lists
those changes before a revised version goes out, and the version becomes the last one + 1
(:func:`next_version`).
"""

from __future__ import annotations

import hashlib
import json
import os
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from pathlib import Path
from typing import Any

from paperless.core.atomic import atomic_write
from paperless.core.clerk.draft import SessionDraft
from paperless.core.errors import PaperlessError, T

RECORD_DIR = ".published"
RECORD_FILE = "last.json"
PUBLISHED_SESSION = "session.toml"
RECORD_FORMAT = "paperless-published"
HASH_CHUNK = 1024 * 1024


class PublishedRecordError(PaperlessError):
    en = ("The record of the last published version ({path}) cannot be read: {detail}. Move it away to "
          "start again from version 1, or put back a good copy.")
    vi = ("Không đọc được bản ghi phiên bản đã phát hành gần nhất ({path}): {detail}. Hãy chuyển tệp đó đi "
          "để bắt đầu lại từ phiên bản 1, hoặc đặt lại một bản đúng.")


@dataclass(frozen=True)
class DocumentRecord:
    path: str  # relative to the session's folder, with "/"
    sha256: str  # of the clerk's file ("" when it cannot be read)
    title: str = ""  # as members see it (the PDF's title), when known

    @property
    def name(self) -> str:
        return self.path.rsplit("/", 1)[-1]

    @property
    def label(self) -> str:
        """The document as the clerk recognises it: "Title (file.pdf)", or the file name."""
        return f"{self.title} ({self.name})" if self.title and self.title != Path(self.name).stem else self.name


@dataclass(frozen=True)
class ItemRecord:
    title: str
    documents: tuple[DocumentRecord, ...]


@dataclass(frozen=True)
class PublishedRecord:
    session_id: str
    version: int
    sha256: str  # of the bundle
    published_at: datetime
    items: tuple[ItemRecord, ...]
    where: str = ""  # "office" (the office server) or "file" (saved for a USB stick)

    def to_json(self) -> bytes:
        obj = {
            "format": RECORD_FORMAT, "session_id": self.session_id, "version": self.version,
            "sha256": self.sha256, "published_at": self.published_at.isoformat(), "where": self.where,
            "items": [{"title": i.title, "documents": [{"path": d.path, "sha256": d.sha256, "title": d.title}
                                                       for d in i.documents]} for i in self.items],
        }
        return (json.dumps(obj, ensure_ascii=False, indent=1) + "\n").encode("utf-8")

    @classmethod
    def from_json(cls, raw: bytes) -> PublishedRecord:
        obj = json.loads(raw.decode("utf-8"))
        if not isinstance(obj, dict) or obj.get("format") != RECORD_FORMAT:
            raise ValueError("not a record of a published version")
        version = obj["version"]
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            raise ValueError("the version is not a whole number from 1")
        items = tuple(
            ItemRecord(_str(i["title"]), tuple(_document(d) for d in _list(i["documents"])))
            for i in _list(obj["items"])
        )
        return cls(_str(obj["session_id"]), version, _str(obj["sha256"]),
                   datetime.fromisoformat(_str(obj["published_at"])), items, _str(obj.get("where", "")))


def _document(d: Any) -> DocumentRecord:
    if not isinstance(d, dict):
        raise ValueError(f"{d!r} is not a document")
    return DocumentRecord(_str(d["path"]), _str(d["sha256"]), _str(d.get("title", "")))


def _str(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{value!r} is not text")
    return value


def _list(value: Any) -> list[Any]:
    if not isinstance(value, list):
        raise ValueError(f"{value!r} is not a list")
    return value


def record_path(folder: Path) -> Path:
    return folder / RECORD_DIR / RECORD_FILE


def load_last(folder: Path) -> PublishedRecord | None:
    """The record of the last published version of the session in ``folder``; None: never published."""
    path = record_path(folder)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise PublishedRecordError(path=str(path), detail=exc.strerror or str(exc)) from None
    try:
        return PublishedRecord.from_json(raw)
    except (ValueError, KeyError, TypeError, UnicodeDecodeError) as exc:
        raise PublishedRecordError(path=str(path), detail=T(str(exc), str(exc))) from None


def save_last(folder: Path, record: PublishedRecord, session_toml: str = "") -> Path:
    """Write ``record`` as the last published version, whole or not at all; ``session_toml``
    (the session as built, paths relative to ``.published/``) is kept beside it, for following
    the session as it went out while the draft changes (:func:`published_session`)."""
    path = record_path(folder)
    if session_toml:
        atomic_write(folder / RECORD_DIR / PUBLISHED_SESSION, session_toml.encode("utf-8"), durable_name=True)
    atomic_write(path, record.to_json(), durable_name=True)
    return path


def published_session(folder: Path) -> Path | None:
    """The ``session.toml`` of the last published version (None: never published from here)."""
    path = folder / RECORD_DIR / PUBLISHED_SESSION
    return path if path.is_file() and record_path(folder).is_file() else None


def next_version(last: PublishedRecord | None) -> int:
    return 1 if last is None else last.version + 1


def file_sha256(path: Path) -> str:
    """SHA-256 of a file; "" when it cannot be read (the draft's own checks name it)."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as f:
            while chunk := f.read(HASH_CHUNK):
                digest.update(chunk)
    except OSError:
        return ""
    return digest.hexdigest()


def _rel(folder: Path, value: str) -> str:
    try:
        return Path(os.path.relpath(folder / value, folder)).as_posix()
    except ValueError:
        return (folder / value).as_posix()


def snapshot(draft: SessionDraft, titles: Sequence[Sequence[str]] | None = None) -> tuple[ItemRecord, ...]:
    """The draft's items and documents with the content hash of each file. ``titles``: the
    documents' titles as members see them, per item (from a build's agenda), when known."""
    items = []
    for i, item in enumerate(draft.items):
        docs = []
        for j, doc in enumerate(item.documents):
            title = titles[i][j] if titles is not None and i < len(titles) and j < len(titles[i]) else ""
            docs.append(DocumentRecord(_rel(draft.folder, doc), file_sha256(draft.folder / doc), title))
        items.append(ItemRecord(item.title, tuple(docs)))
    return tuple(items)


# -- the changes --------------------------------------------------------------------------------------


class ChangeKind(Enum):
    ITEM_ADDED = "item_added"
    ITEM_REMOVED = "item_removed"
    ITEM_RENAMED = "item_renamed"
    ITEM_MOVED = "item_moved"
    DOC_ADDED = "doc_added"
    DOC_REMOVED = "doc_removed"
    DOC_REPLACED = "doc_replaced"
    DOC_MOVED = "doc_moved"


@dataclass(frozen=True)
class Change:
    kind: ChangeKind
    item: str  # the item's title (now; for a removed item, then)
    number: int  # the item's number now (then, for a removed item)
    document: str = ""  # the document's label (now; for a removed one, then)
    old: str = ""  # renamed: the old title; replaced: the old document; moved: the old item's title
    old_number: int = 0  # moved item: its number then

    def text(self) -> T:
        """One line for the clerk, in both languages."""
        n, item, doc, old = self.number, self.item, self.document, self.old
        k = ChangeKind
        if self.kind is k.ITEM_ADDED:
            return T(f"New item {n}. {item}", f"Thêm nội dung {n}. {item}")
        if self.kind is k.ITEM_REMOVED:
            return T(f"Item removed: {item} (was {n})", f"Bỏ nội dung: {item} (trước là mục {n})")
        if self.kind is k.ITEM_RENAMED:
            return T(f"Item {n} renamed: “{old}” → “{item}”", f"Đổi tên nội dung {n}: “{old}” → “{item}”")
        if self.kind is k.ITEM_MOVED:
            return T(f"Item moved from {self.old_number} to {n}: {item}",
                     f"Chuyển nội dung từ mục {self.old_number} sang mục {n}: {item}")
        if self.kind is k.DOC_ADDED:
            return T(f"Document added to item {n}: {doc}", f"Thêm tài liệu vào nội dung {n}: {doc}")
        if self.kind is k.DOC_REMOVED:
            return T(f"Document removed from item {n}: {doc}", f"Bỏ tài liệu khỏi nội dung {n}: {doc}")
        if self.kind is k.DOC_REPLACED:
            if old and old != doc:
                return T(f"Document replaced in item {n}: {old} → {doc}",
                         f"Thay tài liệu ở nội dung {n}: {old} → {doc}")
            return T(f"Document replaced (new content) in item {n}: {doc}",
                     f"Thay tài liệu (nội dung mới) ở nội dung {n}: {doc}")
        return T(f"Document moved to item {n} ({item}): {doc}", f"Chuyển tài liệu sang nội dung {n} ({item}): {doc}")


def _key(title: str) -> str:
    return " ".join(unicodedata.normalize("NFC", title).casefold().split())


def _match_items(old: Sequence[ItemRecord], new: Sequence[ItemRecord]) -> dict[int, int]:
    """new index → old index: by title, then (renamed) by a document in common."""
    pairs: dict[int, int] = {}
    by_title: dict[str, list[int]] = {}
    for i, item in enumerate(old):
        by_title.setdefault(_key(item.title), []).append(i)
    for j, item in enumerate(new):
        found = by_title.get(_key(item.title))
        if found:
            pairs[j] = found.pop(0)
    taken = set(pairs.values())
    for j, item in enumerate(new):
        if j in pairs:
            continue
        mine = {d.path for d in item.documents} | {d.sha256 for d in item.documents if d.sha256}
        for i, before in enumerate(old):
            if i in taken:
                continue
            theirs = {d.path for d in before.documents} | {d.sha256 for d in before.documents if d.sha256}
            if mine & theirs:
                pairs[j] = i
                taken.add(i)
                break
    return pairs


def _moved(pairs: dict[int, int]) -> set[int]:
    """The new indexes of matched items that changed their order: all but a longest run kept in order."""
    order = sorted(pairs)  # new indexes in order; their old indexes should increase
    olds = [pairs[j] for j in order]
    best: list[list[int]] = []  # best[k]: the longest increasing run ending at k (positions in ``order``)
    for k, value in enumerate(olds):
        chain = [k]
        for m in range(k):
            if olds[m] < value and len(best[m]) + 1 > len(chain):
                chain = [*best[m], k]
        best.append(chain)
    keep = max(best, key=len, default=[])
    return {order[k] for k in range(len(order)) if k not in keep}


def diff(old: Sequence[ItemRecord], new: Sequence[ItemRecord]) -> list[Change]:
    """The changes from ``old`` (the last published version) to ``new`` (the draft now), in the
    order of the draft's items; removed items last."""
    pairs = _match_items(old, new)
    moved = _moved(pairs)
    changes: list[Change] = []
    removed_docs: list[tuple[int, DocumentRecord]] = []  # (old item index, document): may have moved
    added_docs: list[tuple[int, DocumentRecord]] = []
    per_item: dict[int, list[Change]] = {}
    for j, item in enumerate(new):
        here: list[Change] = []
        per_item[j] = here
        number = j + 1
        if j not in pairs:
            here.append(Change(ChangeKind.ITEM_ADDED, item.title, number))
            added_docs += [(j, d) for d in item.documents]
            continue
        before = old[pairs[j]]
        if before.title != item.title:
            here.append(Change(ChangeKind.ITEM_RENAMED, item.title, number, old=before.title))
        if j in moved:
            here.append(Change(ChangeKind.ITEM_MOVED, item.title, number, old_number=pairs[j] + 1))
        gone, came = _docs(before.documents, item.documents, item.title, number, here)
        removed_docs += [(pairs[j], d) for d in gone]
        added_docs += [(j, d) for d in came]
    matched_old = set(pairs.values())
    for i, before in enumerate(old):
        if i not in matched_old:
            removed_docs += [(i, d) for d in before.documents]
    # a document removed from one item and added to another, same content: moved
    for j, doc in added_docs:
        twin = next((r for r in removed_docs if (r[1].sha256 and r[1].sha256 == doc.sha256) or r[1].path == doc.path),
                    None)
        if twin is not None:
            removed_docs.remove(twin)
            per_item[j].append(Change(ChangeKind.DOC_MOVED, new[j].title, j + 1, _label(doc, twin[1]),
                                      old=old[twin[0]].title))
        elif j in pairs:
            per_item[j].append(Change(ChangeKind.DOC_ADDED, new[j].title, j + 1, doc.label))
    for j in range(len(new)):
        changes += per_item[j]
    for i, before in enumerate(old):
        if i not in matched_old:
            changes.append(Change(ChangeKind.ITEM_REMOVED, before.title, i + 1))
    for i, doc in removed_docs:
        if i in matched_old:
            now = next(j for j, o in pairs.items() if o == i)
            changes.append(Change(ChangeKind.DOC_REMOVED, new[now].title, now + 1, doc.label))
    return changes


def _label(doc: DocumentRecord, before: DocumentRecord) -> str:
    return doc.label if doc.title else DocumentRecord(doc.path, doc.sha256, before.title).label


def _docs(before: Sequence[DocumentRecord], now: Sequence[DocumentRecord], title: str, number: int,
          out: list[Change]) -> tuple[list[DocumentRecord], list[DocumentRecord]]:
    """Compare one item's documents; record the replaced ones; return (removed, added)."""
    old = list(before)
    new_left: list[tuple[int, DocumentRecord]] = []
    old_index = {d.path: k for k, d in enumerate(before)}
    matched: set[int] = set()
    for pos, doc in enumerate(now):
        k = old_index.get(doc.path)
        if k is not None and k not in matched:
            matched.add(k)
            if doc.sha256 != old[k].sha256:
                out.append(Change(ChangeKind.DOC_REPLACED, title, number, _label(doc, old[k])))
        else:
            new_left.append((pos, doc))
    # a file renamed with the same content: unchanged
    rest: list[tuple[int, DocumentRecord]] = []
    for pos, doc in new_left:
        k = next((k for k, d in enumerate(old) if k not in matched and doc.sha256 and d.sha256 == doc.sha256), None)
        if k is not None:
            matched.add(k)
        else:
            rest.append((pos, doc))
    # another file in the same place: replaced
    added: list[DocumentRecord] = []
    for pos, doc in rest:
        if pos < len(old) and pos not in matched and not any(d.path == old[pos].path for d in now):
            matched.add(pos)
            out.append(Change(ChangeKind.DOC_REPLACED, title, number, doc.label, old=old[pos].label))
        else:
            added.append(doc)
    removed = [d for k, d in enumerate(old) if k not in matched]
    return removed, added
