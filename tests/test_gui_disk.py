"""Nothing decrypted reaches the disk, and the demo screenshot shows a rendered page.

The whole app runs in a subprocess whose data, cache, config and temporary folders all
point into one fresh folder; it opens the demo bundle, reads every document, searches,
scrolls and quits. Then every file under that folder is scanned for a marker and phrases
that exist only inside the documents and the (encrypted) agenda.
"""

from __future__ import annotations

import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from paperless.demo.factory import DEFAULT_MARKER, DEMO_PASSPHRASE, DemoSetup, set_up_demo

pytestmark = pytest.mark.slow
TESTS = Path(__file__).resolve().parent
SECRETS = (
    DEFAULT_MARKER,  # in every demo document (page text and metadata)
    "Quy chế làm việc của Ban Chấp hành Đảng bộ tỉnh",  # inside the report
    "Hội nghị Ban Thường vụ Tỉnh ủy — phiên thứ 12",  # the session title (agenda, library)
    "Đề án số 37-ĐA/BTCTU",  # a document title
)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> DemoSetup:
    return set_up_demo(tmp_path_factory.mktemp("demo-source"), log_n=10)


def _isolated_env(root: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "PAPERLESS_"))}
    for name in ("home", "cache", "data", "config", "tmp", "runtime"):
        (root / name).mkdir(parents=True, exist_ok=True)
    runtime = root / "runtime"
    runtime.chmod(0o700)
    env.update({
        "PAPERLESS_HOME": str(root / "home"), "XDG_CACHE_HOME": str(root / "cache"),
        "XDG_DATA_HOME": str(root / "data"), "XDG_CONFIG_HOME": str(root / "config"),
        "XDG_RUNTIME_DIR": str(runtime), "TMPDIR": str(root / "tmp"), "TMP": str(root / "tmp"),
        "TEMP": str(root / "tmp"), "HOME": str(root / "home"), "QT_QPA_PLATFORM": "offscreen",
        "PYTHONPATH": os.pathsep.join([str(TESTS), env.get("PYTHONPATH", "")]),
        "PYTHONDONTWRITEBYTECODE": "1",
    })
    return env


def _needles() -> list[tuple[str, bytes]]:
    out = []
    for text in SECRETS:
        for form in ("NFC", "NFD"):
            value = unicodedata.normalize(form, text)
            for enc in ("utf-8", "utf-16-le", "utf-16-be"):
                out.append((f"{text!r} {form} {enc}", value.encode(enc)))
    return out


def test_no_plaintext_reaches_the_disk(demo: DemoSetup, tmp_path: Path) -> None:
    root = tmp_path / "machine"
    code = ("import sys, gui_helpers; gui_helpers.drive_demo_session(*sys.argv[1:])")
    result = subprocess.run(
        [sys.executable, "-c", code, str(demo.bundle), str(demo.members["Nguyễn Văn An"]), str(demo.clerk),
         DEMO_PASSPHRASE],
        env=_isolated_env(root), capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert sum(1 for ln in lines if ln.startswith("read ")) == 6, lines  # every document, incl. the restricted one
    assert int(next(ln for ln in lines if ln.startswith("indexed ")).split()[1]) > 100
    assert int(next(ln for ln in lines if ln.startswith("hits ")).split()[1]) > 0
    assert lines[-1] == "closed"

    files = [p for p in root.rglob("*") if p.is_file()]
    names = {p.name for p in files}
    assert "state.age" in names and "settings.ini" in names  # the scan looks at real output
    assert any(p.suffix == ".paperless" for p in files)
    hits = []
    for path in files:
        data = path.read_bytes()
        hits += [f"{path.relative_to(root)}: {label}" for label, needle in _needles() if needle in data]
    assert hits == []
    assert not list((root / "tmp").rglob("*")), "nothing may be left in the temporary folder"


def test_demo_screenshot_shows_a_rendered_page(tmp_path: Path) -> None:
    out = tmp_path / "shot.png"
    env = _isolated_env(tmp_path / "machine")
    env["PAPERLESS_LANG"] = "vi"
    result = subprocess.run([sys.executable, "-m", "paperless", "demo", "--screenshot", str(out)],
                            env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    image = QImage(str(out))
    assert not image.isNull() and image.width() >= 1000 and image.height() >= 700
    dark = light = total = 0
    # The page area: right of the agenda, below the toolbar.
    for x in range(image.width() * 35 // 100, image.width() * 95 // 100, 3):
        for y in range(image.height() * 15 // 100, image.height() * 90 // 100, 3):
            gray = image.pixelColor(x, y).lightness()
            total += 1
            dark += gray < 90
            light += gray > 235
    assert light / total > 0.4, "a white page"
    assert dark / total > 0.01, "with text on it"
