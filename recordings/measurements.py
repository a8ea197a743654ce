"""The measurement moments: test results and questionnaire scores, against norms and intake.

A test done with the sensors is a recorded set of the test's exercise; its result is
computed once when the set ends and stored as the moment's test result (with the set it came
from). A result entered by hand replaces it (the sensor's is kept, marked replaced). Every
view — live, history, ``monitor sessions``, ``monitor tests``, ``monitor analyze DB``, the
report — reads that one stored result, so the same test reads the same everywhere.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from typing import Any

from monitor.core.battery import (
    age_at,
    battery_test,
    battery_tests,
    change,
    cutoff,
    is_test,
    norm,
    questionnaire_def,
    questionnaires,
    result_value,
    value_text,
)
from monitor.core.errors import ConfigurationError
from monitor.core.messages import Message
from recordings.store import Store, StoreError


def side_of(placements: dict[str, str]) -> str | None:
    """The leg a set measured, from its sensors' placements (None: not said)."""
    sides = {p.split("_")[0] for p in placements.values() if "_" in p}
    return sides.pop() if len(sides) == 1 else None


def store_set_result(store: Store, set_id: int, exercise: str | None, summary: dict
                     ) -> int | None:
    """The test result of a set just recorded, as its moment's result (None: the set is
    not a test of the battery)."""
    if exercise is None or not is_test(exercise):
        return None
    row = store.db.execute(
        "SELECT p.code, t.session_id, t.placements FROM sets t JOIN sessions s ON "
        "s.id=t.session_id JOIN patients p ON p.id=s.patient_id WHERE t.id=?",
        (set_id,)).fetchone()
    if row is None:
        raise StoreError(f"no set {set_id} in {store.path}")
    code, session_id, placements = row[0], row[1], json.loads(row[2] or "{}")
    result = summary.get("test_result") or {}
    value = result_value(exercise, result)
    side = side_of(placements) if battery_test(exercise).get("both_legs") else None
    return store.save_test_result(code, session_id, exercise, value, result, "sensor",
                                  set_id=set_id, side=side)


def enter_result(store: Store, code: str, session_id: int, test: str, value: float,
                 side: str | None = None, note: str | None = None) -> int:
    """A result measured by hand (a stopwatch, a goniometer) or a correction."""
    d = battery_test(test)
    lowest = -30.0 if d["result"] == "flexion_deg" else 0.0
    if value != value or not lowest <= value <= 3600.0:
        raise ConfigurationError(Message("a result must be a number from {lo} to {hi}",
                                         lo=f"{lowest:g}", hi="3600"))
    if d["result"] == "count" and value != int(value):
        # 2.5 stands would be stored as 2.5 and written "2 stands": a count is whole (the
        # stand under way at the end counts whole when more than halfway up).
        raise ConfigurationError(Message("a count of stands is a whole number, not {v}",
                                         v=f"{value:g}"))
    if d.get("both_legs") and side not in ("left", "right"):
        raise ConfigurationError(Message("this test is measured per leg: say which (left "
                                         "or right)"))
    key = {"count": "count", "flexion_deg": "flexion_deg"}.get(d["result"], "time_s")
    data: dict[str, object] = {key: value, "entered": True}
    if note:
        data["note"] = note
    return store.save_test_result(code, session_id, test, value, data, "manual",
                                  side=side if d.get("both_legs") else None)


def enter_score(store: Store, code: str, session_id: int, instrument: str, value: float,
                item: int | None = None) -> int:
    q = questionnaire_def(instrument)
    lo, hi = q["range"]
    if not lo <= value <= hi:
        raise ConfigurationError(Message("{instrument}: a score is {lo}-{hi}, not {v}",
                                         instrument=instrument, lo=lo, hi=hi, v=f"{value:g}"))
    if instrument == "psfs" and item is None:
        raise ConfigurationError("a PSFS score belongs to one of the patient's activities")
    return store.save_score(code, session_id, instrument, float(value), item)


# -- the battery per moment ------------------------------------------------------------------
@dataclass
class Judged:
    value: float | None
    text: str
    norm: dict | None
    no_norm: str | None
    cutoff: dict | None
    change: dict | None
    source: str | None = None          # sensor | manual
    details: dict | None = None

    why: Message | None = None

    def to_json(self) -> dict:
        return {"value": self.value, "text": self.text, "norm": self.norm,
                "no_norm": self.no_norm,
                "no_norm_message": None if self.why is None else
                {"template": self.why.template, "params": self.why.params},
                "cutoff": self.cutoff, "change": self.change,
                "source": self.source, "details": self.details}


def battery_table(store: Store, code: str, lang: str = "en") -> list[dict]:
    """Per session (measurement moment) of the patient, every test and questionnaire
    result: the value, its norm band for the patient's age and sex (or why there is none),
    the change since the first measurement and whether it is meaningful."""
    patient = store.patient(code)
    if patient is None:
        raise StoreError(f"no patient with code {code!r}")
    sessions = store.sessions(code)
    results = store.test_results(code)
    scores = store.scores(code)
    activities = {a["id"]: a["text"] for a in store.psfs_activities(code)}
    first: dict[tuple, float] = {}
    out = []
    for info in sessions:
        year = time.localtime(info.started_at).tm_year
        age = age_at(patient["birth_year"], year)
        tests: dict[str, dict] = {}
        questionnaires: dict[str, dict] = {}
        row: dict[str, Any] = {"session": info.id, "label": info.label,
               "date": time.strftime("%Y-%m-%d", time.localtime(info.started_at)),
               "age": age, "tests": tests, "questionnaires": questionnaires}
        order = {t: i for i, t in enumerate(battery_test_ids())}
        mine = sorted((r for r in results if r["session_id"] == info.id),
                      key=lambda r: (order.get(r["test"], 99), r["side"] or ""))
        for r in mine:
            key = (r["test"], r["side"])
            d = battery_test(r["test"])
            value = r["value"]
            nj, why = norm(r["test"], value, age, patient["sex"])
            # The change since the first measurement of this test (and leg), if any.
            since = change(d, first.get(key), value) if key in first else None
            if value is not None and key not in first:
                first[key] = value
            judged = Judged(value, value_text(r["test"], value, lang),
                            None if nj is None else nj.to_json(),
                            None if why is None else str(why), cutoff(r["test"], value),
                            since, r["source"], r["data"], why)
            name = r["test"] if r["side"] is None else f"{r['test']}:{r['side']}"
            row["tests"][name] = judged.to_json()
        _limb_symmetry(row, patient)
        psfs = [s for s in scores if s["session_id"] == info.id and s["instrument"] == "psfs"]
        for s in (s for s in scores if s["session_id"] == info.id
                  and s["instrument"] != "psfs"):
            q = questionnaire_def(s["instrument"])
            key = (s["instrument"], None)
            since = change(q, first[key], s["value"]) if key in first else None
            first.setdefault(key, s["value"])
            row["questionnaires"][s["instrument"]] = {"value": s["value"], "change": since}
        if psfs:
            mean = sum(s["value"] for s in psfs) / len(psfs)
            key = ("psfs", None)
            since = change(questionnaire_def("psfs"), first[key], mean) if key in first \
                else None
            first.setdefault(key, mean)
            row["questionnaires"]["psfs"] = {
                "value": round(mean, 2), "change": since,
                "items": {activities.get(s["item"], str(s["item"])): s["value"]
                          for s in psfs}}
        if row["tests"] or row["questionnaires"]:
            out.append(row)
    return out


def _limb_symmetry(row: dict, patient: dict) -> None:
    """Knee flexion of both legs at one moment: the limb symmetry index, the affected leg
    against the other (or the smaller against the larger when the side is not known)."""
    left = row["tests"].get("knee_rom_test:left")
    right = row["tests"].get("knee_rom_test:right")
    if not left or not right or not left["value"] or not right["value"]:
        return
    side = patient.get("side")
    if side in ("left", "right"):
        affected, other = (left, right) if side == "left" else (right, left)
        basis = f"{side} against the other leg"
    else:
        affected, other = sorted((left, right), key=lambda j: j["value"])
        basis = "the smaller against the larger flexion"
    row["tests"]["knee_rom_lsi"] = {
        "value": round(100.0 * affected["value"] / other["value"], 1),
        "text": f"{100.0 * affected['value'] / other['value']:.0f} %", "basis": basis}


def sessions_tests(store: Store, code: str | None = None) -> dict[int, dict]:
    """Session id -> {test: text} of the stored results (for ``monitor sessions``)."""
    out: dict[int, dict] = {}
    codes = [code] if code else [p["code"] for p in store.patients()]
    for c in codes:
        for r in store.test_results(c):
            name = r["test"] if r["side"] is None else f"{r['test']}:{r['side']}"
            out.setdefault(r["session_id"], {})[name] = {
                "value": r["value"], "text": value_text(r["test"], r["value"]),
                "source": r["source"]}
    return out


def moment_result(store: Store, set_id: int) -> dict | None:
    """The stored result of a test's set's moment for that test (and leg), as ``monitor
    tests``, ``monitor sessions`` and the report show it: the set's own result, or the one
    that replaced it (entered by hand, or a later set of the same test). None: the set is
    not a test of the battery, or its moment has no result of it."""
    row = store.db.execute(
        "SELECT p.code, t.session_id, t.placements, t.exercise FROM sets t JOIN sessions s "
        "ON s.id=t.session_id JOIN patients p ON p.id=s.patient_id WHERE t.id=?",
        (set_id,)).fetchone()
    if row is None or not is_test(row[3]):
        return None
    code, session_id, test = row[0], row[1], row[3]
    side = side_of(json.loads(row[2] or "{}")) if battery_test(test).get("both_legs") \
        else None
    return next((r for r in store.test_results(code, session_id)
                 if r["test"] == test and r["side"] == side), None)


def known_instruments(joint: str | None) -> list[str]:
    """The questionnaire scores that apply to a patient (KOOS for the knee, HOOS for the
    hip, both when both joints are affected or the joint is not recorded)."""
    out = []
    for q in questionnaires():
        j = q.get("joint")
        if j is None or joint is None or j in joint.split(","):
            out.append(q["id"])
    return out


def battery_test_ids() -> list[str]:
    return [t["id"] for t in battery_tests()]
