"""Entry point: ``paperless`` / ``python -m paperless``.

Known errors (:class:`PaperlessError`) become one line on stderr in the user's language and
a non-zero exit code; nothing else is ever shown as a traceback to a user.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from paperless import __version__
from paperless.cli import (
    app_cmd,
    bundle_cmd,
    consultation_cmd,
    demo_cmd,
    fetch_cmd,
    identity_cmd,
    meeting_cmd,
    server_cmd,
    sync_cmd,
)
from paperless.cli.console import tr
from paperless.core.errors import PaperlessError, T
from paperless.core.isolation.launch import CHILD_FLAG
from paperless.core.isolation.sandbox import harden_app


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="paperless",
        description="Paperless: signed, encrypted session bundles for committee meetings. "
                    "Without a command, opens the reader app.",
    )
    parser.add_argument("--version", action="version", version=f"paperless {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    identity_cmd.register(sub)
    bundle_cmd.register(sub)
    demo_cmd.register(sub)
    app_cmd.register(sub)
    server_cmd.register(sub)
    sync_cmd.register(sub)
    fetch_cmd.register(sub)
    consultation_cmd.register(sub)
    meeting_cmd.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list[:1] == [CHILD_FLAG]:  # a child process (render, export) of the app: before anything else
        from paperless.core.isolation.entry import child_main

        return child_main(args_list[1:])
    harden_app()  # no core dumps, not dumpable: decrypted documents and keys are in this memory
    parser = build_parser()
    args = parser.parse_args(args_list)
    func = getattr(args, "func", None) or app_cmd.run_app  # no command: open the reader app
    try:
        result: int = func(args)
        return result
    except PaperlessError as exc:
        print(f"paperless: {exc.message()}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("\n" + tr(T("paperless: interrupted; nothing was written.",
                          "paperless: đã dừng; chưa ghi gì.")), file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 141
