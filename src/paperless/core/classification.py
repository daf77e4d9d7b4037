"""Secrecy levels of agenda items (Law 29/2018/QH14 on protecting state secrets; Law
117/2025/QH15): Mật, Tối mật, Tuyệt mật, and what the app does for each.

A level is set by the clerk on an ``[[items]]`` table of ``session.toml`` (``level = "mat"``), and
so applies to every document of that item. It travels in the encrypted agenda and, per document
entry, in the signed cleartext manifest (the mark printed on an envelope: see
docs/classification.md). The rules that follow from it are here, Qt-free, and asked by
:mod:`paperless.core.policy`:

* a document of a classified item is never copied, printed or exported (nor its text quoted in an
  exported notes file), whatever the session's ``[policy]`` says;
* its watermark is always on, and carries the level's name;
* the reader locks sooner when idle (:func:`idle_lock_minutes`);
* ``toi_mat`` and ``tuyet_mat`` documents must be recalled after the meeting (art. 17(1): "phải được
  thu hồi sau hội nghị"): :attr:`Level.recall_required`, for the server and the client wipe.
"""

from __future__ import annotations

from enum import Enum

#: the reader's idle lock when no classified document is open, and the bounds a clerk may set
DEFAULT_IDLE_LOCK_MINUTES = 15
MIN_IDLE_LOCK_MINUTES = 1
MAX_IDLE_LOCK_MINUTES = 60


class Level(Enum):
    """A secrecy level ("độ mật"), by its ``session.toml`` / manifest spelling."""

    MAT = "mat"
    TOI_MAT = "toi_mat"
    TUYET_MAT = "tuyet_mat"

    @property
    def vi(self) -> str:
        """The mark as stamped on paper documents (upper case, Vietnamese)."""
        return _VI[self]

    @property
    def en(self) -> str:
        return _EN[self]

    @property
    def recall_required(self) -> bool:
        """Art. 17(1): Tối mật and Tuyệt mật documents are recalled after the meeting."""
        return self is not Level.MAT

    @property
    def idle_lock_cap(self) -> int:
        """The longest idle time (minutes) before the reader locks while such a document is open."""
        return 5 if self is Level.MAT else 2


_VI = {Level.MAT: "MẬT", Level.TOI_MAT: "TỐI MẬT", Level.TUYET_MAT: "TUYỆT MẬT"}
_EN = {Level.MAT: "Confidential", Level.TOI_MAT: "Secret", Level.TUYET_MAT: "Top secret"}
LEVEL_NAMES = tuple(level.value for level in Level)


def parse_level(value: object) -> Level | None:
    """The level spelled ``value`` (None: unclassified); ValueError for anything else."""
    if value is None:
        return None
    if isinstance(value, str):
        for level in Level:
            if level.value == value:
                return level
    raise ValueError(f"unknown secrecy level {value!r} (use one of: {', '.join(LEVEL_NAMES)})")


def recall_required(level: Level | None) -> bool:
    return level is not None and level.recall_required


def idle_lock_minutes(session_minutes: int | None, level: Level | None) -> int:
    """Minutes without input before the reader locks: the clerk's ``idle_lock_minutes`` (default
    15), shortened to the level's cap while a classified document is open (5 for Mật, 2 for Tối
    mật and Tuyệt mật). The clerk can make it shorter, never longer than the level's cap."""
    minutes = DEFAULT_IDLE_LOCK_MINUTES if session_minutes is None else session_minutes
    minutes = min(max(minutes, MIN_IDLE_LOCK_MINUTES), MAX_IDLE_LOCK_MINUTES)
    return minutes if level is None else min(minutes, level.idle_lock_cap)
