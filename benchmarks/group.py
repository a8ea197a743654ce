"""A full group through the live pipeline and the group view, offscreen.

Usage: QT_QPA_PLATFORM=offscreen python benchmarks/group.py [--seconds 20] [--minutes 60]
       [--participants 8] [--rate 100]

1. Eight participants with two simulated sensors each at 100 Hz stream in real time while
   every set is recorded; the group view (1920 x 1080) is redrawn by a 30 Hz timer: frames
   per second drawn, time per frame (poll of every participant + tiles + paint), time to
   process one frame's batches (the group's poll: decode, pipeline, recorder queue), CPU
   share of one core, latency from a batch being due (its notification arriving) to the
   painted frame that shows it.
2. Memory (RSS) over a simulated MINUTES-minute group session, time compressed: every
   participant's ten-minute simulated block fed again and again (shifted in time) through
   their live set and recorder in one-second batches, the group view redrawn once per
   simulated second; RSS after each ten simulated minutes (must stay flat).
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from PySide6.QtWidgets import QApplication

from monitor.core.samples import ImuBatch
from monitor.group import demo_group
from monitor.ui.app import make_app
from monitor.ui.group_view import GroupView
from recordings.store import Store


def rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * resource.getpagesize() / 1e6


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=20.0)
    ap.add_argument("--minutes", type=float, default=60.0)
    ap.add_argument("--participants", type=int, default=8)
    ap.add_argument("--rate", type=float, default=100.0)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp())
    app, _ = make_app(lang="en")
    store = Store(tmp / "bench.db")
    group = demo_group(store, args.participants, rate_hz=args.rate, reps=12)
    view = GroupView(group)
    view.resize(1920, 1020)
    view.show()
    app.processEvents()
    view.start_all()
    frame_s, frame_cpu_s, poll_s, latency_s = [], [], [], []
    cpu0 = time.process_time()
    wall0 = time.monotonic()
    next_frame = wall0
    poll = group.poll

    def timed_poll():
        t = time.perf_counter()
        out = poll()
        poll_s.append(time.perf_counter() - t)
        return out

    group.poll = timed_poll
    while time.monotonic() - wall0 < args.seconds:
        now = time.monotonic()
        if now < next_frame:
            time.sleep(next_frame - now)
        next_frame += 1 / 30.0
        f0 = time.perf_counter()
        c0 = time.thread_time()
        before = [p.controller.source.released_at for p in group.participants]
        view.tick()
        app.processEvents()               # paints what the frame changed
        done = time.monotonic()
        frame_s.append(time.perf_counter() - f0)
        frame_cpu_s.append(time.thread_time() - c0)
        for p, b in zip(group.participants, before, strict=True):
            if p.controller.source.released_at != b:
                latency_s.append(done - p.controller.source.released_at)
    wall = time.monotonic() - wall0
    cpu = time.process_time() - cpu0
    group.poll = poll
    frames, polls, lat = np.array(frame_s), np.array(poll_s), np.array(latency_s) * 1e3
    samples = sum(s.samples for p in group.participants for s in p.controller.sensors.values())
    n_sensors = sum(len(p.controller.sensors) for p in group.participants)
    print(f"group view, {args.participants} participants, {n_sensors} sensors x "
          f"{args.rate:.0f} Hz streaming and recording ({samples} samples in {wall:.0f} s): "
          f"{len(frames) / wall:.1f} fps drawn at a 30 Hz timer; time per frame median "
          f"{np.median(frames) * 1e3:.1f} ms, 99th pct {np.percentile(frames, 99) * 1e3:.1f} "
          f"ms -> at most {1 / np.median(frames):.0f} fps; CPU {100 * cpu / wall:.0f}% of "
          "one core")
    fc = np.array(frame_cpu_s)
    print(f"CPU time of the UI thread per frame (what the machine's load does not inflate): "
          f"median {np.median(fc) * 1e3:.1f} ms, 99th pct {np.percentile(fc, 99) * 1e3:.1f} ms "
          f"-> at most {1 / np.median(fc):.0f} fps on a free core")
    print(f"processing one frame's batches (all participants' poll: decode, pipeline, "
          f"recorder queue): median {np.median(polls) * 1e3:.1f} ms, 99th pct "
          f"{np.percentile(polls, 99) * 1e3:.1f} ms")
    print(f"latency from notification due to painted frame: median {np.median(lat):.1f} ms, "
          f"99th pct {np.percentile(lat, 99):.1f} ms")
    group.stop()

    # Memory over a long group session: each participant's block of simulated sets
    # repeated, shifted in time, through their live set (one-second batches).
    group.start()
    blocks = {}
    for p in group.participants:
        src = p.controller.source
        per_sensor: dict[str, list[ImuBatch]] = {}
        for _, label, part in src._parts:
            per_sensor.setdefault(label, []).append(part)
        whole = {lab: ImuBatch.concat(b) for lab, b in per_sensor.items()}
        span = min(float(b.time_s[-1]) for b in whole.values())
        cut = {lab: b.split([int(args.rate)] * int(span)) for lab, b in whole.items()}
        blocks[p.code] = (cut, float(int(span)))
        p.controller.source = None        # fed directly below
    marks = []
    t_sim = 0.0
    next_mark = 0.0
    k = 0
    t0 = time.monotonic()
    while t_sim < args.minutes * 60:
        for p in group.participants:
            cut, span = blocks[p.code]
            n = len(next(iter(cut.values())))
            i = k % n
            shift = (k // n) * span
            for lab, parts in cut.items():
                if i < len(parts) and len(parts[i]):
                    b = parts[i]
                    p.controller.live.feed(lab, ImuBatch(b.time_s + shift, b.acc_m_s2,
                                                         b.gyr_rad_s))
            p.controller.latest_deg = p.controller.live.pipeline.latest_deg
            while p.controller.live.recorder.backlog > 2000:   # let the writers keep up
                time.sleep(0.005)
        view.refresh()
        app.processEvents()
        k += 1
        t_sim += 1.0
        if t_sim >= next_mark:
            marks.append((t_sim / 60, rss_mb()))
            print(f"  {t_sim / 60:.0f} simulated min: RSS {marks[-1][1]:.0f} MB", flush=True)
            next_mark += 600.0
    marks.append((t_sim / 60, rss_mb()))
    group.end()
    print(f"memory (RSS) over a {args.minutes:.0f}-minute group session ({n_sensors} sensors "
          f"x {args.rate:.0f} Hz recorded, run in {time.monotonic() - t0:.0f} s): "
          + ", ".join(f"{mb:.0f} MB at {m:.0f} min" for m, mb in marks), flush=True)
    view.close()
    QApplication.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
