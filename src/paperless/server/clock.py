"""The server's clock, in milliseconds since the Unix epoch.

Tests move it forward without waiting (an expired challenge, an expired token): when the
environment variable ``PAPERLESS_SERVER_CLOCK_FILE`` names a file, the number of seconds in it is
added to the time. Unset (always, in a deployment), the clock is the system's.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

CLOCK_ENV = "PAPERLESS_SERVER_CLOCK_FILE"


class Clock:
    def __init__(self, offset_file: Path | None = None) -> None:
        self._file = offset_file

    @classmethod
    def from_env(cls) -> Clock:
        name = os.environ.get(CLOCK_ENV)
        return cls(Path(name) if name else None)

    def now_ms(self) -> int:
        now = time.time()
        if self._file is not None:
            try:
                now += float(self._file.read_text("ascii").strip() or 0)
            except (OSError, ValueError):
                pass
        return int(now * 1000)
