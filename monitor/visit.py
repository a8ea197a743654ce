"""A visit that follows the patient's programme: which exercise and set comes next, the rest
between sets, and the quick questions (pain, effort) around them.

Pure and clock-driven (the caller passes the time), so a whole visit can be walked through in
a test without waiting. The live controller owns one; the window only shows it.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from monitor.core.dosing import Dose
from recordings.store import Store
from recordings.treatment import previous_session

QUESTION_KINDS = ("pain_next_morning", "pain_before", "effort", "pain_after")


@dataclass
class Step:
    """One exercise of the programme at this visit."""

    exercise: str
    dose: Dose
    item_id: int
    sets_done: int = 0

    @property
    def complete(self) -> bool:
        return self.sets_done >= self.dose.sets


@dataclass
class Question:
    """A 0-10 rating to ask: pain (numeric rating scale) or effort (Borg CR10)."""

    kind: str                       # one of QUESTION_KINDS
    session_id: int | None = None   # the session it belongs to (next morning: the last one)
    set_id: int | None = None       # effort: the set
    exercise: str | None = None     # pain after: the exercise


class Visit:
    """The programme as it stands when the patient is opened, and progress through it."""

    def __init__(self, store: Store, patient: str, session_id: int) -> None:
        self.index = 0
        self.store = store
        self.patient = patient
        self.session_id = session_id
        done = {}
        for s in store.sets(session_id):
            if (s["summary"] or {}).get("rep_count"):
                done[s["exercise"]] = done.get(s["exercise"], 0) + 1
        self._done = done
        self.steps: list[Step] = []
        self.refresh()
        self.index = next((i for i, s in enumerate(self.steps) if not s.complete), 0)
        self.rest_until: float | None = None
        self.questions: deque[Question] = deque()
        pain = store.pain(patient)
        prev = previous_session(store, patient, session_id)
        if prev is not None and not any(e["session_id"] == prev and e["kind"] ==
                                        "next_morning" for e in pain):
            self.questions.append(Question("pain_next_morning", session_id=prev))
        if not any(e["session_id"] == session_id and e["kind"] == "before" for e in pain):
            self.questions.append(Question("pain_before", session_id=session_id))

    def refresh(self) -> None:
        """Read the programme again (an exercise added or a dose changed during the visit);
        the sets done so far and the current exercise stay."""
        current = self.current.exercise if self.steps else None
        done = {s.exercise: s.sets_done for s in self.steps} or self._done
        self.steps = [Step(r["exercise"], Dose.from_json(r["dose"]), r["id"],
                           done.get(r["exercise"], 0))
                      for r in self.store.programme(self.patient)]
        if current is not None:
            self.index = next((i for i, s in enumerate(self.steps)
                               if s.exercise == current), 0)

    @property
    def active(self) -> bool:
        return bool(self.steps)

    @property
    def current(self) -> Step | None:
        return self.steps[self.index] if self.steps else None

    @property
    def finished(self) -> bool:
        return bool(self.steps) and all(s.complete for s in self.steps)

    def select(self, exercise: str) -> bool:
        """The therapist picked this exercise: follow it if it is in the programme."""
        for i, s in enumerate(self.steps):
            if s.exercise == exercise:
                self.index = i
                self.rest_until = None
                return True
        return False

    def set_number(self) -> int:
        """The number of the next (or running) set of the current exercise."""
        step = self.current
        return 0 if step is None else min(step.sets_done + 1, step.dose.sets)

    def set_finished(self, set_id: int, exercise: str, rep_count: int, now: float) -> None:
        """A set stopped: count it, ask its effort, start the rest or end the exercise."""
        step = self.current
        if step is None or step.exercise != exercise or rep_count == 0:
            return
        step.sets_done += 1
        self.questions.append(Question("effort", session_id=self.session_id, set_id=set_id))
        if step.complete:
            self.questions.append(Question("pain_after", session_id=self.session_id,
                                           exercise=exercise))
            self.rest_until = None
        else:
            self.rest_until = now + step.dose.rest_s

    def rest_remaining_s(self, now: float) -> float | None:
        if self.rest_until is None:
            return None
        return max(0.0, self.rest_until - now)

    def end_rest(self) -> None:
        self.rest_until = None

    def next_exercise(self) -> Step | None:
        """Move on to the next exercise with sets to do (None: the programme is done)."""
        n = len(self.steps)
        for k in range(1, n + 1):
            i = (self.index + k) % n
            if not self.steps[i].complete:
                self.index = i
                self.rest_until = None
                return self.steps[i]
        return None

    def answer(self, value: int | None) -> Question | None:
        """Store the answer to the first question (None: skipped); returns the question."""
        if not self.questions:
            return None
        q = self.questions.popleft()
        if value is None:
            return q
        if q.kind == "effort":
            self.store.set_effort(q.set_id, value)
        elif q.kind == "pain_next_morning":
            self.store.add_pain(self.patient, "next_morning", value, session_id=q.session_id)
        elif q.kind == "pain_before":
            self.store.add_pain(self.patient, "before", value, session_id=q.session_id)
        else:
            self.store.add_pain(self.patient, "after", value, session_id=q.session_id,
                                exercise=q.exercise)
        return q

    def drop_effort_questions(self) -> None:
        """A new set started: an effort not given for the last one is not asked any more."""
        self.questions = deque(q for q in self.questions if q.kind != "effort")
