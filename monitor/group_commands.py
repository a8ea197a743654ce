"""Command line of a small group session.

    monitor group --demo --participants N [--seconds S] [--reps N] [--fast] [--json]
    monitor group --sensor ADDRESS=CODE:PLACEMENT ... [--exercise CODE=EXERCISE ...]
                  --seconds S [--label MOMENT] [--json]

Each participant's sets are stored in their own record (a session per participant, linked
to the group session). Prints per participant the repetitions counted and the session id.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time

from monitor.core.errors import ConfigurationError
from monitor.core.i18n import QT_TRANSLATE_NOOP, language, translate
from monitor.core.messages import Message
from monitor.treatment_commands import counted, warn

# Run-time step of the group's clock (s): the rate the app's view polls at (30 Hz).
STEP_S = 1.0 / 30.0

# A Bluetooth address as BlueZ and 'monitor scan' give it (macOS gives a UUID instead).
ADDRESS = re.compile(r"([0-9A-Fa-f]{2}:){5}[0-9A-Fa-f]{2}|[0-9A-Fa-f]{8}-([0-9A-Fa-f]{4}-){3}"
                     r"[0-9A-Fa-f]{12}")

WORDS = (QT_TRANSLATE_NOOP("cli", "set"), QT_TRANSLATE_NOOP("cli", "sets"))


def parse_assignments(items: list[str] | None) -> dict[str, tuple[str, str]]:
    """``ADDRESS=CODE:PLACEMENT`` -> {address: (code, placement)}."""
    from monitor.core.samples import PLACEMENTS

    out: dict[str, tuple[str, str]] = {}
    for item in items or []:
        address, sep, rest = item.partition("=")
        code, sep2, placement = rest.rpartition(":")
        if not sep or not sep2 or not address or not code or placement not in PLACEMENTS:
            raise ConfigurationError(Message(
                "--sensor {item}: expected ADDRESS=CODE:PLACEMENT with PLACEMENT one of "
                "{known}", item=repr(item), known=", ".join(sorted(PLACEMENTS))))
        if not ADDRESS.fullmatch(address):
            raise ConfigurationError(Message(
                "--sensor {item}: {address} is not a Bluetooth address (six pairs of hex "
                "digits, as 'monitor scan' lists them)", item=repr(item), address=address))
        if address.upper() in {a.upper() for a in out}:
            raise ConfigurationError(Message("--sensor {item}: that sensor is given twice",
                                             item=repr(item)))
        if (code, placement) in out.values():
            raise ConfigurationError(Message(
                "--sensor {item}: {code} has a sensor at that place already", item=repr(item),
                code=code))
        out[address] = (code, placement)
    return out


def parse_exercises(items: list[str] | None, codes: list[str]) -> dict[str, str]:
    """``CODE=EXERCISE`` -> {code: exercise id}: what a participant trains instead of
    their programme's next exercise."""
    from monitor.core.exercises import catalogue

    known = catalogue()
    out: dict[str, str] = {}
    for item in items or []:
        code, sep, exercise = item.partition("=")
        if not sep or exercise not in known:
            raise ConfigurationError(Message(
                "--exercise {item}: expected CODE=EXERCISE with EXERCISE one of {known}",
                item=repr(item), known=", ".join(sorted(known))))
        if code not in codes:
            raise ConfigurationError(Message(
                "--exercise {item}: {code} wears no sensor in this group", item=repr(item),
                code=code))
        out[code] = exercise
    return out


def cmd_group(args: argparse.Namespace) -> int:
    if args.seconds is not None and not args.seconds > 0:
        raise ConfigurationError(translate("cli", "--seconds must be more than 0"))
    if not 1 <= args.reps <= 1000:
        raise ConfigurationError(translate("cli", "--reps must be 1-1000"))
    if not 20.0 <= args.rate <= 400.0:          # also refuses nan
        raise ConfigurationError(translate("cli", "--rate must be 20-400 Hz"))
    if args.demo:
        return _group_demo(args)
    return _group_ble(args)


def _group_demo(args: argparse.Namespace) -> int:
    from monitor.group import demo_group
    from monitor.live import DemoSource

    if args.participants is None:
        raise ConfigurationError(translate("cli", "give the number of participants with "
                                           "--participants N (2-8)"))
    # Demo participants go into the demo database (as with `monitor --demo`), never into
    # the practice's history, unless --db names a store.
    from recordings.store import default_db_path

    where = args.db or str(default_db_path().with_name("demo.db"))
    store = args.open_store(where)
    clock = _Clock(time.monotonic(), live=not args.fast)
    group = demo_group(store, args.participants, clock=clock, rate_hz=args.rate,
                       reps=args.reps, label=args.label)
    group.start()
    sources = {p.code: p.controller.source for p in group.participants}
    start = clock()
    end = start + args.seconds if args.seconds is not None else float("inf")
    while not group.demo_finished and clock() < end:
        if args.fast:
            clock.t += STEP_S
        else:
            time.sleep(STEP_S)
        group.poll()
        if args.progress:
            for p in group.participants:
                live = p.controller.live
                if live is not None and live.last_time_s is not None:
                    rec = live.recorder
                    done = max(rec.committed_s.values(), default=float("nan")) \
                        if rec is not None else float("nan")
                    print(f"fed {p.code} {live.last_time_s:.3f} committed {done:.3f} "
                          f"at {time.monotonic():.3f}",
                          file=sys.stderr, flush=True)
    # The truth: the simulated repetitions completed in what was delivered (all of them,
    # unless --seconds stopped the group first).
    truth = {code: src.delivered_reps if isinstance(src, DemoSource) else 0
             for code, src in sources.items()}
    group.end()
    result = group.summary_json()
    for part in result["participants"]:
        part["simulated_reps"] = truth[part["patient"]]
    _say(result, args.json)
    if not args.json and not args.db:
        # Where to look at the demo's sets afterwards (monitor sessions --db ...).
        print(translate("cli", "stored in the demo database: monitor --db {path} sessions"
                        ).format(path=where))
    return 0


class _Clock:
    """The group's clock: wall time (``live``), or advanced by the loop itself (``--fast``).

    Live, it is read whenever asked: each participant's simulated set starts when it is
    started, not when the command began (simulating and calibrating everyone takes seconds
    on a busy machine; a clock read once before that would deliver those seconds as one
    burst of samples at the first poll)."""

    def __init__(self, t: float, live: bool = False) -> None:
        self.t = t
        self.live = live

    def __call__(self) -> float:
        return time.monotonic() if self.live else self.t


def _say(result: dict, as_json: bool) -> None:
    if as_json:
        print(json.dumps(result))
        return
    from monitor.core.exercises import get_exercise

    lang = "nl" if language() == "nl" else "en"
    print(translate("cli", "Group session {id}").format(id=result["group"]))
    for p in result["participants"]:
        name = get_exercise(p["exercise"]).display_name(lang)
        print(translate("cli", "{name} ({code}): {exercise}, {reps} in {sets}, session {session}"
                        ).format(name=p["shown_as"], code=p["patient"], exercise=name,
                                 reps=counted(p["rep_count"], "repetition"),
                                 sets=counted(len(p["set_rep_counts"]), "set"),
                                 session=p["session"]))


def _group_ble(args: argparse.Namespace) -> int:
    """Real sensors: scan, connect (spread over the adapters), record everyone's set for
    ``--seconds``, save. Ctrl-C ends the sets early and saves them."""
    import signal

    from devices.ble import BleHub, SensorNotFoundError
    from monitor.group import MIN_PARTICIPANTS, GroupSession
    from monitor.treatment_commands import known_patient

    wanted = parse_assignments(args.sensor)
    if not wanted:
        raise ConfigurationError(translate("cli", "give the sensors with --sensor "
                                           "ADDRESS=CODE:PLACEMENT (see 'monitor scan'), or "
                                           "use --demo --participants N"))
    if args.seconds is None:
        raise ConfigurationError(translate("cli", "give the recording length with --seconds S"))
    store = args.open_store(args.db, must_exist=True)
    codes = list(dict.fromkeys(code for code, _ in wanted.values()))
    for code in codes:
        known_patient(store, code)
    if len(codes) < MIN_PARTICIPANTS:       # refused before anything is stored
        raise ConfigurationError(Message("A group needs at least {n} participants.",
                                         n=MIN_PARTICIPANTS))
    exercises = parse_exercises(args.exercise, codes)
    hub = BleHub()
    stop: list[int] = []
    handlers = {}
    try:
        hub.use_all_adapters()            # a group's sensors spread over every adapter
        found = {f.address.upper(): f for f in hub.scan(10.0, list(wanted))}
        links: dict[str, dict] = {code: {} for code in codes}
        for address, (code, placement) in wanted.items():
            f = found.get(address.upper())
            if f is None:
                raise SensorNotFoundError(address)
            # More sensors than the adapters carry at full rate: each a little slower.
            rate = hub.planned_rate_hz(f.family, len(wanted))
            links[code][placement] = hub.connect(f, placement, rate)
            store.remember_assignment(f.address, code, placement)
        lowered = sorted({round(lk.rate_hz) for own in links.values() for lk in own.values()
                          if lk.rate_hz < lk.driver.default_rate_hz})
        if lowered:
            warn(translate("cli", "{n} sensors on {a} Bluetooth adapter(s): each streams at "
                           "{hz} Hz, which Bluetooth carries without losing samples").format(
                n=len(wanted), a=len(hub.adapters or [None]),
                hz="/".join(str(r) for r in lowered)))
        group = GroupSession(store, args.label)
        for code in codes:
            group.add(code, exercise=exercises.get(code))
        group.check_size()
        group.connect_ble(links)
        for sig in (signal.SIGINT, signal.SIGTERM):
            handlers[sig] = signal.signal(sig, lambda s, f: stop.append(s))
        for p in group.participants:
            for w in p.controller.battery_warnings():
                warn(w)
        group.start()
        end = time.monotonic() + args.seconds
        while time.monotonic() < end and not stop:
            time.sleep(STEP_S)
            group.poll()
            for p in group.participants:
                for msg in p.controller.messages:
                    warn(f"{p.shown_as}: {msg}")
                p.controller.messages.clear()
        group.end()
    finally:
        for sig, handler in handlers.items():
            signal.signal(sig, handler)
        hub.close()
    _say(group.summary_json(), args.json)
    return 0


def add_parser(sub, open_store, parents: list | None = None) -> None:
    g = sub.add_parser("group", help="a small group: 2-8 participants with their own sensors",
                       parents=parents or [])
    g.add_argument("--demo", action="store_true", help="simulated sensors and demo patients")
    g.add_argument("--participants", type=int, metavar="N", help="demo: 2-8 participants")
    g.add_argument("--sensor", action="append", metavar="ADDRESS=CODE:PLACEMENT",
                   help="a sensor, the patient wearing it and where (repeatable)")
    g.add_argument("--exercise", action="append", metavar="CODE=EXERCISE",
                   help="what a participant trains instead of their programme's next "
                        "exercise, an exercise id such as sit_to_stand (repeatable)")
    g.add_argument("--seconds", type=float, metavar="S")
    g.add_argument("--label", help="measurement moment, e.g. week 6")
    g.add_argument("--reps", type=int, default=10, help="demo: repetitions per participant")
    g.add_argument("--rate", type=float, default=50.0, help="demo: sample rate (Hz)")
    g.add_argument("--fast", action="store_true", help="demo: as fast as possible")
    g.add_argument("--progress", action="store_true",
                   help="demo: print each participant's last sample time fed and committed "
                        "(for tests)")
    g.add_argument("--json", action="store_true")
    g.set_defaults(func=cmd_group, open_store=open_store)
