"""Refusing an older version of a session than one already seen on this machine.

The versions seen are kept in the member's sealed library (``paperless.core.library``).
"""

from __future__ import annotations

from paperless.core.bundle.errors import RollbackError


def check_rollback(version: int, highest_seen: int | None, path: str = "") -> None:
    """Raise :class:`RollbackError` if ``version`` is older than ``highest_seen``."""
    if highest_seen is not None and version < highest_seen:
        raise RollbackError(path=path, version=version, seen=highest_seen)
