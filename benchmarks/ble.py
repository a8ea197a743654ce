"""Bluetooth LE through the emulated BlueZ: CPU of our side, latency, loss.

Usage: python benchmarks/ble.py [--seconds 10]

bleak's real BlueZ backend talks to emulated sensors on a private D-Bus (tests/ble_env.py).
1. Four MetaWear sensors at 200 Hz (packed notifications): CPU share of one core spent in
   our code on the consumer side (decode + time alignment, measured around drain()) and of
   the whole process (bleak's D-Bus handling included).
2. Latency from notification arrival (host timestamp) to the pipeline having processed it.
3. Loss (samples received / samples sent by the emulated sensors) at 1, 2, 4 and 6 sensors.
4. Faults (``--faults``; the emulator injects them at exact packets): notifications delivered
   twice, overtaken and resent (DOT, WitMotion), cut short (WitMotion), a sensor rebooting
   (Movesense), the adapter pulled out and Bluetooth switched off (DOT + WitMotion): samples
   stored against samples sent, garbage and steps back in time, what the statistics say, how
   soon the user is told and how soon recording goes on. Plus the wait a lost packet costs
   the samples behind it (time alignment alone, 5 % of the packets lost).
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from ble_env import emulated_bluez

from calibration.mounting import Mounting
from devices.ble import BleHub
from monitor.core.exercises import get_exercise
from monitor.core.samples import ImuBatch
from monitor.signal.pipeline import Pipeline


def run(n_sensors: int, seconds: float, rate: float = 200.0) -> dict:
    devs = [{"family": "metawear", "address": f"C1:00:00:00:00:{k + 1:02X}",
             "name": "MetaWear", "rate_hz": rate} for k in range(n_sensors)]
    with emulated_bluez(devs) as env:
        hub = BleHub()
        try:
            found = hub.scan(1.0)
            links = [hub.connect(f, "right_shank" if k % 2 else "right_thigh", rate)
                     for k, f in enumerate(found)]
            pipe = Pipeline({"a": "shank"}, {"a": rate}, get_exercise("knee_extension_seated"),
                            "a", {"a": Mounting.from_rotation(np.eye(3))})
            time.sleep(0.5)
            for link in links:
                link.drain()
            sent0 = [env.control("Sent", f.address) for f in found]
            ours = 0.0
            received = 0
            latency = []
            cpu0, wall0 = time.process_time(), time.monotonic()
            while time.monotonic() - wall0 < seconds:
                time.sleep(1 / 60)              # the UI timer
                for k, link in enumerate(links):
                    t0 = time.perf_counter()
                    batch = link.drain()
                    if batch is not None:
                        received += len(batch)
                        if k == 0:
                            pipe.feed("a", batch.time_s, batch.acc_m_s2, batch.gyr_rad_s)
                            done = time.monotonic()
                            newest = hub.session_start + batch.time_s[-1]
                            latency.append(done - newest)
                    ours += time.perf_counter() - t0
            wall = time.monotonic() - wall0
            cpu = time.process_time() - cpu0
            sent = [env.control("Sent", f.address) - s0 for f, s0 in zip(found, sent0,
                                                                          strict=True)]
            # MetaWear packed mode: 3 samples per packet above 100 Hz.
            expected = sum(sent) * (3 if rate > 100 else 1)
        finally:
            hub.close()
    return {"n": n_sensors, "ours_pct": 100 * ours / wall, "process_pct": 100 * cpu / wall,
            "latency_ms": np.array(latency) * 1e3,
            "loss_pct": 100 * max(0.0, 1 - received / max(1, expected)),
            "rate": received / wall / n_sensors}


ADDR = "C1:00:00:00:00:{:02X}"
FAULT_RATES = {"movella_dot": 60.0, "witmotion": 100.0, "movesense": 104.0}
NAMES = {"movella_dot": "Movella DOT", "witmotion": "WT901BLE68",
         "movesense": "Movesense 201830000123"}


def _until(condition, timeout: float = 60.0) -> float:
    t0 = time.monotonic()
    while not condition():
        if time.monotonic() - t0 > timeout:
            raise TimeoutError
        time.sleep(0.005)
    return time.monotonic() - t0


def _packet_faults(family: str, faults: list[tuple[str, int, int]], packets: int) -> dict:
    """Stream ``packets`` packets with the faults spread over them; count what was stored."""
    devs = [{"family": family, "address": ADDR.format(1), "name": NAMES[family]}]
    with emulated_bluez(devs) as env:
        hub = BleHub()
        try:
            (found,) = hub.scan(10.0, [ADDR.format(1)])
            link = hub.connect(found, "right_shank", FAULT_RATES[family])
            batches = []

            def drain() -> int:
                b = link.drain()
                if b is not None:
                    batches.append(b)
                return sum(len(x) for x in batches)
            _until(lambda: drain() >= 20)
            n_faults = sum(c for _, c, _ in faults)
            every = max(1, packets // max(1, n_faults))
            for kind, count, param in faults:
                for _ in range(count):      # spread out: one fault every `every` packets
                    env.control("Inject", found.address, kind, 1, param)
                    sent = env.control("Sent", found.address)
                    _until(lambda s=sent: env.control("Sent", found.address) >= s + every)
            total = env.control("Hold", found.address, 5)
            expected = total - sum(c for k, c, _ in faults if k == "truncate")
            with contextlib.suppress(TimeoutError):      # counted short below
                _until(lambda: drain() >= expected, 20)
            b = ImuBatch.concat(batches)
            s = link.aligner.stats
            return {"sent": total, "stored": len(b), "expected": expected,
                    "back_steps": int(np.sum(np.diff(b.time_s) <= 0)),
                    "garbage": int(np.sum(np.linalg.norm(b.gyr_rad_s, axis=1) > 5.0)),
                    "duplicates": s.duplicates, "reordered": s.reordered, "lost": s.lost,
                    "gaps": s.gaps, "bad": link.bad_packets}
        finally:
            hub.close()


def _reboot(away_s: float = 1.0) -> dict:
    devs = [{"family": "movesense", "address": ADDR.format(1), "name": NAMES["movesense"]}]
    with emulated_bluez(devs) as env:
        hub = BleHub()
        try:
            (found,) = hub.scan(10.0, [ADDR.format(1)])
            link = hub.connect(found, "right_shank", 104.0)
            batches, arrivals = [], []

            def drain() -> int:
                b = link.drain()
                if b is not None:
                    batches.append(b)
                    arrivals.append(time.monotonic())
                return sum(len(x) for x in batches)
            _until(lambda: drain() >= 200)
            n0 = drain()
            t_reboot = time.monotonic()
            env.control("Reboot", found.address, away_s)
            _until(lambda: drain() > n0 + 10)
            resumed = arrivals[-1] - t_reboot
            b = ImuBatch.concat(batches)
            gap = float(np.max(np.diff(b.time_s)))
            return {"away_s": away_s, "resumed_s": resumed, "gap_s": gap,
                    "back_steps": int(np.sum(np.diff(b.time_s) <= 0)),
                    "restarts": link.aligner.stats.restarts}
        finally:
            hub.close()


def _adapter(fault: str, back: str, away_s: float = 2.0) -> dict:
    devs = [{"family": f, "address": ADDR.format(k + 1), "name": NAMES[f]}
            for k, f in enumerate(("movella_dot", "witmotion"))]
    with emulated_bluez(devs) as env:
        hub = BleHub()
        try:
            found = hub.scan(10.0, [d["address"] for d in devs])
            links = [hub.connect(f, "right_shank", FAULT_RATES[f.family]) for f in found]
            for link in links:
                link.start_set()
            counts = dict.fromkeys(range(len(links)), 0)

            def drain() -> None:
                for k, link in enumerate(links):
                    b = link.drain()
                    if b is not None:
                        counts[k] += len(b)
            _until(lambda: (drain(), min(counts.values()) >= 100)[1])
            t0 = time.monotonic()
            env.control(fault)
            told = _until(lambda: all(lk.status in ("adapter_removed", "bluetooth_off")
                                      for lk in links))
            _until(lambda: time.monotonic() - t0 >= away_s)
            drain()
            before = dict(counts)
            t1 = time.monotonic()
            env.control(back)
            resumed = _until(lambda: (drain(), all(counts[k] > before[k]
                                                   for k in counts))[1])
            for link in links:
                link.finish_set()
            lost_s = [lk.aligner.stats.lost / lk.rate_hz for lk in links]
            return {"told_ms": 1000 * told, "resumed_s": resumed,
                    "away_s": t1 - t0 + resumed, "lost_s": lost_s}
        finally:
            hub.close()


def _reorder_wait(share: float = 0.05, seconds: float = 600.0, seed: int = 1) -> np.ndarray:
    """How long samples wait behind a lost packet (DOT, 60 Hz, one sample per packet):
    time alignment alone, arrivals given."""
    from devices.timealign import Aligner

    rng = np.random.default_rng(seed)
    rate = 60.0
    al = Aligner(rate, session_start=0.0)
    waits = []
    arrived: dict[float, float] = {}
    for k in range(int(seconds * rate)):
        arrival = 1.0 + k / rate + rng.uniform(0.01, 0.04)
        if rng.random() < share:
            continue
        st = np.array([k / rate])
        arrived[float(st[0])] = arrival
        al.push(arrival, st, (st,))
        out = al.pop(arrival)
        if out is not None:
            waits += [arrival - arrived.pop(float(x)) for x in out[1][0]]
    return np.array(waits)


def faults() -> None:
    print("faults injected through the emulated BlueZ (stored / expected samples):")
    for family, spec in (("movella_dot", [("duplicate", 15, 0), ("swap", 15, 0),
                                          ("resend", 15, 0)]),
                         ("witmotion", [("duplicate", 25, 0)]),
                         ("witmotion", [("truncate", 25, 12)])):
        r = _packet_faults(family, spec, 500)
        what = ", ".join(f"{c} {k}" for k, c, _ in spec)
        print(f"  {family:11s} {what:40s} stored {r['stored']}/{r['expected']} "
              f"(sent {r['sent']}), steps back {r['back_steps']}, garbage {r['garbage']}; "
              f"reported: duplicates {r['duplicates']}, reordered {r['reordered']}, lost "
              f"{r['lost']}, gaps {r['gaps']}, bad packets {r['bad']}")
    r = _reboot()
    print(f"  movesense reboot (away {r['away_s']:.1f} s): streaming again "
          f"{r['resumed_s']:.2f} s after the reboot, stored gap {r['gap_s']:.2f} s, "
          f"steps back {r['back_steps']}, clock restarts reported {r['restarts']}")
    for fault, back in (("RemoveAdapter", "AddAdapter"), ("PowerOff", "PowerOn")):
        r = _adapter(fault, back)
        print(f"  {fault} (DOT + WitMotion): links said so after {r['told_ms']:.0f} ms; "
              f"streaming again {r['resumed_s']:.2f} s after {back}; away {r['away_s']:.2f} s,"
              f" reported lost {', '.join(f'{x:.2f}' for x in r['lost_s'])} s")
    w = _reorder_wait()
    held = w[w > 1e-9]
    print(f"  wait behind a lost packet (DOT 60 Hz, 5 % lost): {100 * len(held) / len(w):.1f}%"
          f" of the samples wait, median {1000 * np.median(held):.0f} ms, max "
          f"{1000 * held.max():.0f} ms (in-order samples: none)")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=10.0)
    ap.add_argument("--faults", action="store_true", help="only the fault figures")
    args = ap.parse_args()
    if args.faults:
        faults()
        return 0
    r = run(4, args.seconds)
    print(f"4 sensors x 200 Hz through emulated BLE: our decode + queue + alignment "
          f"{r['ours_pct']:.1f}% of one core (whole process incl. bleak/D-Bus "
          f"{r['process_pct']:.0f}%); {r['rate']:.0f} samples/s per sensor")
    lat = r["latency_ms"]
    print(f"latency notification -> pipeline (newest sample of each batch): median "
          f"{np.median(lat):.1f} ms, 99th pct {np.percentile(lat, 99):.1f} ms")
    for n in (1, 2, 4, 6):
        r = run(n, min(args.seconds, 6.0))
        print(f"  {n} sensor(s): loss {r['loss_pct']:.2f}%, {r['rate']:.0f} samples/s per "
              "sensor")
    return 0


if __name__ == "__main__":
    sys.exit(main())
