"""Written opinion polls (phiếu lấy ý kiến) and items open for comments, as the clerk describes
them in ``session.toml`` and the bundle's agenda carries them (docs/consultation.md).

* An agenda item may be **open for comments** until ``comments_due``: members comment on its
  drafts (góp ý dự thảo) and send the comments to the office.
* A **poll** (``[[polls]]``) has an id, a title, a deadline and questions; each question offers
  choices (by default Đồng ý / Không đồng ý / Ý kiến khác) and optionally a written answer.

Plain data only (no Qt, no I/O): the session parser, the agenda and the member's answers share it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from typing import Any

DEFAULT_CHOICES = ("Đồng ý", "Không đồng ý", "Ý kiến khác")
POLL_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,39}")
MAX_QUESTIONS = 50
MAX_CHOICES = 10
MAX_TEXT = 2000  # characters of a title, a question or a choice


def clean_text(value: str) -> str:
    """NFC, runs of white space made one space, trimmed: how every text here is kept."""
    return " ".join(unicodedata.normalize("NFC", value).split())


@dataclass(frozen=True)
class Question:
    text: str
    choices: tuple[str, ...] = DEFAULT_CHOICES  # may be empty: a written answer only
    text_answer: bool = False  # a written answer (ý kiến khác, explanation) may be given

    def to_obj(self) -> dict[str, Any]:
        return {"text": self.text, "choices": list(self.choices), "text_answer": self.text_answer}


@dataclass(frozen=True)
class Poll:
    poll_id: str
    title: str
    due: datetime
    questions: tuple[Question, ...]
    item: int | None = None  # the agenda item (number, from 1) the poll is about, if any

    def to_obj(self) -> dict[str, Any]:
        return {"id": self.poll_id, "title": self.title, "due": self.due.isoformat(), "item": self.item,
                "questions": [q.to_obj() for q in self.questions]}

    @classmethod
    def from_obj(cls, raw: Any) -> Poll:
        """From the agenda's JSON; ValueError if not in shape."""
        if not isinstance(raw, dict):
            raise ValueError("a poll is not an object")
        poll_id, title, due, item = raw.get("id"), raw.get("title"), raw.get("due"), raw.get("item")
        if not isinstance(poll_id, str) or not POLL_ID.fullmatch(poll_id):
            raise ValueError("bad poll id")
        if not isinstance(title, str) or not title or len(title) > MAX_TEXT:
            raise ValueError("bad poll title")
        if not isinstance(due, str):
            raise ValueError("bad poll due")
        when = datetime.fromisoformat(due)
        if when.tzinfo is None:
            raise ValueError("poll due without UTC offset")
        if item is not None and (not isinstance(item, int) or isinstance(item, bool) or item < 1):
            raise ValueError("bad poll item")
        questions = raw.get("questions")
        if not isinstance(questions, list) or not 1 <= len(questions) <= MAX_QUESTIONS:
            raise ValueError("bad poll questions")
        out = []
        for q in questions:
            if not isinstance(q, dict):
                raise ValueError("a question is not an object")
            text, choices, free = q.get("text"), q.get("choices"), q.get("text_answer")
            if not isinstance(text, str) or not text or len(text) > MAX_TEXT:
                raise ValueError("bad question text")
            if not isinstance(choices, list) or len(choices) > MAX_CHOICES or not all(
                    isinstance(c, str) and c and len(c) <= MAX_TEXT for c in choices) \
                    or len(set(choices)) != len(choices):
                raise ValueError("bad question choices")
            if not isinstance(free, bool) or (not choices and not free):
                raise ValueError("bad question text_answer")
            out.append(Question(text, tuple(choices), free))
        return cls(poll_id, title, when, tuple(out), item)


__all__ = ["DEFAULT_CHOICES", "MAX_CHOICES", "MAX_QUESTIONS", "MAX_TEXT", "POLL_ID", "Poll", "Question",
           "clean_text"]
