"""The exercise catalogue: declarative records loaded from ``exercises.json``."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

from monitor.core.errors import ConfigurationError
from monitor.core.messages import Message


@dataclass(frozen=True)
class StartPosture:
    body: str                 # seated | standing | supine | prone | side_lying
    thigh_deg: float          # segment inclinations (see exercises.json for the convention)
    shank_deg: float
    angle_deg: float          # the reported angle in this posture
    text: dict[str, str]
    # A segment resting on a support in this posture that can only lift from it (the thigh on
    # the chair), and what the angle then takes for granted (see monitor.signal.supported).
    supported: str | None = None
    supported_text: dict[str, str] | None = None


@dataclass(frozen=True)
class Exercise:
    id: str
    name: dict[str, str]
    kind: str                 # repetitions | count_in_time | time_for_count | duration | range_test
    plane: str                # sagittal | frontal
    angle: str                # name of the reported angle, e.g. knee_flexion_deg
    required: tuple[str, ...]
    optional: tuple[str, ...]
    primary: str
    alternative_primary: str | None
    start_posture: StartPosture
    single_sensor: dict[str, str]
    concentric: str           # direction of the reported angle in the concentric phase
    eccentric_first: bool
    target_deg: tuple[float, float]
    tempo_s: tuple[float, float, float, float]   # concentric, hold, eccentric, rest
    sim: dict
    time_limit_s: float | None = None
    count: int | None = None
    # What repetitions are counted on: the reported angle, or "rise" (the vertical movement
    # of the primary sensor, for exercises that lift the body without much turning).
    count_on: str = "angle"
    # The measured segment turns about a joint that stays put (the knee in a seated knee
    # extension, the hip in a leg raise): its long axis shows in the movement itself.
    fixed_pivot: bool = False
    # A repetition includes a step forward and back (a lunge): the leg moves in several
    # parts within it, and its returns stop part-way without a rest.
    steps: bool = False

    def display_name(self, lang: str = "en") -> str:
        return self.name.get(lang, self.name["en"])

    @property
    def counts_repetitions(self) -> bool:
        """Whether the exercise's repetitions are what the therapist follows (not in the
        walking tests, the TUG and the range test, whose knee bends are steps or the
        measurement: they are timed or measured)."""
        return self.kind in ("repetitions", "count_in_time", "time_for_count")

    @property
    def counts_any_movement(self) -> bool:
        """The catch-all record for an exercise not in the catalogue: no angle model, the
        rotation of the segment that moves most about its main axis is counted (as with
        ``--exercise none``); the record still carries targets and tempo."""
        return self.angle == "movement_deg"

    @property
    def angle_needs_both(self) -> bool:
        """The reported angle combines thigh and shank (knee flexion)."""
        return self.angle == "knee_flexion_deg"

    @property
    def angle_segments(self) -> frozenset[str]:
        """The segments whose angle enters the reported angle (see AngleModel.combine)."""
        if self.angle == "knee_flexion_deg":
            return frozenset({"thigh", "shank"})
        if self.angle == "shank_inclination_deg":
            return frozenset({"shank"})
        if self.angle == "thigh_inclination_deg":
            return frozenset({"thigh"})
        return frozenset({self.primary, self.alternative_primary or self.primary})

    @property
    def outward_sign(self) -> int:
        """+1 if the reported angle increases in the first phase of a rep, else -1."""
        increases = self.concentric == "increase"
        if self.eccentric_first:
            increases = not increases
        return 1 if increases else -1


@cache
def catalogue() -> dict[str, Exercise]:
    data = json.loads(resources.files("monitor.core").joinpath("exercises.json").read_text())
    out = {}
    for e in data["exercises"]:
        sp = e["start_posture"]
        out[e["id"]] = Exercise(
            id=e["id"], name=e["name"], kind=e["kind"], plane=e["plane"], angle=e["angle"],
            required=tuple(e["required"]), optional=tuple(e.get("optional", ())),
            primary=e["primary"], alternative_primary=e.get("alternative_primary"),
            start_posture=StartPosture(sp["body"], sp["thigh_deg"], sp["shank_deg"],
                                       sp["angle_deg"], sp["text"],
                                       (sp.get("supported") or {}).get("segment"),
                                       (sp.get("supported") or {}).get("text")),
            single_sensor=e["single_sensor"], concentric=e["concentric"],
            eccentric_first=bool(e.get("eccentric_first", False)),
            target_deg=tuple(e["target_deg"]), tempo_s=tuple(e["tempo_s"]), sim=e["sim"],
            time_limit_s=e.get("time_limit_s"), count=e.get("count"),
            count_on=e.get("count_on", "angle"), fixed_pivot=bool(e.get("fixed_pivot", False)),
            steps=bool(e.get("steps", False)))
    return out


def get_exercise(exercise_id: str) -> Exercise:
    try:
        return catalogue()[exercise_id]
    except KeyError:
        known = ", ".join(sorted(catalogue()))
        raise ConfigurationError(Message("unknown exercise {exercise}; known exercises: "
                                         "{known}, or 'none' to count repetitions of any "
                                         "movement", exercise=repr(exercise_id), known=known)
                                 ) from None
