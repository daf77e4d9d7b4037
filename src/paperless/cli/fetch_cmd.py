"""``paperless fetch``: download the sessions and versions published for this member on the office
server, check them and add them to the library (docs/distribution-protocol.md)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from paperless.cli.console import read_passphrase, say, tr
from paperless.core.errors import T


def register(sub: Any) -> None:
    f = sub.add_parser("fetch", help="download the sessions published for you on the office server")
    f.add_argument("--identity", type=Path, required=True)
    f.add_argument("--passphrase-env", metavar="VAR")
    f.add_argument("--device-name", metavar="NAME", help="this computer's name for your devices list")
    f.set_defaults(func=fetch)


def fetch(args: argparse.Namespace) -> int:
    from paperless.core.distribution.client import Fetcher, Offer
    from paperless.core.identity import load_card, unlock_identity
    from paperless.core.library import Library
    from paperless.core.notes import NotesStore
    from paperless.core.paths import data_dir
    from paperless.core.sync import SyncEngine

    card = load_card(args.identity)
    identity = unlock_identity(args.identity, read_passphrase(args.passphrase_env, what=card.name))
    library = Library.open(data_dir(), identity)
    with NotesStore.open(library.folder, identity) as store:
        engine = SyncEngine(identity, library.folder, store, device_name=args.device_name,
                            trusted=library.trusted_signers)
        fetcher = Fetcher(library, engine.authorized)
        offers = fetcher.available()
        if not offers:
            say(T("Nothing new on the office server.", "Máy chủ văn phòng không có gì mới."))
            return 0
        interactive = sys.stderr.isatty()

        def progress_of(offer: Offer) -> Callable[[int, int], None]:
            def progress(done: int, total: int) -> None:
                if interactive:
                    print(f"\r{offer.session_id} v{offer.version}: {done * 100 // max(total, 1)}%", end="",
                          file=sys.stderr, flush=True)
            return progress

        for offer in offers:
            result = fetcher.fetch(offer, progress_of(offer))
            if interactive:
                print("\r", end="", file=sys.stderr, flush=True)
            print(tr(result.notice), flush=True)
    return 0
