"""``paperless demo``: set up demo identities, documents and a verified bundle, then open it in
the app as the first member (unlocked with the demo passphrase)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from paperless.cli.console import say
from paperless.core.errors import T
from paperless.core.identity import load_card
from paperless.core.paths import data_dir


def register(sub: Any) -> None:
    p = sub.add_parser("demo", help="create demo identities, documents and a signed bundle, then open it in the app")
    p.add_argument("--dir", type=Path, default=None, help="where to put the demo (default: data folder)")
    p.add_argument("--screenshot", type=Path, metavar="FILE.png",
                   help="render the app with the first document open to this PNG, then exit")
    p.add_argument("--no-app", action="store_true", help="only set up the demo; do not open the app")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    root: Path = args.dir or data_dir() / "demo"
    steps = {
        "identities": T("Creating demo identities (clerk and three members)…",
                        "Đang tạo danh tính mẫu (văn phòng và ba thành viên)…"),
        "documents": T("Writing Vietnamese sample documents…", "Đang tạo tài liệu mẫu tiếng Việt…"),
        "bundle": T("Building the signed, encrypted bundle…", "Đang tạo gói tài liệu đã ký và mã hóa…"),
        "verify": T("Verifying the bundle…", "Đang kiểm tra gói tài liệu…"),
    }
    from paperless.demo.setup import DEMO_PASSPHRASE, set_up_demo  # PyMuPDF: only when needed

    demo = set_up_demo(root, step=lambda s: say(steps[s]))
    m = demo.build.manifest
    first = next(iter(demo.members.values()))
    say(T("Demo ready in {root}", "Bản thử đã sẵn sàng tại {root}"), root=root)
    say(T("  bundle:     {p} ({n} entries, verified, signed by {s})",
          "  gói:        {p} ({n} mục, đã kiểm tra, ký bởi {s})"),
        p=demo.bundle, n=len(m.entries), s=m.signer.name)
    say(T("  passphrase: {p} (every demo identity)", "  mật khẩu:   {p} (mọi danh tính mẫu)"),
        p=DEMO_PASSPHRASE)
    say(T("  revised:    {p} (version 2: the draft plan revised; open it later and your notes follow)",
          "  bản sửa:    {p} (phiên bản 2: dự thảo Kế hoạch đã sửa; mở sau, ghi chú sẽ theo sang)"),
        p=demo.revised)
    say(T("Open it as the first member:", "Mở gói với tư cách thành viên thứ nhất:"))
    print(f"  paperless open {demo.bundle} --identity {first} --trust {demo.clerk}")
    if args.no_app:
        return 0
    from paperless.cli.app_cmd import launch

    return launch(bundle=demo.bundle, identity=first, trust=[load_card(demo.clerk)], passphrase=DEMO_PASSPHRASE,
                  screenshot=args.screenshot)
