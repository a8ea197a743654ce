"""Progression advice and the pain-monitoring model on constructed histories."""

from __future__ import annotations

import datetime

import pytest

from monitor.core.dosing import (
    Dose,
    ExerciseVisit,
    Load,
    PainEntry,
    SetOutcome,
    advise,
    parse_tempo,
    rules,
    step_down,
    step_up,
    weekly_pain_rise,
)
from monitor.core.errors import ConfigurationError

DAY = 86400.0
T0 = datetime.datetime(2026, 9, 7, 10, 0).timestamp()     # a Monday


def dose(load="8 kg", sets=3, reps=10):
    return Dose(sets, reps, Load.parse(load), (2, 1, 2, 1), (10, 90), 60)


def good_visit(t, d=None, effort=5, pain=2, morning=2, before=2):
    d = d or dose()
    return ExerciseVisit(t, d, [SetOutcome(d.reps, 0, 0, effort) for _ in range(d.sets)],
                         pain_before=before, pain_after=pain, pain_next_morning=morning)


def test_all_sets_met_twice_at_this_dose_increases_the_load():
    d = dose("8 kg")
    adv = advise("knee_extension_seated", d, [good_visit(T0, d), good_visit(T0 + 3 * DAY, d)])
    assert adv.suggestion == "increase"
    # 10 % of 8 kg is 0.8 kg; the weights at hand go in 0.5 kg: +0.5 kg, never more than asked.
    assert adv.proposed.load == Load("kg", 8.5)
    assert (adv.proposed.sets, adv.proposed.reps) == (3, 10)
    text = " | ".join(adv.reasons)
    assert "all 3 sets of 10 reached the target range" in text
    assert "effort 5/10" in text and "pain 2/10, settled by the next morning" in text
    assert "8 kg -> 8.5 kg" in text


def test_met_once_holds_until_the_second_visit_in_a_row():
    d = dose("20 kg")
    adv = advise("squat", d, [good_visit(T0, d)])
    assert adv.suggestion == "hold" and adv.proposed == d
    assert any("1 of 2 visits in a row" in r for r in adv.reasons)
    # A visit at the old (lower) dose does not count towards the new one.
    old = dose("18 kg")
    adv = advise("squat", d, [good_visit(T0 - 3 * DAY, old), good_visit(T0, d)])
    assert adv.suggestion == "hold"
    adv = advise("squat", d, [good_visit(T0, d), good_visit(T0 + 2 * DAY, d)])
    assert adv.suggestion == "increase" and adv.proposed.load == Load("kg", 22.0)


@pytest.mark.parametrize("change, reason", [
    (lambda v: v.sets.pop(), "2 of 3 sets done"),
    (lambda v: setattr(v.sets[1], "reps", 8), "set 2: 8 of 10 repetitions"),
    (lambda v: setattr(v.sets[0], "reps_below_target", 5),
     "5 of 30 repetitions fell short of the target range"),
    (lambda v: setattr(v.sets[2], "reps_too_fast", 4),
     "4 of 30 repetitions were faster than the prescribed tempo"),
    (lambda v: setattr(v.sets[2], "effort", 9), "effort 9/10: above the target band (5-7/10)"),
    (lambda v: setattr(v, "pain_after", 5), "pain after the exercise 5/10: acceptable, but"),
])
def test_short_of_the_dose_or_borderline_pain_holds(change, reason):
    d = dose()
    last = good_visit(T0 + 3 * DAY, d)
    change(last)
    adv = advise("knee_extension_seated", d, [good_visit(T0, d), last])
    assert adv.suggestion == "hold"
    assert adv.proposed == d
    assert any(reason in r for r in adv.reasons), adv.reasons


def test_pain_above_the_model_decreases():
    d = dose("10 kg")
    last = good_visit(T0 + 3 * DAY, d, pain=6)
    adv = advise("knee_extension_seated", d, [good_visit(T0, d), last])
    assert adv.suggestion == "decrease"
    assert adv.proposed.load == Load("kg", 9.0)
    text = " | ".join(adv.reasons)
    assert "pain after the exercise 6/10: above 5/10" in text
    assert "reduce the load or the range" in text


def test_next_morning_pain_not_settled_decreases():
    d = dose("band green")
    last = good_visit(T0 + 3 * DAY, d, pain=4, morning=5, before=2)
    adv = advise("straight_leg_raise", d, [last])
    assert adv.suggestion == "decrease"
    assert adv.proposed.load == Load("band", "red")
    assert any("next morning 5/10 had not settled to the usual 2/10" in r for r in adv.reasons)


def test_pain_rising_week_to_week_decreases_even_when_the_sets_went_well():
    d = dose("bodyweight", reps=12)
    visits = [good_visit(T0 + k * 7 * DAY, d, before=2 + k) for k in range(3)]
    pain = [PainEntry(v.started_at, "before", v.pain_before) for v in visits]
    assert weekly_pain_rise(pain) is not None
    adv = advise("sit_to_stand", d, visits, pain)
    assert adv.suggestion == "decrease"
    assert adv.proposed.reps == 10                        # body weight: fewer repetitions
    assert any("rose 2 weeks in a row" in r for r in adv.reasons)


def test_week_to_week_rule():
    def entries(values, gap_weeks=1):
        return [PainEntry(T0 + k * gap_weeks * 7 * DAY, "before", v)
                for k, v in enumerate(values)]

    assert weekly_pain_rise(entries([2, 2, 3])) is None          # one small rise: noise
    assert weekly_pain_rise(entries([2, 4])) is not None         # 2 points in a week
    assert weekly_pain_rise(entries([2, 3, 4])) is not None      # two weeks in a row
    assert weekly_pain_rise(entries([4, 3, 4])) is None
    assert weekly_pain_rise(entries([2, 4], gap_weeks=3)) is None  # weeks apart: no trend
    # Several entries in one week: its mean counts; after and next-morning pain do not.
    week = [PainEntry(T0, "before", 2), PainEntry(T0 + DAY, "before", 4),
            PainEntry(T0 + 7 * DAY, "before", 3), PainEntry(T0 + 8 * DAY, "after", 8)]
    assert weekly_pain_rise(week) is None


def test_no_sets_yet_holds():
    d = dose()
    adv = advise("squat", d, [])
    assert adv.suggestion == "hold" and adv.reasons == ["no sets of this exercise recorded yet"]


def test_load_steps():
    up = rules()["increase"]
    assert step_up(dose("30 kg"))[0].load == Load("kg", 33.0)
    assert step_up(dose("2 kg"))[0].load == Load("kg", 2.5)          # the smallest step
    assert step_up(dose("band gold"))[0] is None                      # strongest band
    bw = step_up(dose("bodyweight", reps=10))[0]
    assert (bw.sets, bw.reps) == (3, 12)
    top = dose("bodyweight", sets=2, reps=up["bodyweight_reps_max"])
    assert step_up(top)[0].sets == 3
    assert step_up(dose("bodyweight", sets=3, reps=up["bodyweight_reps_max"]))[0] is None
    assert step_down(dose("0.5 kg"))[0].load == Load()               # down to body weight
    assert step_down(dose("band yellow"))[0].load == Load()
    assert step_down(dose("bodyweight", reps=6))[0] is None           # then the range


def test_a_sessions_loads_read_as_used():
    """Sets at 8, 8.5 and 8 kg read "8 / 8.5 kg" (not the last set's 8 kg alone)."""
    used = [Load("kg", 8.0).to_json(), Load("kg", 8.5).to_json(), Load("kg", 8.0).to_json()]
    assert Load.texts(used) == "8 / 8.5 kg"
    assert Load.texts(used, "nl") == "8 / 8,5 kg"
    assert Load.texts([Load("band", "red").to_json()] * 2, "nl") == "rode band"
    assert Load.texts([Load("band", "red").to_json(), Load().to_json()]) == \
        "red band / body weight"


def test_loads_and_tempo_are_parsed_or_refused():
    assert Load.parse("8") == Load("kg", 8.0) == Load.parse("8 kg") == Load.parse("8,0kg")
    assert Load.parse("rood") == Load("band", "red") == Load.parse("band red")
    assert Load.parse("red band") == Load.parse("rode band") == Load.parse("Band: Red")
    assert Load.parse("") == Load() == Load.parse("bodyweight")
    assert Load("kg", 12.5).text("nl") == "12,5 kg"
    assert Load("band", "green").text("nl") == "groene band"
    assert Load("band", "green").text() == "green band"
    for bad in ("eight", "-3", "band purple", "900"):
        with pytest.raises(ConfigurationError):
            Load.parse(bad)
    assert parse_tempo("3/0/3/1") == (3.0, 0.0, 3.0, 1.0)
    for bad in ("2/1/2", "a/b/c/d", "2/1/2/99"):
        with pytest.raises(ConfigurationError):
            parse_tempo(bad)
    with pytest.raises(ConfigurationError):
        Dose(0, 10)


def test_every_rule_names_its_source():
    r = rules()
    for block in ("effort", "pain", "increase", "decrease", "defaults"):
        for key in r[block]["_source"].split(", "):
            assert key in r["sources"], (block, key)
