"""Inclination accuracy of the project's orientation path on BROAD trials.

Data: D. Laidig, M. Caruso, A. Cereatti, T. Seel, "BROAD - A Benchmark for Robust Inertial
Orientation Estimation", Data 6(7), 2021 (CC BY 4.0): real IMU with an optical reference.

Usage: python benchmarks/orientation_broad.py DATA_DIR
Runs monitor.core.orientation.OrientationTracker (VQF 6D) fed in live-sized batches of 5
samples, and prints the inclination RMSE (angle between estimated and reference vertical in
the sensor frame; heading does not matter for the app's angles) over the samples the
benchmark marks as movement, per trial and the mean over the undisturbed trials. Then the
same with 5 % of the samples lost (runs of 1-3, as over a Bluetooth link; seeded), side by
side: lost samples filled in for the filter (as the app does) and simply skipped.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import scipy.io

from monitor.core.orientation import OrientationTracker
from monitor.core.rotations import up_in_sensor_frame


def lost_mask(n: int, share: float, seed: int) -> np.ndarray:
    """Samples kept when ``share`` of them are lost in runs of 1-3."""
    rng = np.random.default_rng(seed)
    keep = np.ones(n, dtype=bool)
    while (~keep).mean() < share:
        i = int(rng.integers(1, n - 4))
        keep[i:i + int(rng.integers(1, 4))] = False
    return keep


def inclination_rmse(path: Path, lost: float = 0.0, fill: bool = True) -> float:
    m = scipy.io.loadmat(path)
    gyr = np.ascontiguousarray(m["imu_gyr"], dtype=float)
    acc = np.ascontiguousarray(m["imu_acc"], dtype=float)
    rate = float(np.squeeze(m["sampling_rate"]))
    ref = np.asarray(m["opt_quat"], dtype=float)
    mask = np.squeeze(m["movement"]).astype(bool)
    t = np.arange(len(gyr)) / rate
    keep = lost_mask(len(t), lost, seed=1) if lost else np.ones(len(t), dtype=bool)
    t, acc, gyr, ref, mask = t[keep], acc[keep], gyr[keep], ref[keep], mask[keep]
    tracker = OrientationTracker(rate, fill_gaps=fill)
    ups = []
    for i in range(0, len(gyr), 5):
        ups.append(tracker.update(t[i:i + 5], acc[i:i + 5], gyr[i:i + 5]).up)
    up = np.concatenate(ups)
    ok = mask & np.all(np.isfinite(ref), axis=1)
    up_ref = up_in_sensor_frame(ref[ok] / np.linalg.norm(ref[ok], axis=1, keepdims=True))
    err = np.degrees(np.arccos(np.clip(np.sum(up[ok] * up_ref, axis=1), -1, 1)))
    return float(np.sqrt(np.mean(err ** 2)))


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    root = Path(sys.argv[1])
    print("BROAD (Laidig et al. 2021), OrientationTracker = VQF 6D, batches of 5 samples")
    undisturbed = []
    for path in sorted(root.glob("*.mat")):
        rmse = inclination_rmse(path)
        print(f"  {path.stem:40s} inclination RMSE {rmse:5.2f} deg")
        if "undisturbed" in path.stem:
            undisturbed.append(rmse)
    print(f"  mean over undisturbed trials: {np.mean(undisturbed):.2f} deg "
          f"(n={len(undisturbed)})")
    print("5 % of the samples lost (runs of 1-3): lost samples filled in / skipped")
    filled, skipped = [], []
    for path in sorted(root.glob("*.mat")):
        a, b = inclination_rmse(path, 0.05, True), inclination_rmse(path, 0.05, False)
        print(f"  {path.stem:40s} inclination RMSE {a:5.2f} / {b:5.2f} deg")
        if "undisturbed" in path.stem:
            filled.append(a)
            skipped.append(b)
    print(f"  mean over undisturbed trials: {np.mean(filled):.2f} / {np.mean(skipped):.2f} deg")
    return 0


if __name__ == "__main__":
    sys.exit(main())
