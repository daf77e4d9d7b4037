#!/usr/bin/env python3
"""Render and viewer benchmarks, each figure beside its reference measured in the same run.

1. A text page (kehoach_cds.pdf page 2) at 1920 px wide, request to pixels through the
   RenderWorker, against ``mutool draw -c rgb -w 1920`` on the same page: *cold* (first
   render in a fresh process; ours from ``render()`` to the callback, mutool its own per-page
   ``-s t`` time) and *warm* (the page rendered before; ours re-rasterises the cached
   display list, mutool re-runs the page with its caches warm). Medians. Goal: ratio <= 1.2.
2. A 300-dpi scanned A4 page (image only, JPEG, colour and grey) shown at 150 dpi: cold,
   warm (decoded image still in MuPDF's store) and prefetched (in our image cache), against
   ``mutool draw -r 150``. Goal < 60 ms.
3. A cached page to the screen in DocumentView (offscreen): from go_to_page() to the end of
   the paint that shows it. Goal <= 16 ms.
4. Scrolling a 1,000-page document end to end in DocumentView (offscreen, 1280x860, fit
   width): the longest GUI event-loop stall, from a 1 ms QTimer's gaps. Goal < 50 ms.
5. Resident memory (VmRSS sampled, VmHWM) during that scroll. Goal < 400 MB.

    .venv/bin/python bench/bench_render.py [--reps 7] [--pages 1000] [--step 400]
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pymupdf  # noqa: E402

from paperless.core.demo import write_demo_documents  # noqa: E402
from paperless.core.render import Priority, RenderKey, RenderWorker  # noqa: E402

MUTOOL = "/usr/bin/mutool"
TEXT_PAGE = 1  # 0-based: page 2 of the plan, body text

COLD_SCRIPT = r"""
import sys, threading, time
from pathlib import Path
from paperless.core.render import Priority, RenderKey, RenderWorker
path, page, scale = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
data = Path(path).read_bytes()
worker = RenderWorker()
opened = threading.Event()
worker.open("d", data, lambda *a: opened.set())
opened.wait()
done = threading.Event()
box = []
start = time.perf_counter()
worker.render(RenderKey("d", page, scale, False), Priority.VISIBLE, 0, lambda r: (box.append(r), done.set()))
done.wait()
elapsed = time.perf_counter() - start
assert box[0].image is not None, box[0].error
print(f"{elapsed * 1000:.3f}")
worker.shutdown()
"""


def median(values: list[float]) -> float:
    return statistics.median(values)


def mutool_page_ms(pdf: Path, page: int, args: list[str], repeat: int) -> tuple[list[float], float]:
    """Per-page times (ms, from ``-s t``) of the same page drawn ``repeat`` times in one
    process, and the wall-clock seconds of the whole process."""
    pages = ",".join([str(page + 1)] * repeat)
    start = time.perf_counter()
    out = subprocess.run([MUTOOL, "draw", "-q", "-s", "t", "-c", "rgb", *args, "-F", "pnm", "-o", "/dev/null",
                          str(pdf), pages], capture_output=True, text=True, check=True)
    wall = time.perf_counter() - start
    times = [float(m) for m in re.findall(r"^page \S+ \d+ (\d+)ms", out.stdout + out.stderr, re.M)]
    return times, wall


def ours_cold_ms(pdf: Path, page: int, scale: float) -> float:
    out = subprocess.run([sys.executable, "-c", COLD_SCRIPT, str(pdf), str(page), str(scale)],
                         capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def ours_warm_ms(pdf: Path, page: int, scale: float, reps: int, prefetched: bool = False) -> list[float]:
    """Re-render a page that was rendered before (our image cache emptied each time, or
    kept when ``prefetched``)."""
    worker = RenderWorker()
    opened = threading.Event()
    worker.open("d", pdf.read_bytes(), lambda *a: opened.set())
    opened.wait()
    key = RenderKey("d", page, scale, False)
    times: list[float] = []
    for i in range(reps + 1):
        if not prefetched:
            worker.cache.clear()
        done = threading.Event()
        start = time.perf_counter()
        worker.render(key, Priority.VISIBLE, 0, lambda r, done=done: done.set())
        done.wait()
        if i:
            times.append((time.perf_counter() - start) * 1000)
    worker.shutdown()
    return times


def scanned_pdf(source: Path, out: Path, grey: bool) -> Path:
    """An A4 page holding one 300-dpi JPEG (2481 x 3508 px) and nothing else."""
    with pymupdf.open(source) as doc:
        pix = doc[TEXT_PAGE].get_pixmap(dpi=300, colorspace=pymupdf.csGRAY if grey else pymupdf.csRGB)
    scan = pymupdf.open()
    page = scan.new_page(width=595.276, height=841.89)
    page.insert_image(page.rect, stream=pix.tobytes("jpeg", jpg_quality=80))
    scan.save(out)
    scan.close()
    return out


def long_pdf(source: Path, out: Path, pages: int) -> Path:
    src = pymupdf.open(source)
    doc = pymupdf.open()
    while doc.page_count < pages:
        doc.insert_pdf(src, to_page=min(src.page_count, pages - doc.page_count) - 1)
    doc.save(out, garbage=1)
    return out


def row(name: str, ours: float, ref: float | None, unit: str, goal: str) -> None:
    ratio = f"{ours / ref:5.2f}x" if ref else "   -  "
    ref_text = f"{ref:9.1f}" if ref is not None else "        -"
    print(f"  {name:<46} {ours:9.1f} {ref_text} {unit:<3} {ratio}   {goal}")


def header(title: str) -> None:
    print(f"\n{title}\n  {'':<46} {'ours':>9} {'reference':>9}     ratio   goal")


def bench_text(plan: Path, reps: int) -> None:
    with pymupdf.open(plan) as doc:
        width = doc[TEXT_PAGE].rect.width
    scale = 1920 / width
    cold = [ours_cold_ms(plan, TEXT_PAGE, scale) for _ in range(reps)]
    warm = ours_warm_ms(plan, TEXT_PAGE, scale, reps)
    m_cold, m_warm, m_wall = [], [], []
    for _ in range(reps):
        times, wall = mutool_page_ms(plan, TEXT_PAGE, ["-w", "1920"], 4)
        m_cold.append(times[0])
        m_warm.extend(times[1:])
        m_wall.append(wall * 1000)
    header(f"1. Text page at 1920 px ({plan.name} page {TEXT_PAGE + 1}, scale {scale:.3f}), medians of {reps}")
    row("cold: first render in a fresh process", median(cold), median(m_cold), "ms", "ratio <= 1.2")
    row("warm: re-render (display list / caches warm)", median(warm), median(m_warm), "ms", "ratio <= 1.2")
    print(f"  (mutool whole process, start-up and open included: {median(m_wall):.1f} ms)")


def bench_scan(plan: Path, tmp: Path, reps: int) -> None:
    header(f"2. 300-dpi scanned A4 page shown at 150 dpi (scale {150 / 72:.4f}), medians of {reps}")
    for grey in (False, True):
        pdf = scanned_pdf(plan, tmp / f"scan300_{'grey' if grey else 'rgb'}.pdf", grey)
        kind = "grey" if grey else "colour"
        cold = [ours_cold_ms(pdf, 0, 150 / 72) for _ in range(reps)]
        warm = ours_warm_ms(pdf, 0, 150 / 72, reps)
        cached = ours_warm_ms(pdf, 0, 150 / 72, reps, prefetched=True)
        m_cold, m_warm = [], []
        for _ in range(reps):
            times, _ = mutool_page_ms(pdf, 0, ["-r", "150"], 3)
            m_cold.append(times[0])
            m_warm.extend(times[1:])
        row(f"{kind} JPEG, cold (decode + scale)", median(cold), median(m_cold), "ms", "< 60 ms")
        row(f"{kind} JPEG, warm (image decoded in MuPDF store)", median(warm), median(m_warm), "ms", "< 60 ms")
        row(f"{kind} JPEG, prefetched (in our image cache)", median(cached), None, "ms", "< 60 ms")


def status_kb(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def bench_gui(plan: Path, long_doc: Path, step: int) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from paperless.gui.viewer import DocumentView

    app = QApplication.instance() or QApplication([])
    print(f"\n(viewer process: VmRSS {status_kb('VmRSS') / 1024:.0f} MB with Qt and PyMuPDF loaded)")
    worker = RenderWorker()
    view = DocumentView(worker)
    view.resize(1280, 860)
    view.show()

    def pump_until(cond, timeout: float = 30.0) -> None:  # type: ignore[no-untyped-def]
        end = time.perf_counter() + timeout
        while not cond() and time.perf_counter() < end:
            app.processEvents()
            time.sleep(0.001)

    def settled() -> bool:
        top = view.canvas.content_top()
        pages = view.canvas.pages.visible(top, top + view.canvas.viewport_size()[1])
        scale = view.canvas.pages.scale
        return bool(pages) and all(p in view.canvas.images and view.canvas.images[p].scale == scale for p in pages)

    # 3. cached page to screen
    view.set_document("plan", plan.read_bytes(), title="plan", watermark="Nguyễn Văn An — BTV phiên 12",
                      allow_copy=True)
    pump_until(settled)
    times = []
    for _ in range(15):
        for page in (3, 0):
            view.go_to_page(page)
            pump_until(settled)
        painted: list[float] = []
        view.canvas.painted.connect(lambda painted=painted: painted.append(time.perf_counter()))
        start = time.perf_counter()
        view.go_to_page(3)
        pump_until(lambda painted=painted: bool(painted), 5)
        view.canvas.painted.disconnect()
        assert 3 in view.canvas.images
        times.append((painted[0] - start) * 1000)
    header("3. Cached page to screen (DocumentView offscreen, 1280x860, watermark on), 15 runs")
    row("go_to_page() to end of paint, median", median(times), None, "ms", "<= 16 ms")
    row("go_to_page() to end of paint, worst", max(times), None, "ms", "<= 16 ms")

    # 4 + 5. scroll a long document end to end
    view.set_document("long", long_doc.read_bytes(), title="long", watermark="Nguyễn Văn An — BTV phiên 12",
                      allow_copy=True)
    pump_until(settled)
    bar = view.canvas.verticalScrollBar()
    gaps: list[float] = []
    rss: list[int] = []
    last = [time.perf_counter()]
    frames = [0]
    view.canvas.painted.connect(lambda: frames.__setitem__(0, frames[0] + 1))

    def tick() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    def scroll() -> None:
        bar.setValue(bar.value() + step)
        if len(gaps) % 100 == 0:
            rss.append(status_kb("VmRSS"))

    probe, driver = QTimer(), QTimer()
    probe.setInterval(1)
    probe.timeout.connect(tick)
    driver.setInterval(16)
    driver.timeout.connect(scroll)
    start = time.perf_counter()
    probe.start()
    driver.start()
    pump_until(lambda: bar.value() >= bar.maximum(), 600)
    driver.stop()
    pump_until(settled)
    probe.stop()
    elapsed = time.perf_counter() - start
    rss.append(status_kb("VmRSS"))
    gaps_ms = sorted(g * 1000 for g in gaps)
    header(f"4. Scrolling {view.page_count()} pages end to end ({step} px every 16 ms, {elapsed:.1f} s, "
           f"{frames[0]} frames painted)")
    row("longest event-loop stall", gaps_ms[-1], None, "ms", "< 50 ms")
    row("99.9th percentile gap", gaps_ms[int(len(gaps_ms) * 0.999)], None, "ms", "")
    print(f"  gaps > 50 ms: {sum(g > 50 for g in gaps_ms)}; > 20 ms: {sum(g > 20 for g in gaps_ms)}; "
          f"samples: {len(gaps_ms)}")
    header("5. Memory while scrolling the long document (a process running only sections 3-5)")
    row("VmRSS, highest sample", max(rss) / 1024, None, "MB", "< 400 MB")
    row("VmHWM (peak of that process)", status_kb("VmHWM") / 1024, None, "MB", "< 400 MB")
    print(f"  image cache: {worker.cache.size_bytes / 2**20:.0f} MiB of {worker.cache.budget_bytes / 2**20:.0f} MiB")
    view.clear()
    worker.shutdown()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reps", type=int, default=7)
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--step", type=int, default=400, help="pixels scrolled every 16 ms")
    parser.add_argument("--skip-gui", action="store_true")
    parser.add_argument("--gui-only", nargs=2, metavar=("PLAN", "LONG"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.gui_only:
        bench_gui(Path(args.gui_only[0]), Path(args.gui_only[1]), args.step)
        return
    with tempfile.TemporaryDirectory(prefix="bench-render-") as name:
        tmp = Path(name)
        docs = write_demo_documents(tmp / "demo")
        mutool = subprocess.run([MUTOOL, "-v"], capture_output=True, text=True).stderr.strip()
        print(f"PyMuPDF {pymupdf.VersionBind}; {mutool}; {os.cpu_count()} CPUs; Python {sys.version.split()[0]}")
        bench_text(docs.plan, args.reps)
        bench_scan(docs.plan, tmp, args.reps)
        if not args.skip_gui:  # a fresh process, so that memory is the viewer's alone
            sys.stdout.flush()
            long_doc = long_pdf(docs.long_plan, tmp / "long.pdf", args.pages)
            subprocess.run([sys.executable, __file__, "--gui-only", str(docs.plan), str(long_doc),
                            "--step", str(args.step)], check=True)


if __name__ == "__main__":
    main()
