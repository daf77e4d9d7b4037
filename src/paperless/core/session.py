"""The clerk's session description (``session.toml``), parsed strictly.

Every problem names the file and the line: unknown keys, wrong types, missing files,
unknown member names in ``restricted_to``, duplicate titles or names.
"""

from __future__ import annotations

import re
import tomllib
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, time, tzinfo
from pathlib import Path
from typing import Any

from paperless.core.classification import MAX_IDLE_LOCK_MINUTES, MIN_IDLE_LOCK_MINUTES, Level, parse_level
from paperless.core.consultation.polls import (
    DEFAULT_CHOICES,
    MAX_CHOICES,
    MAX_QUESTIONS,
    MAX_TEXT,
    POLL_ID,
    Poll,
    Question,
    clean_text,
)
from paperless.core.errors import PaperlessError, T
from paperless.core.identity import PublicCard, load_card

SESSION_KEYS = {"id", "title", "starts_at", "location", "expires_at", "office_server", "body", "documents_due",
                "chair", "secretariat"}
MEMBER_KEYS = {"name", "key"}
ITEM_KEYS = {"title", "presenter", "documents", "restricted_to", "level", "comments_due"}
POLL_KEYS = {"id", "title", "due", "item", "questions"}
QUESTION_KEYS = {"text", "choices", "text_answer"}
POLICY_KEYS = {"watermark", "allow_copy", "allow_print", "idle_lock_minutes", "notes_retention_days"}
MAX_RETENTION_DAYS = 3650
TOP_KEYS = {"session", "members", "items", "policy", "polls"}
_NAMESPACE = uuid.UUID("6c0f3f7e-6a55-4d0b-9a8e-3f4c2b1d0e11")


class SessionFileError(PaperlessError):
    en = "{path}, line {line}: {detail}"
    vi = "{path}, dòng {line}: {detail}"


@dataclass(frozen=True)
class Policy:
    watermark: bool = True
    allow_copy: bool = False
    allow_print: bool = False
    idle_lock_minutes: int | None = None  # None: the default (core.classification)
    notes_retention_days: int | None = None  # the members' notes are deleted this many days after the meeting


@dataclass(frozen=True)
class MemberSpec:
    name: str
    card: PublicCard


@dataclass(frozen=True)
class ItemSpec:
    title: str
    presenter: str
    documents: tuple[Path, ...]
    restricted_to: tuple[str, ...] | None  # None: every member
    level: Level | None = None  # secrecy level (None: not classified)
    comments_due: datetime | None = None  # open for comments to the office until then (None: not open)


@dataclass(frozen=True)
class SessionSpec:
    source: Path
    session_id: str
    title: str
    starts_at: datetime
    location: str
    expires_at: datetime | None
    members: tuple[MemberSpec, ...]
    items: tuple[ItemSpec, ...]
    policy: Policy = field(default_factory=Policy)
    office_server: Path | None = None  # a signed office-server.toml to carry in the bundle
    polls: tuple[Poll, ...] = ()  # written opinion polls (phiếu lấy ý kiến)
    body: str = ""  # the meeting body, e.g. "Ban Thường vụ Tỉnh ủy" ("": not said)
    documents_due: datetime | None = None  # the documents go out to members by then (None: not said)
    chair: str | None = None  # the member who chairs the meeting (chủ trì), by name (docs/meeting.md)
    secretariat: tuple[str, ...] = ()  # the members who run the meeting controls, by name


class _Lines:
    """Find the line of a key in a table (``[t]`` or the n-th ``[[t]]``) of a TOML text."""

    _header = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_.-]+)\s*\]\]?")
    _key = re.compile(r'^\s*("?)([A-Za-z0-9_-]+)\1\s*=')

    def __init__(self, text: str) -> None:
        self.tables: dict[tuple[str, int], int] = {}
        self.keys: dict[tuple[str, int, str], int] = {}
        counts: dict[str, int] = {}
        current = ("", 0)
        for number, line in enumerate(text.splitlines(), start=1):
            if m := self._header.match(line):
                name = m.group(2)
                index = counts.get(name, -1) + 1 if m.group(1) == "[[" else 0
                counts[name] = index
                current = (name, index)
                self.tables[current] = number
            elif m := self._key.match(line):
                self.keys.setdefault((current[0], current[1], m.group(2)), number)

    def of(self, table: str, index: int = 0, key: str | None = None) -> int:
        if key is not None and (table, index, key) in self.keys:
            return self.keys[(table, index, key)]
        return self.tables.get((table, index), 1)


class _Parser:
    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.lines = _Lines(text)
        self.base = path.parent
        self.zone: tzinfo | None = None  # the session's time zone (starts_at's): where a date-only deadline ends
        self.question_index = -1  # [[polls.questions]] tables seen so far (for line numbers)

    def fail(self, table: str, index: int, key: str | None, detail: str | T) -> SessionFileError:
        line = self.lines.of(table, index, key)
        return SessionFileError(path=str(self.path), line=line, detail=detail)

    def check_keys(self, table: str, index: int, data: dict[str, Any], allowed: set[str]) -> None:
        for key in data:
            if key not in allowed:
                raise self.fail(table, index, key, f"unknown key '{key}' in [{table}]")

    def text(self, table: str, index: int, data: dict[str, Any], key: str, required: bool = True) -> str:
        value = data.get(key)
        if value is None and not required:
            return ""
        if not isinstance(value, str) or not value.strip():
            what = "missing" if value is None else "must be non-empty text"
            raise self.fail(table, index, key if value is not None else None, f"'{key}' {what}")
        return " ".join(value.split())

    def when(self, data: dict[str, Any], key: str, required: bool) -> datetime | None:
        value = data.get(key)
        if value is None and not required:
            return None
        if not isinstance(value, datetime) or value.tzinfo is None:
            raise self.fail("session", 0, key if key in data else None,
                            f"'{key}' must be a date-time with a UTC offset, e.g. 2024-01-15T08:00:00+07:00")
        return value

    def parse(self, data: dict[str, Any]) -> SessionSpec:
        for key in data:
            if key not in TOP_KEYS:
                raise self.fail(key, 0, None, f"unknown table or key '{key}'")
        session = data.get("session")
        if not isinstance(session, dict):
            raise self.fail("", 0, None, "missing [session] table")
        self.check_keys("session", 0, session, SESSION_KEYS)
        title = self.text("session", 0, session, "title")
        starts_at = self.when(session, "starts_at", True)
        assert starts_at is not None
        expires_at = self.when(session, "expires_at", False)
        sid = session.get("id")
        if sid is not None and (not isinstance(sid, str) or not re.fullmatch(r"[A-Za-z0-9._-]{1,64}", sid)):
            raise self.fail("session", 0, "id", "'id' must be 1-64 letters, digits, '.', '_' or '-'")
        session_id = sid or str(uuid.uuid5(_NAMESPACE, f"{title}\n{starts_at.isoformat()}"))
        self.zone = starts_at.tzinfo
        documents_due = self.deadline("session", 0, session, "documents_due")
        members = self.members(data.get("members"))
        items = self.items(data.get("items"), {m.name for m in members})
        return SessionSpec(
            source=self.path, session_id=session_id, title=title, starts_at=starts_at,
            location=self.text("session", 0, session, "location", required=False),
            expires_at=expires_at, members=members, items=items, policy=self.policy(data.get("policy")),
            office_server=self.office_server(session), polls=self.polls(data.get("polls"), len(items)),
            body=self.bounded("session", 0, session, "body") if "body" in session else "",
            documents_due=documents_due,
            **self.roles(session, {m.name for m in members}),
        )

    def roles(self, session: dict[str, Any], names: set[str]) -> dict[str, Any]:
        """``chair = "Name"`` and ``secretariat = ["Name", …]``: members who run the meeting (optional)."""
        out: dict[str, Any] = {}
        if "chair" in session:
            chair = session["chair"]
            if not isinstance(chair, str) or " ".join(chair.split()) not in names:
                raise self.fail("session", 0, "chair", T(
                    "'chair' must be the name of one of the [[members]]",
                    "'chair' phải là tên của một người trong [[members]]"))
            out["chair"] = " ".join(chair.split())
        if "secretariat" in session:
            team = session["secretariat"]
            if not isinstance(team, list) or not all(isinstance(n, str) for n in team):
                raise self.fail("session", 0, "secretariat", T(
                    "'secretariat' must be a list of member names", "'secretariat' phải là danh sách tên thành viên"))
            for name in team:
                if " ".join(name.split()) not in names:
                    raise self.fail("session", 0, "secretariat", T(
                        f"'{name}' in 'secretariat' is not one of the [[members]]",
                        f"'{name}' trong 'secretariat' không có trong [[members]]"))
            out["secretariat"] = tuple(dict.fromkeys(" ".join(n.split()) for n in team))
        return out

    def office_server(self, session: dict[str, Any]) -> Path | None:
        """``office_server``: the signed office-server.toml to carry, relative to session.toml."""
        if "office_server" not in session:
            return None
        value = session["office_server"]
        if not isinstance(value, str) or not value:
            raise self.fail("session", 0, "office_server", "'office_server' must be a file path")
        path = self.base / value
        if not path.is_file():
            raise self.fail("session", 0, "office_server", f"office-server file not found: {value}")
        return path

    def members(self, raw: Any) -> tuple[MemberSpec, ...]:
        if not isinstance(raw, list) or not raw:
            raise self.fail("", 0, None, "at least one [[members]] entry is needed")
        out: list[MemberSpec] = []
        seen_names: set[str] = set()
        seen_keys: set[str] = set()
        for i, entry in enumerate(raw):
            self.check_keys("members", i, entry, MEMBER_KEYS)
            name = self.text("members", i, entry, "name")
            key = self.text("members", i, entry, "key")
            if name in seen_names:
                raise self.fail("members", i, "name", f"duplicate member name '{name}'")
            key_path = self.base / key
            if not key_path.exists():
                raise self.fail("members", i, "key", f"key file or folder not found: {key}")
            try:
                card = load_card(key_path)
            except PaperlessError as exc:
                raise self.fail("members", i, "key", exc.message()) from None
            if card.recipient in seen_keys:
                raise self.fail("members", i, "key", f"the same key is listed twice ({key})")
            seen_names.add(name)
            seen_keys.add(card.recipient)
            out.append(MemberSpec(name, card))
        return tuple(out)

    def items(self, raw: Any, member_names: set[str]) -> tuple[ItemSpec, ...]:
        if not isinstance(raw, list) or not raw:
            raise self.fail("", 0, None, "at least one [[items]] entry is needed")
        out: list[ItemSpec] = []
        titles: set[str] = set()
        for i, entry in enumerate(raw):
            self.check_keys("items", i, entry, ITEM_KEYS)
            title = self.text("items", i, entry, "title")
            if title in titles:
                raise self.fail("items", i, "title", f"duplicate item title '{title}'")
            titles.add(title)
            presenter = self.text("items", i, entry, "presenter", required=False)
            docs = entry.get("documents", [])
            if not isinstance(docs, list) or not all(isinstance(d, str) and d for d in docs):
                raise self.fail("items", i, "documents", "'documents' must be a list of file paths")
            paths: list[Path] = []
            for d in docs:
                p = self.base / d
                if not p.is_file():
                    raise self.fail("items", i, "documents", f"document not found: {d}")
                paths.append(p)
            restricted: tuple[str, ...] | None = None
            if "restricted_to" in entry:
                names = entry["restricted_to"]
                if not isinstance(names, list) or not names or not all(isinstance(n, str) for n in names):
                    raise self.fail("items", i, "restricted_to", "'restricted_to' must list member names")
                for n in names:
                    if " ".join(n.split()) not in member_names:
                        raise self.fail("items", i, "restricted_to", f"unknown member '{n}' in restricted_to")
                restricted = tuple(dict.fromkeys(" ".join(n.split()) for n in names))
            out.append(ItemSpec(title, presenter, tuple(paths), restricted, self.level(i, entry),
                                self.deadline("items", i, entry, "comments_due")))
        return tuple(out)

    def deadline(self, table: str, index: int, entry: dict[str, Any], key: str) -> datetime | None:
        """A deadline: a date-time with a UTC offset, or a date (the end of that day, in the
        session's time zone)."""
        value = entry.get(key)
        if value is None:
            return None
        if isinstance(value, datetime):
            if value.tzinfo is None:
                raise self.fail(table, index, key, T(
                    f"'{key}' needs a UTC offset, e.g. 2024-01-10T17:00:00+07:00, or just a date",
                    f"'{key}' cần múi giờ, ví dụ 2024-01-10T17:00:00+07:00, hoặc chỉ ghi ngày"))
            return value
        if isinstance(value, date):
            return datetime.combine(value, time(23, 59, 59), tzinfo=self.zone)
        raise self.fail(table, index, key, T(f"'{key}' must be a date, e.g. 2024-01-10",
                                             f"'{key}' phải là một ngày, ví dụ 2024-01-10"))

    def polls(self, raw: Any, item_count: int) -> tuple[Poll, ...]:
        """``[[polls]]``: written opinion polls, each with ``[[polls.questions]]``."""
        if raw is None:
            return ()
        if not isinstance(raw, list):
            raise self.fail("polls", 0, None, "[[polls]] must be a list of tables")
        out: list[Poll] = []
        for i, entry in enumerate(raw):
            self.check_keys("polls", i, entry, POLL_KEYS)
            poll_id = entry.get("id")
            if not isinstance(poll_id, str) or not POLL_ID.fullmatch(poll_id):
                raise self.fail("polls", i, "id" if "id" in entry else None, T(
                    "'id' must be 1-40 lower-case letters, digits or '-', e.g. \"phieu-1\"",
                    "'id' phải gồm 1-40 chữ thường không dấu, chữ số hoặc '-', ví dụ \"phieu-1\""))
            if any(p.poll_id == poll_id for p in out):
                raise self.fail("polls", i, "id", f"duplicate poll id '{poll_id}'")
            title = self.bounded("polls", i, entry, "title")
            due = self.deadline("polls", i, entry, "due")
            if due is None:
                raise self.fail("polls", i, None, T("'due' missing: a poll needs a deadline",
                                                    "thiếu 'due': phiếu lấy ý kiến cần có hạn trả lời"))
            item = entry.get("item")
            if item is not None and (not isinstance(item, int) or isinstance(item, bool)
                                     or not 1 <= item <= item_count):
                raise self.fail("polls", i, "item", f"'item' must be an item number from 1 to {item_count}")
            questions = entry.get("questions")
            if not isinstance(questions, list) or not 1 <= len(questions) <= MAX_QUESTIONS:
                raise self.fail("polls", i, "questions" if "questions" in entry else None, T(
                    f"a poll needs 1 to {MAX_QUESTIONS} [[polls.questions]]",
                    f"phiếu cần từ 1 đến {MAX_QUESTIONS} câu hỏi [[polls.questions]]"))
            out.append(Poll(poll_id, title, due, tuple(self.question(q) for q in questions), item))
        return tuple(out)

    def question(self, entry: Any) -> Question:
        # a question's line: the polls.questions table counted over the whole file
        self.question_index += 1
        index = self.question_index
        if not isinstance(entry, dict):
            raise self.fail("polls.questions", index, None, "a question must be a table")
        self.check_keys("polls.questions", index, entry, QUESTION_KEYS)
        text = self.bounded("polls.questions", index, entry, "text")
        choices = entry.get("choices", list(DEFAULT_CHOICES))
        if not isinstance(choices, list) or len(choices) > MAX_CHOICES or not all(
                isinstance(c, str) and clean_text(c) and len(c) <= MAX_TEXT for c in choices):
            raise self.fail("polls.questions", index, "choices", f"'choices' must list up to {MAX_CHOICES} texts")
        cleaned = tuple(clean_text(c) for c in choices)
        if len(set(cleaned)) != len(cleaned):
            raise self.fail("polls.questions", index, "choices", "the same choice is listed twice")
        free = entry.get("text_answer", not cleaned)
        if not isinstance(free, bool):
            raise self.fail("polls.questions", index, "text_answer", "'text_answer' must be true or false")
        if not cleaned and not free:
            raise self.fail("polls.questions", index, "choices", "a question needs choices or a written answer")
        return Question(text, cleaned, free)

    def bounded(self, table: str, index: int, entry: dict[str, Any], key: str) -> str:
        value = clean_text(self.text(table, index, entry, key))
        if len(value) > MAX_TEXT:
            raise self.fail(table, index, key, f"'{key}' is longer than {MAX_TEXT} characters")
        return value

    def level(self, index: int, entry: dict[str, Any]) -> Level | None:
        try:
            return parse_level(entry.get("level"))
        except ValueError:
            raise self.fail("items", index, "level", T(
                "'level' must be \"mat\", \"toi_mat\" or \"tuyet_mat\" (Mật, Tối mật, Tuyệt mật), or left out",
                "'level' phải là \"mat\", \"toi_mat\" hoặc \"tuyet_mat\" (Mật, Tối mật, Tuyệt mật), hoặc bỏ trống",
            )) from None

    def policy(self, raw: Any) -> Policy:
        if raw is None:
            return Policy()
        if not isinstance(raw, dict):
            raise self.fail("policy", 0, None, "[policy] must be a table")
        self.check_keys("policy", 0, raw, POLICY_KEYS)
        values: dict[str, Any] = {}
        for key, value in raw.items():
            if key == "idle_lock_minutes":
                if not isinstance(value, int) or isinstance(value, bool) or not (
                        MIN_IDLE_LOCK_MINUTES <= value <= MAX_IDLE_LOCK_MINUTES):
                    raise self.fail("policy", 0, key, T(
                        f"'{key}' must be a whole number of minutes from {MIN_IDLE_LOCK_MINUTES} to "
                        f"{MAX_IDLE_LOCK_MINUTES}",
                        f"'{key}' phải là số phút nguyên từ {MIN_IDLE_LOCK_MINUTES} đến {MAX_IDLE_LOCK_MINUTES}"))
                values[key] = value
                continue
            if key == "notes_retention_days":
                if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_RETENTION_DAYS:
                    raise self.fail("policy", 0, key, T(
                        f"'{key}' must be a whole number of days from 1 to {MAX_RETENTION_DAYS}",
                        f"'{key}' phải là số ngày nguyên từ 1 đến {MAX_RETENTION_DAYS}"))
                values[key] = value
                continue
            if not isinstance(value, bool):
                raise self.fail("policy", 0, key, f"'{key}' must be true or false")
            values[key] = value
        return Policy(**values)


def load_session(path: Path) -> SessionSpec:
    """Parse and check a ``session.toml``; raise :class:`SessionFileError` on any problem."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SessionFileError(path=str(path), line=0, detail=str(exc)) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None) or _line_from_message(str(exc))
        raise SessionFileError(path=str(path), line=line, detail=str(exc).split(" (at")[0]) from None
    return _Parser(path, text).parse(data)


def _line_from_message(message: str) -> int:
    m = re.search(r"line (\d+)", message)
    return int(m.group(1)) if m else 0
