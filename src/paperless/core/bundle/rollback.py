"""Refusing an older version of a session than one already seen on this machine."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from paperless.core.bundle.errors import RollbackError


def check_rollback(version: int, highest_seen: int | None, path: str = "") -> None:
    """Raise :class:`RollbackError` if ``version`` is older than ``highest_seen``."""
    if highest_seen is not None and version < highest_seen:
        raise RollbackError(path=path, version=version, seen=highest_seen)


class SeenVersions:
    """The highest version opened per session id, kept in a small JSON file.

    The file holds only session ids and version numbers (no titles, nothing confidential).
    """

    def __init__(self, path: Path) -> None:
        self.path = path

    def _load(self) -> dict[str, int]:
        try:
            data = json.loads(self.path.read_text("utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict):
            return {}
        return {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, int)}

    def highest(self, session_id: str) -> int | None:
        return self._load().get(session_id)

    def record(self, session_id: str, version: int) -> None:
        data = self._load()
        if data.get(session_id, 0) >= version:
            return
        data[session_id] = version
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".seen-", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(data, f, indent=1, sort_keys=True)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
