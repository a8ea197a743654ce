"""Dosing a programme exercise: its dose, the pain-monitoring model and progression advice.

A :class:`Dose` is what the therapist prescribes for one exercise: sets x repetitions, a load
(kilograms, an elastic band's level or the body's own weight), a tempo, a target range and
the rest between sets. After each visit :func:`advise` proposes to increase, hold or
decrease it, with the reasons in words; the therapist decides. The thresholds come from
``dosing.json`` (next to the exercise catalogue) with their sources, so a practice can tune
them:

- increase (ACSM 2009): every prescribed set and repetition was done, within the target
  range and at the prescribed tempo, effort at most the top of the target band, pain low
  enough to leave a margin, in ``consecutive_visits`` visits in a row at this dose;
- decrease (pain-monitoring model, Thomee 1997; GLA:D): pain during or after the exercise
  above the acceptable maximum, pain not settled by the next morning, or pain before the
  sessions rising from week to week;
- hold otherwise, saying what fell short.

Pure: no store and no Qt. :mod:`recordings.treatment` gathers a patient's visits from the
store and calls this.
"""

from __future__ import annotations

import datetime
import itertools
import json
import math
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources

from monitor.core.errors import ConfigurationError
from monitor.core.exercises import Exercise
from monitor.core.messages import Message

LOAD_KINDS = ("kg", "band", "bodyweight")
SUGGESTIONS = ("increase", "hold", "decrease")


@cache
def rules() -> dict:
    """The thresholds of ``dosing.json``."""
    return json.loads(resources.files("monitor.core").joinpath("dosing.json").read_text())


def band_levels() -> list[str]:
    return [b["id"] for b in rules()["band_levels"]]


def band_name(level: str, lang: str = "en") -> str:
    for b in rules()["band_levels"]:
        if b["id"] == level:
            return b.get(lang, b["en"])
    return level


# -- load and dose ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Load:
    """kind "kg" (value: kilograms), "band" (value: level id) or "bodyweight" (no value)."""

    kind: str = "bodyweight"
    value: float | str | None = None

    def __post_init__(self) -> None:
        if self.kind not in LOAD_KINDS:
            raise ConfigurationError(f"unknown kind of load {self.kind!r}")
        if self.kind == "kg" and not (isinstance(self.value, (int, float))
                                      and math.isfinite(self.value) and 0 <= self.value <= 500):
            raise ConfigurationError(f"a load in kg must be a number from 0 to 500, not "
                                     f"{self.value!r}")
        if self.kind == "band" and self.value not in band_levels():
            raise ConfigurationError(f"unknown band level {self.value!r}; known: "
                                     + ", ".join(band_levels()))

    @classmethod
    def parse(cls, text: str | float | None) -> Load:
        """``8``, ``8 kg``, ``2.5kg``, ``red``, ``band red``, ``bodyweight``, ``bw``, ``""``."""
        if text is None:
            return cls()
        if isinstance(text, (int, float)):
            return cls("kg", float(text))
        t = str(text).strip().lower().replace(",", ".")
        if t in ("", "bodyweight", "body weight", "bw", "none", "lichaamsgewicht"):
            return cls()
        m = re.fullmatch(r"([0-9]+(?:\.[0-9]+)?)\s*(kg)?", t)
        if m:
            return cls("kg", float(m.group(1)))
        t = re.sub(r"\s+", " ", re.sub(r"\b(band|elastic|elastiek)\b", " ", t)).strip(" :")
        for b in rules()["band_levels"]:
            if t in (b["id"], b["en"], b.get("nl", ""), b.get("nl_adjective", "")):
                return cls("band", b["id"])
        raise ConfigurationError(Message(
            "load {text} is not understood: give kilograms (e.g. 8 or 8 kg), a band level "
            "({levels}) or bodyweight", text=repr(text), levels=", ".join(band_levels())))

    def to_json(self) -> dict:
        return {"kind": self.kind, "value": self.value}

    @classmethod
    def from_json(cls, d: dict | None) -> Load:
        if not d:
            return cls()
        v = d.get("value")
        return cls(d.get("kind", "bodyweight"),
                   float(v) if d.get("kind") == "kg" and v is not None else v)

    def kilograms(self) -> float:
        """The value of a load in kilograms as a number."""
        if self.value is None:
            raise ConfigurationError(f"a load of kind {self.kind!r} has no value")
        return float(self.value)

    def text(self, lang: str = "en") -> str:
        if self.kind == "kg":
            v = self.kilograms()
            num = f"{v:g}" if lang == "en" else f"{v:g}".replace(".", ",")
            return f"{num} kg"
        if self.kind == "band":
            if lang == "nl":                   # "rode band": the adjective's form
                b = next(b for b in rules()["band_levels"] if b["id"] == self.value)
                return f"{b.get('nl_adjective', b['nl'])} band"
            return f"{band_name(str(self.value), lang)} band"
        return "body weight" if lang == "en" else "lichaamsgewicht"

    def __str__(self) -> str:
        return self.text("en")

    @staticmethod
    def texts(loads: list[dict], lang: str = "en") -> str:
        """The loads a session's sets used, in order, each once: "8 / 8.5 kg"."""
        seen = [Load.from_json(d) for d in loads]
        seen = [x for i, x in enumerate(seen) if x not in seen[:i]]
        if seen and all(x.kind == "kg" for x in seen):
            return " / ".join(x.text(lang)[:-3] for x in seen) + " kg"
        return " / ".join(x.text(lang) for x in seen)


@dataclass(frozen=True)
class Dose:
    """What is prescribed for one exercise of a programme."""

    sets: int
    reps: int
    load: Load = field(default_factory=Load)
    tempo_s: tuple[float, float, float, float] = (2.0, 1.0, 2.0, 1.0)  # up, hold, down, rest
    target_deg: tuple[float, float] = (0.0, 90.0)          # the target band (low, high)
    rest_s: float = 60.0                                    # rest between sets

    def __post_init__(self) -> None:
        if not 1 <= self.sets <= 20:
            raise ConfigurationError(f"sets must be 1-20, not {self.sets}")
        if not 1 <= self.reps <= 100:
            raise ConfigurationError(f"repetitions must be 1-100, not {self.reps}")
        if len(self.tempo_s) != 4 or any(not (0 <= t <= 60) for t in self.tempo_s):
            raise ConfigurationError("tempo is four phases of 0-60 s: up/hold/down/rest")
        if not 0 <= self.rest_s <= 900:
            raise ConfigurationError(f"rest between sets must be 0-900 s, not {self.rest_s}")

    def to_json(self) -> dict:
        return {"sets": self.sets, "reps": self.reps, "load": self.load.to_json(),
                "tempo_s": list(self.tempo_s), "target_deg": list(self.target_deg),
                "rest_s": self.rest_s}

    @classmethod
    def from_json(cls, d: dict) -> Dose:
        up, hold, down, rest = (float(x) for x in d.get("tempo_s", (2, 1, 2, 1)))
        low, high = (float(x) for x in d.get("target_deg", (0, 90)))
        return cls(int(d["sets"]), int(d["reps"]), Load.from_json(d.get("load")),
                   (up, hold, down, rest), (low, high), float(d.get("rest_s", 60.0)))

    def text(self, lang: str = "en") -> str:
        return f"{self.sets} x {self.reps} · {self.load.text(lang)}"


def parse_tempo(text: str) -> tuple[float, float, float, float]:
    """``2/1/2/1`` (up / hold / down / rest, seconds)."""
    parts = str(text).replace(",", ".").split("/")
    try:
        values = tuple(float(p) for p in parts)
    except ValueError:
        values = ()
    if len(values) != 4 or any(not (0 <= v <= 60) for v in values):
        raise ConfigurationError(Message(
            "tempo {text} is not understood: give four durations in seconds, "
            "up/hold/down/rest, e.g. 2/1/2/1", text=repr(text)))
    up, hold, down, rest = values
    return up, hold, down, rest


def _four(values: Iterable[float]) -> tuple[float, float, float, float]:
    a, b, c, d = (float(x) for x in values)
    return a, b, c, d


def _two(values: Iterable[float]) -> tuple[float, float]:
    a, b = (float(x) for x in values)
    return a, b


def default_dose(exercise: Exercise) -> Dose:
    """The catalogue's targets and tempo with the guideline's sets, repetitions and rest."""
    d = rules()["defaults"]
    return Dose(sets=d["sets"], reps=exercise.count or d["reps"], load=Load(),
                tempo_s=_four(exercise.tempo_s),
                target_deg=_two(sorted(exercise.target_deg)),
                rest_s=float(d["rest_between_sets_s"]))


# -- what happened at a visit ----------------------------------------------------------------
@dataclass
class SetOutcome:
    reps: int
    reps_below_target: int = 0
    reps_too_fast: int = 0
    effort: int | None = None                # Borg CR10, 0-10
    load: Load | None = None                 # the load used, if it differed from the dose


@dataclass
class ExerciseVisit:
    """One visit's sets of one exercise and the pain around them."""

    started_at: float                        # epoch seconds
    dose: Dose                               # as prescribed at that visit
    sets: list[SetOutcome] = field(default_factory=list)
    pain_before: int | None = None           # before the session (0-10)
    pain_after: int | None = None            # after this exercise (0-10)
    pain_next_morning: int | None = None     # the morning after the visit (0-10)


@dataclass
class Advice:
    exercise: str
    suggestion: str                          # increase | hold | decrease
    current: Dose
    proposed: Dose
    reasons: list[Message]

    def to_json(self) -> dict:
        return {"exercise": self.exercise, "suggestion": self.suggestion,
                "current": self.current.to_json(), "proposed": self.proposed.to_json(),
                "reasons": [str(r) for r in self.reasons]}


# -- load steps ------------------------------------------------------------------------------
def _round_to(x: float, step: float) -> float:
    return round(round(x / step) * step, 3)


def _floor_to(x: float, step: float) -> float:
    """Down to the weights at hand (a step never larger than the fraction asks)."""
    return round(math.floor(x / step + 1e-9) * step, 3)


def step_up(dose: Dose) -> tuple[Dose | None, Message]:
    """The next dose up, and what changed (None: no further step of this kind)."""
    up = rules()["increase"]
    load = dose.load
    if load.kind == "kg":
        kg = load.kilograms()
        step = max(up["kg_min_step"], _floor_to(kg * up["kg_fraction"], up["kg_round"]))
        new = _round_to(kg + step, up["kg_round"])
        pct = f" ({100 * step / kg:.0f} %)" if kg > 0 else ""
        return (replace(dose, load=Load("kg", new)),
                Message("load {old} -> {new}: +{step} kg{pct}", old=load.text(),
                        new=Load("kg", new).text(), step=f"{step:g}", pct=pct))
    if load.kind == "band":
        levels = band_levels()
        i = levels.index(str(load.value))
        if i + 1 < len(levels):
            new_load = Load("band", levels[i + 1])
            return (replace(dose, load=new_load),
                    Message("load {old} -> {new}: the next band", old=load.text(),
                            new=new_load.text()))
        return None, Message("the strongest band is reached: change to weights to progress")
    if dose.reps + up["bodyweight_reps_step"] <= up["bodyweight_reps_max"]:
        reps = dose.reps + up["bodyweight_reps_step"]
        return (replace(dose, reps=reps),
                Message("body weight: {old} -> {new} repetitions per set", old=dose.reps,
                        new=reps))
    if dose.sets < up["sets_max"]:
        return (replace(dose, sets=dose.sets + 1),
                Message("body weight: {old} -> {new} sets", old=dose.sets, new=dose.sets + 1))
    return None, Message("body weight at {reps} repetitions and {sets} sets: add a weight or "
                         "a harder variant to progress", reps=dose.reps, sets=dose.sets)


def step_down(dose: Dose) -> tuple[Dose | None, Message]:
    down = rules()["decrease"]
    load = dose.load
    if load.kind == "kg" and load.kilograms() > 0:
        kg = load.kilograms()
        step = max(down["kg_min_step"],
                   _floor_to(kg * down["kg_fraction"], rules()["increase"]["kg_round"]))
        new = max(0.0, _round_to(kg - step, rules()["increase"]["kg_round"]))
        new_load = Load("kg", new) if new > 0 else Load()
        return (replace(dose, load=new_load),
                Message("load {old} -> {new}", old=load.text(), new=new_load.text()))
    if load.kind == "band":
        levels = band_levels()
        i = levels.index(str(load.value))
        new_load = Load("band", levels[i - 1]) if i > 0 else Load()
        return (replace(dose, load=new_load),
                Message("load {old} -> {new}", old=load.text(), new=new_load.text()))
    reps = max(down["bodyweight_reps_min"], dose.reps - down["bodyweight_reps_step"])
    if reps < dose.reps:
        return (replace(dose, reps=reps),
                Message("body weight: {old} -> {new} repetitions per set", old=dose.reps,
                        new=reps))
    return None, Message("reduce the range of the movement instead")


# -- the pain-monitoring model ---------------------------------------------------------------
@dataclass
class PainEntry:
    recorded_at: float                       # epoch seconds (of the session it belongs to)
    kind: str                                # before | after | next_morning
    value: int
    exercise: str | None = None


def weekly_pain_rise(entries: list[PainEntry]) -> Message | None:
    """Pain before the sessions rising from week to week (the model's third rule).

    Weekly means of the pain reported before the sessions; rising means the last week is
    ``weekly_rise_points`` above the week before, or it rose in each of the last
    ``weekly_rise_weeks`` weeks.
    """
    p = rules()["pain"]
    weeks: dict[tuple[int, int], list[int]] = {}
    for e in entries:
        if e.kind == "before":
            iso = time.localtime(e.recorded_at)
            y, w, _ = _iso_week(iso)
            weeks.setdefault((y, w), []).append(e.value)
    if len(weeks) < 2:
        return None
    keys = sorted(weeks)
    means = [sum(weeks[k]) / len(weeks[k]) for k in keys]
    # Only weeks next to each other compare.
    consecutive = _consecutive_tail(keys)
    means = means[-consecutive:]
    if len(means) < 2:
        return None
    if means[-1] - means[-2] >= p["weekly_rise_points"]:
        return Message("pain before the sessions rose from {a}/10 to {b}/10 in a week",
                       a=f"{means[-2]:.0f}", b=f"{means[-1]:.0f}")
    n = p["weekly_rise_weeks"]
    tail = means[-(n + 1):]
    if len(tail) == n + 1 and all(b > a for a, b in itertools.pairwise(tail)):
        return Message("pain before the sessions rose {n} weeks in a row ({a}/10 -> {b}/10)",
                       n=n, a=f"{tail[0]:.0f}", b=f"{tail[-1]:.0f}")
    return None


def _iso_week(t: time.struct_time) -> tuple[int, int, int]:
    year, week, day = datetime.date(t.tm_year, t.tm_mon, t.tm_mday).isocalendar()
    return year, week, day


def _consecutive_tail(keys: list[tuple[int, int]]) -> int:
    """How many of the last ISO weeks follow each other without a gap."""
    def monday(k: tuple[int, int]) -> datetime.date:
        return datetime.date.fromisocalendar(k[0], k[1], 1)

    n = 1
    for a, b in zip(reversed(keys[:-1]), reversed(keys[1:]), strict=True):
        if (monday(b) - monday(a)).days == 7:
            n += 1
        else:
            break
    return n


def pain_findings(visit: ExerciseVisit) -> tuple[list[Message], list[Message]]:
    """(outside the model, borderline) for one visit's pain."""
    p = rules()["pain"]
    outside, borderline = [], []
    if visit.pain_after is not None:
        if visit.pain_after > p["acceptable_max"]:
            outside.append(Message("pain after the exercise {v}/10: above {max}/10, the "
                                   "pain-monitoring model's limit", v=visit.pain_after,
                                   max=p["acceptable_max"]))
        elif visit.pain_after > p["increase_max"]:
            borderline.append(Message("pain after the exercise {v}/10: acceptable, but it "
                                      "leaves no margin for more load", v=visit.pain_after))
    if visit.pain_next_morning is not None:
        usual = visit.pain_before if visit.pain_before is not None else p["safe_max"]
        if visit.pain_next_morning > usual + p["next_morning_tolerance"]:
            outside.append(Message("pain the next morning {v}/10 had not settled to the usual "
                                   "{usual}/10", v=visit.pain_next_morning, usual=usual))
    return outside, borderline


# -- the advice ------------------------------------------------------------------------------
def _criteria(visit: ExerciseVisit) -> list[Message]:
    """What kept this visit's sets from meeting the dose (empty: all met)."""
    up = rules()["increase"]
    effort_max = rules()["effort"]["target"][1]
    dose = visit.dose
    short = []
    done = [s for s in visit.sets if s.reps > 0]
    if len(done) < dose.sets:
        short.append(Message("{done} of {sets} sets done", done=len(done), sets=dose.sets))
    for i, s in enumerate(done, start=1):
        if s.reps < dose.reps:
            short.append(Message("set {i}: {n} of {reps} repetitions", i=i, n=s.reps,
                                 reps=dose.reps))
        if s.load is not None and s.load != dose.load:
            short.append(Message("set {i} was done with {load} instead of {dose}", i=i,
                                 load=s.load.text(), dose=dose.load.text()))
    total = sum(s.reps for s in done)
    low = sum(s.reps_below_target for s in done)
    fast = sum(s.reps_too_fast for s in done)
    if total and low > up["short_of_range_max_fraction"] * total:
        short.append(Message("{n} of {total} repetitions fell short of the target range",
                             n=low, total=total))
    if total and fast > up["too_fast_max_fraction"] * total:
        short.append(Message("{n} of {total} repetitions were faster than the prescribed "
                             "tempo", n=fast, total=total))
    efforts = [s.effort for s in done if s.effort is not None]
    if efforts and max(efforts) > effort_max:
        short.append(Message("effort {v}/10: above the target band ({lo}-{hi}/10)",
                             v=max(efforts), lo=rules()["effort"]["target"][0], hi=effort_max))
    return short


def advise(exercise_id: str, current: Dose, visits: list[ExerciseVisit],
           pain: list[PainEntry] | None = None) -> Advice:
    """Increase, hold or decrease ``current`` after the visits (oldest first) of this
    exercise; ``pain`` holds the patient's pain entries for the week-to-week rule."""
    up = rules()["increase"]
    if not visits or not any(s.reps > 0 for s in visits[-1].sets):
        return Advice(exercise_id, "hold", current, current,
                      [Message("no sets of this exercise recorded yet")])
    last = visits[-1]
    outside, borderline = pain_findings(last)
    rise = weekly_pain_rise(pain or [])
    if rise is not None:
        outside.append(rise)
    if outside:
        proposed, change = step_down(current)
        reasons = [*outside, Message("the pain-monitoring model: reduce the load or the "
                                     "range, then build up again")]
        reasons.append(change)
        return Advice(exercise_id, "decrease", current, proposed or current, reasons)
    if (last.dose.load, last.dose.sets, last.dose.reps) != (current.load, current.sets,
                                                          current.reps):
        # The dose changed after the last visit: see how the new one goes first.
        return Advice(exercise_id, "hold", current, current, [Message(
            "the dose changed after the last visit ({old} -> {new}): see how the new dose "
            "goes first", old=last.dose.text(), new=current.text())])
    short = _criteria(last)
    if short or borderline:
        return Advice(exercise_id, "hold", current, current, [*short, *borderline])
    # Met at this dose: how many visits in a row (at the same dose)?
    streak = 0
    for v in reversed(visits):
        if v.dose.load != current.load or v.dose.reps != current.reps \
                or v.dose.sets != current.sets or _criteria(v) or pain_findings(v)[0]:
            break
        streak += 1
    reasons = _met_words(last)
    if last.pain_next_morning is None:
        reasons.append(Message("next-morning pain not known yet: ask before changing the "
                               "load"))
    if streak < up["consecutive_visits"]:
        reasons.append(Message("met in {n} of {need} visits in a row at this dose: hold once "
                               "more before increasing", n=streak,
                               need=up["consecutive_visits"]))
        return Advice(exercise_id, "hold", current, current, reasons)
    proposed, change = step_up(current)
    reasons.append(change)
    if proposed is None:
        return Advice(exercise_id, "hold", current, current, reasons)
    return Advice(exercise_id, "increase", current, proposed, reasons)


def _met_words(v: ExerciseVisit) -> list[Message]:
    done = [s for s in v.sets if s.reps > 0]
    efforts = [s.effort for s in done if s.effort is not None]
    out = [Message("the set of {reps} reached the target range at the prescribed tempo",
                   reps=v.dose.reps) if v.dose.sets == 1 else
           Message("both sets of {reps} reached the target range at the prescribed tempo",
                   reps=v.dose.reps) if v.dose.sets == 2 else
           Message("all {sets} sets of {reps} reached the target range at the prescribed "
                   "tempo", sets=v.dose.sets, reps=v.dose.reps)]
    if efforts:
        out.append(Message("effort {v}/10", v=max(efforts)))
    if v.pain_after is not None and v.pain_next_morning is not None:
        out.append(Message("pain {v}/10, settled by the next morning", v=v.pain_after))
    elif v.pain_after is not None:
        out.append(Message("pain {v}/10", v=v.pain_after))
    return out
