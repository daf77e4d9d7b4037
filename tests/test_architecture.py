"""The core stays free of Qt and of the demo: checked on the source and on a real import.
Tests and benchmarks reach the demo only through its public fixture factory."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORE = ROOT / "src" / "paperless" / "core"
FORBIDDEN = ("PySide6", "shiboken6", "PyQt5", "PyQt6", "paperless.gui")


def _imports(path: Path) -> list[str]:
    names: list[str] = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
    return names


def test_core_sources_import_no_qt() -> None:
    files = sorted(CORE.rglob("*.py"))
    assert len(files) > 10
    offenders = [
        f"{f.relative_to(CORE)}: {name}"
        for f in files
        for name in _imports(f)
        if name.split(".")[0] in FORBIDDEN or name.startswith("paperless.gui")
    ]
    assert offenders == []


def test_importing_all_of_core_loads_no_qt() -> None:
    code = (
        "import sys, pkgutil, importlib, paperless.core as c\n"
        "for m in pkgutil.walk_packages(c.__path__, 'paperless.core.'):\n"
        "    importlib.import_module(m.name)\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'PyQt5', 'PyQt6')]\n"
        "bad += [m for m in sys.modules if m == 'paperless.demo' or m.startswith('paperless.demo.')]\n"
        "print(len([m for m in sys.modules if m.startswith('paperless.core')]), bad)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    count, bad = out.split(" ", 1)
    assert int(count) > 10
    assert bad.strip() == "[]"


def test_the_clerk_s_workspace_model_is_core_and_loads_no_qt() -> None:
    """The clerk's workspace (issue 13): its model is in core, so the checks above cover it; the GUI
    comes on top of it, never inside it."""
    assert (CORE / "clerk" / "draft.py").is_file()
    code = ("import sys, paperless.core.clerk\n"
            "print([m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'PyQt5', 'PyQt6')"
            " or m.startswith(('paperless.gui', 'paperless.demo'))])\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_core_sources_do_not_import_the_demo() -> None:
    offenders = [
        f"{f.relative_to(CORE)}: {name}"
        for f in sorted(CORE.rglob("*.py"))
        for name in _imports(f)
        if name == "paperless.demo" or name.startswith("paperless.demo.")
    ]
    assert offenders == []


def test_the_demo_is_not_in_core() -> None:
    """The demo (its typesetter and texts) is a package beside core, its texts are data."""
    in_core = [p.relative_to(CORE) for p in CORE.rglob("*") if "demo" in p.name.lower()]
    assert in_core == []
    demo = ROOT / "src" / "paperless" / "demo"
    assert (demo / "__init__.py").is_file() and (demo / "factory.py").is_file()
    data = sorted(p.name for p in (ROOT / "resources" / "demo").glob("*.toml"))
    assert {"meeting.toml", "report.toml", "plan.toml", "personnel.toml"} <= set(data)


def _words_in_code(path: Path) -> list[str]:
    """The string literals of a module that hold non-ASCII letters, docstrings left out."""
    tree = ast.parse(path.read_text("utf-8"), str(path))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
        and any(ch.isalpha() and not ch.isascii() for ch in node.value)
    ]


def test_the_demo_s_texts_are_data() -> None:
    """Every Vietnamese word the demo prints comes from resources/demo, none from its code."""
    sources = sorted((ROOT / "src" / "paperless" / "demo").glob("*.py"))
    assert len(sources) > 5
    assert {f.name: words for f in sources if (words := _words_in_code(f))} == {}


def test_the_texts_check_catches_a_vietnamese_literal(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text('"""Tài liệu: a docstring may say it."""\nTITLE = "Báo cáo"\nCODE = "BTV12"\n', "utf-8")
    assert _words_in_code(bad) == ["Báo cáo"]


def test_tests_and_benchmarks_use_only_the_demo_s_public_factory() -> None:
    offenders = []
    for f in sorted([*(ROOT / "tests").glob("*.py"), *(ROOT / "bench").glob("*.py")]):
        for node in ast.walk(ast.parse(f.read_text("utf-8"), str(f))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("paperless.demo"):
                if node.module != "paperless.demo.factory":
                    offenders.append(f"{f.name}: from {node.module}")
                offenders += [f"{f.name}: {a.name}" for a in node.names if a.name.startswith("_")]
            elif isinstance(node, ast.Import):
                offenders += [f"{f.name}: import {a.name}" for a in node.names if a.name.startswith("paperless.demo")]
    assert offenders == []


def test_the_check_itself_catches_a_qt_import(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("from PySide6.QtCore import QObject\nimport os\n")
    assert "PySide6.QtCore" in _imports(bad)


# -- the office server: Qt-free and PyMuPDF-free; the reader never imports it ----------------------------
SERVER = ROOT / "src" / "paperless" / "server"
READER = (ROOT / "src" / "paperless" / "core", ROOT / "src" / "paperless" / "gui")
SERVER_FORBIDDEN = ("PySide6", "shiboken6", "PyQt5", "PyQt6", "pymupdf", "fitz")


def test_the_server_sources_import_no_qt_and_no_pymupdf() -> None:
    files = sorted(SERVER.rglob("*.py"))
    assert len(files) > 5
    offenders = [
        f"{f.relative_to(SERVER)}: {name}"
        for f in files
        for name in _imports(f)
        if name.split(".")[0] in SERVER_FORBIDDEN or name.startswith(("paperless.gui", "paperless.demo"))
    ]
    assert offenders == []


def test_importing_the_server_and_making_its_app_loads_no_qt_and_no_pymupdf(tmp_path: Path) -> None:
    code = (
        "import sys, pkgutil, importlib, pathlib, paperless.server as s\n"
        "for m in pkgutil.walk_packages(s.__path__, 'paperless.server.'):\n"
        "    if '.migrations' not in m.name:\n"
        "        importlib.import_module(m.name)\n"
        "from paperless.server.api import create_app, wrap\n"
        "from paperless.server.config import ServerConfig\n"
        f"wrap(create_app(ServerConfig(pathlib.Path({str(tmp_path)!r}), 'https://127.0.0.1:8443', 'x', ''), migrate=True))\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in " + repr(SERVER_FORBIDDEN) + "]\n"
        "bad += [m for m in sys.modules if m.startswith(('paperless.gui', 'paperless.demo'))]\n"
        "print(len([m for m in sys.modules if m.startswith('paperless.server')]), bad)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    count, bad = out.split(" ", 1)
    assert int(count) > 5
    assert bad.strip() == "[]"


def test_the_reader_never_imports_the_server() -> None:
    offenders = [
        f"{f.relative_to(ROOT)}: {name}"
        for folder in READER
        for f in sorted(folder.rglob("*.py"))
        for name in _imports(f)
        if name == "paperless.server" or name.startswith("paperless.server.")
        or name.split(".")[0] in ("fastapi", "starlette", "uvicorn", "alembic", "psycopg", "httpx")
    ]
    assert offenders == []


def test_the_cli_loads_the_server_only_inside_its_commands() -> None:
    """``paperless`` (the reader's entry point) parses its arguments without importing the server."""
    code = (
        "import sys\n"
        "from paperless.cli.main import build_parser\n"
        "build_parser().parse_args(['server', 'members', '/nonexistent'])\n"
        "print([m for m in sys.modules if m.startswith('paperless.server') or m.split('.')[0] in "
        "('fastapi', 'uvicorn', 'alembic', 'psycopg', 'starlette')])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_the_main_window_loads_no_database_library_before_the_notes_open() -> None:
    """Start-up stays quick: SQLAlchemy (the notes store, the sync engine) loads on the database lane
    with the member's notes, not when the window is built (sync's GUI imports only light modules)."""
    code = ("import sys, paperless.gui.main_window\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'sqlalchemy' or m in "
            "('paperless.core.notes.store', 'paperless.core.sync.engine'))[:3])\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


# -- the office's documents (paperless.office): Qt-free and PyMuPDF-free; the reader never imports them --------
OFFICE = ROOT / "src" / "paperless" / "office"
OFFICE_LIBRARIES = ("docx", "openpyxl", "lxml", "et_xmlfile")


def test_the_office_sources_import_no_qt_and_no_pymupdf() -> None:
    files = sorted(OFFICE.rglob("*.py"))
    assert len(files) >= 2
    offenders = [
        f"{f.relative_to(OFFICE)}: {name}"
        for f in files
        for name in _imports(f)
        if name.split(".")[0] in SERVER_FORBIDDEN or name.startswith(("paperless.gui", "paperless.demo",
                                                                       "paperless.server"))
    ]
    assert offenders == []


def test_writing_the_office_s_tables_loads_no_qt_and_no_pymupdf(tmp_path: Path) -> None:
    code = (
        "import sys, pathlib\n"
        "from paperless.office.consolidation import CommentRow, Consolidation, DraftTable, write_table\n"
        "row = CommentRow('Điều 1', (1,), 'Điều 1', 'a', 'b', 'Đ/c A', False)\n"
        "c = Consolidation('VĂN PHÒNG', 'Vân Sơn', 'x', ('Đ/c A',), (), ('Đ/c A',), (), (DraftTable('D', (row,)),))\n"
        f"for name in ('t.docx', 't.xlsx'): write_table(c, pathlib.Path({str(tmp_path)!r}) / name)\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in " + repr(SERVER_FORBIDDEN) + "]\n"
        "bad += [m for m in sys.modules if m.startswith(('paperless.gui', 'paperless.demo', 'paperless.server'))]\n"
        "print(len([m for m in sys.modules if m.split('.')[0] in ('docx', 'openpyxl')]), bad)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    count, bad = out.split(" ", 1)
    assert int(count) > 5  # the writers did run
    assert bad.strip() == "[]"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.docx", "t.xlsx"]


CLERK_GUI = ROOT / "src" / "paperless" / "gui" / "clerk"


def test_the_reader_never_imports_the_office() -> None:
    offenders = [
        f"{f.relative_to(ROOT)}: {name}"
        for folder in READER
        for f in sorted(folder.rglob("*.py"))
        for name in _imports(f)
        if ((name == "paperless.office" or name.startswith("paperless.office.")) and CLERK_GUI not in f.parents)
        or name.split(".")[0] in OFFICE_LIBRARIES
    ]
    assert offenders == []


def _module_level_imports(path: Path) -> list[str]:
    """Imports run when the module is imported: not inside a function, nor under ``if TYPE_CHECKING``."""
    names: list[str] = []

    def visit(nodes: list[ast.stmt]) -> None:
        for node in nodes:
            if isinstance(node, ast.Import):
                names.extend(a.name for a in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module:
                names.append(node.module)
            elif isinstance(node, ast.If) and not (isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING"):
                visit(node.body)
                visit(node.orelse)
            elif isinstance(node, ast.ClassDef):
                visit(node.body)
            elif isinstance(node, (ast.Try, ast.With)):
                visit(node.body)

    visit(ast.parse(path.read_text("utf-8"), str(path)).body)
    return names


def test_the_clerk_workspace_imports_the_office_only_when_it_uses_it() -> None:
    """The clerk's pages reach paperless.office (not in the frozen reader: build.spec excludes it) only
    inside the functions that need it, so the app starts, and says what to install, without it."""
    files = sorted(CLERK_GUI.rglob("*.py"))
    assert files
    offenders = [f"{f.relative_to(ROOT)}: {name}" for f in files for name in _module_level_imports(f)
                 if name == "paperless.office" or name.startswith("paperless.office.")]
    assert offenders == []
