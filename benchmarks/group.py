"""A full group through the live pipeline and the group view, offscreen.

Usage: QT_QPA_PLATFORM=offscreen python benchmarks/group.py [--seconds 20] [--minutes 60]
       [--participants 8] [--rate 100] [--realtime]

1. Eight participants with two simulated sensors each at 100 Hz stream while every set is
   recorded; the group view (1920 x 1080) is redrawn at 30 frames per second of sensor
   time (``--realtime``: by the wall clock): time per frame (poll of every participant +
   tiles + paint), time to process one frame's batches (the group's poll: decode,
   pipeline, recorder queue), CPU share of one core per second of streaming, latency from
   a batch being due (its notification arriving) to the painted frame that shows it.
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


class Clock:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=20.0)
    ap.add_argument("--minutes", type=float, default=60.0)
    ap.add_argument("--participants", type=int, default=8)
    ap.add_argument("--rate", type=float, default=100.0)
    ap.add_argument("--realtime", action="store_true",
                    help="sensors released by the wall clock (on a quiet machine); default: "
                         "the sensors' time advanced by 1/30 s per frame, so that a busy "
                         "machine slows the run, not the figures")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp())
    app, _ = make_app(lang="en")
    store = Store(tmp / "bench.db")
    clock = Clock()
    group = demo_group(store, args.participants, rate_hz=args.rate, reps=12,
                       clock=time.monotonic if args.realtime else clock)
    view = GroupView(group)
    view.resize(1920, 1020)
    view.show()
    app.processEvents()
    view.start_all()
    frame_s, frame_cpu_s, poll_s, latency_s = [], [], [], []
    poll = group.poll

    def timed_poll():
        t = time.perf_counter()
        out = poll()
        poll_s.append(time.perf_counter() - t)
        return out

    group.poll = timed_poll
    cpu0 = time.process_time()
    wall0 = time.monotonic()
    next_frame = wall0
    n_frames = int(args.seconds * 30)
    for _ in range(n_frames):
        if args.realtime:
            now = time.monotonic()
            if now < next_frame:
                time.sleep(next_frame - now)
            next_frame += 1 / 30.0
        else:
            clock.t += 1 / 30.0            # the sensors' time: a 30 Hz frame's worth
        f0 = time.perf_counter()
        c0 = time.thread_time()
        before = [p.controller.source.released_at for p in group.participants]
        view.tick()
        app.processEvents()               # paints what the frame changed
        frame = time.perf_counter() - f0
        frame_s.append(frame)
        frame_cpu_s.append(time.thread_time() - c0)
        for p, b in zip(group.participants, before, strict=True):
            due = p.controller.source.released_at
            if due != b:
                # Due (the notification arrived) -> the frame that shows it painted: the
                # wait for the next frame plus the frame's own time.
                latency_s.append((time.monotonic() - due) if args.realtime
                                 else (clock.t - due) + frame)
    wall = time.monotonic() - wall0
    cpu = time.process_time() - cpu0
    group.poll = poll
    frames, polls, lat = np.array(frame_s), np.array(poll_s), np.array(latency_s) * 1e3
    fc = np.array(frame_cpu_s)
    samples = sum(s.samples for p in group.participants for s in p.controller.sensors.values())
    n_sensors = sum(len(p.controller.sensors) for p in group.participants)
    streamed = args.seconds if not args.realtime else wall
    print(f"group view, {args.participants} participants, {n_sensors} sensors x "
          f"{args.rate:.0f} Hz streaming and recording ({samples} samples = "
          f"{samples / n_sensors / args.rate:.1f} s of each sensor, "
          f"{'wall clock' if args.realtime else 'sensor time driven at 30 frames per s'}): "
          f"time per frame (poll + tiles + paint) median {np.median(frames) * 1e3:.1f} ms, "
          f"99th pct {np.percentile(frames, 99) * 1e3:.1f} ms -> at most "
          f"{1 / np.median(frames):.0f} fps"
          + (f"; {len(frames) / wall:.1f} fps drawn" if args.realtime else ""))
    print(f"CPU: {100 * cpu / streamed:.0f}% of one core for {streamed:.0f} s of streaming "
          f"(all threads: UI, recorders); UI thread per frame median "
          f"{np.median(fc) * 1e3:.1f} ms, 99th pct {np.percentile(fc, 99) * 1e3:.1f} ms")
    print(f"processing one frame's batches (all participants' poll: decode, pipeline, "
          f"recorder queue): median {np.median(polls) * 1e3:.1f} ms, 99th pct "
          f"{np.percentile(polls, 99) * 1e3:.1f} ms")
    print(f"latency from notification due to painted frame: median {np.median(lat):.1f} ms, "
          f"99th pct {np.percentile(lat, 99):.1f} ms", flush=True)
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
