"""Progress over measurement moments: the query layer the history view and the report use."""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np

from monitor.core.battery import is_test
from recordings.replay import replay_set
from recordings.store import Store


@dataclass
class SessionProgress:
    session: int
    label: str | None
    started_at: float
    sets: int
    reps: int
    best_rom_deg: float | None
    mean_rom_deg: float | None
    mean_concentric_s: float | None
    mean_eccentric_s: float | None
    time_under_tension_s: float
    test_results: list | None = None               # timed protocols: one per set
    best_rise_cm: float | None = None              # exercises counted on the rise
    mean_rise_cm: float | None = None
    change_best_rom_deg: float | None = None     # against the first measurement
    change_reps: int | None = None
    # The treatment: what the programme prescribed then, the load used, effort and pain.
    sets_prescribed: int | None = None
    reps_prescribed: int | None = None
    load: dict | None = None                       # Load as JSON (kind, value): the last set's
    loads: list | None = None                      # every set's, in order (Load.texts)
    effort_max: int | None = None                  # Borg CR10
    pain_after: int | None = None                  # 0-10, after this exercise

    def to_json(self) -> dict:
        return {k: (round(v, 3) if isinstance(v, float) else v) for k, v in asdict(self).items()}


def progress(store: Store, patient_code: str, exercise: str) -> list[SessionProgress]:
    """Per session of a patient: best and mean ROM, reps, tempo and TUT for one exercise."""
    out: list[SessionProgress] = []
    pain = store.pain(patient_code)
    stored = [r for r in store.test_results(patient_code) if r["test"] == exercise]
    for info in store.sessions(patient_code):
        sets = [s for s in store.sets(info.id) if s["exercise"] == exercise]
        if not sets:
            continue
        pres = [s["prescription"] for s in sets if s.get("prescription")]
        efforts = [s["effort"] for s in sets if s.get("effort") is not None]
        after = [e["value"] for e in pain if e["session_id"] == info.id
                 and e["kind"] == "after" and e["exercise"] in (exercise, None)]
        reps = [r for s in sets for r in store.reps(s["id"])]
        rom = np.array([r["rom_deg"] for r in reps]) if reps else np.empty(0)
        rise = np.array([r["rise_cm"] for r in reps if r.get("rise_cm") is not None])
        out.append(SessionProgress(
            session=info.id, label=info.label, started_at=info.started_at, sets=len(sets),
            reps=len(reps),
            best_rom_deg=float(rom.max()) if len(rom) else None,
            mean_rom_deg=float(rom.mean()) if len(rom) else None,
            mean_concentric_s=float(np.mean([r["concentric_s"] for r in reps])) if reps
            else None,
            mean_eccentric_s=float(np.mean([r["eccentric_s"] for r in reps])) if reps
            else None,
            time_under_tension_s=float(sum(r["concentric_s"] + r["hold_s"] + r["eccentric_s"]
                                           for r in reps)),
            # A battery test: the moment's stored result (the one number every view shows).
            test_results=([{**r["data"], "value": r["value"], "side": r["side"]}
                           for r in stored if r["session_id"] == info.id] or None)
            if is_test(exercise) else
            ([s["summary"]["test_result"] for s in sets
              if s["summary"] and "test_result" in s["summary"]] or None),
            best_rise_cm=float(rise.max()) if len(rise) else None,
            mean_rise_cm=float(rise.mean()) if len(rise) else None,
            sets_prescribed=pres[-1]["of"] if pres else None,
            reps_prescribed=pres[-1]["dose"]["reps"] if pres else None,
            load=pres[-1].get("load_used") or pres[-1]["dose"]["load"] if pres else None,
            loads=[p.get("load_used") or p["dose"]["load"] for p in pres] or None,
            effort_max=max(efforts) if efforts else None,
            pain_after=max(after) if after else None))
    if out:
        first = out[0]
        for p in out[1:]:
            # Between the numbers as written (82 deg then 82 deg is no change, whatever the
            # decimals behind them).
            if p.best_rom_deg is not None and first.best_rom_deg is not None:
                p.change_best_rom_deg = float(round(p.best_rom_deg)
                                              - round(first.best_rom_deg))
            p.change_reps = p.reps - first.reps
    return out


def pain_over_time(store: Store, patient_code: str) -> list[dict]:
    """Per session: pain before it, the highest after an exercise, the next morning."""
    entries = store.pain(patient_code)
    out = []
    for info in store.sessions(patient_code):
        of = [e for e in entries if e["session_id"] == info.id]
        row = {"session": info.id, "label": info.label, "started_at": info.started_at}
        for kind in ("before", "after", "next_morning"):
            vals = [e["value"] for e in of if e["kind"] == kind]
            row[kind] = max(vals) if vals else None
        out.append(row)
    return out


def overlay(store: Store, set_a: int, set_b: int) -> dict[int, tuple[np.ndarray, np.ndarray]]:
    """Angle curves of two sets (time from each set's first repetition start, degrees)."""
    out = {}
    for set_id in (set_a, set_b):
        pipe = replay_set(store, set_id, keep_series=True)
        t, deg = pipe.angle_series()
        t0 = pipe.events[0].start_s if pipe.events else (t[0] if len(t) else 0.0)
        out[set_id] = (t - t0, deg)
    return out
