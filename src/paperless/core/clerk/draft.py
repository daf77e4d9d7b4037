"""A session being prepared by the clerk: read from and written back as ``session.toml``.

:class:`SessionDraft` is the Qt-free model behind the clerk's workspace (issue 13). Unlike
:func:`paperless.core.session.load_session`, which stops at the first mistake, reading a draft
keeps whatever it can (what it could not read is listed in :attr:`SessionDraft.unread`), and
:meth:`SessionDraft.problems` lists every problem with the exact field it is about
(:data:`FieldRef`), so a form can show each one next to its field.

Written back (:meth:`SessionDraft.to_toml`, :meth:`SessionDraft.save`) it is the same
``session.toml`` the CLI reads, with the same meaning: ``load_session`` of the written file
gives the same :class:`~paperless.core.session.SessionSpec` as of the original. Texts are
written NFC, paths relative to the file, dates with their UTC offsets, keys in a stable order.
Comments of a hand-written file are not kept.
"""

from __future__ import annotations

import os
import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from paperless.core.atomic import atomic_write
from paperless.core.classification import MAX_IDLE_LOCK_MINUTES, MIN_IDLE_LOCK_MINUTES, parse_level
from paperless.core.consultation.polls import MAX_CHOICES, MAX_QUESTIONS, MAX_TEXT, POLL_ID, clean_text
from paperless.core.errors import PaperlessError, T
from paperless.core.identity import load_card
from paperless.core.session import (
    ITEM_KEYS,
    MAX_RETENTION_DAYS,
    MEMBER_KEYS,
    POLICY_KEYS,
    POLL_KEYS,
    QUESTION_KEYS,
    SESSION_KEYS,
    TOP_KEYS,
)

FieldRef = tuple[str | int, ...]
"""Where a problem is: ``("session", "title")``, ``("items", 2, "documents", 0)``,
``("polls", 0, "questions", 1, "choices")``; ``()`` is the whole file."""

Deadline = date | datetime  # a datetime (with its offset), or a date: the end of that day

_SESSION_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")


@dataclass(frozen=True)
class Problem:
    where: FieldRef
    message: T


@dataclass
class MemberDraft:
    name: str = ""
    key: str = ""  # a card file or an identity folder, relative to the session's folder


@dataclass
class ItemDraft:
    title: str = ""
    presenter: str = ""
    documents: list[str] = field(default_factory=list)  # relative to the session's folder
    restricted_to: list[str] | None = None  # None: every member
    level: str = ""  # "mat", "toi_mat", "tuyet_mat"; "": not classified
    comments_due: Deadline | None = None


@dataclass
class QuestionDraft:
    text: str = ""
    choices: list[str] | None = None  # None: the default choices (Đồng ý / Không đồng ý / Ý kiến khác)
    text_answer: bool | None = None  # None: the default (a written answer only when there are no choices)


@dataclass
class PollDraft:
    poll_id: str = ""
    title: str = ""
    due: Deadline | None = None
    item: int | None = None  # the agenda item's number, from 1
    questions: list[QuestionDraft] = field(default_factory=list)


@dataclass
class PolicyDraft:
    watermark: bool = True
    allow_copy: bool = False
    allow_print: bool = False
    idle_lock_minutes: int | None = None
    notes_retention_days: int | None = None


@dataclass
class SessionDraft:
    folder: Path  # the session's folder: relative paths start here
    session_id: str = ""  # "": derived from the title and the start (load_session)
    title: str = ""
    starts_at: datetime | None = None
    location: str = ""
    expires_at: datetime | None = None
    office_server: str = ""  # a signed office-server.toml; "": none
    body: str = ""  # the meeting body, e.g. "Ban Thường vụ Tỉnh ủy"; "": not said
    documents_due: Deadline | None = None  # the documents go out to members by then
    chair: str = ""  # the member who chairs the meeting (chủ trì), by name; "": none named
    secretariat: list[str] = field(default_factory=list)  # members who run the meeting controls, by name
    members: list[MemberDraft] = field(default_factory=list)
    items: list[ItemDraft] = field(default_factory=list)
    policy: PolicyDraft = field(default_factory=PolicyDraft)
    polls: list[PollDraft] = field(default_factory=list)
    unread: list[Problem] = field(default_factory=list)  # what :meth:`load` could not keep

    # -- reading -------------------------------------------------------------------------------

    @classmethod
    def load(cls, path: Path) -> SessionDraft:
        """Read ``path`` keeping what can be read; never raises for the file's content."""
        draft = cls(folder=path.parent)
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            draft.unread.append(Problem((), T(f"cannot read the file: {exc}", f"không đọc được tệp: {exc}")))
            return draft
        _Reader(draft).read(data)
        return draft

    # -- writing -------------------------------------------------------------------------------

    def to_toml(self, base: Path | None = None) -> str:
        """The draft as ``session.toml`` text, paths relative to ``base`` (default: :attr:`folder`)."""
        base = self.folder if base is None else base
        w = _Writer()
        w.table("[session]")
        if self.session_id:
            w.key("id", toml_text(self.session_id))
        w.key("title", toml_text(self.title))
        if self.starts_at is not None:
            w.key("starts_at", _toml_when(self.starts_at))
        if self.location.strip():
            w.key("location", toml_text(self.location))
        if self.expires_at is not None:
            w.key("expires_at", _toml_when(self.expires_at))
        if self.body.strip():
            w.key("body", toml_text(self.body))
        if self.documents_due is not None:
            w.key("documents_due", _toml_when(self.documents_due))
        if self.office_server:
            w.key("office_server", toml_text(self._path(self.office_server, base)))
        if self.chair:
            w.key("chair", toml_text(self.chair))
        if self.secretariat:
            w.key("secretariat", _toml_list(self.secretariat))
        for m in self.members:
            w.table("[[members]]")
            w.key("name", toml_text(m.name))
            w.key("key", toml_text(self._path(m.key, base) if m.key else ""))
        for item in self.items:
            w.table("[[items]]")
            w.key("title", toml_text(item.title))
            if item.presenter.strip():
                w.key("presenter", toml_text(item.presenter))
            w.key("documents", _toml_list([self._path(d, base) if d else "" for d in item.documents]))
            if item.restricted_to is not None:
                w.key("restricted_to", _toml_list(item.restricted_to))
            if item.level:
                w.key("level", toml_text(item.level))
            if item.comments_due is not None:
                w.key("comments_due", _toml_when(item.comments_due))
        for poll in self.polls:
            w.table("[[polls]]")
            w.key("id", toml_text(poll.poll_id))
            w.key("title", toml_text(poll.title))
            if poll.due is not None:
                w.key("due", _toml_when(poll.due))
            if poll.item is not None:
                w.key("item", str(poll.item))
            for q in poll.questions:
                w.table("[[polls.questions]]")
                w.key("text", toml_text(q.text))
                if q.choices is not None:
                    w.key("choices", _toml_list(q.choices))
                if q.text_answer is not None:
                    w.key("text_answer", _toml_bool(q.text_answer))
        p = self.policy
        w.table("[policy]")
        w.key("watermark", _toml_bool(p.watermark))
        w.key("allow_copy", _toml_bool(p.allow_copy))
        w.key("allow_print", _toml_bool(p.allow_print))
        if p.idle_lock_minutes is not None:
            w.key("idle_lock_minutes", str(p.idle_lock_minutes))
        if p.notes_retention_days is not None:
            w.key("notes_retention_days", str(p.notes_retention_days))
        return w.text()

    def save(self, path: Path) -> None:
        """Write the draft to ``path`` whole or not at all; the draft's folder becomes its folder."""
        text = self.to_toml(path.parent)
        atomic_write(path, text.encode("utf-8"))
        if path.parent != self.folder:
            self.rebase(path.parent)

    def rebase(self, folder: Path) -> None:
        """Keep every path pointing at the same file with ``folder`` as the session's folder."""
        self.office_server = self._path(self.office_server, folder) if self.office_server else ""
        for m in self.members:
            m.key = self._path(m.key, folder) if m.key else ""
        for item in self.items:
            item.documents = [self._path(d, folder) if d else "" for d in item.documents]
        self.folder = folder

    def _path(self, value: str, base: Path) -> str:
        target = self.folder / value
        try:
            return Path(os.path.relpath(target, base)).as_posix()
        except ValueError:  # another drive (Windows): keep it absolute
            return target.as_posix()

    # -- checking ------------------------------------------------------------------------------

    def problems(self) -> list[Problem]:
        """Every problem, each naming its field; none means :func:`load_session` accepts the
        written file (:meth:`to_toml`), and every file it refuses has at least one."""
        return _Checker(self).check()


# -- writing TOML ----------------------------------------------------------------------------------

_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r", "\b": "\\b", "\f": "\\f"}


def toml_text(value: str) -> str:
    """A TOML basic string: NFC, quotes and backslashes escaped, control characters as escapes."""
    out = []
    for c in unicodedata.normalize("NFC", value):
        if c in _ESCAPES:
            out.append(_ESCAPES[c])
        elif unicodedata.category(c) == "Cc":
            out.append(f"\\u{ord(c):04x}")
        else:
            out.append(c)
    return '"' + "".join(out) + '"'


def _toml_list(values: list[str]) -> str:
    return "[" + ", ".join(toml_text(v) for v in values) + "]"


def _toml_bool(value: bool) -> str:
    return "true" if value else "false"


def _toml_when(value: Deadline) -> str:
    """A TOML date-time (local if naive: the parser then says it needs an offset) or date."""
    return value.isoformat()


class _Writer:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def table(self, header: str) -> None:
        if self.lines:
            self.lines.append("")
        self.lines.append(header)

    def key(self, name: str, value: str) -> None:
        self.lines.append(f"{name} = {value}")

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


# -- reading leniently -----------------------------------------------------------------------------


class _Reader:
    def __init__(self, draft: SessionDraft) -> None:
        self.draft = draft

    def note(self, where: FieldRef, en: str, vi: str) -> None:
        self.draft.unread.append(Problem(where, T(en, vi)))

    def unknown(self, where: FieldRef, data: dict[str, Any], allowed: set[str]) -> None:
        for key in data:
            if key not in allowed:
                self.note((*where, key), f"unknown key '{key}' left out", f"bỏ qua khóa không biết '{key}'")

    def text(self, where: FieldRef, data: dict[str, Any], key: str) -> str:
        value = data.get(key)
        if value is None:
            return ""
        if isinstance(value, str):
            return value
        self.note((*where, key), f"'{key}' is not text: left out", f"'{key}' không phải là chữ: bỏ qua")
        return ""

    def texts(self, where: FieldRef, data: dict[str, Any], key: str) -> list[str] | None:
        value = data.get(key)
        if value is None:
            return None
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return list(value)
        self.note((*where, key), f"'{key}' is not a list of texts: left out",
                  f"'{key}' không phải là danh sách chữ: bỏ qua")
        return None

    def restriction(self, where: FieldRef, data: dict[str, Any]) -> list[str] | None:
        """``restricted_to``: never widened by reading. One that cannot be read stays a
        restriction, naming the names it holds (or nobody: a problem to fix)."""
        value = data.get("restricted_to")
        if value is None:
            return None
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return list(value)
        self.note((*where, "restricted_to"), "'restricted_to' is not a list of names: check who may read the item",
                  "'restricted_to' không phải là danh sách tên: kiểm tra lại ai được đọc")
        if isinstance(value, str):
            return [value]
        return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []

    def level(self, where: FieldRef, data: dict[str, Any]) -> str:
        """``level``: never lowered by reading. A value of another type is kept as text, so the
        form shows it as an unknown level to choose again."""
        value = data.get("level")
        if value is None:
            return ""
        return value if isinstance(value, str) else str(value)

    def when(self, where: FieldRef, data: dict[str, Any], key: str) -> datetime | None:
        value = data.get(key)
        if value is None:
            return None
        if isinstance(value, datetime):
            return value
        self.note((*where, key), f"'{key}' is not a date-time: left out", f"'{key}' không phải là ngày giờ: bỏ qua")
        return None

    def deadline(self, where: FieldRef, data: dict[str, Any], key: str) -> Deadline | None:
        value = data.get(key)
        if value is None or isinstance(value, date):
            return value
        self.note((*where, key), f"'{key}' is not a date: left out", f"'{key}' không phải là ngày: bỏ qua")
        return None

    def number(self, where: FieldRef, data: dict[str, Any], key: str) -> int | None:
        value = data.get(key)
        if value is None or (isinstance(value, int) and not isinstance(value, bool)):
            return value
        self.note((*where, key), f"'{key}' is not a whole number: left out",
                  f"'{key}' không phải là số nguyên: bỏ qua")
        return None

    def flag(self, where: FieldRef, data: dict[str, Any], key: str, default: bool | None) -> bool | None:
        value = data.get(key)
        if value is None or isinstance(value, bool):
            return default if value is None else value
        self.note((*where, key), f"'{key}' is not true or false: left out", f"'{key}' không phải là đúng/sai: bỏ qua")
        return default

    def tables(self, where: FieldRef, raw: Any) -> list[dict[str, Any]]:
        if raw is None:
            return []
        if isinstance(raw, list) and all(isinstance(e, dict) for e in raw):
            return raw
        self.note(where, "not a list of tables: left out", "không phải là danh sách bảng: bỏ qua")
        return []

    def read(self, data: dict[str, Any]) -> None:
        d = self.draft
        self.unknown((), data, TOP_KEYS)
        session = data.get("session")
        if not isinstance(session, dict):
            self.note(("session",), "no [session] table", "thiếu bảng [session]")
            session = {}
        self.unknown(("session",), session, SESSION_KEYS)
        d.session_id = self.text(("session",), session, "id")
        d.title = self.text(("session",), session, "title")
        d.starts_at = self.when(("session",), session, "starts_at")
        d.location = self.text(("session",), session, "location")
        d.expires_at = self.when(("session",), session, "expires_at")
        d.office_server = self.text(("session",), session, "office_server")
        d.body = self.text(("session",), session, "body")
        d.documents_due = self.deadline(("session",), session, "documents_due")
        d.chair = self.text(("session",), session, "chair")
        d.secretariat = self.texts(("session",), session, "secretariat") or []
        for i, entry in enumerate(self.tables(("members",), data.get("members"))):
            self.unknown(("members", i), entry, MEMBER_KEYS)
            d.members.append(MemberDraft(self.text(("members", i), entry, "name"),
                                         self.text(("members", i), entry, "key")))
        for i, entry in enumerate(self.tables(("items",), data.get("items"))):
            where: FieldRef = ("items", i)
            self.unknown(where, entry, ITEM_KEYS)
            d.items.append(ItemDraft(
                title=self.text(where, entry, "title"), presenter=self.text(where, entry, "presenter"),
                documents=self.texts(where, entry, "documents") or [],
                restricted_to=self.restriction(where, entry), level=self.level(where, entry),
                comments_due=self.deadline(where, entry, "comments_due")))
        for i, entry in enumerate(self.tables(("polls",), data.get("polls"))):
            where = ("polls", i)
            self.unknown(where, entry, POLL_KEYS)
            poll = PollDraft(poll_id=self.text(where, entry, "id"), title=self.text(where, entry, "title"),
                             due=self.deadline(where, entry, "due"), item=self.number(where, entry, "item"))
            for j, q in enumerate(self.tables((*where, "questions"), entry.get("questions"))):
                qwhere: FieldRef = (*where, "questions", j)
                self.unknown(qwhere, q, QUESTION_KEYS)
                poll.questions.append(QuestionDraft(self.text(qwhere, q, "text"), self.texts(qwhere, q, "choices"),
                                                    self.flag(qwhere, q, "text_answer", None)))
            d.polls.append(poll)
        policy = data.get("policy")
        if policy is not None and not isinstance(policy, dict):
            self.note(("policy",), "[policy] is not a table: left out", "[policy] không phải là bảng: bỏ qua")
            policy = None
        if policy is not None:
            self.unknown(("policy",), policy, POLICY_KEYS)
            defaults = PolicyDraft()
            d.policy = PolicyDraft(
                watermark=bool(self.flag(("policy",), policy, "watermark", defaults.watermark)),
                allow_copy=bool(self.flag(("policy",), policy, "allow_copy", defaults.allow_copy)),
                allow_print=bool(self.flag(("policy",), policy, "allow_print", defaults.allow_print)),
                idle_lock_minutes=self.number(("policy",), policy, "idle_lock_minutes"),
                notes_retention_days=self.number(("policy",), policy, "notes_retention_days"))


# -- checking --------------------------------------------------------------------------------------


def _same(value: str) -> str:
    """How a name or title compares once written: NFC, white space collapsed."""
    return clean_text(value)


class _Checker:
    def __init__(self, draft: SessionDraft) -> None:
        self.d = draft
        self.out: list[Problem] = []

    def add(self, where: FieldRef, en: str, vi: str) -> None:
        self.out.append(Problem(where, T(en, vi)))

    def check(self) -> list[Problem]:
        self.session()
        names = self.members()
        self.roles(names)
        self.items(names)
        self.polls()
        self.policy()
        return self.out

    def offset(self, where: FieldRef, value: datetime | None, required: bool) -> bool:
        """A date-time with a whole-minute UTC offset (what TOML can say); True if usable."""
        if value is None:
            if required:
                self.add(where, "the start date and time are missing", "chưa có ngày giờ bắt đầu")
            return False
        offset = value.utcoffset()
        if offset is None:
            self.add(where, "needs a UTC offset, e.g. +07:00", "cần múi giờ, ví dụ +07:00")
            return False
        if offset % timedelta(minutes=1) or abs(offset) >= timedelta(hours=24):
            self.add(where, "the UTC offset must be whole minutes", "múi giờ phải tính tròn phút")
            return False
        return True

    def session(self) -> None:
        d = self.d
        if not d.title.strip():
            self.add(("session", "title"), "the session has no title", "phiên họp chưa có tên")
        if d.session_id and not _SESSION_ID.fullmatch(d.session_id):
            self.add(("session", "id"), "the id must be 1-64 letters, digits, '.', '_' or '-'",
                     "mã phiên họp phải gồm 1-64 chữ cái không dấu, chữ số, '.', '_' hoặc '-'")
        start_ok = self.offset(("session", "starts_at"), d.starts_at, True)
        end_ok = self.offset(("session", "expires_at"), d.expires_at, False)
        if start_ok and end_ok and d.starts_at is not None and d.expires_at is not None \
                and d.expires_at <= d.starts_at:
            self.add(("session", "expires_at"), "the documents would expire before the meeting starts",
                     "tài liệu hết hạn trước khi phiên họp bắt đầu")
        if d.body.strip():
            self.bounded(("session", "body"), d.body, T("the meeting body", "tên cơ quan họp"))
        due = self.deadline(("session", "documents_due"), d.documents_due)
        if due is not None and start_ok and d.starts_at is not None and due > d.starts_at:
            self.add(("session", "documents_due"), "the documents would be due after the meeting starts",
                     "hạn gửi tài liệu sau giờ bắt đầu phiên họp")
        if d.office_server and not (d.folder / d.office_server).is_file():
            self.add(("session", "office_server"), f"office-server file not found: {d.office_server}",
                     f"không tìm thấy tệp máy chủ văn phòng: {d.office_server}")

    def roles(self, names: set[str]) -> None:
        """The chair and the secretariat must be members of the session (docs/meeting.md)."""
        d = self.d
        if d.chair and _same(d.chair) not in names:
            self.add(("session", "chair"), f"the chair '{d.chair}' is not one of the members",
                     f"người chủ trì '{d.chair}' không có trong danh sách thành viên")
        for name in d.secretariat:
            if _same(name) not in names:
                self.add(("session", "secretariat"), f"'{name}' in the secretariat is not one of the members",
                         f"'{name}' trong thư ký không có trong danh sách thành viên")

    def members(self) -> set[str]:
        if not self.d.members:
            self.add(("members",), "the session has no members", "phiên họp chưa có thành viên nào")
        names: set[str] = set()
        recipients: set[str] = set()
        for i, m in enumerate(self.d.members):
            name = _same(m.name)
            if not name:
                self.add(("members", i, "name"), "the member has no name", "thành viên chưa có tên")
            elif name in names:
                self.add(("members", i, "name"), f"'{name}' is listed twice", f"'{name}' có tên hai lần")
            names.add(name)
            if not m.key.strip():
                self.add(("members", i, "key"), "no key (card file or identity folder) chosen",
                         "chưa chọn khóa (tệp thẻ hoặc thư mục danh tính)")
                continue
            path = self.d.folder / m.key
            if not path.exists():
                self.add(("members", i, "key"), f"key file or folder not found: {m.key}",
                         f"không tìm thấy tệp hoặc thư mục khóa: {m.key}")
                continue
            try:
                card = load_card(path)
            except PaperlessError as exc:
                self.add(("members", i, "key"), exc.message("en"), exc.message("vi"))
                continue
            if card.recipient in recipients:
                self.add(("members", i, "key"), "the same key is listed twice", "một khóa được chọn hai lần")
            recipients.add(card.recipient)
        return names

    def items(self, names: set[str]) -> None:
        d = self.d
        if not d.items:
            self.add(("items",), "the agenda has no items", "chương trình chưa có nội dung nào")
        start_ok = d.starts_at is not None and self.offset_ok(d.starts_at)
        titles: set[str] = set()
        for i, item in enumerate(d.items):
            title = _same(item.title)
            if not title:
                self.add(("items", i, "title"), "the item has no title", "nội dung chưa có tên")
            elif title in titles:
                self.add(("items", i, "title"), f"'{title}' is listed twice", f"'{title}' có hai lần")
            titles.add(title)
            if not item.documents:
                self.add(("items", i, "documents"), "the item has no document", "nội dung chưa có tài liệu")
            for j, doc in enumerate(item.documents):
                if not doc:
                    self.add(("items", i, "documents", j), "no file chosen", "chưa chọn tệp")
                elif not (d.folder / doc).is_file():
                    self.add(("items", i, "documents", j), f"document not found: {doc}",
                             f"không tìm thấy tài liệu: {doc}")
            if item.restricted_to is not None:
                if not item.restricted_to:
                    self.add(("items", i, "restricted_to"), "the restriction names nobody",
                             "giới hạn người đọc nhưng chưa chọn ai")
                for j, n in enumerate(item.restricted_to):
                    if _same(n) not in names or not _same(n):
                        self.add(("items", i, "restricted_to", j), f"'{n}' is not a member",
                                 f"'{n}' không phải là thành viên")
            if item.level:
                try:
                    parse_level(item.level)
                except ValueError:
                    self.add(("items", i, "level"), "the level must be Mật, Tối mật or Tuyệt mật, or none",
                             "độ mật phải là Mật, Tối mật hoặc Tuyệt mật, hoặc để trống")
            due = self.deadline(("items", i, "comments_due"), item.comments_due)
            if due is not None and start_ok and d.starts_at is not None and due > d.starts_at:
                self.add(("items", i, "comments_due"), "comments would be due after the meeting starts",
                         "hạn góp ý sau giờ bắt đầu phiên họp")

    @staticmethod
    def offset_ok(value: datetime) -> bool:
        offset = value.utcoffset()
        return offset is not None and not offset % timedelta(minutes=1) and abs(offset) < timedelta(hours=24)

    def deadline(self, where: FieldRef, value: Deadline | None) -> datetime | None:
        """The deadline as the parser reads it (a date: the end of that day at the meeting's
        offset); None when absent or when only a problem can be said about it."""
        if value is None:
            return None
        if isinstance(value, datetime):
            return value if self.offset(where, value, False) else None
        start = self.d.starts_at
        if start is None or not self.offset_ok(start):
            return None
        return datetime.combine(value, time(23, 59, 59), tzinfo=start.tzinfo)

    def bounded(self, where: FieldRef, value: str, what: T) -> None:
        text = clean_text(value)
        if not text:
            self.add(where, f"{what.en} is empty", f"{what.vi} còn trống")
        elif len(text) > MAX_TEXT:
            self.add(where, f"{what.en} is longer than {MAX_TEXT} characters",
                     f"{what.vi} dài quá {MAX_TEXT} ký tự")

    def polls(self) -> None:
        d = self.d
        ids: set[str] = set()
        expires_ok = d.expires_at is not None and self.offset_ok(d.expires_at)
        for i, poll in enumerate(d.polls):
            if not POLL_ID.fullmatch(poll.poll_id):
                self.add(("polls", i, "id"), "the id must be 1-40 lower-case letters, digits or '-'",
                         "mã phiếu phải gồm 1-40 chữ thường không dấu, chữ số hoặc '-'")
            elif poll.poll_id in ids:
                self.add(("polls", i, "id"), f"the id '{poll.poll_id}' is used twice",
                         f"mã phiếu '{poll.poll_id}' dùng hai lần")
            ids.add(poll.poll_id)
            self.bounded(("polls", i, "title"), poll.title, T("the title", "tên phiếu"))
            if poll.due is None:
                self.add(("polls", i, "due"), "a poll needs a deadline", "phiếu cần có hạn trả lời")
            due = self.deadline(("polls", i, "due"), poll.due)
            if due is not None and expires_ok and d.expires_at is not None and due > d.expires_at:
                self.add(("polls", i, "due"), "the poll would be due after the documents expire",
                         "hạn trả lời phiếu sau khi tài liệu hết hạn")
            if poll.item is not None and not 1 <= poll.item <= len(d.items):
                self.add(("polls", i, "item"), f"the item must be a number from 1 to {len(d.items)}",
                         f"nội dung phải là số từ 1 đến {len(d.items)}")
            if not 1 <= len(poll.questions) <= MAX_QUESTIONS:
                self.add(("polls", i, "questions"), f"a poll needs 1 to {MAX_QUESTIONS} questions",
                         f"phiếu cần từ 1 đến {MAX_QUESTIONS} câu hỏi")
            for j, q in enumerate(poll.questions):
                self.question(("polls", i, "questions", j), q)

    def question(self, where: FieldRef, q: QuestionDraft) -> None:
        self.bounded((*where, "text"), q.text, T("the question", "câu hỏi"))
        if q.choices is None:
            return
        cleaned = [clean_text(c) for c in q.choices]
        if len(q.choices) > MAX_CHOICES:
            self.add((*where, "choices"), f"at most {MAX_CHOICES} choices", f"tối đa {MAX_CHOICES} lựa chọn")
        for k, c in enumerate(q.choices):
            if not cleaned[k]:
                self.add((*where, "choices", k), "the choice is empty", "lựa chọn còn trống")
            elif len(unicodedata.normalize("NFC", c)) > MAX_TEXT:
                self.add((*where, "choices", k), f"the choice is longer than {MAX_TEXT} characters",
                         f"lựa chọn dài quá {MAX_TEXT} ký tự")
            elif cleaned[k] in cleaned[:k]:
                self.add((*where, "choices", k), "the same choice is listed twice", "lựa chọn bị trùng")
        if not q.choices and q.text_answer is False:
            self.add((*where, "choices"), "the question needs choices or a written answer",
                     "câu hỏi cần có lựa chọn hoặc cho trả lời bằng chữ")

    def policy(self) -> None:
        p = self.d.policy
        idle = p.idle_lock_minutes
        if idle is not None and not MIN_IDLE_LOCK_MINUTES <= idle <= MAX_IDLE_LOCK_MINUTES:
            self.add(("policy", "idle_lock_minutes"),
                     f"the idle lock must be {MIN_IDLE_LOCK_MINUTES} to {MAX_IDLE_LOCK_MINUTES} minutes",
                     f"khóa khi không dùng phải từ {MIN_IDLE_LOCK_MINUTES} đến {MAX_IDLE_LOCK_MINUTES} phút")
        if p.notes_retention_days is not None and not 1 <= p.notes_retention_days <= MAX_RETENTION_DAYS:
            self.add(("policy", "notes_retention_days"),
                     f"notes must be kept 1 to {MAX_RETENTION_DAYS} days",
                     f"ghi chú phải giữ từ 1 đến {MAX_RETENTION_DAYS} ngày")
