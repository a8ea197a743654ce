"""The measurement moment's battery: tests and questionnaires, their norms, cut-offs and the
change that counts as meaningful (data in ``battery.json``, each figure with its source).

Pure: the store and the interface call these to judge a result against people of the same
age and sex and against the patient's intake, with the same words everywhere.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from monitor.core.errors import ConfigurationError
from monitor.core.messages import Message


@cache
def battery() -> dict:
    return json.loads(resources.files("monitor.core").joinpath("battery.json").read_text())


def battery_tests() -> list[dict]:
    return battery()["tests"]


def questionnaires() -> list[dict]:
    return battery()["questionnaires"]


def battery_test(test_id: str) -> dict:
    for t in battery_tests():
        if t["id"] == test_id:
            return t
    raise ConfigurationError(Message("unknown test {test}; known tests: {known}",
                                     test=repr(test_id),
                                     known=", ".join(t["id"] for t in battery_tests())))


def questionnaire_def(q_id: str) -> dict:
    for q in questionnaires():
        if q["id"] == q_id:
            return q
    raise ConfigurationError(Message("unknown questionnaire score {score}; known: {known}",
                                     score=repr(q_id),
                                     known=", ".join(q["id"] for q in questionnaires())))


def is_test(exercise_id: str | None) -> bool:
    return exercise_id is not None and any(t["id"] == exercise_id for t in battery_tests())


def source_text(key: str) -> str:
    """A source's short name for a line of text (authors and year)."""
    return battery()["sources"][key]["short"]


# -- one number per test ---------------------------------------------------------------------
def result_value(test_id: str, result: dict | None) -> float | None:
    """The number a test is judged by, from its full result (None: not measured)."""
    if not result:
        return None
    key = battery_test(test_id)["result"]
    if key == "count":
        v = result.get("count")
        return None if v is None else float(v)
    if key == "flexion_deg":
        v = result.get("flexion_deg", result.get("max_deg"))
        return None if v is None else float(v)
    v = result.get("time_s")
    return None if v is None else float(v)


def value_text(test_id: str, value: float | None, lang: str = "en") -> str:
    """One way of writing a test's number (the live view, history, commands, report)."""
    if value is None:
        return "-"
    d = battery_test(test_id)
    if d["result"] == "count":
        one = round(value) == 1
        unit = ("keer" if lang == "nl" else "stand" if one else "stands")
        return f"{value:.0f} {unit}"
    if d["result"] == "flexion_deg":
        return f"{value:.0f}°"
    text = f"{value:.1f} s"
    return text.replace(".", ",") if lang == "nl" else text


def _decimals(defn: dict) -> int | None:
    """The decimals a result is written with (None: as entered, e.g. a questionnaire)."""
    if "result" not in defn:
        return None
    return {"count": 0, "flexion_deg": 0}.get(defn["result"], 1)


# -- norms -----------------------------------------------------------------------------------
# Where a result lies against its norm, in words (the interface translates the same words).
VERDICT_TEXT = {"below": "below the normal range", "within": "within the normal range",
                "above": "above the normal range", "worse_than_average": "worse than average",
                "average_or_better": "average or better",
                "above_the_mean": "slower than the mean",
                "at_or_below_the_mean": "at or faster than the mean",
                "enough": "enough", "not_enough": "not enough"}


@dataclass
class NormJudgement:
    band: str                 # "12-17 stands" / "at most 11.4 s" / "mean 9.2 s"
    group: str                # "women 60-64"
    # range: below | within | above; upper: worse_than_average | average_or_better;
    # mean: above_the_mean | at_or_below_the_mean; functional: enough | not_enough
    verdict: str
    source: str               # "Rikli 1999"

    def to_json(self) -> dict:
        return {"band": self.band, "group": self.group, "verdict": self.verdict,
                "source": self.source}


def norm(test_id: str, value: float | None, age: int | None, sex: str | None
         ) -> tuple[NormJudgement | None, Message | None]:
    """The test's norm for this age and sex and where ``value`` lies, or why there is none."""
    d = battery_test(test_id)
    n = d.get("norms")
    if not n:
        return None, Message("no age or sex norms in common use for this test")
    needs_sex = any(b["sex"] for b in n["bands"])
    if age is None and (needs_sex and sex is None):
        return None, Message("no norm: year of birth and sex not recorded")
    if age is None:
        return None, Message("no norm: year of birth not recorded")
    if needs_sex and sex not in ("f", "m"):
        return None, Message("no norm: the norms are for women and men separately, and the "
                             "patient's sex is not recorded as either")
    band = next((b for b in n["bands"] if b["age"][0] <= age <= b["age"][1]
                 and (b["sex"] is None or b["sex"] == sex)), None)
    if band is None:
        lo = min(b["age"][0] for b in n["bands"])
        hi = max(b["age"][1] for b in n["bands"])
        return None, Message("no norm for age {age}: the norms cover {lo}-{hi} years",
                             age=age, lo=lo, hi=hi)
    who = {"f": "women", "m": "men", None: "age"}[band["sex"]]
    group = f"{who} {band['age'][0]}-{band['age'][1]}" if n["kind"] != "functional" \
        else "everyone"
    src = source_text(n["source"])
    unit = d["unit"]
    if n["kind"] == "range":
        lo, hi = band["range"]
        text = f"{lo}-{hi} {unit}"
        verdict = None if value is None else (
            "below" if value < lo else "above" if value > hi else "within")
    elif n["kind"] == "upper":
        text = f"at most {band['upper']:g} {unit}"
        verdict = None if value is None else (
            "worse_than_average" if value > band["upper"] else "average_or_better")
    elif n["kind"] == "mean":
        text = f"mean {band['mean']:g} {unit}"
        verdict = None if value is None else (
            "above_the_mean" if value > band["mean"] else "at_or_below_the_mean")
    else:                                           # a functional threshold
        text = f"at least {band['lower']:g}{'°' if unit == 'deg' else ' ' + unit}"
        verdict = None if value is None else (
            "enough" if value >= band["lower"] else "not_enough")
    return NormJudgement(text, group, verdict or "", src), None


def cutoff(test_id: str, value: float | None) -> dict | None:
    """A cut-off the value reaches (e.g. the TUG's fall-risk time), with its words."""
    c = battery_test(test_id).get("cutoff")
    if not c or value is None:
        return None
    above = bool(c.get("at_or_above"))
    reached = value >= c["value"] if above else value < c["value"]
    # Its words with the threshold, one way in every view: "13.5 s or more: fall risk".
    v = f"{c['value']:g}"
    text = {"en": f"{v} s or more: {c['text']['en']}" if above
            else f"under {v} s: {c['text']['en']}",
            "nl": f"{v.replace('.', ',')} s of meer: {c['text']['nl']}" if above
            else f"onder {v.replace('.', ',')} s: {c['text']['nl']}"}
    return {"value": c["value"], "reached": bool(reached), "text": text,
            "source": source_text(c["source"])}


def change_text(test_id: str, delta: float, lang: str = "en") -> str:
    """A change of a test's number, signed and rounded as :func:`value_text` writes the
    number itself ("-4.5 s", "+2 stands", "+12°"; "0.0 s" when it rounds to nothing)."""
    text = value_text(test_id, abs(delta), lang)
    shown = value_text(test_id, 0.0, lang)
    if text == shown or text.split()[0] == shown.split()[0]:
        # Rounds to no change: "±0" ("0 stands" read as a result, not as a change).
        return "±0" if battery_test(test_id)["result"] == "count" else "±" + text
    return ("+" if delta > 0 else "-") + text


# -- change since the intake -----------------------------------------------------------------
def change(defn: dict, first: float | None, value: float | None) -> dict | None:
    """The change from the first measurement, judged against the minimal clinically
    important difference (or detectable change) where one is known."""
    if first is None or value is None:
        return None
    d = _decimals(defn)
    # The change between the results as they are written (14.3 -> 9.8 s is -4.5 s, not
    # -4.521), so that every view's difference is the difference of the numbers it shows.
    delta = value - first if d is None else round(round(value, d) - round(first, d), d)
    out: dict[str, Any] = {"delta": round(delta, 3), "meaningful": None, "threshold": None}
    c = defn.get("change")
    if not c:
        return out
    need = float(c["value"])
    if c.get("percent") and first:
        need = min(need, abs(first) * c["percent"] / 100.0)
    better = delta < 0 if defn["better"] == "lower" else delta > 0
    out["threshold"] = {"kind": c["kind"], "value": c["value"],
                        "percent": c.get("percent"), "source": source_text(c["source"])}
    if abs(delta) + 1e-9 >= need:
        out["meaningful"] = "improvement" if better else "decline"
    else:
        out["meaningful"] = "no_change"
    return out


def age_at(birth_year: int | None, year: int) -> int | None:
    """Age in the year of the measurement (from the year of birth only)."""
    return None if birth_year is None else year - int(birth_year)
