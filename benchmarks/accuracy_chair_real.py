"""Chair-stand tests on real recordings: counts and times against force-plate truth.

Data: the test recordings of the BENCH testbed (Eurobench, EU H2020 grant 779963; C. De
Marchis, L. Gizzi, G. Severini, 2020), public at github.com/eurobench/pi_bench. No licence
is stated: the files are read from where they lie, never copied here. An instrumented chair
(a force plate under the seat and one under the feet) and Shimmer3 IMUs at 128 Hz on foot
(IMU1), shank (IMU2), thigh (IMU3), pelvis (IMU4) and trunk (IMU5) of one leg (which leg is
not stated); arms crossed, as fast as possible.

- ``subject_NN_5sts_chair_raw_01.csv`` (Eurobench_format_code/test/input; subjects 1-3):
  five times sit to stand; ``subject_NN_30sts_chair_raw_01.csv``: 30-s chair stand.
- ``S01_30sts_data.mat`` (Final_Version_ROS): subject 1's 30-s chair stand as a MATLAB
  file (Synch_chair_data, Synch_shimmer_data at 128 Hz); the other S0x .mat files hold the
  same samples as the CSV files and are skipped when the CSV file is there.

Conversion to the IMU CSV format: IMU3 is the thigh, IMU2 the shank (the dataset's own
joint angles pair IMU2-IMU3 for the knee); accelerations are in m/s^2, angular rates in
deg/s (converted to rad/s), and the gyroscope's z axis is reversed (the published frames are
left-handed: between two still postures 60-90 deg apart, the thigh's and the shank's
gyroscopes carry gravity to where the accelerometer finds it to within 0.4-2.6 deg with z
reversed, and miss it by 45-92 deg as published; subjects 1 and 2). Subject 3's thigh and
shank accelerometers are out of calibration (the thigh reads 10.9-13.1 m/s^2 at rest, the
shank 6.7-8.4): converted as they are.

Truth, from the force plates alone (10-Hz low-pass):
- stands: the seat unloads (below a quarter of its load when seated, 0.2 s or more) and is
  loaded again (above half): one stand per unloading;
- first movement: the end of the last quarter second before the first seat-off in which the
  seat's vertical force and fore-aft centre of pressure and the floor plate's vertical and
  fore-aft force all stayed within 10 % of their change from quiet sitting;
- full stand: the body's centre of mass stops rising: its vertical velocity (the sum of both
  plates' vertical forces less the seated load, integrated; the drift taken off so that it is
  zero in the final quiet sitting) falls below 5 % of that rise's peak;
- 30-s chair stand: the stands whose rise ended within 30 s of the first movement, plus one
  if the centre of mass is more than halfway up at 30 s (Rikli & Jones 1999);
- five times sit to stand: from the first movement to the fifth full stand (Guralnik 1994,
  as the app times it). The dataset's own result ends at the fifth sitting instead: the
  time to the seat loaded the fifth time is printed for reference.

The IMUs and the chair were recorded on two clocks, aligned by the dataset's own trigger:
the trunk sensor's vertical acceleration matches the centre of mass's (r = 0.96-0.98) only
0.12-0.19 s later. Where the app started a test and when it saw each full stand are compared
after moving the app's times onto the chair's clock by that lag (an estimate: it takes the
trunk's vertical acceleration to follow the centre of mass's without delay); a duration
(five times sit to stand) and a count are measured on one clock each and do not depend on
it.

Usage: python benchmarks/accuracy_chair_real.py PATH... [--out DIR] [--verbose] [--as-published]
PATH: files or folders (searched recursively), e.g. a checkout of the repository, or
``git --git-dir=REPO archive HEAD Eurobench_format_code/test/input Final_Version_ROS |
tar -x -C DIR``. Each recording is converted (thigh and shank; and the thigh alone) and
analysed with ``monitor analyze FILE --json``, as a user would. Prints per recording the
truth, the result and the error, where the app's test started against the first movement
and when it found each stand against the centre of mass; then the totals. With
--as-published the gyroscopes keep their published (left-handed) frames, to see how the app
takes such a file.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from scipy.signal import butter, filtfilt

from monitor.core.samples import ImuBatch, ImuRecording
from recordings.imu_csv import write_imu_csv

RATE_HZ = 128.0                      # Shimmer and chair, as the acquisition sets them
CHAIR = ["Fx_seat", "Fy_seat", "Fz_seat", "Mx_seat", "My_seat", "Mz_seat", "CoPx_seat",
         "CoPy_seat", "Fx_feet", "Fy_feet", "Fz_feet", "Mx_feet", "My_feet", "Mz_feet",
         "CoPx_feet", "CoPy_feet"]
SENSORS = {"thigh": 2, "shank": 1}   # index of the IMU (IMU3, IMU2)
GYRO_AXES = np.array([1.0, 1.0, -1.0])
EXERCISE = {"5sts": "five_times_sit_to_stand", "30sts": "chair_stand_30s"}
CONFIGS = {"thigh+shank": ("thigh", "shank"), "thigh": ("thigh",)}

QUIET_S = 1.0           # quiet sitting at the start of every recording (at least 1.2 s)
UNLOADED = 0.25         # seat load share: unloaded below, loaded again above LOADED
LOADED = 0.5
MIN_UNLOADED_S = 0.2    # shorter unloadings are the bounce of sitting down
ONSET_SHARE = 0.1
ONSET_STILL_S = 0.25
TOP_SHARE = 0.05

CSV_NAME = re.compile(r"subject_(\d+)_(5sts|30sts)_chair_raw_(\d+)\.csv$", re.I)
MAT_NAME = re.compile(r"S(\d+)_(5sts|30sts)_data\.mat$", re.I)


@dataclass
class Bench:
    name: str
    test: str                                   # "5sts" or "30sts"
    t: np.ndarray
    chair: dict[str, np.ndarray]
    imus: list[tuple[np.ndarray, np.ndarray]]   # (acc m/s^2, gyr deg/s) of IMU1..6


@dataclass
class Truth:
    start_s: float                              # first movement
    seat_off: list[float] = field(default_factory=list)
    seat_on: list[float] = field(default_factory=list)
    top: list[float] = field(default_factory=list)     # full stand (centre of mass)
    t: np.ndarray | None = None
    z: np.ndarray | None = None
    low_i: list[int] = field(default_factory=list)
    top_i: list[int] = field(default_factory=list)


def find(paths: list[str]) -> list[Path]:
    """The recordings under the paths; a CSV file wins over the .mat file of the same trial."""
    found: dict[tuple[int, str, int], Path] = {}
    files = []
    for p in map(Path, paths):
        files += sorted(p.rglob("*")) if p.is_dir() else [p]
    for f in files:
        m = CSV_NAME.search(f.name)
        if m:
            found[(int(m[1]), m[2].lower(), int(m[3]))] = f
    for f in files:
        m = MAT_NAME.search(f.name)
        if m:
            found.setdefault((int(m[1]), m[2].lower(), 1), f)
    return [found[k] for k in sorted(found)]


def read_bench(path: Path) -> Bench:
    if path.suffix.lower() == ".csv":
        header = path.open().readline().strip().split(",")
        a = np.loadtxt(path, delimiter=",", skiprows=1)
        col = {h: a[:, i] for i, h in enumerate(header)}
        imus = [(np.c_[col[f"Ax{i}"], col[f"Ay{i}"], col[f"Az{i}"]],
                 np.c_[col[f"Gx{i}"], col[f"Gy{i}"], col[f"Gz{i}"]]) for i in range(1, 7)]
        t = col["time"]
        test = CSV_NAME.search(path.name)[2].lower()
        chair = {k: col[k] for k in CHAIR}
    else:
        from scipy.io import loadmat
        m = loadmat(path)
        c = m["Synch_chair_data"]
        chair = {k: c[:, i] for i, k in enumerate(CHAIR)}
        imus = [(d[:, :3], d[:, 3:6]) for d in m["Synch_shimmer_data"][0]]
        t = np.arange(len(c)) / RATE_HZ
        test = MAT_NAME.search(path.name)[2].lower()
    return Bench(path.name, test, t, chair, imus)


def to_recording(b: Bench, which: tuple[str, ...], as_published: bool = False) -> ImuRecording:
    sensors = {}
    axes = np.ones(3) if as_published else GYRO_AXES
    for seg in which:
        acc, gyr = b.imus[SENSORS[seg]]
        sensors[seg] = ImuBatch(b.t.copy(), acc.astype(float), np.radians(gyr) * axes)
    return ImuRecording(sensors=sensors, placements={s: s for s in sensors},
                        exercise=EXERCISE[b.test], source=b.name)


def _seat_events(seat: np.ndarray, rate: float) -> tuple[list[int], list[int]]:
    quiet = seat[:int(QUIET_S * rate)].mean()
    empty = np.percentile(seat, 1)
    lo, hi = empty + UNLOADED * (quiet - empty), empty + LOADED * (quiet - empty)
    offs, ons, loaded = [], [], True
    for i, v in enumerate(seat):
        if loaded and v < lo:
            loaded = False
            offs.append(i)
        elif not loaded and v > hi:
            loaded = True
            ons.append(i)
    ons += [len(seat) - 1] * (len(offs) - len(ons))
    keep = [(a, b) for a, b in zip(offs, ons, strict=True) if (b - a) / rate >= MIN_UNLOADED_S]
    return [a for a, _ in keep], [b for _, b in keep]


def force_truth(b: Bench) -> Truth:
    rate = 1.0 / float(np.median(np.diff(b.t)))
    bb, aa = butter(2, 10.0 / (rate / 2))
    f = {k: filtfilt(bb, aa, b.chair[k]) for k in ("Fz_seat", "Fz_feet", "CoPx_seat",
                                                    "Fx_feet")}
    q = slice(0, int(QUIET_S * rate))
    offs, ons = _seat_events(f["Fz_seat"], rate)
    if not offs:
        raise ValueError("the seat is never unloaded")
    first = offs[0]
    dev = np.zeros(len(b.t))
    for v in f.values():
        change = np.max(np.abs(v[:first] - v[q].mean()))
        dev = np.maximum(dev, np.abs(v - v[q].mean()) / change)
    # The end of the last still stretch (all four within ONSET_SHARE for ONSET_STILL_S) before
    # the first seat-off; a moment where the signals happen to cross their quiet values
    # together while the body moves is no such stretch.
    run = int(ONSET_STILL_S * rate)
    still = np.convolve((dev[:first] < ONSET_SHARE).astype(int), np.ones(run, int), "valid")
    start = int(np.nonzero(still == run)[0][-1]) + run
    total = f["Fz_seat"] + f["Fz_feet"]
    vz = np.cumsum(total - total[q].mean()) / rate
    n = len(vz)
    vz -= vz[-int(QUIET_S * rate):].mean() * np.arange(n) / (n - QUIET_S * rate / 2)
    z = np.cumsum(vz) / rate
    tr = Truth(start_s=float(b.t[start]), t=b.t, z=z)
    for k, (off, on) in enumerate(zip(offs, ons, strict=True)):
        i0 = ons[k - 1] if k else start
        peak = i0 + int(np.argmax(vz[i0:on]))
        below = np.nonzero(vz[peak:on] < TOP_SHARE * vz[peak])[0]
        top = peak + int(below[0]) if len(below) else on
        tr.seat_off.append(float(b.t[off]))
        tr.seat_on.append(float(b.t[on]))
        tr.top.append(float(b.t[top]))
        tr.top_i.append(top)
        tr.low_i.append(i0 + int(np.argmin(z[i0:peak + 1])))
    return tr


def stream_offset_s(b: Bench) -> tuple[float, float]:
    """How much later the IMUs' clock runs than the chair's: the lag at which the trunk
    sensor's vertical acceleration (VQF orientation) best matches the centre of mass's
    (both plates' vertical force); and that correlation."""
    from vqf import VQF

    rate = 1.0 / float(np.median(np.diff(b.t)))
    bb, aa = butter(2, 6.0 / (rate / 2))
    acc, gyr = b.imus[4]
    quat = VQF(1.0 / rate).updateBatch(
        np.ascontiguousarray(np.radians(gyr) * GYRO_AXES), np.ascontiguousarray(acc))["quat6D"]
    w, x, y, z = quat.T
    up = np.c_[2 * (x * z - w * y), 2 * (y * z + w * x), 1 - 2 * (x * x + y * y)]
    a_imu = filtfilt(bb, aa, np.sum(acc * up, axis=1))
    force = filtfilt(bb, aa, b.chair["Fz_seat"] + b.chair["Fz_feet"])
    best = (0.0, -1.0)
    for lag in range(-int(0.4 * rate), int(0.4 * rate) + 1):
        f = force[max(0, -lag):len(force) - max(0, lag)]
        a = a_imu[max(0, lag):len(a_imu) - max(0, -lag)]
        r = float(np.corrcoef(f, a)[0, 1])
        if r > best[1]:
            best = (lag / rate, r)
    return best


def truth_count(tr: Truth, t0: float, limit_s: float = 30.0
                ) -> tuple[int, float | None, float | None]:
    """Stands up within the time limit from t0, plus the one more than halfway up then;
    how far up (share of its rise) the stand under way at the limit was, and how long
    before the limit it was halfway up (negative: after)."""
    t_end = t0 + limit_s
    n = sum(top <= t_end for top in tr.top)
    for k, top in enumerate(tr.top):
        lo, hi = tr.low_i[k], tr.top_i[k]
        if tr.t[lo] < t_end < top:
            share = (tr.z[lo:hi + 1] - tr.z[lo]) / (tr.z[hi] - tr.z[lo])
            now = float(np.interp(t_end, tr.t[lo:hi + 1], share))
            half = float(tr.t[lo + int(np.argmax(share > 0.5))])
            return n + int(now > 0.5), now, t_end - half
    return n, None, None


def analyze(b: Bench, which: tuple[str, ...], folder: Path, as_published: bool) -> dict:
    path = folder / f"{Path(b.name).stem}_{'_'.join(which)}.csv"
    write_imu_csv(path, to_recording(b, which, as_published))
    run = subprocess.run([sys.executable, "-m", "monitor", "analyze", str(path), "--json"],
                         capture_output=True, text=True)
    if run.returncode != 0:
        return {"error": (run.stderr or run.stdout).strip().splitlines()[-1]}
    return json.loads(run.stdout)


def stood_s(rep: dict) -> float:
    """When a repetition reached full standing, as the app's test result takes it."""
    return rep["peak_s"] - rep["hold_s"] / 2.0


def match_stands(tr: Truth, reps: list[dict], offset_s: float) -> list[float]:
    """Per true stand with one repetition starting between the sitting before it and its
    own sitting down: the app's full-stand time (moved onto the chair's clock) minus the
    centre of mass's."""
    out = []
    bounds = [tr.start_s - 1.0, *tr.seat_on]
    for k, top in enumerate(tr.top):
        mine = [r for r in reps if bounds[k] <= r["start_s"] - offset_s < bounds[k + 1]]
        if len(mine) == 1:
            out.append(stood_s(mine[0]) - offset_s - top)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--out", help="keep the converted IMU CSV files in this folder")
    ap.add_argument("--verbose", action="store_true", help="every stand's times")
    ap.add_argument("--as-published", action="store_true",
                    help="keep the gyroscope's z axis as published (left-handed frames)")
    args = ap.parse_args(argv)
    files = find(args.paths)
    if not files:
        print("no BENCH recordings (subject_NN_5sts|30sts_chair_raw_NN.csv, "
              "SNN_5sts|30sts_data.mat) under the paths given", file=sys.stderr)
        return 2
    out = Path(args.out) if args.out else Path(tempfile.mkdtemp(prefix="chair_real_"))
    out.mkdir(parents=True, exist_ok=True)
    counts = {c: [] for c in CONFIGS}          # (truth, result) of 30-s tests
    stands = {c: [] for c in CONFIGS}          # (stands in the recording, reps counted)
    times = {c: [] for c in CONFIGS}           # 5STS time error (s)
    starts, lags, offsets = [], [], []
    for f in files:
        b = read_bench(f)
        tr = force_truth(b)
        offset, r = stream_offset_s(b)
        offsets.append(offset)
        print(f"{b.name}: {len(tr.seat_off)} stands in {b.t[-1]:.1f} s; first movement at "
              f"{tr.start_s:.2f} s; the IMUs' clock runs {offset:+.2f} s behind the chair's "
              f"(r = {r:.2f})")
        for cname, which in CONFIGS.items():
            res = analyze(b, which, out, args.as_published)
            if "error" in res:
                print(f"  {cname:12s} refused: {res['error']}")
                continue
            reps, result = res["reps"], res.get("test_result") or {}
            stands[cname].append((len(tr.seat_off), len(reps)))
            lag = match_stands(tr, reps, offset)
            start_err = reps[0]["start_s"] - offset - tr.start_s if reps else float("nan")
            if cname == "thigh+shank":
                starts.append(start_err)
                lags += lag
            head = (f"  {cname:12s} reps {len(reps):2d} of {len(tr.seat_off):2d} stands; "
                    f"start {start_err:+.2f} s after the first movement; full stand "
                    f"{np.median(lag) if lag else float('nan'):+.2f} s after the centre "
                    f"of mass (median)")
            if b.test == "30sts":
                truth, share, margin = truth_count(tr, tr.start_s)
                own, own_share, _ = truth_count(tr, result.get("start_s", tr.start_s) - offset)
                got = result.get("count")
                counts[cname].append((truth, got))
                half = "" if share is None else (f" (the last {share:.0%} up at 30 s, "
                                                 f"halfway {margin:+.2f} s before)")
                print(f"{head}\n    30-s chair stand: truth {truth}{half}, result {got}, "
                      f"error {got - truth:+d}; truth from the app's start {own}"
                      + ("" if own_share is None else f" ({own_share:.0%} up)")
                      + f"; last counted halfway: {result.get('last_counted_halfway')}")
            else:
                truth = tr.top[4] - tr.start_s if len(tr.top) >= 5 else float("nan")
                got = result.get("time_s")
                err = (got - truth) if got is not None else float("nan")
                times[cname].append(err)
                ds = (tr.seat_on[4] - tr.start_s) if len(tr.seat_on) >= 5 else float("nan")
                print(f"{head}\n    five times sit to stand: truth {truth:.2f} s, result "
                      f"{got if got is not None else 'none'} s, error {err:+.2f} s "
                      f"(to the fifth sitting: {ds:.2f} s)")
            notes = res.get("notes") or []
            for n in notes:
                print(f"    note: {n}")
            roms = [r["rom_deg"] for r in reps]
            if roms:
                print(f"    ROM {min(roms):.0f}-{max(roms):.0f} deg")
            if args.verbose:
                for k, top in enumerate(tr.top):
                    print(f"    stand {k + 1}: seat-off {tr.seat_off[k]:.2f} full stand "
                          f"{top:.2f} seat-on {tr.seat_on[k]:.2f}")
                for r in reps:
                    print(f"    rep {r['index']}: start {r['start_s']:.2f} stood "
                          f"{stood_s(r):.2f} end {r['end_s']:.2f}")
    print("\nTotals")
    for cname in CONFIGS:
        c, s, e = counts[cname], stands[cname], np.abs(times[cname])
        line = f"  {cname:12s} stands counted {sum(a == b for a, b in s)}/{len(s)} recordings"
        if c:
            line += (f"; 30-s counts exact {sum(a == b for a, b in c)}/{len(c)}, within one "
                     f"{sum(abs(a - b) <= 1 for a, b in c)}/{len(c)}")
        if len(e):
            line += (f"; five times sit to stand |error| median {np.median(e):.2f} s, max "
                     f"{np.max(e):.2f} s")
        print(line)
    if starts:
        print(f"  test start after the first movement: median {np.median(starts):.2f} s "
              f"(range {min(starts):.2f}-{max(starts):.2f}); full stand after the centre of "
              f"mass stops rising: median {np.median(lags):.2f} s (range {min(lags):.2f}-"
              f"{max(lags):.2f}, {len(lags)} stands); the IMUs' times moved onto the chair's "
              f"clock by {min(offsets):+.2f} to {max(offsets):+.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
