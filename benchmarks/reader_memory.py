"""Memory and speed of reading an IMU CSV file, against the file's size.

Usage: python benchmarks/reader_memory.py [--mb 25 100 400] [--tmp DIR]

For each size, an IMU CSV file of about that many megabytes is written (two sensors at
100 Hz: a simulated 5-minute set of seated knee extensions repeated, seven decimals as
`write_imu_csv` writes them), then read by `read_imu_csv` in a fresh process. Printed: the
peak resident memory above that process's baseline (modules imported, nothing read), as a
multiple of the file's size and of the samples' size as float64 (time + 6 values: 56 bytes
per sample), and the reading speed (parsing and the unit checks). A practice laptop has 8 GB:
a 14-hour recording of two sensors at 100 Hz is about 830 MB of CSV.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PROBE = r"""
import json, os, sys, time
import numpy as np, scipy.signal, vqf                      # imported before the baseline
from recordings.imu_csv import read_imu_csv
def status(key):
    with open("/proc/self/status") as f:
        return next(int(l.split()[1]) * 1024 for l in f if l.startswith(key + ":"))
# The peak so far (importing) is reset, so that the peak below is the reading's own.
with open("/proc/self/clear_refs", "w") as f:
    f.write("5")
base = status("VmRSS")
t0 = time.perf_counter()
rec = read_imu_csv(sys.argv[1], read_sidecar=False)
dt = time.perf_counter() - t0
peak = status("VmHWM")
print(json.dumps({"seconds": dt, "peak_above_base": peak - base,
                  "samples": sum(len(b) for b in rec.sensors.values())}))
"""


def write_csv(path: Path, megabytes: float) -> None:
    """About ``megabytes`` of IMU CSV: one simulated set, its rows repeated with the time
    running on."""
    from monitor.signal.simulate import simulate_session

    sim = simulate_session("knee_extension_seated", reps=45, rate_hz=100.0, seed=1)
    rows = []
    for label, b in sim.recording.sensors.items():
        for i in range(len(b)):
            rest = ",".join(f"{v:.7g}" for v in (*b.acc_m_s2[i], *b.gyr_rad_s[i]))
            rows.append((float(b.time_s[i]), label, rest))
    rows.sort(key=lambda r: (r[0], r[1]))
    span = sim.recording.duration_s + 0.01
    target = megabytes * 1e6
    with open(path, "w", encoding="utf-8") as f:
        f.write("time_s,sensor,acc_x,acc_y,acc_z,gyr_x,gyr_y,gyr_z\n")
        k = 0
        while f.tell() < target:
            f.write("".join(f"{t + k * span:.6f},{lab},{rest}\n" for t, lab, rest in rows))
            k += 1


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, nargs="+", default=[25.0, 100.0, 400.0])
    ap.add_argument("--tmp", help="folder for the files (default: the system's temporary "
                    "folder; the largest needs that much free space)")
    args = ap.parse_args()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    print(f"{'file MB':>8} {'samples':>10} {'peak MB':>8} {'x file':>7} {'x float64':>9} "
          f"{'MB/s':>6}")
    with tempfile.TemporaryDirectory(dir=args.tmp) as d:
        for mb in args.mb:
            path = Path(d) / f"rec{mb:g}.csv"
            write_csv(path, mb)
            size = path.stat().st_size
            out = subprocess.run([sys.executable, "-c", PROBE, str(path)], env=env,
                                 capture_output=True, text=True, check=True)
            r = json.loads(out.stdout)
            binary = r["samples"] * 56
            print(f"{size / 1e6:8.0f} {r['samples']:10d} {r['peak_above_base'] / 1e6:8.0f} "
                  f"{r['peak_above_base'] / size:7.2f} {r['peak_above_base'] / binary:9.2f} "
                  f"{size / 1e6 / r['seconds']:6.1f}")
            path.unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())
