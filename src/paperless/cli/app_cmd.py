"""The reader app from the command line: ``paperless`` (no arguments), ``paperless open``.

``paperless demo`` (see demo_cmd) also ends here, to open the demo session in the app.
"""

from __future__ import annotations

import argparse
import os
import sys
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

from paperless.cli.console import say, take_env, warn_if_outdated
from paperless.core.errors import T, UsageError
from paperless.core.identity import PublicCard, UnlockedIdentity, load_card, unlock_identity
from paperless.core.library import has_identity, identity_dir
from paperless.core.paths import data_dir


def register(sub: Any) -> None:
    p = sub.add_parser("open", help="open a session bundle in the reader app")
    p.add_argument("bundle", type=Path)
    p.add_argument("--identity", type=Path, help="your identity folder (default: the app's own)")
    p.add_argument("--trust", type=Path, action="append", default=[], metavar="CLERK",
                   help="also trust this signer for this run: identity folder or public card file")
    p.add_argument("--passphrase-env", metavar="VAR", help="read the passphrase from this environment variable")
    p.add_argument("--screenshot", type=Path, metavar="FILE.png",
                   help="save a picture of the window once the first page shows, then quit")
    p.set_defaults(func=run_open)

    c = sub.add_parser("clerk", help="the clerk's workspace: prepare, publish and follow a session")
    c.add_argument("session", type=Path, nargs="?",
                   help="a session.toml, or a folder for a new session (default: a new session in the data folder)")
    c.add_argument("--identity", type=Path, help="the clerk's identity folder (default: the app's own)")
    c.add_argument("--passphrase-env", metavar="VAR", help="read the passphrase from this environment variable")
    c.add_argument("--screenshot", type=Path, metavar="FILE.png",
                   help="save a picture of the workspace once it shows, then quit")
    c.set_defaults(func=run_clerk)


def has_display(environ: dict[str, str] | None = None) -> bool:
    env = dict(os.environ) if environ is None else environ
    if env.get("QT_QPA_PLATFORM") or not sys.platform.startswith("linux"):
        return True
    return bool(env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"))


def passphrase_from(var: str | None) -> str | None:
    return take_env(var) if var else None


def launch(*, bundle: Path | None = None, identity: Path | None = None, trust: list[PublicCard] | None = None,
           passphrase: str | None = None, screenshot: Path | None = None, clerk: bool = False,
           workspace: Path | None = None) -> int:
    """Start the app (imports Qt only now, so the other commands stay light)."""
    if screenshot is None and not has_display():
        say(T("No display is available, so the app cannot open here (use --screenshot FILE.png to render "
              "the window without a display).",
              "Không có màn hình để mở ứng dụng (dùng --screenshot TỆP.png để vẽ cửa sổ mà không cần màn hình)."))
        return 0
    early = start_unlock(identity or identity_dir(data_dir()), passphrase) if passphrase is not None else None
    from paperless.gui.app import AppOptions, run

    lang = os.environ.get("PAPERLESS_LANG") or None
    options = AppOptions(bundle=bundle, identity=identity, trust=list(trust or []), passphrase=passphrase,
                         screenshot=screenshot, language=lang, early_unlock=early, clerk=clerk, workspace=workspace)
    return run(options)


def start_unlock(folder: Path, passphrase: str) -> Future[UnlockedIdentity] | None:
    """Run scrypt (0.5-0.8 s) in a thread now, while Qt and the window load."""
    if not has_identity(folder):
        return None
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="early-unlock")
    future = pool.submit(unlock_identity, folder, passphrase, failure_delay=0)
    pool.shutdown(wait=False)
    return future


def run_app(_args: argparse.Namespace | None = None) -> int:
    """``paperless`` with no arguments."""
    return launch()


def run_open(args: argparse.Namespace) -> int:
    if not args.bundle.is_file():
        raise UsageError(detail=T(f"{args.bundle} is not a file", f"{args.bundle} không phải là tệp"))
    if args.identity is not None:
        load_card(args.identity)  # a clear error now rather than in the window
    trust = [load_card(p) for p in args.trust]
    for path, card in zip(args.trust, trust, strict=True):
        warn_if_outdated(card, path)
    return launch(bundle=args.bundle.resolve(), identity=args.identity, trust=trust,
                  passphrase=passphrase_from(args.passphrase_env), screenshot=args.screenshot)


def run_clerk(args: argparse.Namespace) -> int:
    """``paperless clerk [SESSION]``: unlock, then the workspace."""
    session: Path | None = args.session
    if session is not None:
        if session.exists() and not session.is_file() and not session.is_dir():
            raise UsageError(detail=T(f"{session} is neither a file nor a folder",
                                      f"{session} không phải là tệp hay thư mục"))
        if session.suffix == ".toml" and not session.is_file():
            raise UsageError(detail=T(f"{session} does not exist", f"{session} không tồn tại"))
        session = session.resolve()
    if args.identity is not None:
        load_card(args.identity)  # a clear error now rather than in the window
    return launch(identity=args.identity, passphrase=passphrase_from(args.passphrase_env),
                  screenshot=args.screenshot, clerk=True, workspace=session)
