"""Writing an export where the member chose: atomically, or not at all.

Exports are plaintext by the member's choice (the GUI asks where to save and warns that
the file is not protected). The bytes go to a temporary file in the same folder which
then replaces the target, so a full disk, a crash or an interruption never leaves a
half-written export (nor clobbers an older file of the same name).
"""

from __future__ import annotations

from pathlib import Path

from paperless.core.atomic import atomic_write


def write_export(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically; raises ``OutputFileError`` on failure (full disk,
    no permission, missing drive...), in which case nothing was written."""
    atomic_write(Path(path), bytes(data))
