"""Accuracy of the walking tests: gait events, the 40 m walk, TUG phases, stair climb.

Usage: python benchmarks/accuracy_gait.py [WALKING_DATASET_DIR] [--seeds N]

Simulated (monitor.signal.simulate_gait; random sensor mountings, noise, gyroscope offsets
of up to 3 deg/s, 50 and 100 Hz): walkers at 0.6-1.6 m/s doing the 40 m fast-paced walk
(4 x 10 m, three turns), the Timed Up and Go and a stair ascent, measured from one shank,
one thigh, or both shanks. Prints per quantity the mean error and the 95th percentile of
the absolute error.

Real (optional): WALKING_DATASET_DIR is a checkout of the public "Walking-dataset" by
M. Pino (github.com/Marpino/Walking-dataset): 20 elderly and 20 young people walking 5 m,
and recordings of one person walking 5 m, rectangles and circles; IMUs on both feet,
shanks and thighs at 100 Hz, with heel and toe pressure sensors under both feet. The
repository states no licence, so none of it is copied here; point this script at a local
copy. Ground truth from the pressure sensors: a foot's swing is where its load (heel +
toe, each scaled to its range) falls below 35 % (final contact) until it rises above
35 % again (initial contact), confirmed by the foot's own IMU turning (above 46 deg/s).
Reported: initial and final contact errors per stride, swings found against the
pressure's swings, steps of both legs from one leg (twice its swings) and from both
shanks, and the walk's time against the first toe-off to the last initial contact.
"""

from __future__ import annotations

import argparse
import contextlib
import re
import sys
import time
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import numpy as np

from monitor.core.samples import GRAVITY_M_S2, ImuBatch, ImuRecording
from monitor.signal.gait import _walking_legs, stair_climb, tug, walk_test
from monitor.signal.simulate_gait import simulate_stairs, simulate_tug, simulate_walk

SPEEDS = (0.6, 0.8, 1.0, 1.3, 1.6)
WALK_SENSORS = (("right_shank",), ("left_thigh",), ("left_shank", "right_shank"))


def stats(errors, unit: str = "s", scale: float = 1.0) -> str:
    e = np.asarray([x for x in errors if x is not None and np.isfinite(x)], dtype=float)
    if e.size == 0:
        return "no data"
    e = e * scale
    return (f"mean {e.mean():+.3f} {unit}, median {np.median(e):+.3f} {unit}, 95th pct |err| "
            f"{np.percentile(np.abs(e), 95):.3f} {unit}, max {np.abs(e).max():.3f} {unit} "
            f"(n={e.size})")


def matched(detected, truth) -> list[float]:
    t = np.asarray(truth, dtype=float)
    if t.size == 0:
        return []
    return [d - t[np.argmin(np.abs(t - d))] for d in detected
            if d is not None and np.min(np.abs(t - d)) < 0.3]


def simulated(seeds: int) -> None:
    print("Simulated walks (random mountings, gyro offsets up to 3 deg/s, 50/100 Hz)")
    rng = np.random.default_rng(2026)
    walk = {"one": [], "both": []}
    for sensors in WALK_SENSORS:
        key = "both" if len(sensors) == 2 else "one"
        res = {"time": [], "cad": [], "steps": [], "turns_ok": 0, "n": 0, "ic": [], "fc": []}
        for speed in SPEEDS:
            for seed in range(seeds):
                rate = 50.0 if seed % 2 else 100.0
                sim = simulate_walk(speed_m_s=speed, seed=1000 * seed + int(speed * 10),
                                    sensors=sensors, rate_hz=rate,
                                    gyr_offset_rad_s=float(rng.uniform(0.0, 0.052)))
                r = walk_test(sim.recording)
                tr = sim.truth
                res["n"] += 1
                res["time"].append(r["time_s"] - tr.time_s if r["time_s"] else np.nan)
                res["cad"].append((r["cadence_steps_min"] or np.nan) / tr.cadence_steps_min - 1)
                res["steps"].append((r["steps"] or 0) - tr.steps)
                res["turns_ok"] += len(r["turns"]) == 3
                used, _all, _notes = _walking_legs(sim.recording, ("shank", "thigh"))
                for leg in used:
                    ev = leg.events
                    res["ic"] += matched([ev["initial_contacts_s"][i] for i in leg.episode],
                                         tr.initial_contacts_s[leg.side])
                    res["fc"] += matched([ev["final_contacts_s"][i] for i in leg.episode],
                                         tr.final_contacts_s[leg.side])
        walk[key].append((sensors, res))
        steps = np.asarray(res["steps"])
        print(f"  40 m walk, {' + '.join(sensors)}: {res['n']} walks")
        print(f"    test time error: {stats(res['time'])}")
        print(f"    steps: exact {np.mean(steps == 0):.0%}, off by one "
              f"{np.mean(abs(steps) == 1):.0%}, worse {np.mean(abs(steps) > 1):.0%}; "
              f"cadence error: {stats(res['cad'], '%', 100.0)}")
        print(f"    three turns found: {res['turns_ok']}/{res['n']}")
        print(f"    initial contact: {stats(res['ic'])}")
        print(f"    final contact:   {stats(res['fc'])}")

    for sensors in (("right_thigh",), ("left_shank",)):
        ph = {k: [] for k in ("time", "rise", "walk_out", "turn", "walk_back", "turn_sit")}
        n = 0
        for speed in (0.5, 0.7, 0.9, 1.2):
            for seed in range(seeds):
                sim = simulate_tug(speed_m_s=speed, seed=2000 + 10 * seed + int(speed * 10),
                                   sensors=sensors,
                                   gyr_offset_rad_s=float(rng.uniform(0.0, 0.052)))
                r = tug(sim.recording)
                n += 1
                ph["time"].append(r["time_s"] - sim.truth.time_s if r["time_s"] else np.nan)
                for k, v in r["phases"].items():
                    ph[k].append(None if v is None else v - sim.truth.phases[k])
        print(f"  TUG, {sensors[0]}: {n} tests (0.5-1.2 m/s)")
        for k, v in ph.items():
            print(f"    {k:9s}: {stats(v)}")

    for sensors in (("right_shank",), ("left_thigh",)):
        st = {"time": [], "steps": [], "cad": []}
        for seed in range(3 * seeds):
            stairs = 8 + seed % 5
            sim = simulate_stairs(stairs=stairs, seed=3000 + seed, sensors=sensors)
            r = stair_climb(sim.recording, steps=stairs)
            st["time"].append(r["time_s"] - sim.truth.time_s if r["time_s"] else np.nan)
            st["steps"].append((r["steps"] or 0) - sim.truth.steps)
            st["cad"].append((r["cadence_steps_min"] or np.nan) / sim.truth.cadence_steps_min
                             - 1)
        steps = np.asarray(st["steps"])
        print(f"  stair ascent (8-12 stairs, 55-95 steps/min), {sensors[0]}: {len(steps)} "
              "flights")
        print(f"    time error: {stats(st['time'])}")
        print(f"    steps: exact {np.mean(steps == 0):.0%}, off by one "
              f"{np.mean(abs(steps) == 1):.0%}, worse {np.mean(abs(steps) > 1):.0%}; "
              f"cadence error: {stats(st['cad'], '%', 100.0)}")


# --------------------------------------------------------------------------------------
# The Walking-dataset (M. Pino), read from its spreadsheets without extra packages.

NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
PLACES = {2: "right_shank", 3: "right_thigh", 4: "left_thigh", 5: "left_shank"}
FEET = {1: "right", 6: "left"}


def _column(ref: str) -> int:
    n = 0
    for ch in re.match(r"[A-Z]+", ref).group(0):
        n = n * 26 + ord(ch) - 64
    return n - 1


def read_sheet(path: Path) -> dict[str, np.ndarray]:
    """The first sheet of an .xlsx file as columns by header name (numbers only)."""
    with zipfile.ZipFile(path) as z:
        strings = ["".join(t.text or "" for t in si.iter(NS + "t"))
                   for si in ET.fromstring(z.read("xl/sharedStrings.xml")).iter(NS + "si")]
        rows = []
        with z.open("xl/worksheets/sheet1.xml") as f:
            for _ev, el in ET.iterparse(f):
                if el.tag == NS + "row":
                    row = {}
                    for c in el.iter(NS + "c"):
                        v = c.find(NS + "v")
                        if v is not None:
                            row[_column(c.get("r"))] = (strings[int(v.text)]
                                                        if c.get("t") == "s" else v.text)
                    rows.append(row)
                    el.clear()
    header = {i: name.strip() for i, name in rows[0].items()}
    data = np.full((len(rows) - 1, max(header) + 1), np.nan)
    for k, row in enumerate(rows[1:]):
        for i, v in row.items():
            with contextlib.suppress(TypeError, ValueError):
                data[k, i] = float(v)
    return {name: data[:, i] for i, name in header.items()}


def load_walk(path: Path) -> tuple[dict[str, ImuBatch], dict[str, np.ndarray]] | None:
    """IMU batches by placement and per foot its load (heel + toe pressure) and angular
    rate magnitude (time, load, rad/s). Units per the dataset's README: acceleration /
    10000 in g, angular rate / 100 in deg/s, time in ms."""
    col = read_sheet(path)
    if "Time_1" not in col:
        return None
    t_ref = col["Time_1"][0]
    sensors, load = {}, {}
    for k, place in PLACES.items():
        t = (col[f"Time_{k}"] - t_ref) / 1000.0
        acc = np.stack([col[f"Acc_read_{a}_{k}"] for a in "xyz"], 1) / 10000.0 * GRAVITY_M_S2
        gyr = np.radians(np.stack([col[f"Gyro_read_{a}_{k}"] for a in "xyz"], 1) / 100.0)
        ok = np.isfinite(t) & np.all(np.isfinite(acc), 1) & np.all(np.isfinite(gyr), 1)
        sensors[place] = ImuBatch(t[ok], acc[ok], gyr[ok])
    for k, foot in FEET.items():
        total = 0.0
        for name in (f"Ext1_{k}", f"Ext2_{k}"):
            x = col[name]
            lo, hi = np.nanpercentile(x, [2, 98])
            if not hi > lo:
                return None          # a pressure sensor that did not record
            total = total + (x - lo) / (hi - lo)
        foot_rate = np.radians(np.linalg.norm(
            np.stack([col[f"Gyro_read_{a}_{k}"] for a in "xyz"], 1), axis=1) / 100.0)
        load[foot] = np.column_stack([(col[f"Time_{k}"] - t_ref) / 1000.0, total, foot_rate])
    return sensors, load


FOOT_SWING_RAD_S = 0.8    # a foot in swing turns faster than this (46 deg/s)


def pressure_swings(load: np.ndarray) -> list[tuple[float, float]]:
    """(final contact, initial contact) of each swing of one foot: its load falls and
    rises again, and the foot's own IMU turns as a swinging foot does (the two pressure
    sensors leave the midfoot uncovered: rolling over it unloads both for a moment)."""
    t, x = load[:, 0], load[:, 1]
    lo = np.nanpercentile(x, 2)
    down, up = lo + 0.35, lo + 0.35
    out = []
    i, n = 1, len(x)
    while i < n:
        if x[i - 1] > down >= x[i] and np.any(x[max(0, i - 50):i] > lo + 0.4):
            fc = t[i - 1] + (t[i] - t[i - 1]) * (x[i - 1] - down) / (x[i - 1] - x[i])
            j = i
            while j < n and not (x[j - 1] < up <= x[j]):
                j += 1
            if (j < n and t[j] - fc < 1.2 and np.any(x[i:j] < lo + 0.15)
                    and np.max(load[i:j + 1, 2]) >= FOOT_SWING_RAD_S):
                ic = t[j - 1] + (t[j] - t[j - 1]) * (up - x[j - 1]) / (x[j] - x[j - 1])
                out.append((float(fc), float(ic)))
                i = j
        i += 1
    return out


def real(directory: Path) -> None:
    files = sorted(directory.rglob("*.xlsx"))
    print(f"\nWalking-dataset (M. Pino, github.com/Marpino/Walking-dataset): {len(files)} "
          f"files under {directory}")
    err = {seg: {"ic": [], "fc": []} for seg in ("shank", "thigh")}
    swings_ok = {seg: [0, 0] for seg in ("shank", "thigh")}
    one_leg, both, times, starts, ends = [], [], [], [], []
    used_files = 0
    for path in files:
        loaded = load_walk(path)
        if loaded is None:
            continue
        sensors, load = loaded
        truth = {foot: pressure_swings(load[foot]) for foot in load}
        if not truth["left"] or not truth["right"]:
            continue
        used_files += 1
        for place, batch in sensors.items():
            side, seg = place.split("_")
            rec = ImuRecording({place: batch}, {place: place})
            used, _all, _notes = _walking_legs(rec, (seg,))
            if not used:
                continue
            leg = used[0]
            ev = leg.events
            ep = leg.episode
            swings = np.asarray(ev["mid_swing_s"])[ep]
            # The pressure's swings within the walk the sensor found (+- a stride).
            stride = ev["stride_s"] or 1.1
            true_sw = [s for s in truth[side]
                       if leg.start_s - stride <= 0.5 * (s[0] + s[1]) <= leg.end_s + stride]
            swings_ok[seg][0] += len(swings) == len(true_sw)
            swings_ok[seg][1] += 1
            err[seg]["ic"] += matched([ev["initial_contacts_s"][i] for i in ep],
                                      [s[1] for s in truth[side]])
            err[seg]["fc"] += matched([ev["final_contacts_s"][i] for i in ep],
                                      [s[0] for s in truth[side]])
            if seg == "shank":
                r = walk_test(rec, laps=1, lap_m=5.0)
                # The pressure's swings of this walk (a foot moved seconds before or after
                # the walk is another movement).
                near = [s for sw in truth.values() for s in sw
                        if r["start_s"] - stride <= 0.5 * (s[0] + s[1]) <= r["end_s"] + stride]
                one_leg.append(r["steps"] - len(near))
                if near:
                    first_fc = min(s[0] for s in near)
                    last_ic = max(s[1] for s in near)
                    times.append(r["time_s"] - (last_ic - first_fc))
                    starts.append(r["start_s"] - first_fc)
                    ends.append(r["end_s"] - last_ic)
        rec2 = ImuRecording({p: sensors[p] for p in ("left_shank", "right_shank")},
                            {p: p for p in ("left_shank", "right_shank")})
        r = walk_test(rec2, laps=1, lap_m=5.0)
        if r["steps"] is not None:
            n_true = sum(1 for sw in truth.values() for s in sw
                         if r["start_s"] - 1.0 <= 0.5 * (s[0] + s[1]) <= r["end_s"] + 1.0)
            both.append(r["steps"] - n_true)
    print(f"  {used_files} recordings with both feet's pressure usable")
    for seg in ("shank", "thigh"):
        ok, n = swings_ok[seg]
        print(f"  {seg}: swings = the pressure's swings in {ok}/{n} legs")
        print(f"    initial contact: {stats(err[seg]['ic'])}")
        print(f"    final contact:   {stats(err[seg]['fc'])}")
    one_leg, both = np.asarray(one_leg), np.asarray(both)
    print(f"  steps from one shank (twice its swings): exact {np.mean(one_leg == 0):.0%}, "
          f"off by one {np.mean(abs(one_leg) == 1):.0%}, worse {np.mean(abs(one_leg) > 1):.0%}"
          f" (n={one_leg.size})")
    print(f"  steps from both shanks: exact {np.mean(both == 0):.0%}, off by one "
          f"{np.mean(abs(both) == 1):.0%}, worse {np.mean(abs(both) > 1):.0%} (n={both.size})")
    print(f"  walk time from one shank against first toe-off .. last initial contact: "
          f"{stats(times)}")
    print(f"    start (gait onset) - first toe-off: {stats(starts)}")
    print(f"    end - last initial contact:         {stats(ends)}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("dataset", nargs="?", type=Path,
                    help="a local copy of github.com/Marpino/Walking-dataset (optional)")
    ap.add_argument("--seeds", type=int, default=4, help="simulated walkers per condition")
    args = ap.parse_args()
    t0 = time.perf_counter()
    simulated(args.seeds)
    if args.dataset is not None:
        if not args.dataset.is_dir():
            print(f"{args.dataset}: not a directory", file=sys.stderr)
            return 2
        real(args.dataset)
    print(f"\n({time.perf_counter() - t0:.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
