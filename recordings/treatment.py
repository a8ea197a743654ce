"""The treatment around the sets: programme, adherence, pain, goals and progression advice.

The store keeps the facts (the programme with every change dated, each set with what it was
prescribed, pain and effort entries, goals); this module reads them back as a physiotherapist
looks at them: what was prescribed at each visit and what was done (adherence), whether the
patient stays inside the pain-monitoring model, how each goal stands at every measurement
moment, and per programme exercise whether to increase, hold or decrease the dose
(:func:`monitor.core.dosing.advise`).
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass

from monitor.core.battery import battery_test, value_text
from monitor.core.dosing import (
    Advice,
    Dose,
    ExerciseVisit,
    Load,
    PainEntry,
    SetOutcome,
    advise,
    default_dose,
    pain_findings,
    weekly_pain_rise,
)
from monitor.core.errors import ConfigurationError
from monitor.core.exercises import get_exercise
from monitor.core.messages import Message
from recordings.store import Store, StoreError


@dataclass
class ProgrammeItem:
    exercise: str
    position: int
    dose: Dose
    valid_from: float
    reason: str | None = None

    def to_json(self) -> dict:
        return {"exercise": self.exercise, "position": self.position,
                "dose": self.dose.to_json(),
                "since": time.strftime("%Y-%m-%d", time.localtime(self.valid_from)),
                "reason": reason_text(self.reason)}


def programme(store: Store, code: str, at: float | None = None) -> list[ProgrammeItem]:
    return [ProgrammeItem(r["exercise"], r["position"], Dose.from_json(r["dose"]),
                          r["valid_from"], r["reason"]) for r in store.programme(code, at)]


def programme_item(store: Store, code: str, exercise: str, at: float | None = None
                   ) -> ProgrammeItem | None:
    return next((p for p in programme(store, code, at) if p.exercise == exercise), None)


def prescribe(store: Store, code: str, exercise: str, sets: int | None = None,
              reps: int | None = None, load: Load | None = None,
              tempo_s: tuple | None = None, target_deg: tuple | None = None,
              rest_s: float | None = None, reason: str | None = None,
              when: float | None = None) -> Dose:
    """Add the exercise to the patient's programme or change what is given; the rest of
    the dose stays as it was (or comes from the catalogue for a new exercise)."""
    if store.patient(code) is None:
        raise StoreError(f"no patient with code {code!r}: add it first "
                         "(monitor patient add CODE)")
    current = programme_item(store, code, exercise)
    base = current.dose if current is not None else default_dose(get_exercise(exercise))
    dose = Dose(sets=base.sets if sets is None else sets,
                reps=base.reps if reps is None else reps,
                load=base.load if load is None else load,
                tempo_s=base.tempo_s if tempo_s is None else tuple(tempo_s),
                target_deg=base.target_deg if target_deg is None else tuple(sorted(target_deg)),
                rest_s=base.rest_s if rest_s is None else rest_s)
    store.set_programme_item(code, exercise, dose.to_json(), reason=reason, when=when)
    return dose


# -- what a visit prescribed and what was done -----------------------------------------------
def _set_dose(store: Store, code: str, s: dict, at: float) -> Dose | None:
    """The dose a set was done against: its own prescription, else the programme then."""
    if s.get("prescription") and s["prescription"].get("dose"):
        return Dose.from_json(s["prescription"]["dose"])
    item = programme_item(store, code, s["exercise"], at)
    return item.dose if item is not None else None


def _outcome(s: dict) -> SetOutcome:
    summary = s.get("summary") or {}
    used = (s.get("prescription") or {}).get("load_used")
    return SetOutcome(reps=int(summary.get("rep_count") or 0),
                      reps_below_target=int(summary.get("reps_below_target") or 0),
                      reps_too_fast=int(summary.get("reps_too_fast") or 0),
                      effort=s.get("effort"),
                      load=Load.from_json(used) if used else None)


def adherence(store: Store, code: str, session_id: int) -> list[dict]:
    """Per exercise of the programme as it was at the visit (and any other exercise done):
    prescribed sets x reps x load against what was done."""
    info = next((x for x in store.sessions(code) if x.id == session_id), None)
    if info is None:
        return []
    at = info.started_at
    sets = store.sets(session_id)
    out: list[dict] = []
    items = programme(store, code, at) or []
    # The programme as it stood when the visit began, plus items added during it.
    later = [p for p in programme(store, code) if p.exercise not in {i.exercise for i in items}
             and any(s["exercise"] == p.exercise for s in sets)]
    for item in [*items, *later]:
        done = [s for s in sets if s["exercise"] == item.exercise]
        dose = next((_set_dose(store, code, s, at) for s in done), None) or item.dose
        outcomes = [_outcome(s) for s in done]
        loads = [((s.get("prescription") or {}).get("load_used") or dose.load.to_json())
                 for s in done]
        out.append({"exercise": item.exercise,
                    "prescribed": {"sets": dose.sets, "reps": dose.reps,
                                   "load": dose.load.to_json()},
                    "done": {"sets": sum(o.reps > 0 for o in outcomes),
                             "reps": [o.reps for o in outcomes],
                             "loads": loads,
                             "efforts": [o.effort for o in outcomes]}})
    for ex in dict.fromkeys(s["exercise"] for s in sets):
        if ex and all(a["exercise"] != ex for a in out):
            done = [s for s in sets if s["exercise"] == ex]
            out.append({"exercise": ex, "prescribed": None,
                        "done": {"sets": sum(_outcome(s).reps > 0 for s in done),
                                 "reps": [_outcome(s).reps for s in done],
                                 "loads": [], "efforts": [s.get("effort") for s in done]}})
    return out


def save_adherence(store: Store, code: str, session_id: int) -> list[dict]:
    data = adherence(store, code, session_id)
    store.set_adherence(session_id, {"exercises": data})
    return data


# -- pain -----------------------------------------------------------------------------------
def previous_session(store: Store, code: str, session_id: int) -> int | None:
    """The patient's visit before this one (by start time)."""
    ids = [s.id for s in store.sessions(code)]
    i = ids.index(session_id) if session_id in ids else len(ids)
    return ids[i - 1] if i > 0 else None


def pain_entries(store: Store, code: str) -> list[PainEntry]:
    return [PainEntry(e["session_started_at"] or e["recorded_at"], e["kind"], e["value"],
                      e["exercise"]) for e in store.pain(code)]


def exercise_visits(store: Store, code: str, exercise: str) -> list[ExerciseVisit]:
    """Every visit at which the exercise was done, oldest first, with pain around it."""
    pain = store.pain(code)
    out = []
    for info in store.sessions(code):
        sets = [s for s in store.sets(info.id) if s["exercise"] == exercise]
        if not sets:
            continue
        dose = next((d for s in sets if (d := _set_dose(store, code, s, info.started_at))),
                    None)
        if dose is None:
            continue
        of = [e for e in pain if e["session_id"] == info.id]
        before = [e["value"] for e in of if e["kind"] == "before"]
        after = [e["value"] for e in of if e["kind"] == "after"
                 and e["exercise"] in (exercise, None)]
        morning = [e["value"] for e in of if e["kind"] == "next_morning"]
        out.append(ExerciseVisit(info.started_at, dose, [_outcome(s) for s in sets],
                                 pain_before=max(before) if before else None,
                                 pain_after=max(after) if after else None,
                                 pain_next_morning=max(morning) if morning else None))
    return out


def pain_status(store: Store, code: str) -> list[Message]:
    """Where the patient is outside the pain-monitoring model at the latest visit."""
    out: list[Message] = []
    sessions = store.sessions(code)
    if sessions:
        last = sessions[-1]
        of = [e for e in store.pain(code) if e["session_id"] == last.id]
        after = [e["value"] for e in of if e["kind"] == "after"]
        before = [e["value"] for e in of if e["kind"] == "before"]
        morning = [e["value"] for e in of if e["kind"] == "next_morning"]
        v = ExerciseVisit(last.started_at, Dose(1, 1),
                          pain_before=max(before) if before else None,
                          pain_after=max(after) if after else None,
                          pain_next_morning=max(morning) if morning else None)
        out += pain_findings(v)[0]
        if len(sessions) >= 2 and not morning:
            prev = sessions[-2]
            of = [e for e in store.pain(code) if e["session_id"] == prev.id]
            v = ExerciseVisit(prev.started_at, Dose(1, 1),
                              pain_before=max((e["value"] for e in of if e["kind"] == "before"),
                                              default=None),
                              pain_next_morning=max((e["value"] for e in of
                                                     if e["kind"] == "next_morning"),
                                                    default=None))
            out += pain_findings(v)[0]
    rise = weekly_pain_rise(pain_entries(store, code))
    if rise is not None:
        out.append(rise)
    return out


# -- advice ---------------------------------------------------------------------------------
def advice(store: Store, code: str) -> list[Advice]:
    """The progression advice for every exercise of the patient's current programme."""
    if store.patient(code) is None:
        raise StoreError(f"no patient with code {code!r}")
    pain = pain_entries(store, code)
    return [advise(item.exercise, item.dose, exercise_visits(store, code, item.exercise), pain)
            for item in programme(store, code)]


def accept(store: Store, code: str, adv: Advice, when: float | None = None) -> None:
    """Put an advice's proposed dose into the programme (the reasons go with the change)."""
    if adv.proposed == adv.current:
        return
    store.set_programme_item(code, adv.exercise, adv.proposed.to_json(),
                             reason=advice_reason(adv), when=when)


def advice_reason(adv: Advice) -> str:
    """An accepted advice as a programme change's reason: kept with its message templates,
    so that the history and the report can give it in their own language."""
    return json.dumps({"suggestion": adv.suggestion,
                       "reasons": [{"template": r.template, "params": r.params}
                                   for r in adv.reasons]})


def reason_messages(reason: str | None) -> tuple[str | None, list[Message]]:
    """(suggestion, reasons) of a programme change's reason; a plain reason ("added to the
    programme", "changed during the visit") has no suggestion and itself as its one reason."""
    if not reason:
        return None, []
    if reason.startswith("{"):
        try:
            d = json.loads(reason)
            return d["suggestion"], [Message(r["template"], **r["params"])
                                     for r in d["reasons"]]
        except (ValueError, KeyError, TypeError):
            pass
    return None, [Message(reason)]


def reason_text(reason: str | None) -> str | None:
    """A programme change's reason in English words."""
    suggestion, reasons = reason_messages(reason)
    if suggestion is None:
        return "; ".join(reasons) or None
    return f"{suggestion}: " + "; ".join(reasons)


# -- goals ----------------------------------------------------------------------------------
GOAL_MEASURES = ("test:", "rom:", "pain")


def parse_goal(text: str) -> tuple[str | None, str | None, float | None]:
    """A measurable goal typed as ``test:chair_stand_30s >= 12``, ``rom:knee_extension_seated
    >= 80`` or ``pain <= 3``; anything else is a goal in words (None, None, None)."""
    import re

    m = re.fullmatch(r"\s*((?:test|rom):[a-z0-9_]+|pain)\s*(>=|<=)\s*([0-9]+(?:[.,][0-9]+)?)"
                     r"\s*", text)
    if not m:
        if re.match(r"\s*(test:|rom:|pain\s*[<>=])", text):
            # It looks like a measurable goal but is not one: said, not kept as words.
            raise ConfigurationError(f"goal {text!r}: a measurable goal is 'test:TEST >= N', "
                                     "'rom:EXERCISE >= DEG' or 'pain <= N'")
        return None, None, None
    measure = m.group(1)
    kind, _, name = measure.partition(":")
    if kind == "test":
        battery_test(name)                  # an unknown test is refused, naming the tests
    elif kind == "rom":
        get_exercise(name)                  # an unknown exercise is refused
    return measure, m.group(2), float(m.group(3).replace(",", "."))


def goal_value(store: Store, code: str, session_id: int, measure: str) -> float | None:
    """The measured value of a goal's measure at one session (None: not measured then)."""
    sets = store.sets(session_id)
    if measure == "pain":
        vals = [e["value"] for e in store.pain(code)
                if e["session_id"] == session_id and e["kind"] == "after"]
        return float(max(vals)) if vals else None
    kind, ex = measure.split(":", 1)
    mine = [s for s in sets if s["exercise"] == ex]
    if kind == "rom":
        roms = [r["rom_deg"] for s in mine for r in store.reps(s["id"])]
        return float(max(roms)) if roms else None
    # A test: the moment's current result, as the battery shows it (measured, or entered
    # by hand in its place); with both legs measured, the one further from the goal.
    stored = [r["value"] for r in store.test_results(code, session_id)
              if r["test"] == ex and r["value"] is not None]
    if stored:
        better = battery_test(ex)["better"]
        return float(min(stored) if better == "higher" else max(stored))
    return None


def goal_text(goal: dict, lang: str = "en") -> str:
    """A goal as the therapist reads it: her words, or a measurable goal typed as
    ``test:chair_stand_30s >= 12`` written out ("30-second chair stand ≥ 12 stands")."""
    if not goal.get("measure"):
        return goal["text"]
    try:
        typed = parse_goal(goal["text"])[0] is not None
    except ConfigurationError:
        typed = False
    if not typed:
        return goal["text"]
    sign = "≥" if goal["op"] == ">=" else "≤"
    return f"{goal_measure_name(goal['measure'], lang)} {sign} " \
           f"{goal_value_text(goal['measure'], goal['target'], lang)}"


def goal_measure_name(measure: str, lang: str = "en") -> str:
    kind, _, name = measure.partition(":")
    if kind == "test":
        return battery_test(name)["name"]["nl" if lang == "nl" else "en"]
    if kind == "rom":
        return f"{get_exercise(name).display_name(lang)}: ROM"
    return "pijn" if lang == "nl" else "pain"


def goal_value_text(measure: str, value: float, lang: str = "en") -> str:
    """A goal's value written as the measure's own numbers are (one way in every view)."""
    kind, _, name = measure.partition(":")
    if kind == "test":
        return value_text(name, value, lang)
    if kind == "rom":
        return f"{value:.0f}°"
    return f"{value:.0f}/10"


def goal_status(store: Store, code: str) -> list[dict]:
    """Each goal with its value and whether it is met at every session (measurement
    moment) where it was measured."""
    out = []
    sessions = store.sessions(code)
    for g in store.goals(code):
        rows = []
        if g["measure"]:
            for info in sessions:
                v = goal_value(store, code, info.id, g["measure"])
                if v is None:
                    continue
                met = v >= g["target"] if g["op"] == ">=" else v <= g["target"]
                rows.append({"session": info.id, "label": info.label, "value": round(v, 2),
                             "met": bool(met)})
        out.append({**g, "moments": rows,
                    "met": rows[-1]["met"] if rows else None})
    return out


# -- a set against the programme -------------------------------------------------------------
def prescription_for(store: Store, code: str, session_id: int, exercise: str,
                     load_used: Load | None = None) -> dict | None:
    """What the programme asks of the next set of this exercise at this visit: the dose,
    which set of how many, and the load used (None: the exercise is not in the programme)."""
    item = next((r for r in store.programme(code) if r["exercise"] == exercise), None)
    if item is None:
        return None
    dose = Dose.from_json(item["dose"])
    done = [s for s in store.sets(session_id) if s["exercise"] == exercise]
    return {"item": item["id"], "dose": dose.to_json(), "set": len(done) + 1,
            "of": dose.sets, "load_used": (load_used or dose.load).to_json()}


def targets_for(dose: Dose) -> dict:
    """A dose as the targets a live set is judged against."""
    return {"rom_band_deg": list(dose.target_deg), "tempo_s": list(dose.tempo_s),
            "reps_per_set": dose.reps}
