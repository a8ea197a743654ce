"""The measurement battery: norms by age and sex, meaningful change, the protocols' rules,
and one number for a test in every view."""

from __future__ import annotations

import json

import pytest
from cli_helpers import cli

from monitor.core.battery import (
    battery,
    battery_test,
    change,
    change_text,
    cutoff,
    norm,
    questionnaire_def,
)
from monitor.core.exercises import get_exercise
from monitor.signal.analysis import timed_result
from monitor.signal.reps import RepCompleted
from recordings.store import Store


def test_chair_stand_norms_by_age_and_sex():
    j, why = norm("chair_stand_30s", 11, 67, "f")
    assert why is None
    assert (j.band, j.group, j.verdict) == ("11-16 stands", "women 65-69", "within")
    assert j.source == "Rikli & Jones 1999"
    assert norm("chair_stand_30s", 11, 67, "m")[0].verdict == "below"      # men 12-18
    assert norm("chair_stand_30s", 20, 91, "m")[0].verdict == "above"      # men 90-94: 7-12
    # Without what a norm needs, the result stands alone with the reason.
    assert norm("chair_stand_30s", 11, None, "f")[1] == "no norm: year of birth not recorded"
    assert "sex is not recorded" in norm("chair_stand_30s", 11, 67, None)[1]
    assert "sex is not recorded" in norm("chair_stand_30s", 11, 67, "x")[1]
    assert norm("chair_stand_30s", 11, 55, "f")[1] == \
        "no norm for age 55: the norms cover 60-94 years"
    assert "no age or sex norms" in norm("fast_walk_40m", 30.0, 67, "f")[1]


def test_timed_norms_and_the_fall_risk_cut_off():
    assert norm("five_times_sit_to_stand", 12.0, 65, None)[0].verdict == "worse_than_average"
    assert norm("five_times_sit_to_stand", 12.0, 75, "m")[0].verdict == "average_or_better"
    tug, _ = norm("timed_up_and_go", 9.0, 72, "f")
    assert (tug.band, tug.verdict) == ("mean 9.2 s", "at_or_below_the_mean")
    assert cutoff("timed_up_and_go", 13.5)["reached"]
    assert not cutoff("timed_up_and_go", 13.4)["reached"]
    assert norm("knee_rom_test", 105, 70, None)[0].verdict == "not_enough"


def test_change_is_judged_against_the_meaningful_difference():
    stands = battery_test("chair_stand_30s")
    assert change(stands, 10, 12)["meaningful"] == "improvement"       # MCID 2 stands
    assert change(stands, 10, 11)["meaningful"] == "no_change"
    assert change(stands, 12, 10)["meaningful"] == "decline"
    tug = battery_test("timed_up_and_go")                                  # lower is better
    assert change(tug, 10.0, 8.8)["meaningful"] == "improvement"       # MDC 1.1 s
    assert change(tug, 10.0, 9.5)["meaningful"] == "no_change"
    assert change(tug, 10.0, 11.2)["meaningful"] == "decline"
    assert change(battery_test("five_times_sit_to_stand"), 14.0, 11.0)["meaningful"] is None
    nprs = questionnaire_def("nprs_now")                               # 2 points or 30 %
    assert change(nprs, 3, 2)["meaningful"] == "improvement"           # 33 % of 3
    assert change(nprs, 8, 7)["meaningful"] == "no_change"
    assert change(nprs, 8, 6)["meaningful"] == "improvement"


def test_a_change_is_the_difference_of_the_results_as_written():
    """14.3 s at intake (14.321 measured) and 9.8 s now: -4.5 s in every view, not -4.521;
    the judgement follows the numbers the therapist sees."""
    tug = battery_test("timed_up_and_go")
    c = change(tug, 14.321, 9.8)
    assert c["delta"] == -4.5
    assert change_text("timed_up_and_go", c["delta"], "en") == "-4.5 s"
    assert change_text("timed_up_and_go", c["delta"], "nl") == "-4,5 s"
    assert change(tug, 10.04, 8.96)["delta"] == -1.0         # 10.0 -> 9.0 as written
    stands = battery_test("chair_stand_30s")
    assert change_text("chair_stand_30s", change(stands, 9, 12)["delta"]) == "+3 stands"
    assert change_text("knee_rom_test", 0.0) == "±0°"
    assert change_text("chair_stand_30s", 0.0, "nl") == "±0"


def test_every_figure_names_its_source():
    b = battery()
    for t in b["tests"]:
        if t.get("norms"):
            assert t["norms"]["source"] in b["sources"]
        if t.get("change"):
            assert t["change"]["source"] in b["sources"]
        if t.get("cutoff"):
            assert t["cutoff"]["source"] in b["sources"]
        assert t["protocol"]["en"] and t["protocol"]["nl"] and t["sensors"]["nl"]
        get_exercise(t["id"]) if t["id"] not in ("fast_walk_40m", "stair_climb") else None
    for q in b["questionnaires"]:
        assert q["change"]["source"] in b["sources"]


def rise(i, start, stood, end):
    """A sit-to-stand: up from ``start`` to ``stood`` (standing), a short hold, down."""
    return RepCompleted(i, start, stood + 0.1, end, 5.0, 90.0, 85.0, stood - start, 0.2,
                        end - stood - 0.2, 0.5, end + 0.2)


def test_chair_stand_counts_a_stand_more_than_halfway_up_at_30_s():
    ex = get_exercise("chair_stand_30s")
    reps = [rise(i + 1, 1.0 + 3 * i, 2.0 + 3 * i, 3.5 + 3 * i) for i in range(10)]
    # Stand 10 starts at 28 s and is up at 29 s: counted; the next starts at 30.6 s.
    more = [*reps, rise(11, 30.4, 31.6, 33.0)]
    r = timed_result(ex, more, None, start_s=1.0)
    assert r["count"] == 10 and not r["last_counted_halfway"]
    # Starting at 30.3 s and up at 31.3 s: at 31 s it is 70 % of the way: counted.
    late = [*reps, rise(11, 30.3, 31.3, 32.7)]
    r = timed_result(ex, late, None, start_s=1.0)
    assert r["count"] == 11 and r["last_counted_halfway"]
    # Only 30 % up at 31 s: not counted.
    early = [*reps, rise(11, 30.7, 31.7, 33.1)]
    assert timed_result(ex, early, None, start_s=1.0)["count"] == 10
    assert r["stand_times_s"][:2] == [1.0, 4.0]


def test_five_times_sit_to_stand_is_timed_to_the_fifth_full_stand():
    ex = get_exercise("five_times_sit_to_stand")
    reps = [rise(i + 1, 2.0 + 2.5 * i, 3.0 + 2.5 * i, 4.2 + 2.5 * i) for i in range(6)]
    r = timed_result(ex, reps, None, start_s=1.5)
    assert r["time_s"] == pytest.approx(13.0 - 1.5)          # fifth stand up at 13.0 s
    assert timed_result(ex, reps[:4], None)["completed"] is False


def test_one_number_for_a_test_in_every_view(tmp_path, capsys):
    db = str(tmp_path / "m.db")
    cli(capsys, "patient", "add", "P1", "--birth-year", "1955", "--sex", "m", "--db", db)
    code, rec, err = cli(capsys, "record", "--demo", "--fast", "--reps", "14", "--patient",
                         "P1", "--label", "intake", "--exercise", "chair_stand_30s",
                         "--db", db)
    assert code == 0, err
    count = rec["test_result"]["count"]
    assert 8 <= count < 14                      # the demo's 14 stands do not all fit in 30 s
    _c, sessions, _e = cli(capsys, "sessions", "--json", "--db", db)
    assert sessions["sessions"][0]["tests"]["chair_stand_30s"]["value"] == count
    _c, table, _e = cli(capsys, "tests", "P1", "--json", "--db", db)
    (moment,) = table["moments"]
    judged = moment["tests"]["chair_stand_30s"]
    assert judged["value"] == count and judged["source"] == "sensor"
    assert judged["norm"]["group"] == "men 70-74"
    _c, analysed, _e = cli(capsys, "analyze", db, "--session", str(rec["session"]), "--json")
    assert analysed["test_result"]["count"] == count == \
        analysed["stored_test_result"]["count"]
    _c, text, _e = cli(capsys, "tests", "P1", "--db", db)
    assert f"30-second chair stand: {count} stands" in text
    # Corrected by hand at the same moment: the new number everywhere, the old one kept.
    cli(capsys, "tests", "P1", "--label", "intake", "--add", f"chair_stand_30s={count + 1}",
        "--db", db)
    _c, sessions, _e = cli(capsys, "sessions", "--json", "--db", db)
    assert sessions["sessions"][0]["tests"]["chair_stand_30s"] == {
        "value": count + 1, "text": f"{count + 1} stands", "source": "manual"}
    store = Store(db)
    kept = store.db.execute("SELECT count(*) FROM test_results").fetchone()[0]
    assert kept == 2
    from recordings.progress import progress

    (p,) = progress(store, "P1", "chair_stand_30s")
    assert [t["value"] for t in p.test_results] == [count + 1]
    store.close()


def test_battery_entered_by_hand_over_two_moments(tmp_path, capsys):
    db = str(tmp_path / "m.db")
    cli(capsys, "patient", "add", "P2", "--birth-year", "1958", "--sex", "f", "--side",
        "left", "--db", db)
    code, _o, err = cli(capsys, "tests", "P2", "--label", "intake", "--add",
                        "timed_up_and_go=14.0", "--add", "knee_rom_test:left=100",
                        "--add", "knee_rom_test:right=125", "--score", "nprs_now=6",
                        "--activity", "climb stairs", "--activity", "cycling",
                        "--psfs", "1=3", "--psfs", "2=4", "--db", db)
    assert code == 0, err
    cli(capsys, "tests", "P2", "--label", "week 12", "--add", "timed_up_and_go=11.5",
        "--add", "knee_rom_test:left=112", "--score", "nprs_now=3", "--psfs", "1=6",
        "--psfs", "2=6", "--db", db)
    _c, out, _e = cli(capsys, "tests", "P2", "--json", "--db", db)
    intake, week12 = out["moments"]
    assert intake["tests"]["timed_up_and_go"]["cutoff"]["reached"]        # >= 13.5 s
    assert intake["tests"]["knee_rom_lsi"]["value"] == 80.0               # 100 / 125
    tug = week12["tests"]["timed_up_and_go"]
    assert tug["change"]["delta"] == -2.5 and tug["change"]["meaningful"] == "improvement"
    assert week12["tests"]["knee_rom_test:left"]["change"]["meaningful"] == "improvement"
    assert intake["tests"]["timed_up_and_go"]["change"] is None           # the first
    assert week12["questionnaires"]["nprs_now"]["change"]["meaningful"] == "improvement"
    psfs = week12["questionnaires"]["psfs"]
    assert psfs["value"] == 6.0 and psfs["change"]["meaningful"] == "improvement"
    assert psfs["items"] == {"climb stairs": 6.0, "cycling": 6.0}
    for args, words in ((("--add", "knee_rom_test=100"), "measured per leg"),
                        (("--add", "no_test=3"), "unknown test"),
                        (("--score", "koos_pain=120"), "0-100"),
                        (("--psfs", "3=5"), "activity's number"),
                        (("--add", "timed_up_and_go=fast"), "NAME=NUMBER")):
        code, _o, err = cli(capsys, "tests", "P2", "--label", "week 12", *args, "--db", db)
        assert code == 2 and words in err and "Traceback" not in err, (args, err)


def test_walking_tests_from_a_file_and_from_a_recorded_set(tmp_path, capsys):
    code, _text, err = cli(capsys, "simulate", "--exercise", "fast_walk_40m", "--out",
                          str(tmp_path / "walk"), "--rate", "100", "--seed", "3")
    assert code == 0, err
    truth = json.loads((tmp_path / "walk.truth.json").read_text())
    code, out, err = cli(capsys, "analyze", str(tmp_path / "walk.csv"), "--json")
    assert code == 0, err
    r = out["test_result"]
    assert abs(r["time_s"] - truth["time_s"]) < 0.5
    assert r["speed_m_s"] == pytest.approx(40.0 / r["time_s"], rel=1e-3)
    assert abs(r["steps"] - truth["steps"]) <= 2             # one leg's swings, twice
    cli(capsys, "simulate", "--exercise", "timed_up_and_go", "--out", str(tmp_path / "tug"),
        "--seed", "2")
    truth = json.loads((tmp_path / "tug.truth.json").read_text())
    _c, out, _e = cli(capsys, "analyze", str(tmp_path / "tug.csv"), "--json")
    r = out["test_result"]
    assert abs(r["time_s"] - truth["time_s"]) < 0.3
    for phase, seconds in truth["phases"].items():
        assert abs(r["phases"][phase] - seconds) < 0.5, phase
    # Recorded with the (simulated) sensors: the moment's result, the same in every view.
    db = str(tmp_path / "m.db")
    cli(capsys, "patient", "add", "P3", "--birth-year", "1950", "--sex", "f", "--db", db)
    for test in ("fast_walk_40m", "stair_climb", "timed_up_and_go"):
        code, rec, err = cli(capsys, "record", "--demo", "--fast", "--patient", "P3",
                             "--label", "intake", "--exercise", test, "--db", db)
        assert code == 0, err
        assert rec["test_result"]["time_s"] > 3.0
        assert "rep 1:" not in err           # steps are not repetitions: the test is timed
        name = battery_test(test)["name"]["en"]
        assert err.strip().splitlines()[-1] == \
            f"{name}: {rec['test_result']['time_s']:.1f} s"      # the result in words
        _c, table, _e = cli(capsys, "tests", "P3", "--json", "--db", db)
        assert table["moments"][0]["tests"][test]["value"] == rec["test_result"]["time_s"]
        _c, out, _e = cli(capsys, "analyze", db, "--session", str(rec["session"]), "--json")
        sets = out.get("sets", [out])
        again = next(s for s in sets if s["set"] == rec["set"])
        assert again["test_result"]["time_s"] == rec["test_result"]["time_s"]


def test_a_test_recorded_from_the_command_line_ends_where_the_test_does(tmp_path, capsys):
    """`monitor record` stops a test's set where its protocol ends, as the app does: the
    fifth stand, 30 s and the stand then under way; the moment's repetitions are the
    stands, not the demo's further swings nor the steps of a walk or the TUG."""
    db = str(tmp_path / "m.db")
    cli(capsys, "patient", "add", "P1", "--db", db)

    def record(test, *more):
        code, rec, err = cli(capsys, "record", "--demo", "--fast", "--patient", "P1",
                             "--label", "intake", "--exercise", test, *more, "--db", db)
        assert code == 0, err
        return rec

    sts = record("five_times_sit_to_stand", "--reps", "10")
    assert sts["test_result"]["completed"] and sts["test_result"]["count"] == 5
    assert sts["rep_count"] == 5                          # not the demo's ten
    chair = record("chair_stand_30s", "--reps", "14")
    stands = chair["test_result"]["count"]
    assert 8 <= stands < 14
    _c, out, _e = cli(capsys, "analyze", db, "--session", str(chair["session"]), "--json")
    chair_set = next(s for s in out["sets"] if s["set"] == chair["set"])
    start = chair["test_result"]["start_s"]
    assert chair_set["duration_s"] <= start + 34.0        # 30 s and the stand under way
    record("timed_up_and_go")
    record("fast_walk_40m")
    _c, listed, _e = cli(capsys, "sessions", "--json", "--db", db)
    (moment,) = listed["sessions"]
    assert moment["rep_count"] == 5 + stands              # no steps, no swings past the test
    _c, text, _e = cli(capsys, "sessions", "--db", db)
    assert f" {5 + stands} reps" in text
    _c, shown, _e = cli(capsys, "patient", "show", "P1", "--json", "--db", db)
    assert shown["sessions"][0]["rep_count"] == 5 + stands


def test_a_result_entered_by_hand_is_the_stored_one_in_analyze(tmp_path, capsys):
    """A walk timed by the sensors (33.3 s), then 28.4 s entered by hand for the same
    moment: `monitor analyze DB --session` shows 28.4 as the moment's stored result, as
    `monitor tests` and `monitor sessions` do, with the sensors' re-analysis beside it."""
    db = str(tmp_path / "m.db")
    cli(capsys, "patient", "add", "P001", "--db", db)
    code, rec, err = cli(capsys, "record", "--demo", "--fast", "--patient", "P001", "--label",
                         "intake", "--exercise", "fast_walk_40m", "--db", db)
    assert code == 0, err
    sensor = rec["test_result"]["time_s"]
    assert abs(sensor - 28.4) > 1.0
    code, _o, err = cli(capsys, "tests", "P001", "--label", "intake", "--add",
                        "fast_walk_40m=28.4", "--db", db)
    assert code == 0, err
    _c, table, _e = cli(capsys, "tests", "P001", "--json", "--db", db)
    shown = table["moments"][0]["tests"]["fast_walk_40m"]
    assert (shown["value"], shown["source"]) == (28.4, "manual")
    _c, out, _e = cli(capsys, "analyze", db, "--session", str(rec["session"]), "--json")
    stored = out["stored_test_result"]
    assert stored is not None
    assert (stored["value"], stored["source"]) == (shown["value"], shown["source"])
    assert stored["set"] is None                      # not this set's: entered by hand
    assert out["test_result"]["time_s"] == sensor     # the re-analysis beside it
    _c, text, _e = cli(capsys, "analyze", db, "--session", str(rec["session"]))
    assert "28.4 s, entered by hand" in text and "33.3 s" in text
    assert "repetitions" not in text                  # a walk's knee bends are steps


def test_a_change_is_written_as_the_results_are(tmp_path, capsys):
    """14.321 s -> 9.8 s reads "change -4.5 s" (as the results read 14.3 s and 9.8 s);
    stands in whole stands; the JSON keeps the results' numbers, and the change between
    them as written (the one every view shows and judges)."""
    db = str(tmp_path / "m.db")
    cli(capsys, "patient", "add", "P001", "--db", db)
    cli(capsys, "tests", "P001", "--label", "intake", "--add", "timed_up_and_go=14.321",
        "--add", "chair_stand_30s=9", "--add", "knee_rom_test:left=101.4", "--db", db)
    code, _o, err = cli(capsys, "tests", "P001", "--label", "week 6", "--add",
                        "timed_up_and_go=9.8", "--add", "chair_stand_30s=10",
                        "--add", "knee_rom_test:left=113.6", "--db", db)
    assert code == 0, err
    _c, text, _e = cli(capsys, "tests", "P001", "--db", db)
    week6 = text.split("week 6")[1]
    assert "Timed Up and Go: 9.8 s" in week6 and "change -4.5 s: meaningful improvement" \
        in week6
    assert "change +1 stand: no meaningful change" in week6
    # 101.4 and 113.6 deg read 101° and 114°: the change is the 13° between them.
    assert "change +13°" in week6
    assert "4.521" not in text and "12.2" not in text
    _c, out, _e = cli(capsys, "tests", "P001", "--json", "--db", db)
    tests = out["moments"][1]["tests"]
    assert tests["timed_up_and_go"]["value"] == pytest.approx(9.8)
    assert out["moments"][0]["tests"]["timed_up_and_go"]["value"] == pytest.approx(14.321)
    assert tests["timed_up_and_go"]["change"]["delta"] == pytest.approx(-4.5)
    assert tests["knee_rom_test:left"]["change"]["delta"] == pytest.approx(13.0)


def test_a_moment_the_patient_does_not_have_yet_is_said(tmp_path, capsys):
    """Moments are free labels: `monitor tests --label` makes a new one, and says so on
    stderr with the moments the patient has (a typo shows)."""
    db = str(tmp_path / "m.db")
    cli(capsys, "patient", "add", "P001", "--db", db)
    code, _o, err = cli(capsys, "tests", "P001", "--label", "intake", "--add",
                        "timed_up_and_go=14.0", "--db", db)
    assert code == 0 and "new measurement moment 'intake' for P001" in err
    code, _o, err = cli(capsys, "tests", "P001", "--label", " Intake ", "--add",
                        "timed_up_and_go=13.0", "--db", db)
    assert code == 0 and err == ""                         # the same moment
    code, _o, err = cli(capsys, "tests", "P001", "--label", "intkae", "--add",
                        "timed_up_and_go=12.0", "--db", db)
    assert code == 0
    assert err.strip() == ("monitor: warning: new measurement moment 'intkae' for P001 "
                           "(its moments: intake)")
    _c, out, _e = cli(capsys, "tests", "P001", "--json", "--db", db)
    assert [m["label"] for m in out["moments"]] == ["intake", "intkae"]


def test_a_count_of_stands_is_whole(tmp_path, capsys):
    """2.5 stands would be stored as 2.5 and read "2 stands": refused, nothing stored."""
    db = str(tmp_path / "m.db")
    cli(capsys, "patient", "add", "P1", "--db", db)
    code, _o, err = cli(capsys, "tests", "P1", "--label", "intake", "--add",
                        "chair_stand_30s=2.5", "--db", db)
    assert code != 0 and err.strip().splitlines()[-1] == (
        "monitor: error: --add chair_stand_30s: a count of stands is a whole number, not 2.5")
    assert Store(db).test_results("P1") == []
    code, _o, err = cli(capsys, "tests", "P1", "--label", "intake", "--add",
                        "chair_stand_30s=12", "--db", db)
    assert code == 0, err
