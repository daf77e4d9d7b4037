"""Nothing the member writes reaches the disk in plaintext (issue 4, "the plaintext scan test
from the reader issue covers notes too").

As tests/test_gui_disk.py does for reading, the whole app runs in a subprocess whose data,
cache, config and temporary folders all point into one fresh folder. It opens the demo
bundle, writes a private item note (typed), a highlight and a sticky note and a bookmark
label, each holding a marker, and quits without pausing; then starts again and reads them
back (so they were saved). Every file under that folder is then scanned for the marker and
the phrases, in NFC and NFD, UTF-8 and UTF-16.
"""

from __future__ import annotations

import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from paperless.core.notes import DB_FILE
from paperless.demo.factory import DEFAULT_MARKER, DEMO_PASSPHRASE, DemoSetup, set_up_demo

pytestmark = pytest.mark.slow
TESTS = Path(__file__).resolve().parent
MARKER = "GHI-CHÚ-BÍ-MẬT-5521"
SECRETS = (
    MARKER,
    f"Ghi chú riêng: {MARKER}",  # the item note, as typed
    f"trích dẫn {MARKER}",  # a highlight's quote
    f"ý kiến {MARKER}",  # a sticky note
    f"nhãn {MARKER}",  # a bookmark label
    DEFAULT_MARKER,  # in every demo document
    "Hội nghị Ban Thường vụ Tỉnh ủy — phiên thứ 12",
)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> DemoSetup:
    return set_up_demo(tmp_path_factory.mktemp("demo-source"), log_n=10)


def _isolated_env(root: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "PAPERLESS_"))}
    for name in ("home", "cache", "data", "config", "tmp", "runtime"):
        (root / name).mkdir(parents=True, exist_ok=True)
    (root / "runtime").chmod(0o700)
    env.update({
        "PAPERLESS_HOME": str(root / "home"), "XDG_CACHE_HOME": str(root / "cache"),
        "XDG_DATA_HOME": str(root / "data"), "XDG_CONFIG_HOME": str(root / "config"),
        "XDG_RUNTIME_DIR": str(root / "runtime"), "TMPDIR": str(root / "tmp"), "TMP": str(root / "tmp"),
        "TEMP": str(root / "tmp"), "HOME": str(root / "home"), "QT_QPA_PLATFORM": "offscreen",
        "PYTHONPATH": os.pathsep.join([str(TESTS), env.get("PYTHONPATH", "")]),
        "PYTHONDONTWRITEBYTECODE": "1",
    })
    return env


def _needles() -> list[tuple[str, bytes]]:
    return [(f"{text!r} {form} {enc}", unicodedata.normalize(form, text).encode(enc))
            for text in SECRETS for form in ("NFC", "NFD") for enc in ("utf-8", "utf-16-le", "utf-16-be")]


def test_notes_leave_no_plaintext_on_disk(demo: DemoSetup, tmp_path: Path) -> None:
    root = tmp_path / "machine"
    code = "import sys, notes_gui_helpers; notes_gui_helpers.drive_notes_session(*sys.argv[1:])"
    result = subprocess.run(
        [sys.executable, "-c", code, str(demo.bundle), str(demo.members["Nguyễn Văn An"]), str(demo.clerk),
         DEMO_PASSPHRASE, MARKER],
        env=_isolated_env(root), capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "closed" in lines and lines[-1] == "reopened", lines
    assert f"note Ghi chú riêng: {MARKER}" in lines  # typed, then quit at once: saved
    assert "annotations 2" in lines
    assert f"bookmarks ['nhãn {MARKER}']" in lines

    files = [p for p in root.rglob("*") if p.is_file()]
    assert DB_FILE in {p.name for p in files}  # the scan looks at the real notes database
    hits = []
    for path in files:
        data = path.read_bytes()
        hits += [f"{path.relative_to(root)}: {label}" for label, needle in _needles() if needle in data]
    assert hits == []
    assert not list((root / "tmp").rglob("*")), "nothing may be left in the temporary folder"
