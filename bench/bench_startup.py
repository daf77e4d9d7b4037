"""Start-up benchmark: process start to agenda on screen for a ~1 GB bundle (goal < 1.5 s).

Each run is a fresh process (QT_QPA_PLATFORM=offscreen, a fresh PAPERLESS_HOME, so the bundle
is opened "from a USB stick" as on first use). The child is ``python -c`` whose first statement
stamps ``time.perf_counter()`` (the system-wide CLOCK_MONOTONIC on Linux, comparable with the
parent's stamp taken just before the spawn); it then imports this file as a module and runs
the real command line, ``paperless.cli.main.main(["open", BUNDLE, "--identity", DIR, "--trust",
CLERK, "--passphrase-env", VAR])`` — the very path of ``paperless open`` — with timing wrappers
around the app's own functions (no copy of their logic). The clock stops when the agenda
tree's viewport has received a Paint event while it holds the session's items, at the next
turn of the event loop (the paint and the backing-store flush are done by then).

Printed per scenario (median and best of --reps), in time order since the spawn: interpreter,
imports, QApplication, services, main window, first paint of the window, unlock (scrypt +
library), import of the bundle (copy into the library, full SHA-256 verify, open: signature,
manifest, agenda decrypt, remember), delivery to the GUI thread, agenda populated, agenda
painted; then the durations of those steps. Scenarios: the bench identity (scrypt 2^12, as in
bench_bundle.py) and the same keys re-wrapped at 2^18 (what real identities use), each for a
first open and for a reopen from the library (a data folder that holds the session, opened by
a click in the library list: ``MainWindow.open_session``); with ``--other-fs DIR``, also a first
open of a copy of the bundle on another file system (no hard link: the library's copy is a copy).
Since the library's copy is made in the background after the agenda is shown, a first-open run
goes on until that copy is recorded (the clock for the agenda is not affected) and its duration
is reported; older versions of the app (copy and full verify before the agenda) run unchanged.

References measured in the same run, interleaved with the app's runs:
  * Qt floor: a fresh PySide6 process showing an empty QMainWindow, clock stopped the same
    way (first Paint + one event-loop turn): no PySide6 app can show a window faster here;
  * ``age -d`` of the agenda entry taken out of the same bundle (process start + X25519 +
    decrypt): the cryptographic work that "agenda on screen" needs, by a native tool;
  * ``cp`` and ``openssl dgst -sha256`` (``sha256sum`` if there is no openssl; coreutils'
    sha256sum may lack SHA-NI and be 4x slower) of the bundle: what the import policy (keep a
    copy, hash every entry before showing anything) costs with native tools;
  * the real ``paperless open --screenshot`` without wrappers, spawn to exit (an upper bound:
    it also renders the first page, writes the PNG and shuts down).

The children cache bytecode under the bench folder (PYTHONPYCACHEPREFIX, one warm-up run), as
an installed app has .pyc files; ``--env-bytecode`` keeps the caller's settings instead.
``--profile`` adds one run under ``python -X importtime`` (the heaviest imports) and one with
cProfile of the GUI thread (worker threads are covered by the timeline stamps).

Usage: .venv/bin/python bench/bench_startup.py [--reps 5] [--docs 200] [--doc-mb 5] [--keep DIR]
                                               [--profile] [--shot FILE.png] [--env-bytecode] [--other-fs DIR]
"""

import os
import sys
import time

T_FIRST_LINE = 0.0  # the child's first stamp, set by DRIVER_CODE before this module is imported
GOAL_S = 1.5
PASS = "bench-passphrase"
PASS_VAR = "BENCH_PASS"
DRIVER_TIMEOUT_MS = 120_000


# --------------------------------------------------------------------------------------------
# driver (the child process)
# --------------------------------------------------------------------------------------------


def _driver_app(spec: dict) -> None:
    """Run ``paperless open`` in this process; print the stamps as JSON once the agenda is painted."""
    import functools
    import json
    import threading

    stamps: dict[str, float] = {"first_line": T_FIRST_LINE}
    lock = threading.Lock()
    profiler = None
    if spec.get("cprofile"):
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()

    def stamp(name: str) -> None:
        t = time.perf_counter()
        with lock:
            if name in stamps:  # a repeated call (open_bundle runs twice): number it
                i = 2
                while f"{name}#{i}" in stamps:
                    i += 1
                name = f"{name}#{i}"
            stamps[name] = t

    def wrap(owner: object, attr: str, before: str | None, after: str | None, optional: bool = False) -> None:
        original = getattr(owner, attr, None)
        if original is None:
            if optional:  # a step that only some versions of the app have
                return
            raise SystemExit(f"bench: {getattr(owner, '__name__', owner)}.{attr} is gone; update the driver")

        @functools.wraps(original)
        def wrapper(*args: object, **kwargs: object) -> object:
            if before:
                stamp(before)
            try:
                return original(*args, **kwargs)
            finally:
                if after:
                    stamp(after)

        setattr(owner, attr, wrapper)

    import paperless.cli.main as cli_main

    stamp("cli_imported")
    import paperless.core.library.importing as importing
    import paperless.gui.app as gui_app
    import paperless.gui.dialogs.unlock as unlock_mod
    import paperless.gui.main_window as main_window  # imported by gui.app.run; counted here
    import paperless.gui.open_flow as open_flow
    import paperless.gui.startup as startup

    stamp("gui_imported")
    from PySide6.QtCore import QEvent, QObject, QTimer

    def emit(result: dict) -> None:
        if profiler is not None:
            profiler.disable()
            profiler.dump_stats(spec["cprofile"])
        sys.stdout.write(json.dumps(result) + "\n")
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(0 if result.get("ok") else 3)

    # What run() calls, looked up at call time as module attributes: wrappable from outside.
    wrap(gui_app, "create_application", "qt_app_begin", "qt_app_created")
    wrap(gui_app, "build_services", None, "services_built")
    wrap(startup, "unlock_and_load", "unlock_begin", "unlock_end")
    wrap(unlock_mod, "unlock_identity", None, "scrypt_end")
    wrap(startup.Startup, "_unlocked", "unlock_delivered", None)
    wrap(open_flow, "import_bundle", "import_begin", "import_end")
    wrap(open_flow, "reopen_session", "reopen_begin", "reopen_end")
    # before the background copy: the first open copied and hashed the whole bundle here
    wrap(importing, "_copy_in", "copy_begin", "copy_end", optional=True)
    wrap(importing, "verify_bundle", "verify_begin", "verify_end", optional=True)
    wrap(importing, "open_bundle", "open_begin", "open_end")
    wrap(open_flow.OpenFlow, "_done", "opened_delivered", None)
    # since: the library's copy is made after the agenda is shown, on a thread of its own
    wrap(open_flow, "keep_copy", "keep_begin", "keep_end", optional=True)
    if spec.get("reopen"):
        # a click on the session in the library (open_session -> OpenFlow.reopen -> reopen_session)
        # instead of opening the file named on the command line
        def open_path(self: object, _path: object) -> None:
            library = self.services.library  # type: ignore[attr-defined]
            self.open_session(library.sessions()[0].session_id)  # type: ignore[attr-defined]

        main_window.MainWindow.open_path = open_path  # type: ignore[method-assign]

    class Watch(QObject):
        """First paint of the window; the agenda viewport painted with the session's items."""

        def __init__(self, window: object) -> None:
            super().__init__()
            self.window = window
            self.done = False

        def eventFilter(self, obj: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                if obj is self.window and "window_first_paint" not in stamps:
                    stamp("window_first_paint")
                    QTimer.singleShot(0, lambda: stamp("window_painted"))
                tree = self.window.agenda.tree
                if (not self.done and obj is tree.viewport() and tree.topLevelItemCount() > 0
                        and self.window.agenda.isVisible()):
                    self.done = True
                    stamp("agenda_paint_event")
                    QTimer.singleShot(0, self.finish)
            return False

        def finish(self) -> None:
            stamp("agenda_painted")
            tree = self.window.agenda.tree
            first = tree.topLevelItem(0)
            rows_visible = first is not None and tree.visualItemRect(first).isValid()
            shot = spec.get("shot")
            if shot:
                self.window.grab().save(shot, "PNG")
            self.result = {"ok": True, "stamps": stamps, "items": tree.topLevelItemCount(),
                           "rows_visible": rows_visible}
            flow = self.window.open_flow
            if spec.get("wait_kept") and getattr(flow, "copying", False):
                return  # emitted when the library's copy is recorded (or refused)
            emit(self.result)

        def kept(self, *_args: object) -> None:
            stamp("kept_delivered")
            if hasattr(self, "result"):
                emit(self.result)

        def keep_failed(self, _sid: object, exc: object) -> None:
            emit({"ok": False, "error": f"the library's copy failed: {exc!r}", "stamps": stamps})

    original_start = startup.Startup.start

    def start(self: object) -> None:
        stamp("window_built")
        window = self._window  # type: ignore[attr-defined]
        watch = Watch(window)
        window._bench_watch = watch  # keep it alive
        window.installEventFilter(watch)
        window.agenda.tree.viewport().installEventFilter(watch)
        window.session_shown.connect(lambda: stamp("agenda_populated"))
        if hasattr(window.open_flow, "kept"):
            window.open_flow.kept.connect(watch.kept)
            window.open_flow.keep_failed.connect(watch.keep_failed)
        window.open_flow.refused.connect(lambda exc: emit({"ok": False, "error": repr(exc), "stamps": stamps}))
        window.services.tasks.failed.connect(
            lambda exc: emit({"ok": False, "error": repr(exc), "stamps": stamps}))
        QTimer.singleShot(DRIVER_TIMEOUT_MS, lambda: emit({"ok": False, "error": "timeout", "stamps": stamps}))
        original_start(self)
        stamp("start_returned")

    startup.Startup.start = start  # type: ignore[method-assign]

    code = cli_main.main(["open", spec["bundle"], "--identity", spec["identity"], "--trust", spec["trust"],
                          "--passphrase-env", PASS_VAR])
    emit({"ok": False, "error": f"the app returned {code} before the agenda was painted", "stamps": stamps})


def _driver_qt_floor(spec: dict) -> None:
    """The reference: a PySide6 process showing an empty QMainWindow, timed the same way."""
    import json

    stamps = {"first_line": T_FIRST_LINE}
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    stamps["imports"] = time.perf_counter()
    app = QApplication(sys.argv[:1])
    stamps["qt_app_created"] = time.perf_counter()
    window = QMainWindow()
    window.resize(1280, 820)

    class Watch(QObject):
        def eventFilter(self, obj: QObject, event: QEvent) -> bool:
            if obj is window and event.type() == QEvent.Type.Paint and "paint_event" not in stamps:
                stamps["paint_event"] = time.perf_counter()
                QTimer.singleShot(0, finish)
            return False

    def finish() -> None:
        stamps["painted"] = time.perf_counter()
        sys.stdout.write(json.dumps({"ok": True, "stamps": stamps}) + "\n")
        sys.stdout.flush()
        os._exit(0)

    watch = Watch()
    window.installEventFilter(watch)
    window.show()
    stamps["shown"] = time.perf_counter()
    QTimer.singleShot(spec.get("timeout_ms", DRIVER_TIMEOUT_MS), lambda: os._exit(3))
    app.exec()


# --------------------------------------------------------------------------------------------
# parent: set-up, runs, references, report
# --------------------------------------------------------------------------------------------

APP_EVENTS = {  # stamp -> what has just happened (printed in time order)
    "first_line": "interpreter up, first line of the driver",
    "cli_imported": "paperless.cli imported (PyMuPDF via bundle_cmd, cryptography)",
    "gui_imported": "paperless.gui imported (PySide6, viewer, search)",
    "qt_app_begin": "argparse, cards loaded; run() starts",
    "qt_app_created": "QApplication + fonts + icon",
    "services_built": "build_services (settings, translators, RenderWorker)",
    "window_built": "MainWindow constructed",
    "unlock_begin": "unlock starts (worker thread)",
    "start_returned": "window.show() done",
    "window_first_paint": "first Paint event of the window",
    "window_painted": "window painted (next loop turn)",
    "scrypt_end": "scrypt done (unlock_identity)",
    "unlock_end": "library state decrypted",
    "unlock_delivered": "unlock result on the GUI thread",
    "import_begin": "import_bundle starts (worker thread)",
    "reopen_begin": "reopen_session starts (worker thread; a click in the library)",
    "copy_end": "bundle copied into the library",
    "verify_end": "SHA-256 of every entry checked",
    "open_end": "open_bundle (#1) done: signature, manifest, agenda",
    "open_end#2": "renamed; open_bundle #2 (final) done",
    "import_end": "remember(): library state saved",
    "reopen_end": "remember(): library state saved",
    "opened_delivered": "opened bundle on the GUI thread",
    "keep_begin": "library's copy starts (background thread)",
    "agenda_populated": "_session_opened done (agenda filled)",
    "agenda_paint_event": "agenda viewport Paint event",
    "agenda_painted": "AGENDA ON SCREEN (next loop turn)",
    "keep_end": "library's copy made, hashed and recorded (background)",
    "kept_delivered": "copy recorded: told the GUI thread",
}
APP_DURATIONS = [  # (label, from stamp, to stamp)
    ("imports (cli + gui)", "first_line", "gui_imported"),
    ("QApplication + fonts", "qt_app_begin", "qt_app_created"),
    ("build_services", "qt_app_created", "services_built"),
    ("MainWindow constructor", "services_built", "window_built"),
    ("scrypt (unlock_identity)", "unlock_begin", "scrypt_end"),
    ("Library.open", "scrypt_end", "unlock_end"),
    ("import_bundle, all", "import_begin", "import_end"),
    ("reopen_session, all", "reopen_begin", "reopen_end"),
    ("  copy into the library", "copy_begin", "copy_end"),
    ("  verify_bundle (full SHA-256)", "verify_begin", "verify_end"),
    ("  open_bundle #1", "open_begin", "open_end"),
    ("  open_bundle #2", "open_begin#2", "open_end#2"),
    ("  remember (save state)", "open_end#2", "import_end"),
    ("  remember (save state) ", "open_end", "import_end"),
    ("library's copy (background)", "keep_begin", "keep_end"),
    ("agenda on screen -> copy kept", "agenda_painted", "keep_end"),
    ("_session_opened (GUI thread)", "opened_delivered", "agenda_populated"),
    ("populated -> painted", "agenda_populated", "agenda_painted"),
]
QT_EVENTS = {
    "first_line": "interpreter up, first line of the driver",
    "imports": "PySide6.QtWidgets imported",
    "qt_app_created": "QApplication",
    "shown": "window.show() done",
    "paint_event": "first Paint event of the window",
    "painted": "WINDOW ON SCREEN (next loop turn)",
}


def _spawn(args: list[str], env: dict[str, str]) -> dict:
    import json
    import subprocess

    t_spawn = time.perf_counter()
    out = subprocess.run([sys.executable, *args], capture_output=True, text=True, env=env, timeout=300)
    lines = [ln for ln in out.stdout.splitlines() if ln.startswith("{")]
    if not lines:
        raise SystemExit(f"bench: the driver printed nothing (exit {out.returncode}):\n{out.stderr[-3000:]}")
    result: dict = json.loads(lines[-1])
    if not result.get("ok"):
        raise SystemExit(f"bench: the driver failed: {result.get('error')}\n{out.stderr[-3000:]}")
    result["stamps"]["spawn"] = t_spawn
    result["stderr"] = out.stderr
    return result


# The child imports this file as a module (its bytecode cached like the app's) and stamps the
# clock in the first statement of ``-c``, before anything else runs.
DRIVER_CODE = ("import time; t = time.perf_counter(); import sys; sys.path.insert(0, {dir!r}); "
               "import bench_startup as b; b.T_FIRST_LINE = t; b.driver(sys.argv[1], sys.argv[2])")


def driver(mode: str, spec_json: str) -> None:
    import json

    {"app": _driver_app, "qt-floor": _driver_qt_floor}[mode](json.loads(spec_json))


def _driver_args(mode: str, spec: dict) -> list[str]:
    import json

    code = DRIVER_CODE.format(dir=os.path.dirname(os.path.abspath(__file__)))
    return ["-c", code, mode, json.dumps(spec)]


CHILD_ENV: dict[str, str | None] = {}  # set by main(): the bytecode cache of the children


def _env(home: str | None = None) -> dict[str, str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", PASS_VAR: PASS}
    env.pop("PAPERLESS_LANG", None)
    for name, value in CHILD_ENV.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    if home is not None:
        env["PAPERLESS_HOME"] = home
    return env


def run_app(bundle, identity, clerk, reps: int, shot=None, cprofile=None, home=None,  # type: ignore[no-untyped-def]
            wait_kept: bool = False, reopen: bool = False) -> list[dict]:
    """``home``: use (and keep) this data folder; else a fresh one per run. ``wait_kept``: end the
    run once the library's copy is recorded. ``reopen``: open the library's session by a click."""
    import shutil
    import tempfile

    runs = []
    for i in range(reps):
        run_home = str(home) if home is not None else tempfile.mkdtemp(prefix="bench-startup-home-")
        spec = {"bundle": str(bundle), "identity": str(identity), "trust": str(clerk), "wait_kept": wait_kept,
                "reopen": reopen}
        if shot and i == 0:
            spec["shot"] = str(shot)
        if cprofile:
            spec["cprofile"] = str(cprofile)
        try:
            runs.append(_spawn(_driver_args("app", spec), _env(run_home)))
        finally:
            if home is None:
                shutil.rmtree(run_home, ignore_errors=True)
            os.sync()  # write back the previous run's 1 GB copy before the next run starts
    return runs


def prepare_library(bundle, identity, clerk, home):  # type: ignore[no-untyped-def]
    """A data folder whose library holds the session (first open, to the end of the copy)."""
    from pathlib import Path

    [run] = run_app(bundle, identity, clerk, 1, home=home, wait_kept=True)
    copies = [p for p in (Path(home) / "bundles").glob("*.paperless") if not p.name.startswith(".")]
    if len(copies) != 1:
        raise SystemExit(f"bench: expected one bundle in the library of {home}, found {copies}")
    return copies[0], run


def run_qt_floor(reps: int) -> list[dict]:
    return [_spawn(_driver_args("qt-floor", {}), _env()) for _ in range(reps)]


def wall(cmd: list[str], reps: int, env: dict[str, str] | None = None, before=None) -> list[float]:  # type: ignore[no-untyped-def]
    import subprocess

    times = []
    for _ in range(reps):
        if before is not None:
            before()
        t = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, env=env)
        times.append(time.perf_counter() - t)
    return times


def _phase(stamps: dict[str, float], a: str, b: str) -> float | None:
    return stamps[b] - stamps[a] if a in stamps and b in stamps else None


def _med_best(values: list[float]) -> tuple[float, float]:
    import statistics

    return statistics.median(values), min(values)


def print_timeline(title: str, runs: list[dict], events: dict[str, str]) -> None:
    """Each event at its median time since spawn (in time order), and the gap from the one before."""
    print(f"\n{title}  ({len(runs)} runs; ms since spawn: median / best, +gap from the line above)")
    rows = []
    for name, label in events.items():
        ats = [r["stamps"][name] - r["stamps"]["spawn"] for r in runs if name in r["stamps"]]
        if ats:
            rows.append((*_med_best(ats), label))
    previous = 0.0
    for med, best, label in sorted(rows):
        print(f"  {med * 1e3:7.1f} / {best * 1e3:7.1f}  (+{(med - previous) * 1e3:6.1f})  {label}")
        previous = med


def print_durations(runs: list[dict], durations: list[tuple[str, str, str]]) -> None:
    print("  durations (ms, median / best):")
    for label, a, b in durations:
        vals = [v for r in runs if (v := _phase(r["stamps"], a, b)) is not None]
        if vals:
            med, best = _med_best(vals)
            print(f"    {label:<32} {med * 1e3:8.1f} / {best * 1e3:8.1f}")


def total(runs: list[dict], end: str) -> tuple[float, float]:
    return _med_best([r["stamps"][end] - r["stamps"]["spawn"] for r in runs])


def median_phase(runs: list[dict], a: str, b: str) -> float:
    return _med_best([v for r in runs if (v := _phase(r["stamps"], a, b)) is not None])[0]


# -- set-up ---------------------------------------------------------------------------------


def build_bundle(root, docs: int, doc_mb: float):  # type: ignore[no-untyped-def]
    """The ~1 GB bundle of bench_bundle.py (same helper, same sizes), built by the real CLI."""
    import subprocess
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from bench_bundle import session

    big = root / "big.paperless"
    if big.is_file() and (root / "a").is_dir():
        print(f"reusing {big}")
        return big
    t = time.perf_counter()
    spec = session(root, docs, doc_mb)
    subprocess.run([sys.executable, "-m", "paperless", "bundle", "build", str(spec), "--signer",
                    str(root / "clerk"), "--out", str(big), "--passphrase-env", PASS_VAR],
                   check=True, stdout=subprocess.DEVNULL, env=_env())
    print(f"built {big} ({big.stat().st_size / 1e6:.0f} MB) in {time.perf_counter() - t:.1f} s")
    return big


def rewrap_identity(src, dest, log_n: int) -> None:  # type: ignore[no-untyped-def]
    """The same keys as ``src`` with the passphrase wrapped at scrypt 2^log_n (real identities: 18)."""
    import shutil

    from paperless.core.age import ScryptIdentity, ScryptRecipient, decrypt_bytes, encrypt_bytes
    from paperless.core.identity.secret import SECRET_FILE

    if (dest / SECRET_FILE).is_file():
        return
    plain = decrypt_bytes([ScryptIdentity(PASS)], (src / SECRET_FILE).read_bytes())
    shutil.copytree(src, dest)
    (dest / SECRET_FILE).write_bytes(encrypt_bytes([ScryptRecipient(PASS, log_n=log_n)], plain, armor=True))


def agenda_reference(root, bundle):  # type: ignore[no-untyped-def]
    """The agenda entry as a standalone age file, and member A's key file, for ``age -d``."""
    import subprocess

    from paperless.core.bundle.manifest import AGENDA_NAME, MAX_AGENDA_BYTES
    from paperless.core.bundle.zipraw import BundleFile

    with BundleFile(bundle) as bf:
        data = bf.read(AGENDA_NAME, MAX_AGENDA_BYTES)
    agenda = root / "agenda.age"
    agenda.write_bytes(data)
    key = root / "a.key"
    secret = subprocess.run([sys.executable, "-m", "paperless", "identity", "export-secret", str(root / "a"),
                             "--passphrase-env", PASS_VAR], capture_output=True, text=True, env=_env(),
                            check=True).stdout
    key.write_text(secret)
    key.chmod(0o600)
    return agenda, key, len(data)


def scrypt_log_n(identity) -> int:  # type: ignore[no-untyped-def]
    from paperless.core.identity.secret import SECRET_FILE

    text = (identity / SECRET_FILE).read_bytes()
    import base64
    import re

    body = b"".join(ln for ln in text.splitlines() if not ln.startswith(b"-----"))
    m = re.search(rb"-> scrypt \S+ (\d+)", base64.b64decode(body))
    return int(m.group(1)) if m else -1


# -- profiling ------------------------------------------------------------------------------


def profile(bundle, identity, clerk, root) -> None:  # type: ignore[no-untyped-def]
    import pstats
    import re
    import shutil
    import subprocess
    import tempfile

    print("\n== profile: python -X importtime (one run; self/cumulative ms of the heaviest imports) ==")
    home = tempfile.mkdtemp(prefix="bench-startup-home-")
    spec = {"bundle": str(bundle), "identity": str(identity), "trust": str(clerk)}
    try:
        out = subprocess.run([sys.executable, "-X", "importtime", *_driver_args("app", spec)], capture_output=True,
                             text=True, env=_env(home), timeout=300)
    finally:
        shutil.rmtree(home, ignore_errors=True)
        os.sync()
    rows = []
    for ln in out.stderr.splitlines():
        m = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)", ln)
        if m:
            rows.append((int(m.group(2)), int(m.group(1)), len(m.group(3)) // 2, m.group(4)))
    top_level = [r for r in rows if r[2] == 0]
    print(f"  all imports: {sum(r[0] for r in top_level) / 1e3:.0f} ms cumulative (top-level sum)")
    interesting = ("PySide6", "pymupdf", "fitz", "cryptography", "paperless")
    shown = 0
    for cum, own, depth, name in sorted(rows, key=lambda r: -r[0]):
        if depth <= 3 and name.split(".")[0] in interesting and cum >= 5000:
            print(f"  {cum / 1e3:7.1f} ms cumulative {own / 1e3:6.1f} self  {'  ' * depth}{name}")
            shown += 1
            if shown >= 30:
                break
    big_self = sorted(rows, key=lambda r: -r[1])[:10]
    print("  largest self times:", ", ".join(f"{n} {own / 1e3:.0f} ms" for _c, own, _d, n in big_self))

    print("\n== profile: cProfile of the GUI thread (one run; top by cumulative time) ==")
    stats_file = root / "startup.pstats"
    run_app(bundle, identity, clerk, 1, cprofile=stats_file)
    st = pstats.Stats(str(stats_file))
    st.sort_stats("cumulative").print_stats(r"paperless|PySide6|pymupdf", 30)
    st.sort_stats("tottime").print_stats(10)
    print(f"  (stats kept in {stats_file}; open with python -m pstats)")


# -- main -----------------------------------------------------------------------------------


def main() -> None:
    import argparse
    import shutil
    import statistics
    import tempfile
    from pathlib import Path

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--docs", type=int, default=200)
    ap.add_argument("--doc-mb", type=float, default=5.0)
    ap.add_argument("--keep", type=Path, help="build (or reuse) the bundle here and keep it")
    ap.add_argument("--profile", action="store_true", help="also -X importtime and cProfile one run")
    ap.add_argument("--shot", type=Path, help="save the window as it was when the clock stopped (first run)")
    ap.add_argument("--other-fs", type=Path, metavar="DIR",
                    help="also open a copy of the bundle put in DIR, on another file system than the data "
                         "folder (e.g. /dev/shm): no hard link, the library's copy is a real copy (a USB stick)")
    ap.add_argument("--env-bytecode", action="store_true",
                    help="keep the caller's bytecode settings (with PYTHONDONTWRITEBYTECODE=1 and no .pyc "
                         "in src/, paperless's modules are compiled on every start); default: the children "
                         "cache bytecode under the bench folder (PYTHONPYCACHEPREFIX), like an installed app")
    args = ap.parse_args()
    if "CLOCK_MONOTONIC" not in time.get_clock_info("perf_counter").implementation and sys.platform == "linux":
        raise SystemExit("bench: perf_counter is not CLOCK_MONOTONIC here; cross-process stamps would be wrong")
    root = (args.keep or Path(tempfile.mkdtemp(prefix="bench-startup-"))).resolve()
    root.mkdir(parents=True, exist_ok=True)
    if not args.env_bytecode:
        CHILD_ENV.update({"PYTHONDONTWRITEBYTECODE": None, "PYTHONPYCACHEPREFIX": str(root / "pycache")})
    age = shutil.which("age")
    openssl = shutil.which("openssl")
    hash_cmd = [openssl, "dgst", "-sha256"] if openssl else ["sha256sum"]
    try:
        bundle = build_bundle(root, args.docs, args.doc_mb)
        rewrap_identity(root / "a", root / "a18", 18)
        clerk = root / "clerk"
        size_gb = bundle.stat().st_size / 1e9
        print(f"machine: {os.uname().machine}, {os.cpu_count()} cpus, load average {os.getloadavg()[0]:.2f}; "
              f"python {sys.version.split()[0]}; bundle {size_gb:.2f} GB, {args.docs} documents; page cache warm; "
              f"bytecode: {'as in the environment' if args.env_bytecode else 'cached (PYTHONPYCACHEPREFIX)'}")
        wall(["cat", str(bundle)], 1)  # the bundle in the page cache, as right after building it
        run_qt_floor(1)  # warm-up: bytecode cache, shared libraries in the page cache
        run_app(bundle, root / "a", clerk, 1)

        copy_dest = root / "copy.paperless"

        def drop_copy() -> None:
            copy_dest.unlink(missing_ok=True)
            os.sync()

        # interleaved, so that drift (other load, disk write-back) hits every series alike
        floor_runs: list[dict] = []
        app12: list[dict] = []
        app18: list[dict] = []
        t_cp: list[float] = []
        t_hash: list[float] = []
        for i in range(args.reps):
            floor_runs += run_qt_floor(1)
            app12 += run_app(bundle, root / "a", clerk, 1, shot=args.shot if i == 0 else None, wait_kept=True)
            app18 += run_app(bundle, root / "a18", clerk, 1, wait_kept=True)
            t_cp += wall(["cp", str(bundle), str(copy_dest)], 1, before=drop_copy)
            t_hash += wall([*hash_cmd, str(copy_dest)], 1)
            drop_copy()
            print(f"  run {i + 1}/{args.reps}: empty window {total(floor_runs[-1:], 'painted')[0] * 1e3:.0f} ms, "
                  f"app 2^12 {total(app12[-1:], 'agenda_painted')[0] * 1e3:.0f} ms, "
                  f"app 2^18 {total(app18[-1:], 'agenda_painted')[0] * 1e3:.0f} ms, "
                  f"cp {t_cp[-1] * 1e3:.0f} ms, {Path(hash_cmd[0]).name} {t_hash[-1] * 1e3:.0f} ms "
                  f"(load {os.getloadavg()[0]:.2f})", flush=True)

        # reopening the session from the library (a click in the list), in a data folder that holds it
        library_home = root / "library-home"
        shutil.rmtree(library_home, ignore_errors=True)
        library_home.mkdir()
        library_copy, _first = prepare_library(bundle, root / "a", clerk, library_home)
        re12: list[dict] = []
        re18: list[dict] = []
        for i in range(args.reps):
            re12 += run_app(library_copy, root / "a", clerk, 1, home=library_home, reopen=True)
            re18 += run_app(library_copy, root / "a18", clerk, 1, home=library_home, reopen=True)
            print(f"  reopen {i + 1}/{args.reps}: app 2^12 {total(re12[-1:], 'agenda_painted')[0] * 1e3:.0f} ms, "
                  f"app 2^18 {total(re18[-1:], 'agenda_painted')[0] * 1e3:.0f} ms", flush=True)
        shutil.rmtree(library_home, ignore_errors=True)

        other: list[dict] = []
        if args.other_fs is not None:
            far = args.other_fs.resolve() / "bench-startup-far.paperless"
            shutil.copyfile(bundle, far)
            try:
                for i in range(args.reps):
                    other += run_app(far, root / "a18", clerk, 1, wait_kept=True)
                    print(f"  from {args.other_fs} {i + 1}/{args.reps}: app 2^18 "
                          f"{total(other[-1:], 'agenda_painted')[0] * 1e3:.0f} ms", flush=True)
            finally:
                far.unlink(missing_ok=True)

        print_timeline("Reference: empty QMainWindow (PySide6 floor)", floor_runs, QT_EVENTS)
        series = [(app12, root / "a", "paperless open (first open)"), (app18, root / "a18", "paperless open (first open)"),
                  (re12, root / "a", "reopen from the library"), (re18, root / "a18", "reopen from the library")]
        if other:
            series.append((other, root / "a18", f"first open from {args.other_fs} (no hard link)"))
        for runs, ident, what in series:
            print_timeline(f"{what}, {size_gb:.2f} GB bundle, identity scrypt 2^{scrypt_log_n(ident)}",
                           runs, APP_EVENTS)
            print_durations(runs, APP_DURATIONS)
            bad = [r for r in runs if not r.get("rows_visible") or not r.get("items")]
            if bad:
                print(f"  WARNING: {len(bad)} run(s) stopped without visible agenda rows")

        # cross-check without any wrapper: the real command line, to its exit (it also waits for the
        # first page to render, writes the PNG and shuts down, so this is an upper bound)
        t_cli: list[float] = []
        for _ in range(min(args.reps, 3)):
            home = tempfile.mkdtemp(prefix="bench-startup-home-")
            try:
                t_cli += wall([sys.executable, "-m", "paperless", "open", str(bundle), "--identity",
                               str(root / "a18"), "--trust", str(clerk), "--passphrase-env", PASS_VAR,
                               "--screenshot", str(root / "cli.png")], 1, env=_env(home))
            finally:
                shutil.rmtree(home, ignore_errors=True)
                os.sync()

        agenda, key, agenda_bytes = agenda_reference(root, bundle)
        t_age = wall([age, "-d", "-i", str(key), "-o", os.devnull, str(agenda)], 2 * args.reps) if age else []
        t_floor = total(floor_runs, "painted")
        print("\nReferences (same run; ms median / best):")
        print(f"  empty QMainWindow, spawn -> painted       {t_floor[0] * 1e3:8.1f} / {t_floor[1] * 1e3:8.1f}")
        if t_age:
            m, b = _med_best(t_age)
            print(f"  age -d of the agenda entry ({agenda_bytes} B)   {m * 1e3:8.1f} / {b * 1e3:8.1f}")
        cp, hsh = _med_best(t_cp), _med_best(t_hash)
        print(f"  cp of the {size_gb:.2f} GB bundle                 {cp[0] * 1e3:8.1f} / {cp[1] * 1e3:8.1f}")
        print(f"  {' '.join(Path(c).name for c in hash_cmd):<24} of the copy     {hsh[0] * 1e3:8.1f} / {hsh[1] * 1e3:8.1f}")

        m, b = _med_best(t_cli)
        print(f"  cross-check: real `paperless open --screenshot` (2^18), spawn -> exit, no wrappers: "
              f"{m * 1e3:.0f} / {b * 1e3:.0f} (includes first page, PNG, shutdown)")

        print(f"\nSummary: process start -> agenda on screen, {size_gb:.2f} GB bundle (goal < {GOAL_S:.1f} s)")
        floor_plus_age = t_floor[0] + (statistics.median(t_age) if t_age else 0.0)
        policy_floor = floor_plus_age + cp[0] + hsh[0]
        rows = [("first open, scrypt 2^12 (bench identity)", app12), ("first open, scrypt 2^18 (real identity)", app18),
                ("reopen, scrypt 2^12 (bench identity)", re12), ("reopen, scrypt 2^18 (real identity)", re18)]
        if other:
            rows.append((f"first open from {args.other_fs}, 2^18", other))
        for name, runs in rows:
            t = total(runs, "agenda_painted")
            verdict = "MET" if t[0] < GOAL_S else "NOT MET"
            print(f"  {name:<42} median {t[0]:6.3f} s, best {t[1]:6.3f} s -> goal {verdict}")
            print(f"    ratio to: empty QMainWindow {t[0] / t_floor[0]:5.1f}x; Qt floor + age -d agenda "
                  f"{t[0] / floor_plus_age:5.1f}x; Qt floor + age + cp + {Path(hash_cmd[0]).name} "
                  f"{t[0] / policy_floor:5.2f}x")
            if any("scrypt_end" in r["stamps"] for r in runs):
                scrypt = median_phase(runs, "unlock_begin", "scrypt_end")
                print(f"    scrypt (unlock): median {scrypt:6.3f} s ({scrypt / t[0] * 100:.0f}% of the total, "
                      f"{scrypt / GOAL_S * 100:.0f}% of the {GOAL_S:.1f} s budget)")
            else:
                print("    scrypt (unlock): runs in a thread from process start (cli/app_cmd.start_unlock), "
                      "overlapping imports and the window")
            if any("verify_end" in r["stamps"] for r in runs):
                copy_verify = median_phase(runs, "import_begin", "verify_end")
                print(f"    copy + full verify inside import_bundle: median {copy_verify:6.3f} s "
                      f"({copy_verify / t[0] * 100:.0f}% of the total); the rest: ~{t[0] - copy_verify:6.3f} s")
            if any("keep_end" in r["stamps"] for r in runs):
                keep = median_phase(runs, "keep_begin", "keep_end")
                after = median_phase(runs, "agenda_painted", "keep_end")
                print(f"    library's copy in the background: median {keep:6.3f} s, recorded {after:6.3f} s "
                      f"after the agenda was on screen")
        if args.profile:
            profile(bundle, root / "a18", clerk, root)
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
