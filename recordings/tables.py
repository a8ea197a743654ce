"""A session's repetitions and set summaries as CSV tables for spreadsheets.

Two files per session, comma-separated with a decimal point (RFC 4180), UTF-8 with a
byte-order mark so that spreadsheet programs read accents right; every column that has a
unit names it (``rom_deg``, ``start_s``); an empty field is a value the set does not have::

    session<ID>_repetitions.csv   one row per repetition
    session<ID>_sets.csv          one row per set (what the app showed at its end)

Times within a set (``start_s``, ``peak_s``, ``end_s``) are seconds on the set's clock,
the ``time_s`` of its samples in the IMU CSV export.
"""

from __future__ import annotations

import csv
import datetime as _dt
from collections.abc import Callable
from pathlib import Path
from typing import Final

from recordings.store import SessionInfo, Store

REP_COLUMNS: Final = ("patient", "moment", "session", "set", "exercise", "angle",
                      "repetition", "start_s", "peak_s", "end_s", "min_deg", "max_deg",
                      "rom_deg", "concentric_s", "hold_s", "eccentric_s", "rest_s",
                      "time_under_tension_s", "rise_cm", "flags")
SET_COLUMNS: Final = ("patient", "moment", "session", "set", "exercise", "started_at",
                      "duration_s", "rep_count", "rom_mean_deg", "rom_sd_deg",
                      "rom_min_deg", "rom_max_deg", "duration_mean_s", "tempo_cv",
                      "time_under_tension_s", "reps_below_target", "reps_too_fast",
                      "effort_0_10", "target_rom_low_deg", "target_rom_high_deg",
                      "target_reps", "note")


def _cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.6g}" if abs(value) >= 1e-3 or value == 0 else f"{value:.3e}"
    return value


def write_rep_tables(store: Store, info: SessionInfo, out: Path,
                     private_file: Callable[[Path], Path]) -> list[Path]:
    from monitor.core.exercises import catalogue

    reps_path = private_file(out / f"session{info.id}_repetitions.csv")
    sets_path = private_file(out / f"session{info.id}_sets.csv")
    with open(reps_path, "w", encoding="utf-8-sig", newline="") as rf, \
            open(sets_path, "w", encoding="utf-8-sig", newline="") as sf:
        reps_csv, sets_csv = csv.writer(rf), csv.writer(sf)
        reps_csv.writerow(REP_COLUMNS)
        sets_csv.writerow(SET_COLUMNS)
        for st in store.sets(info.id):
            ex = catalogue().get(st["exercise"]) if st["exercise"] else None
            common = {"patient": info.patient, "moment": info.label or "",
                      "session": info.id, "set": st["id"], "exercise": st["exercise"] or ""}
            for r in store.reps(st["id"]):
                row = {**common, "angle": ex.angle if ex else "", "repetition": r.get("index"),
                       **{k: r.get(k) for k in REP_COLUMNS[7:-1]},
                       "flags": " ".join(r.get("flags") or [])}
                reps_csv.writerow([_cell(row.get(c)) for c in REP_COLUMNS])
            summary = st["summary"] or {}
            band = st["targets"].get("rom_band_deg") or [None, None]
            row = {**common,
                   "started_at": _dt.datetime.fromtimestamp(st["started_at"]).strftime(
                       "%Y-%m-%d %H:%M:%S"),
                   "duration_s": round(store.set_duration(st["id"]), 3),
                   **{c: summary.get(c) for c in SET_COLUMNS[7:17]},
                   "effort_0_10": st["effort"], "target_rom_low_deg": band[0],
                   "target_rom_high_deg": band[1],
                   "target_reps": st["targets"].get("reps_per_set"), "note": st["notes"]}
            sets_csv.writerow([_cell(row.get(c)) for c in SET_COLUMNS])
    return [reps_path, sets_path]
