"""Bluetooth LE through the emulated BlueZ: CPU of our side, latency, loss.

Usage: python benchmarks/ble.py [--seconds 10]

bleak's real BlueZ backend talks to emulated sensors on a private D-Bus (tests/ble_env.py).
1. Four MetaWear sensors at 200 Hz (packed notifications): CPU share of one core spent in
   our code on the consumer side (decode + time alignment, measured around drain()) and of
   the whole process (bleak's D-Bus handling included).
2. Latency from notification arrival (host timestamp) to the pipeline having processed it.
3. Loss (samples received / samples sent by the emulated sensors) at 1, 2, 4 and 6 sensors.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from ble_env import emulated_bluez

from calibration.mounting import Mounting
from devices.ble import BleHub
from monitor.core.exercises import get_exercise
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


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=10.0)
    args = ap.parse_args()
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
