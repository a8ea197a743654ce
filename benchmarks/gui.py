"""Live view performance, offscreen: frames per second, latency, CPU, memory, start-up.

Usage: QT_QPA_PLATFORM=offscreen python benchmarks/gui.py [--seconds 20] [--hours 2]

1. Four simulated sensors at 200 Hz stream in real time while the set is recorded: frames
   per second actually drawn by the redraw timer, and the highest rate the live view could
   draw (time per frame: poll + trace + gauge + table + paint), CPU share of one core.
2. Latency from a batch being due (its notification arriving) to the frame that shows it
   having been painted: median and 99th percentile.
3. Memory (RSS) while a long session streams through the controller as fast as possible:
   after 10 minutes and after HOURS hours of recording (must stay flat).
4. Start-up: creating the application and showing a usable main window.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

T_START = time.perf_counter()
from PySide6.QtWidgets import QApplication  # noqa: E402

from monitor.core.samples import ImuBatch  # noqa: E402
from monitor.ui.app import make_app  # noqa: E402
from monitor.ui.main_window import MainWindow  # noqa: E402
from recordings.store import Store  # noqa: E402


def rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * resource.getpagesize() / 1e6


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=20.0)
    ap.add_argument("--hours", type=float, default=2.0)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp())
    app, _ = make_app(lang="en")
    store = Store(tmp / "bench.db")
    t0 = time.perf_counter()
    win = MainWindow(store)
    win.resize(1500, 950)
    win.show()
    app.processEvents()
    startup = time.perf_counter() - t0
    print(f"start-up: window shown {startup * 1e3:.0f} ms after creating it "
          f"({time.perf_counter() - T_START:.2f} s including Python and Qt imports)")

    win.patient_edit.setText("BENCH")
    win.open_patient()
    win.controller.connect_demo(rate_hz=200.0, reps=40, both_legs=True)
    win.calibrate()
    win.timer.stop()                      # drive frames ourselves to measure them
    win.start_set()
    c = win.controller
    frame_s, latency_s = [], []
    cpu0 = time.process_time()
    wall0 = time.monotonic()
    next_frame = wall0
    while time.monotonic() - wall0 < args.seconds:
        now = time.monotonic()
        if now < next_frame:
            time.sleep(next_frame - now)
        next_frame += 1 / 60.0
        f0 = time.perf_counter()
        released_before = c.source.released_at
        win.tick()
        app.processEvents()               # paints what the frame changed
        done = time.monotonic()
        frame_s.append(time.perf_counter() - f0)
        if c.source.released_at != released_before:
            latency_s.append(done - c.source.released_at)
    wall = time.monotonic() - wall0
    cpu = time.process_time() - cpu0
    frames = np.array(frame_s)
    lat = np.array(latency_s) * 1e3
    samples = sum(s.samples for s in c.sensors.values())
    print(f"live view, 4 sensors x 200 Hz streaming and recording ({samples} samples in "
          f"{wall:.0f} s): {len(frames) / wall:.0f} fps drawn at a 60 Hz timer; time per "
          f"frame median {np.median(frames) * 1e3:.1f} ms, 99th pct "
          f"{np.percentile(frames, 99) * 1e3:.1f} ms -> at most {1 / np.median(frames):.0f} "
          f"fps; CPU {100 * cpu / wall:.0f}% of one core")
    print(f"latency from notification due to painted frame: median {np.median(lat):.1f} ms, "
          f"99th pct {np.percentile(lat, 99):.1f} ms")
    win.stop_set()

    # Memory over a long session: a 10-minute simulated block repeated (shifted in time)
    # through the controller's live set, so the benchmark's own data stays small.
    c.connect_demo(rate_hz=200.0, reps=95, both_legs=True)
    c.start_set()
    block = c.source._parts
    span = block[-1][0] + 0.005
    c.source = None                       # fed directly below
    marks = []
    n_blocks = int(np.ceil(args.hours * 3600 / span))
    for k in range(n_blocks):
        for i, (_, label, p) in enumerate(block):
            shifted = ImuBatch(p.time_s + k * span, p.acc_m_s2, p.gyr_rad_s)
            c.live.feed(label, shifted)
            # Fed far faster than real time: let the writer keep up as it does live.
            while i % 100 == 0 and c.live.recorder.backlog > 2000:
                time.sleep(0.005)
        if k == 0 or k == n_blocks - 1:
            marks.append(((k + 1) * span / 60, rss_mb()))
    n_reps = len(c.live.reps)
    c.stop_set()
    print(f"memory (RSS) of the recording live set: {marks[0][1]:.0f} MB after "
          f"{marks[0][0]:.0f} min, {marks[1][1]:.0f} MB after {marks[1][0] / 60:.1f} h "
          f"({n_reps} repetitions, 4 sensors x 200 Hz recorded)")
    win.close()
    QApplication.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
