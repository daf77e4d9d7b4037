"""OCR accuracy and speed on scans generated from known Vietnamese text (issue 15 part 1).

Each page is a known text typeset in Noto Sans at 12 pt, then "scanned" at 300 dpi
(paperless.demo.scan.scan_text): paper tint, grain, skew up to --skew degrees, blur (rendered
1.5x coarser and scaled back) and JPEG at quality 60. Measured in the same run:

  * the reference: the same page as a clean digital render at 300 dpi (white, lossless, straight);
  * character error rate (CER: Levenshtein distance over the reference's characters, whitespace
    collapsed, Unicode NFC) and word error rate (WER, over words) of the text layer our OCR
    writes (paperless.core.bundle.ocr.ocr_pdf), read back as the reader reads it (get_text);
  * the same rates with diacritics folded away (what a query typed without them needs);
  * seconds per page of ocr_pdf, beside the bare `tesseract` command on the same 300-dpi image (a PNG file)
    (the floor: our render, overlay and save on top of it), and the ratio. Medians of --repeat.

Usage: python bench/bench_ocr.py [--pages 4] [--repeat 3] [--skew 0.8] [--blur 1.5] [--jpeg 60] [--font FILE.ttf]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

import pymupdf

from paperless.core.bundle.ocr import LANGUAGE, OcrMode, ocr_pdf, tessdata
from paperless.core.search import fold
from paperless.demo.scan import scan_text

PAGES = [
    ["NGHỊ QUYẾT về công tác chuyển đổi số trong các cơ quan Đảng, Mặt trận Tổ quốc và các đoàn thể "
     "chính trị - xã hội tỉnh giai đoạn 2025 - 2030.",
     "Ban Thường vụ Tỉnh ủy thống nhất đánh giá: trong nhiệm kỳ qua, việc ứng dụng công nghệ thông tin "
     "đã có bước tiến rõ rệt; hệ thống văn bản điện tử được triển khai đến cấp huyện, rút ngắn thời gian "
     "xử lý hồ sơ và tiết kiệm chi phí in ấn. Tuy nhiên, hạ tầng còn thiếu đồng bộ, kỹ năng số của một "
     "bộ phận cán bộ, đảng viên còn hạn chế.",
     "Mục tiêu đến năm 2030: một trăm phần trăm văn bản của các cơ quan Đảng cấp tỉnh được trao đổi "
     "dưới dạng điện tử, trừ văn bản mật; các cuộc họp của Ban Thường vụ sử dụng tài liệu điện tử."],
    ["Đồng chí Bí thư Tỉnh ủy chủ trì hội nghị. Các đồng chí ủy viên Ban Thường vụ thảo luận, góp ý "
     "vào dự thảo kế hoạch phát triển kinh tế - xã hội, bảo đảm quốc phòng, an ninh năm 2026.",
     "Hội nghị yêu cầu các huyện ủy, thành ủy, đảng ủy trực thuộc quán triệt nghị quyết đến từng chi bộ; "
     "xây dựng chương trình hành động cụ thể, phân công rõ người, rõ việc, rõ thời gian hoàn thành; "
     "định kỳ sáu tháng báo cáo kết quả về Văn phòng Tỉnh ủy để tổng hợp.",
     "Giao Ban Tổ chức Tỉnh ủy chủ trì, phối hợp với Ủy ban Kiểm tra Tỉnh ủy hướng dẫn việc đánh giá, "
     "xếp loại chất lượng tổ chức cơ sở đảng và đảng viên hằng năm."],
    ["Công văn về việc chuẩn bị tài liệu phục vụ kỳ họp thứ mười hai. Kính gửi các đồng chí ủy viên "
     "Ban Chấp hành Đảng bộ tỉnh.",
     "Thực hiện chương trình làm việc toàn khóa, Văn phòng Tỉnh ủy đề nghị các cơ quan, đơn vị gửi dự "
     "thảo báo cáo trước ngày mười lăm tháng mười một để kịp tổng hợp, trình Thường trực Tỉnh ủy xem "
     "xét. Tài liệu có độ mật phải được chuyển qua đường giao liên, không gửi qua thư điện tử.",
     "Nơi nhận: như trên; lưu Văn phòng Tỉnh ủy. Trân trọng."],
    ["Quy chế làm việc của Ban Chấp hành Đảng bộ tỉnh khóa mới quy định rõ chức năng, nhiệm vụ, quyền "
     "hạn và trách nhiệm của tập thể, cá nhân; nguyên tắc tập trung dân chủ, tập thể lãnh đạo, cá nhân "
     "phụ trách.",
     "Mỗi đồng chí ủy viên chịu trách nhiệm trước Ban Chấp hành về lĩnh vực, địa bàn được phân công; "
     "thường xuyên giữ mối liên hệ với cấp ủy nơi cư trú và nhân dân; tự phê bình và phê bình nghiêm túc.",
     "Quy chế có hiệu lực kể từ ngày ký; trong quá trình thực hiện, nếu có vướng mắc, các cấp ủy phản "
     "ánh về Văn phòng Tỉnh ủy để tổng hợp, báo cáo Ban Thường vụ xem xét, sửa đổi, bổ sung."],
]


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def distance(a: list[str] | str, b: list[str] | str) -> int:
    """Levenshtein distance (characters of strings, or items of lists)."""
    prev = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        cur = [i]
        for j, y in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x != y)))
        prev = cur
    return prev[-1]


def rates(reference: str, hypothesis: str) -> tuple[float, float]:
    ref, hyp = _norm(reference), _norm(hypothesis)
    return distance(ref, hyp) / len(ref), distance(ref.split(), hyp.split()) / len(ref.split())


def read(pdf: Path, out: Path) -> tuple[str, float]:
    t0 = time.perf_counter()
    assert ocr_pdf(pdf, out, OcrMode.AUTO) == 1
    elapsed = time.perf_counter() - t0
    with pymupdf.open(out) as doc:
        return doc[0].get_text(), elapsed


def bare_tesseract(pdf: Path, folder: Path) -> float:
    with pymupdf.open(pdf) as doc:
        png = folder / "page.png"
        doc[0].get_pixmap(dpi=300, colorspace=pymupdf.csGRAY, alpha=False).save(png)
    t0 = time.perf_counter()
    subprocess.run(["tesseract", str(png), "stdout", "-l", LANGUAGE, "--dpi", "300", "--tessdata-dir", tessdata(),
                    "tsv"], capture_output=True, check=True)
    return time.perf_counter() - t0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, default=len(PAGES))
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--skew", type=float, default=0.8)
    ap.add_argument("--blur", type=float, default=1.5, help="rendered this many times coarser, then scaled back")
    ap.add_argument("--jpeg", type=int, default=60, help="JPEG quality of the scans")
    ap.add_argument("--font", type=Path, default=None,
                    help="a TrueType file for the text (default Noto Sans; e.g. Liberation Serif, Times's metrics)")
    args = ap.parse_args()
    tessdata()  # fail at once, naming the package, when Tesseract or its Vietnamese data is missing
    rows: dict[str, list[float]] = {k: [] for k in ("cer", "wer", "cer_f", "wer_f", "ref_cer", "ref_wer",
                                                    "t", "t_ref", "t_bare")}
    with tempfile.TemporaryDirectory(prefix="bench-ocr-") as tmp:
        folder = Path(tmp)
        for n in range(args.pages):
            paragraphs = PAGES[n % len(PAGES)]
            truth = " ".join(paragraphs)
            noisy = scan_text(folder / f"noisy{n}.pdf", paragraphs, seed=n + 1, skew=args.skew, blur=args.blur,
                              jpeg_quality=args.jpeg, font=args.font)
            clean = scan_text(folder / f"clean{n}.pdf", paragraphs, seed=n + 1, clean=True, font=args.font)
            times, ref_times, bare = [], [], []
            for _ in range(args.repeat):
                text, t = read(noisy, folder / "out.pdf")
                ref_text, rt = read(clean, folder / "ref.pdf")
                times.append(t)
                ref_times.append(rt)
                bare.append(bare_tesseract(noisy, folder))
            cer, wer = rates(truth, text)
            cer_f, wer_f = rates(fold(truth), fold(text))
            ref_cer, ref_wer = rates(truth, ref_text)
            for key, value in (("cer", cer), ("wer", wer), ("cer_f", cer_f), ("wer_f", wer_f), ("ref_cer", ref_cer),
                               ("ref_wer", ref_wer), ("t", statistics.median(times)),
                               ("t_ref", statistics.median(ref_times)), ("t_bare", statistics.median(bare))):
                rows[key].append(value)
            print(f"page {n + 1}: {len(_norm(truth))} chars, CER {cer:.2%} (clean render {ref_cer:.2%}), "
                  f"WER {wer:.2%} (clean {ref_wer:.2%}), folded CER {cer_f:.2%} WER {wer_f:.2%}, "
                  f"{statistics.median(times):.2f} s")
    m = {k: statistics.median(v) for k, v in rows.items()}
    mean = {k: sum(v) / len(v) for k, v in rows.items()}
    print(f"\n{args.pages} pages, 300 dpi, skew <= {args.skew} deg, blur {args.blur}x, JPEG q{args.jpeg}; "
          f"medians of {args.repeat}")
    print(f"CER  scan {mean['cer']:.2%}  clean render {mean['ref_cer']:.2%}   (mean over pages)")
    print(f"WER  scan {mean['wer']:.2%}  clean render {mean['ref_wer']:.2%}")
    print(f"diacritics folded: CER {mean['cer_f']:.2%}  WER {mean['wer_f']:.2%}")
    print(f"time per page: ocr_pdf {m['t']:.2f} s (clean render {m['t_ref']:.2f} s); bare tesseract on the same PNG "
          f"{m['t_bare']:.2f} s; ratio {m['t'] / m['t_bare']:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
