"""Command-line commands of the treatment record: patients, programme, progression advice.

    monitor patient add CODE [--joint knee|hip|knee,hip] [--side left|right|both]
                             [--birth-year YYYY] [--sex f|m|x] [--intake-date YYYY-MM-DD]
                             [--notes TEXT] [--goal TEXT ...]
    monitor patient show CODE [--json]
    monitor patients [--search TEXT] [--json]
    monitor programme CODE [--exercise ID [--sets N] [--reps N] [--load KG|LEVEL]
                           [--tempo U/H/D/R] [--range LO,HI] [--rest S]] [--remove ID]
                           [--history] [--json]
    monitor advise CODE [--accept] [--json]

Errors are one line with the exit codes of ``monitor.cli`` (2: usage, unknown patient, a
number out of range).
"""

from __future__ import annotations

import argparse
import json
import sys
import time

from monitor.core.errors import ConfigurationError
from monitor.core.i18n import QT_TRANSLATE_NOOP, language, say, translate
from monitor.core.i18n import counted as counted
from monitor.core.i18n import number as _number

JOINTS = ("knee", "hip", "knee,hip")
SIDES = ("left", "right", "both")
SEXES = ("f", "m", "x")


def _store(args: argparse.Namespace, must_exist: bool = True):
    return args.open_store(args.db, must_exist=must_exist)


# The command line's words that are values (a joint, a side, a suggestion) and the nouns it
# counts (``counted``), marked for translation.
WORDS = (
    QT_TRANSLATE_NOOP("cli", "knee"), QT_TRANSLATE_NOOP("cli", "hip"),
    QT_TRANSLATE_NOOP("cli", "left"), QT_TRANSLATE_NOOP("cli", "right"),
    QT_TRANSLATE_NOOP("cli", "both"),
    QT_TRANSLATE_NOOP("cli", "increase"), QT_TRANSLATE_NOOP("cli", "hold"),
    QT_TRANSLATE_NOOP("cli", "decrease"),
    QT_TRANSLATE_NOOP("cli", "pain"), QT_TRANSLATE_NOOP("cli", "effort"),
    QT_TRANSLATE_NOOP("cli", "session"), QT_TRANSLATE_NOOP("cli", "sessions"),
    QT_TRANSLATE_NOOP("cli", "repetition"), QT_TRANSLATE_NOOP("cli", "repetitions"),
    QT_TRANSLATE_NOOP("cli", "rep"), QT_TRANSLATE_NOOP("cli", "reps"),
    QT_TRANSLATE_NOOP("cli", "step"), QT_TRANSLATE_NOOP("cli", "steps"),
    QT_TRANSLATE_NOOP("cli", "stand"), QT_TRANSLATE_NOOP("cli", "stands"),
    QT_TRANSLATE_NOOP("cli", "f"), QT_TRANSLATE_NOOP("cli", "m"), QT_TRANSLATE_NOOP("cli", "x"),
)


def sex_letter(sex: str | None) -> str:
    """The patient's sex as recorded (f, m, x) in the language's letters (v, m, x)."""
    return translate("cli", sex) if sex in SEXES else sex or ""


def joint_words(joint: str | None) -> str:
    """"knee", "hip", "knee,hip" in the current language."""
    return ",".join(translate("cli", j) for j in joint.split(",")) if joint else ""


def side_word(side: str | None) -> str:
    """"left", "right", "both" in the current language ("" when not recorded)."""
    return translate("cli", side) if side else ""


def warn(text: object) -> None:
    """A warning on stderr in one line, in the current language."""
    print(translate("cli", "monitor: warning: {what}").format(what=say(text)),
          file=sys.stderr, flush=True)


def known_patient(store, code: str) -> dict:
    p = store.patient(code)
    if p is None:
        raise ConfigurationError(translate(
            "cli", "no patient {code} in {path}; add it with 'monitor patient add {name}'"
        ).format(code=repr(code), path=store.path, name=code))
    return p


def _when(t: float | None) -> str | None:
    return None if t is None else time.strftime("%Y-%m-%d", time.localtime(t))


# -- patients --------------------------------------------------------------------------------
def cmd_patient(args: argparse.Namespace) -> int:
    if args.action == "add":
        return _patient_add(args)
    return _patient_show(args)


def _patient_add(args: argparse.Namespace) -> int:
    from recordings.treatment import parse_goal

    code = args.code.strip()
    if not code or len(code) > 64 or any(c in code for c in "\n\r\t"):
        raise ConfigurationError(translate("cli", "a patient code is 1-64 characters on one "
                                           "line, e.g. P0012"))
    this_year = time.localtime().tm_year
    if args.birth_year is not None and not 1900 <= args.birth_year <= this_year:
        raise ConfigurationError(translate(
            "cli", "--birth-year {year}: give a year from 1900 to {now}").format(
                year=args.birth_year, now=this_year))
    if args.intake_date is not None:
        try:
            time.strptime(args.intake_date, "%Y-%m-%d")
        except ValueError:
            raise ConfigurationError(translate(
                "cli", "--intake-date {date}: give YYYY-MM-DD").format(
                    date=repr(args.intake_date))) from None
    goals = [(g, *parse_goal(g)) for g in args.goal or []]
    from recordings.privacy import patient_code_concern

    concern = patient_code_concern(code)
    if concern is not None:                  # said, and the code is kept as typed
        warn(concern)
    store = _store(args, must_exist=False)
    if store.patient(code) is None and args.intake_date is None:
        args.intake_date = time.strftime("%Y-%m-%d")          # added at the intake
    store.save_patient(code, joint=args.joint, side=args.side, birth_year=args.birth_year,
                       sex=args.sex, intake_date=args.intake_date, notes=args.notes)
    for text, measure, op, target in goals:
        store.add_goal(code, text, measure, op, target)
    p = store.patient(code)
    print(json.dumps({"patient": _patient_json(p), "goals": store.goals(code)})
          if args.json else translate("cli", "patient {code} saved").format(code=code))
    return 0


def _patient_json(p: dict) -> dict:
    return {k: p[k] for k in ("code", "joint", "side", "birth_year", "sex", "intake_date",
                              "notes")}


def _patient_show(args: argparse.Namespace) -> int:
    from recordings.treatment import goal_status, pain_status

    store = _store(args)
    p = known_patient(store, args.code)
    goals = goal_status(store, args.code)
    pain = pain_status(store, args.code)
    if args.json:
        print(json.dumps({"patient": _patient_json(p), "goals": goals,
                          "pain_model": [str(m) for m in pain],
                          "sessions": [s.to_json() for s in store.sessions(args.code)]}))
        return 0
    print(translate("cli", "{code}: {joint}, {side}, born {born}, sex {sex}, intake {intake}"
                    ).format(code=p["code"],
                             joint=joint_words(p["joint"]) or translate("cli", "joint not given"),
                             side=side_word(p["side"]) or translate("cli", "side not given"),
                             born=p["birth_year"] or "?", sex=sex_letter(p["sex"]) or "?",
                             intake=p["intake_date"] or "?"))
    if p["notes"]:
        print(translate("cli", "  notes: {notes}").format(notes=p["notes"]))
    for g in goals:
        status = {True: translate("cli", "met"), False: translate("cli", "not met"),
                  None: translate("cli", "not measured")}[g["met"]]
        print(translate("cli", "  goal: {goal} ({status})").format(goal=g["text"],
                                                                    status=status))
    for m in pain:
        print(translate("cli", "  outside the pain-monitoring model: {why}").format(why=say(m)))
    return 0


def cmd_patients(args: argparse.Namespace) -> int:
    from recordings.store import default_db_path

    path = args.db
    exists = bool(path) or default_db_path().exists()
    rows = _store(args).patients(args.search) if exists else []
    if args.json:
        print(json.dumps({"patients": [{**r, "last_visit": _when(r["last_visit"])}
                                       for r in rows]}))
        return 0
    if not rows:
        print(translate("cli", "no patients yet"))
    for r in rows:
        side = side_word(r["side"])
        print(f"{r['code']:12s} {joint_words(r['joint']):9s} {side:6s} "
              f"{r['birth_year'] or '':5} {sex_letter(r['sex']):2s} "
              f"{counted(r['sessions'], 'session'):>12s}  "
              + translate("cli", "last {date}").format(date=_when(r["last_visit"]) or "-"))
    return 0


# -- programme -------------------------------------------------------------------------------
def cmd_programme(args: argparse.Namespace) -> int:
    from monitor.core.dosing import Load, parse_tempo
    from monitor.core.exercises import get_exercise
    from recordings.treatment import prescribe, programme, reason_text

    store = _store(args)
    known_patient(store, args.code)
    changing = any(v is not None for v in (args.sets, args.reps, args.load, args.tempo,
                                           args.range, args.rest))
    if changing and not args.exercise:
        raise ConfigurationError(translate("cli", "say which exercise to change with "
                                           "--exercise ID"))
    if args.exercise:
        ex = get_exercise(args.exercise)
        if ex.kind != "repetitions":
            raise ConfigurationError(translate(
                "cli", "{exercise} is a measurement test, not a training exercise: it is not "
                "part of a programme").format(exercise=args.exercise))
        band = None
        if args.range is not None:
            try:
                band = tuple(float(x) for x in args.range.replace(";", ",").split(","))
            except ValueError:
                band = ()
            if len(band) != 2:
                raise ConfigurationError(translate(
                    "cli", "--range {range}: give LO,HI in degrees").format(
                        range=repr(args.range)))
        prescribe(store, args.code, args.exercise, sets=args.sets, reps=args.reps,
                  load=None if args.load is None else Load.parse(args.load),
                  tempo_s=None if args.tempo is None else parse_tempo(args.tempo),
                  target_deg=band, rest_s=args.rest, reason="set from the command line")
    if args.remove:
        get_exercise(args.remove)
        if all(r["exercise"] != args.remove for r in store.programme(args.code)):
            raise ConfigurationError(translate(
                "cli", "{exercise} is not in the programme of {code}").format(
                    exercise=args.remove, code=args.code))
        store.remove_programme_item(args.code, args.remove)
    items = programme(store, args.code)
    if args.json:
        out = {"patient": args.code, "exercises": [i.to_json() for i in items]}
        if args.history:
            out["history"] = [{**h, "valid_from": _when(h["valid_from"]),
                               "valid_to": _when(h["valid_to"]),
                               "reason": reason_text(h["reason"])}
                              for h in store.programme_history(args.code)]
        print(json.dumps(out))
        return 0
    lang = language()
    if not items:
        print(translate("cli", "{code} has no programme yet; add exercises with --exercise ID "
                        "--sets N --reps N").format(code=args.code))
    for n, i in enumerate(items, start=1):
        d = i.dose
        print(translate("cli", "{n}. {exercise}: {sets} x {reps}, {load}, tempo {tempo} s, "
                        "range {lo}-{hi} deg, rest {rest} s (since {date})").format(
            n=n, exercise=get_exercise(i.exercise).display_name(lang), sets=d.sets,
            reps=d.reps, load=d.load.text(lang),
            tempo="/".join(_number(t) for t in d.tempo_s), lo=_number(d.target_deg[0]),
            hi=_number(d.target_deg[1]), rest=_number(d.rest_s), date=_when(i.valid_from)))
    if args.history:
        for h in store.programme_history(args.code):
            print(translate("cli", "  {start} - {end}: {exercise} {sets} x {reps} {load}  "
                            "{reason}").format(
                start=_when(h["valid_from"]),
                end=_when(h["valid_to"]) or translate("cli", "now"),
                exercise=get_exercise(h["exercise"]).display_name(lang),
                sets=h["dose"]["sets"], reps=h["dose"]["reps"],
                load=Load.from_json(h["dose"]["load"]).text(lang),
                reason=reason_words(h["reason"])))
    return 0


def reason_words(reason: str | None) -> str:
    """A programme change's reason in the current language ("" when none)."""
    from recordings.treatment import reason_messages

    suggestion, reasons = reason_messages(reason)
    text = "; ".join(say(r) for r in reasons)
    return text if suggestion is None else translate("cli", suggestion) + ": " + text


# -- advice ----------------------------------------------------------------------------------
def cmd_advise(args: argparse.Namespace) -> int:
    from monitor.core.exercises import get_exercise
    from recordings.treatment import accept, advice, pain_status

    store = _store(args)
    known_patient(store, args.code)
    advices = advice(store, args.code)
    pain = pain_status(store, args.code)
    if args.accept:
        for a in advices:
            accept(store, args.code, a)
    if args.json:
        print(json.dumps({"patient": args.code,
                          "exercises": [a.to_json() for a in advices],
                          "pain_model": [str(m) for m in pain],
                          "accepted": bool(args.accept)}))
        return 0
    lang = language()
    if not advices:
        print(translate("cli", "{code} has no programme yet: nothing to advise").format(
            code=args.code))
    for m in pain:
        print(translate("cli", "outside the pain-monitoring model: {why}").format(why=say(m)))
    for a in advices:
        name = get_exercise(a.exercise).display_name(lang)
        change = "" if a.proposed == a.current else f" -> {a.proposed.text(lang)}"
        suggestion = translate("cli", a.suggestion)
        print(f"{name}: {suggestion} ({a.current.text(lang)}{change})")
        for r in a.reasons:
            print(f"  - {say(r)}")
    if args.accept:
        changed = [a for a in advices if a.proposed != a.current]
        print(translate("cli", "accepted into the programme") if changed else
              translate("cli", "nothing to accept: every suggestion is to hold the dose"))
    return 0


# -- the parsers -----------------------------------------------------------------------------
def _count(lo: int, hi: int, what: str):
    def parse(text: str) -> int:
        try:
            v = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(translate(
                "cli", "{what} must be a whole number").format(what=translate("cli", what))
            ) from None
        if not lo <= v <= hi:
            raise argparse.ArgumentTypeError(translate(
                "cli", "{what} must be {lo}-{hi}, not {v}").format(
                    what=translate("cli", what), lo=lo, hi=hi, v=v))
        return v
    return parse


def _seconds(text: str) -> float:
    try:
        v = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(translate("cli", "give seconds as a number")
                                         ) from None
    if not 0 <= v <= 900:
        raise argparse.ArgumentTypeError(translate("cli", "rest between sets must be 0-900 s"))
    return v


def add_parsers(sub, open_store, parents: list | None = None) -> None:
    """The commands, opening the store with ``open_store(path, must_exist)`` (the command
    line's, so that every command treats ``--db`` alike); ``parents``: the options every
    command takes (``--lang``, ``--db``)."""
    parents = parents or []
    pa = sub.add_parser("patient", help="add or update a patient, or show one", parents=parents)
    pa_sub = pa.add_subparsers(dest="action", required=True)
    add = pa_sub.add_parser("add", help="add a patient (or update the details given)",
                           parents=parents)
    add.add_argument("code", help="pseudonymous patient code, e.g. P0012 (no names)")
    add.add_argument("--joint", choices=JOINTS, metavar="knee|hip|knee,hip",
                     help="affected joint(s)")
    add.add_argument("--side", choices=SIDES, help="affected side(s)")
    add.add_argument("--birth-year", type=int, metavar="YYYY", help="for age norms")
    add.add_argument("--sex", choices=SEXES, help="for norms: f, m or x")
    add.add_argument("--intake-date", metavar="YYYY-MM-DD")
    add.add_argument("--notes", help="free text")
    add.add_argument("--goal", action="append", metavar="TEXT",
                     help="a goal in words, or measurable: 'test:chair_stand_30s >= 12', "
                          "'rom:knee_extension_seated >= 80', 'pain <= 3' (repeatable)")
    add.add_argument("--json", action="store_true")
    show = pa_sub.add_parser("show", help="a patient's details, goals and pain status",
                            parents=parents)
    show.add_argument("code")
    show.add_argument("--json", action="store_true")
    pa.set_defaults(func=cmd_patient, open_store=open_store)

    ps = sub.add_parser("patients", help="list the patients", parents=parents)
    ps.add_argument("--search", metavar="TEXT", help="codes containing TEXT")
    ps.add_argument("--json", action="store_true")
    ps.set_defaults(func=cmd_patients, open_store=open_store)

    pr = sub.add_parser("programme", help="show or change a patient's programme", parents=parents)
    pr.add_argument("code")
    pr.add_argument("--exercise", metavar="ID", help="add this exercise or change its dose")
    pr.add_argument("--sets", type=_count(1, 20, "--sets"))
    pr.add_argument("--reps", type=_count(1, 100, "--reps"))
    pr.add_argument("--load", metavar="KG|LEVEL",
                    help="kilograms (8, 8 kg), a band level (yellow, red, green, blue, "
                         "black, silver, gold) or bodyweight")
    pr.add_argument("--tempo", metavar="U/H/D/R", help="seconds up/hold/down/rest, e.g. "
                                                       "2/1/2/1")
    pr.add_argument("--range", metavar="LO,HI", help="target range in degrees")
    pr.add_argument("--rest", type=_seconds, metavar="S", help="rest between sets (s)")
    pr.add_argument("--remove", metavar="ID", help="take this exercise out of the programme")
    pr.add_argument("--history", action="store_true", help="every dated change")
    pr.add_argument("--json", action="store_true")
    pr.set_defaults(func=cmd_programme, open_store=open_store)

    ad = sub.add_parser("advise", help="progression advice per programme exercise", parents=parents)
    ad.add_argument("code")
    ad.add_argument("--accept", action="store_true",
                    help="put the proposed doses into the programme")
    ad.add_argument("--json", action="store_true")
    ad.set_defaults(func=cmd_advise, open_store=open_store)
    add_battery_parser(sub, open_store, parents)


PAIN = _count(0, 10, "pain")
EFFORT = _count(0, 10, "effort")


# -- a recorded set against the programme (used by ``monitor record``) -----------------------
def set_context(store, patient: str, session_id: int, exercise: str, load: str | None
                ) -> tuple[dict | None, dict | None]:
    """(targets, prescription) for the next set of ``exercise`` when it is in the patient's
    programme; (None, None) otherwise (the catalogue's targets apply)."""
    from monitor.core.dosing import Dose, Load
    from recordings.treatment import prescription_for, targets_for

    used = None if load is None else Load.parse(load)
    pres = prescription_for(store, patient, session_id, exercise, used)
    if pres is None:
        return None, None
    return targets_for(Dose.from_json(pres["dose"])), pres


def after_set(store, patient: str, session_id: int, set_id: int, exercise: str,
              pain_before: int | None, pain_after: int | None, effort: int | None,
              pain_next_morning: int | None = None) -> None:
    """Pain and effort of a recorded set, and the visit's adherence brought up to date.
    ``pain_next_morning`` is the morning after the patient's previous visit."""
    from recordings.treatment import previous_session, save_adherence

    # The set is saved by now: whatever else was given is kept; a next-morning pain
    # without an earlier visit to belong to is said, not a reason to drop the rest.
    if pain_next_morning is not None:
        prev = previous_session(store, patient, session_id)
        if prev is None:
            warn(translate("cli", "--pain-next-morning left out: this is the patient's "
                                  "first visit (the set and its other ratings are saved)"))
        elif not any(e["session_id"] == prev and e["kind"] == "next_morning"
                     for e in store.pain(patient)):
            store.add_pain(patient, "next_morning", pain_next_morning, session_id=prev)
    if pain_before is not None:
        store.add_pain(patient, "before", pain_before, session_id=session_id)
    if pain_after is not None:
        store.add_pain(patient, "after", pain_after, session_id=session_id, exercise=exercise)
    if effort is not None:
        store.set_effort(set_id, effort)
    save_adherence(store, patient, session_id)


# -- the measurement battery -----------------------------------------------------------------
def _pair(text: str, what: str) -> tuple[str, float]:
    key, sep, value = text.partition("=")
    try:
        number = float(value.replace(",", "."))
    except ValueError:
        number = float("nan")
    if not sep or not key or number != number:
        raise ConfigurationError(translate("cli", "{option} {text}: expected NAME=NUMBER"
                                           ).format(option=what, text=repr(text)))
    return key.strip(), number


def cmd_tests(args: argparse.Namespace) -> int:
    from monitor.core.battery import VERDICT_TEXT, battery_test, questionnaire_def
    from monitor.core.messages import Message
    from recordings.measurements import battery_table, enter_result, enter_score

    store = _store(args)
    known_patient(store, args.code)
    entering = args.add or args.score or args.psfs or args.activity
    if entering:
        adds = [_pair(a, "--add") for a in args.add or []]
        scores = [_pair(a, "--score") for a in args.score or []]
        psfs = [_pair(a, "--psfs") for a in args.psfs or []]
        for name, _v in adds:
            test, _, side = name.partition(":")
            battery_test(test)
            if side and side not in ("left", "right"):
                raise ConfigurationError(translate(
                    "cli", "--add {name}: the side is left or right").format(name=name))
        for name, _v in scores:
            questionnaire_def(name)
        for text in args.activity or []:
            if not text.strip():
                raise ConfigurationError(translate(
                    "cli", "--activity: name the activity, e.g. 'climb stairs'"))
            store.add_psfs_activity(args.code, text.strip())
        if adds or scores or psfs:
            if args.label is None:
                raise ConfigurationError(translate(
                    "cli", "say which measurement moment with --label, e.g. --label intake"))
            _say_new_moment(store, args.code, args.label)
            session = store.new_session(args.code, args.label)
            activities = store.psfs_activities(args.code)
            for name, value in adds:
                test, _, side = name.partition(":")
                try:
                    enter_result(store, args.code, session, test, value,
                                 side=side or args.side)
                except ConfigurationError as exc:
                    raise ConfigurationError(f"--add {name}: {say(exc.args[0])}") from None
            for name, value in scores:
                enter_score(store, args.code, session, name, value)
            for name, value in psfs:
                try:
                    activity = activities[int(name) - 1]["id"]
                except (ValueError, IndexError):
                    raise ConfigurationError(translate(
                        "cli", "--psfs {name}: give the activity's number, 1-{n} (add "
                        "activities with --activity TEXT)").format(name=name, n=len(activities))
                    ) from None
                enter_score(store, args.code, session, "psfs", value, item=activity)
    lang = language()
    table = battery_table(store, args.code, lang)
    if args.json:
        # Language-neutral: the results' texts as the English command line writes them.
        table = table if lang == "en" else battery_table(store, args.code)
        print(json.dumps({"patient": args.code,
                          "psfs_activities": store.psfs_activities(args.code),
                          "moments": table}))
        return 0
    if not table:
        print(translate("cli", "{code}: no test results or questionnaire scores yet").format(
            code=args.code))
    for row in table:
        moment = row["label"] or translate("cli", "training")
        if row["age"] is None:
            print(translate("cli", "{moment} ({date})").format(moment=moment, date=row["date"]))
        else:
            print(translate("cli", "{moment} ({date}, age {age})").format(
                moment=moment, date=row["date"], age=row["age"]))
        for name, j in row["tests"].items():
            test, _, side = name.partition(":")
            if test == "knee_rom_lsi":
                print(translate("cli", "  knee flexion symmetry: {value} ({basis})").format(
                    value=j["text"], basis=translate("cli", j["basis"])))
                continue
            label = battery_test(test)["name"].get(lang, battery_test(test)["name"]["en"])
            if side:
                label += " (" + translate("cli", side) + ")"
            parts = [f"  {label}: {j['text']}"]
            if j["source"] == "manual":
                parts.append(translate("cli", "entered"))
            if j["norm"]:
                n = j["norm"]
                verdict = VERDICT_TEXT.get(n["verdict"], n["verdict"])
                parts.append(translate("cli", "norm {band} for {group} ({source}): {verdict}"
                                       ).format(band=norm_words(n["band"]),
                                                group=norm_words(n["group"]),
                                                source=n["source"],
                                                verdict=translate("cli", verdict)))
            elif j["no_norm"]:
                why = j.get("no_norm_message")
                parts.append(say(Message(why["template"], **why["params"])) if why
                             else j["no_norm"])
            if j["cutoff"] and j["cutoff"]["reached"]:
                words = j["cutoff"]["text"]                  # with its threshold
                parts.append(words.get(lang, words["en"]))
            if j["change"] is not None:
                parts.append(_change_words(j["change"], test))
            print("; ".join(parts))
        for name, q in row["questionnaires"].items():
            extra = "" if q["change"] is None else "; " + _change_words(q["change"])
            title = questionnaire_def(name)["name"]
            print(f"  {title.get(lang, title['en'])}: {_number(q['value'])}{extra}")
    return 0


# The words of a norm's band and group ("at most 11.4 s", "women 60-64"), translated.
NORM_WORDS = (QT_TRANSLATE_NOOP("cli", "at most"), QT_TRANSLATE_NOOP("cli", "at least"),
              QT_TRANSLATE_NOOP("cli", "mean"), QT_TRANSLATE_NOOP("cli", "stands"),
              QT_TRANSLATE_NOOP("cli", "women"), QT_TRANSLATE_NOOP("cli", "men"),
              QT_TRANSLATE_NOOP("cli", "age"), QT_TRANSLATE_NOOP("cli", "everyone"))
# The words of a result against its norm (monitor.core.battery.VERDICT_TEXT), of the symmetry's
# basis (recordings.measurements) and of a change, marked for translation.
VERDICT_WORDS = (
    QT_TRANSLATE_NOOP("cli", "below the normal range"),
    QT_TRANSLATE_NOOP("cli", "within the normal range"),
    QT_TRANSLATE_NOOP("cli", "above the normal range"),
    QT_TRANSLATE_NOOP("cli", "worse than average"),
    QT_TRANSLATE_NOOP("cli", "average or better"),
    QT_TRANSLATE_NOOP("cli", "slower than the mean"),
    QT_TRANSLATE_NOOP("cli", "at or faster than the mean"),
    QT_TRANSLATE_NOOP("cli", "enough"), QT_TRANSLATE_NOOP("cli", "not enough"),
    QT_TRANSLATE_NOOP("cli", "left against the other leg"),
    QT_TRANSLATE_NOOP("cli", "right against the other leg"),
    QT_TRANSLATE_NOOP("cli", "the smaller against the larger flexion"),
    QT_TRANSLATE_NOOP("cli", "meaningful improvement"),
    QT_TRANSLATE_NOOP("cli", "meaningful decline"),
    QT_TRANSLATE_NOOP("cli", "no meaningful change"),
    QT_TRANSLATE_NOOP("cli", "no threshold known"),
)


def norm_words(text: str) -> str:
    """A norm's band or group in the current language ("hoogstens 11,4 s", "vrouwen 60-64")."""
    if language() == "en":
        return text
    import re

    words = sorted(NORM_WORDS, key=len, reverse=True)
    text = re.sub(r"\b(" + "|".join(re.escape(w) for w in words) + r")\b",
                  lambda m: translate("cli", m.group(1)), text)
    return re.sub(r"(?<=\d)\.(?=\d)", ",", text)


def _say_new_moment(store, code: str, label: str) -> None:
    """Say on stderr when ``label`` names a measurement moment the patient does not have
    yet (moments are free labels, so it is made; a typo shows here), with the ones known."""
    from recordings.store import normalize_label

    wanted = normalize_label(label)
    known = [s.label for s in store.sessions(code) if s.label]
    if wanted is None or wanted.lower() in (k.lower() for k in known):
        return
    if known:
        warn(translate("cli", "new measurement moment {moment} for {code} (its moments: "
                       "{known})").format(moment=repr(wanted), code=code,
                                          known=", ".join(known)))
    else:
        warn(translate("cli", "new measurement moment {moment} for {code}").format(
            moment=repr(wanted), code=code))


def _change_words(c: dict, test: str | None = None) -> str:
    """A change since the first measurement (of a ``test``: rounded as its result is
    written; of a questionnaire score: to two decimals), and whether it is meaningful."""
    from monitor.core.battery import change_text

    words = {"improvement": "meaningful improvement", "decline": "meaningful decline",
             "no_change": "no meaningful change", None: "no threshold known"}[c["meaningful"]]
    delta = (change_text(test, c["delta"], language()) if test else
             _number(round(c["delta"], 2), "+g"))
    return translate("cli", "change {delta}: {words}").format(delta=delta,
                                                               words=translate("cli", words))


def add_battery_parser(sub, open_store, parents: list | None = None) -> None:
    t = sub.add_parser("tests", help="the measurement battery: results per moment against "
                                     "norms and intake; enter results and scores by hand",
                       parents=parents or [])
    t.add_argument("code")
    t.add_argument("--label", metavar="MOMENT", help="the moment the entries belong to")
    t.add_argument("--add", action="append", metavar="TEST=VALUE",
                   help="a result measured by hand, e.g. chair_stand_30s=12, "
                        "timed_up_and_go=9.8 (seconds), knee_rom_test:left=118 (deg)")
    t.add_argument("--side", choices=["left", "right"],
                   help="the leg of every --add without one (knee_rom_test)")
    t.add_argument("--score", action="append", metavar="NAME=VALUE",
                   help="a questionnaire score: nprs_now, nprs_worst_week (0-10), "
                        "koos_pain, koos_symptoms, koos_adl, koos_sport, koos_qol, hoos_... "
                        "(0-100)")
    t.add_argument("--activity", action="append", metavar="TEXT",
                   help="an activity of the Patient-Specific Functional Scale (at intake)")
    t.add_argument("--psfs", action="append", metavar="N=SCORE",
                   help="the score 0-10 of the patient's activity number N")
    t.add_argument("--json", action="store_true")
    t.set_defaults(func=cmd_tests, open_store=open_store)
