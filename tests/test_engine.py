"""The progression engine: decisions with reasons, and its safety invariants (stateful tests)."""

import itertools
import re
from collections.abc import Callable
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

import plantarkit
from plantarkit import Bilateral, InvalidValueError, Pain, Side, testing
from plantarkit.chain import RedFlagScreen
from plantarkit.exercises import Hold, PlantarLoad, Reps, Timed
from plantarkit.plans import (
    ExercisesMastered,
    PainAtMost,
    PainMeasure,
    Phase,
    Program,
    Protocol,
    Slot,
    build_program,
)
from plantarkit.progression import (
    DEFAULT_REGRESSION,
    Action,
    Advance,
    Decision,
    EngineRules,
    ExerciseLog,
    ExerciseState,
    LadderUp,
    LoadUp,
    PainModel,
    PainReport,
    ProgramState,
    Proposal,
    Reason,
    RuleContext,
    SessionLog,
    TestKind,
    TestResult,
    Verdict,
    VolumeUp,
    WeeklyTable,
    advance,
    clear_referral,
    evaluate,
    start,
    today,
    verdict,
)
from plantarkit.progression.engine import PAIN_HISTORY_DAYS
from plantarkit.progression.engine._phase import _entering
from plantarkit.progression.engine._start import phase_exercises
from plantarkit.progression.rules import propose


def full_sets(state: ProgramState, exercise: str, extra: float = 0) -> tuple[float, ...]:
    dose = state.exercise(exercise).dose
    work = dose.work
    if isinstance(work, Reps):
        per = work.count + (1 if work.to_fatigue else 0) + extra
    elif isinstance(work, Hold | Timed):
        per = work.seconds + extra
    else:
        per = work.rounds + extra
    return (per,) * dose.sets


def calm(day: int) -> PainReport:
    return PainReport(
        day=day,
        first_step=Pain(3),
        during=Pain(2),
        after=Pain(2),
        next_morning=Pain(3),
        settled_minutes=2,
    )


def everything(state: ProgramState, day: int, pain: PainReport | None = None) -> SessionLog:
    logs = tuple(
        ExerciseLog(exercise=e.exercise, sets=full_sets(state, e.exercise)) for e in state.exercises
    )
    return SessionLog(day=day, exercises=logs, pain=(pain or calm(day),))


@pytest.fixture
def program() -> Program:
    return build_program(plantarkit.example_assessment(), "staged", weeks=12)


@pytest.fixture
def state(program: Program) -> ProgramState:
    return start(program)


def test_start(program: Program, state: ProgramState) -> None:
    assert state.day == 0
    assert state.phase_id == "early"
    assert state.exercises
    clam = state.exercise("clam")
    assert (clam.ladder, clam.rung) == ("clam", 0)


def test_two_good_sessions_step_up_the_ladder(program: Program, state: ProgramState) -> None:
    first = advance(program, state, everything(state, 1))
    clam = next(d for d in first.decisions if d.exercise == "clam")
    assert clam.action is Action.HOLD
    assert "1 of 2 good sessions" in clam.reasons[0].text
    second = advance(program, first.state, everything(first.state, 2))
    clam = next(d for d in second.decisions if d.exercise == "clam")
    assert clam.action is Action.PROGRESS
    assert second.state.exercise("banded_clam").rung == 1
    assert clam.dose == plantarkit.catalogue().variant("clam", 1).dose
    assert clam.next_exercise == "banded_clam"  # the exercise from now on
    assert str(clam).startswith("clam: progress to banded_clam (")
    held = next(d for d in first.decisions if d.exercise == "clam")
    assert held.next_exercise is None  # staying on the same exercise


def test_broken_pain_rule_steps_down_to_the_exercise_below(
    program: Program, state: ProgramState
) -> None:
    up = advance(
        program, advance(program, state, everything(state, 1)).state, everything(state, 2)
    ).state
    sore = PainReport(
        day=3, first_step=Pain(3), during=Pain(7), after=Pain(4), next_morning=Pain(3)
    )
    banded = next(
        d
        for d in advance(program, up, everything(up, 3, sore)).decisions
        if d.exercise == "banded_clam"
    )
    assert banded.action is Action.REGRESS
    assert banded.next_exercise == "clam"


def test_a_decision_names_another_exercise_only() -> None:
    reason = Reason(rule="dose", text="why")
    dose = plantarkit.catalogue()["clam"].dose
    with pytest.raises(InvalidValueError, match=r"\$\.next_exercise: expected another exercise"):
        Decision(
            exercise="clam",
            action=Action.PROGRESS,
            reasons=(reason,),
            dose=dose,
            next_exercise="clam",
        )
    with pytest.raises(InvalidValueError, match=r"\$\.exercise: expected a string"):
        Decision(exercise=None, action=Action.HOLD, reasons=(reason,), dose=dose)  # type: ignore[arg-type]  # a phase decision is a PhaseDecision
    moved = Decision(
        exercise="clam",
        action=Action.PROGRESS,
        reasons=(reason,),
        dose=dose,
        next_exercise="banded_clam",
    )
    assert plantarkit.loads(plantarkit.dumps(moved), Decision) == moved


def test_broken_pain_rule_regresses_never_progresses(program: Program, state: ProgramState) -> None:
    up = advance(
        program, advance(program, state, everything(state, 1)).state, everything(state, 2)
    ).state
    sore = PainReport(
        day=3, first_step=Pain(3), during=Pain(7), after=Pain(4), next_morning=Pain(3)
    )
    result = advance(program, up, everything(up, 3, sore))
    for decision in result.decisions:
        assert decision.action is Action.REGRESS
        # The staged protocol's early phase follows exakt-2021's cautious rule.
        assert any(r.rule == "cautious" and r.measure == "during" for r in decision.reasons)
    assert result.state.exercise("clam").rung == 0  # back down one rung


def test_missing_pain_ratings_hold(program: Program, state: ProgramState) -> None:
    log = everything(state, 1, PainReport(day=1))
    result = advance(program, state, log)
    assert {d.action for d in result.decisions} == {Action.HOLD}
    assert all("hold" in d.reasons[0].text for d in result.decisions)


def test_skipped_and_missing_exercises_never_progress(
    program: Program, state: ProgramState
) -> None:
    s1 = advance(program, state, everything(state, 1)).state
    only_clam = SessionLog(
        day=2,
        exercises=(
            ExerciseLog(exercise="clam", sets=full_sets(s1, "clam")),
            ExerciseLog(exercise=s1.exercises[1].exercise, skipped=True),
        ),
        pain=(calm(2),),
    )
    result = advance(program, s1, only_clam)
    for decision in result.decisions:
        if decision.exercise != "clam":
            assert decision.action is Action.HOLD


def test_a_long_gap_steps_back(program: Program, state: ProgramState) -> None:
    s = advance(
        program, advance(program, state, everything(state, 1)).state, everything(state, 2)
    ).state
    result = advance(program, s, everything(s, 20))
    assert {d.action for d in result.decisions} == {Action.REGRESS}
    assert result.decisions[0].reasons[0].rule == "gap"
    assert result.state.exercise("clam").rung == 0


def test_red_flag_stops_until_a_clinician_clears_it(program: Program, state: ProgramState) -> None:
    flagged = SessionLog(day=1, red_flags=RedFlagScreen(nerve_symptoms=True))
    stopped = advance(program, state, flagged)
    assert {d.action for d in stopped.decisions} == {Action.STOP}
    assert stopped.phase.action is Action.STOP
    later = advance(program, stopped.state, everything(stopped.state, 2))
    assert {d.action for d in later.decisions} == {Action.STOP}
    cleared = clear_referral(later.state, cleared_by="Dr Example")
    assert cleared.referral is None
    assert Action.STOP not in {
        d.action for d in advance(program, cleared, everything(cleared, 3)).decisions
    }
    with pytest.raises(InvalidValueError, match=r"\$\.cleared_by: must not be empty"):
        clear_referral(later.state, cleared_by=" ")


def test_phase_waits_for_a_week_and_for_its_gates(program: Program, state: ProgramState) -> None:
    s, moved_on = state, None
    for day in range(1, 60):
        result = advance(program, s, today(program, s, day).log_in_full((calm(day),)))
        if result.phase.action is Action.PROGRESS:
            moved_on = day
            assert result.phase.phase == "middle"
            gates = [r for r in result.phase.reasons if r.rule == "gate"]
            assert gates
            assert all(r.rule == "phase" for r in result.phase.reasons[len(gates) :])
            break
        s = result.state
    assert moved_on is not None
    assert moved_on >= 7  # at least a week in the phase


@pytest.mark.parametrize(
    ("log", "path", "message"),
    [
        (
            SessionLog(day=1, exercises=(ExerciseLog(exercise="box_jump", sets=(5,)),)),
            "$.exercises[0].exercise",
            "not in the current phase",
        ),
        (
            SessionLog(day=1, exercises=(ExerciseLog(exercise="clam", sets=(15,) * 7),)),
            "$.exercises[0].sets",
            "7 sets done of 3 prescribed",
        ),
    ],
)
def test_bad_logs(
    program: Program, state: ProgramState, log: SessionLog, path: str, message: str
) -> None:
    with pytest.raises(InvalidValueError) as info:
        advance(program, state, log)
    assert info.value.path == path
    assert message in info.value.reason


def test_bad_log_values_and_days(program: Program, state: ProgramState) -> None:
    bad = plantarkit.to_document(SessionLog(day=1, pain=(PainReport(day=1, during=Pain(3)),)))
    bad["data"]["pain"][0]["during"] = 12
    with pytest.raises(plantarkit.DocumentError) as info:
        plantarkit.from_document(bad, SessionLog)
    assert str(info.value) == "$.data.pain[0].during: must be ≤ 10, got 12"
    s = advance(program, state, everything(state, 5)).state
    with pytest.raises(InvalidValueError, match=r"must be after the last logged day \(5\)"):
        advance(program, s, everything(s, 4))
    extra = ExerciseLog(exercise="clam", sets=(15,) * 7, note="felt good, did more")
    advance(program, state, SessionLog(day=1, exercises=(extra,)))  # a note makes extra sets fine
    with pytest.raises(InvalidValueError, match="a skipped exercise has no sets"):
        ExerciseLog(exercise="clam", sets=(1,), skipped=True)


# --- stateful: random sessions, invariants after every step ----------------------------------


def rebuilt(value: Any) -> Any:
    """``value`` built again through the checking constructors (the engine skips them)."""
    if isinstance(value, tuple):
        return tuple(rebuilt(v) for v in value)
    if attrs.has(type(value)) and not isinstance(value, Program):  # programmes are built checked
        fields = {f.name: rebuilt(getattr(value, f.name)) for f in attrs.fields(type(value))}
        fresh = type(value)(**fields)
        assert fresh == value
        return fresh
    return value


def _greedy(ex: ExerciseState, context: RuleContext) -> Proposal:
    """A custom rule that always asks for more: the engine must still keep every safety rule."""
    more = attrs.evolve(ex.dose, sets=min(20, ex.dose.sets + 1), max_sets=None)
    return Proposal(to=attrs.evolve(ex, dose=more), text="always more")


class Progressing(RuleBasedStateMachine):
    """Drive a programme through random sessions and check the safety rules after each."""

    def __init__(self) -> None:
        super().__init__()
        self.state: ProgramState | None = None
        self.program: Program | None = None
        self.last: Any = None
        self.flagged = False
        self.trained_day: int | None = None  # the last day exercises were done (not stopped)
        self.trained_pain: PainReport | None = None  # the pain of the last session trained
        self.engine_rules = EngineRules()  # not `rules`: RuleBasedStateMachine has that

    @property
    def plan(self) -> Program:
        assert self.program is not None
        return self.program

    @initialize(
        protocol=st.sampled_from(plantarkit.protocols()),
        rules=st.one_of(
            st.just(EngineRules()),
            st.just(EngineRules(next_morning_later=True)),
            testing.engine_rules(),
            st.builds(EngineRules, progression=st.just((_greedy,))),
        ),
    )
    def begin(self, protocol: Any, rules: EngineRules) -> None:
        program = build_program(plantarkit.example_assessment(), protocol, weeks=12)
        self.program = program
        self.state = start(program)
        self.engine_rules = rules

    @precondition(lambda self: self.state is not None)
    @rule(
        gap=st.sampled_from([1, 2, 2, 2, 3, 3, 7, 8, 10]),
        # Mostly calm sessions, so steps and phase changes happen too; any ratings at all else.
        pains=st.one_of(
            st.tuples(st.integers(0, 2), st.integers(0, 2)).map(lambda p: [2, p[0], p[1], 2]),
            st.lists(st.integers(0, 10), min_size=4, max_size=4),
        ),
        completion=st.sampled_from(["full", "full", "full", "partial", "skipped", "absent"]),
        red_flag=st.integers(0, 60),
        split=st.booleans(),
        extra=st.sampled_from(["none", "none", "none", "own", "missing", "late"]),
        extra_pain=st.one_of(st.integers(0, 2), st.integers(0, 10)),
        which=st.integers(0, 20),
    )
    def session(
        self,
        gap: int,
        pains: list[int],
        completion: str,
        red_flag: int,
        split: bool,
        extra: str,
        extra_pain: int,
        which: int,
    ) -> None:
        self.run(gap, pains, completion, red_flag, split, extra, extra_pain, which)

    @precondition(lambda self: self.state is not None)
    @rule(gap=st.sampled_from([1, 2, 3]), split=st.booleans())
    def calm_session(self, gap: int, split: bool) -> None:
        """Everything done in full, pain low and settled: what lets exercises and phases move on."""
        self.run(gap, [2, 1, 1, 2], "full", 1, split, "none", 0, 0)

    def run(
        self,
        gap: int,
        pains: list[int],
        completion: str,
        red_flag: int,
        split: bool,
        extra: str,
        extra_pain: int,
        which: int,
    ) -> None:
        s = self.state
        assert s is not None
        day = s.day + gap
        logs = []
        for e in s.exercises:
            if completion == "full":
                logs.append(ExerciseLog(exercise=e.exercise, sets=full_sets(s, e.exercise)))
            elif completion == "partial":  # the first set falls short of the target
                full = full_sets(s, e.exercise)
                logs.append(ExerciseLog(exercise=e.exercise, sets=(full[0] // 2, *full[1:])))
            elif completion == "skipped":
                logs.append(ExerciseLog(exercise=e.exercise, skipped=True))
        pain = PainReport(
            day=day,
            first_step=Pain(pains[0]),
            during=Pain(pains[1]),
            after=Pain(pains[2]),
            next_morning=Pain(pains[3]),
            settled_minutes=1 if extra_pain < 9 else extra_pain,  # a slow settle, at times
        )
        if extra == "missing":  # a rating nobody gave: never good news
            missing: dict[str, Any] = {
                ("first_step", "during", "after", "next_morning")[which % 4]: None
            }
            pain = attrs.evolve(pain, **missing)
        # Sent whole, or in two parts (at the session; the mornings): judged the same.
        reports: tuple[PainReport, ...] = (
            (
                attrs.evolve(pain, first_step=None, next_morning=None),
                PainReport(day=day, first_step=pain.first_step, next_morning=pain.next_morning),
            )
            if split
            else (pain,)
        )
        own: PainReport | None = None
        if extra == "own" and s.exercises:  # one exercise's own, complete report
            target = s.exercises[which % len(s.exercises)].exercise
            own = attrs.evolve(pain, exercise=target, during=Pain(extra_pain))
            reports += (own,)
        late: PainReport | None = None
        if extra == "late" and self.trained_pain is not None:  # last session's next morning
            late = PainReport(day=self.trained_pain.day, next_morning=Pain(extra_pain))
            reports += (late,)
        flags = RedFlagScreen(rest_or_night_pain=True) if red_flag == 0 else None
        self.flagged = self.flagged or flags is not None
        before = s
        assert self.program is not None
        result = advance(
            self.program,
            s,
            SessionLog(day=day, exercises=tuple(logs), pain=reports, red_flags=flags),
            rules=self.engine_rules,
        )
        trained = any(any(log.sets) for log in logs)  # some work done: zeros are not training
        # A gap counts from the last day trained: stopped or missed sessions do not end one,
        # and before the first training there is none.
        since = day - self.trained_day if trained and self.trained_day is not None else 0
        judged = [pain] if own is None else [pain, own]
        if late is not None and self.trained_pain is not None:
            judged.append(attrs.evolve(self.trained_pain, next_morning=late.next_morning))
        self.check_step(before, result, judged, completion, since, trained)
        if trained and not self.flagged:
            self.trained_day = day
        if trained:
            self.trained_pain = pain
        self.state, self.last = result.state, result

    def check_step(
        self,
        before: ProgramState,
        result: Any,
        reports: list[PainReport],
        completion: str,
        gap: int,
        trained: bool,
    ) -> None:
        """The safety rules, stated apart from the engine.

        ``reports`` are what judges the session: today's report, an exercise's
        own report (it concerns that exercise only) and a late report completed
        with the ratings of its day. ``trained`` says whether any work was done.
        """
        rebuilt(result)  # everything the engine returns passes its own checks
        if self.flagged:  # a red flag stops everything, now and later
            assert all(d.action is Action.STOP for d in result.decisions)
            assert result.state.referral is not None
            return
        rules = self.engine_rules
        limits = self.plan.protocol.phases[before.phase_index].pain_limits
        dynamic = limits if limits and rules.protocol_rules else (rules.pain_rule,)
        cat = plantarkit.catalogue()
        for decision, old in zip(result.decisions, before.exercises, strict=True):
            isometric = "isometric" in cat[old.exercise].tags
            applied = (*dynamic, rules.hold_rule) if isometric else dynamic
            mine = [r for r in reports if r.exercise in (None, old.exercise)]
            today = [r for r in mine if r.day == reports[0].day]
            awaited = rules.next_morning_later  # today's next morning is yet to come

            def judged(rule: Any, r: PainReport, day: int, awaited: bool = awaited) -> Verdict:
                checks = evaluate(rule, r, before.pain)
                if awaited and r.day == day and r.next_morning is None:
                    # a morning not yet come breaks no rule (stated here as: its check is left
                    # out, not by filling in a rating as the engine does)
                    checks = tuple(c for c in checks if c.measure != "next_morning")
                return verdict(checks)

            day = reports[0].day
            verdicts = [judged(rule, r, day) for r in (*today, *mine) for rule in applied]
            broken = Verdict.REDUCE in verdicts
            unknown = any(judged(rule, r, day) is not Verdict.OK for r in today for rule in applied)
            if broken or unknown or completion != "full" or gap > rules.gap_days:
                assert decision.action is not Action.PROGRESS
            if gap > rules.gap_days:  # a long gap steps every exercise back
                assert decision.action is Action.REGRESS
        if result.state.phase_index == before.phase_index:  # at most one rung per session
            # (in the same phase each exercise's new state takes the place of its old one)
            for old, new, decision in zip(
                before.exercises, result.state.exercises, result.decisions, strict=True
            ):
                # the decision names the exercise from now on when it moves to another one
                assert decision.exercise == old.exercise
                assert decision.next_exercise == (
                    None if new.exercise == old.exercise else new.exercise
                )
                assert decision.dose == new.dose
                if decision.reasons[0].rule == "attendance":  # not done: no step, no setback
                    assert new == old
                if old.ladder is not None and new.ladder == old.ladder:
                    assert old.rung is not None
                    assert new.rung is not None
                    assert abs(new.rung - old.rung) <= 1
        if (
            result.state.phase_index == before.phase_index - 1
        ):  # only a flare in maintenance steps back
            assert result.phase.action is Action.REGRESS
            assert self.plan.protocol.phases[before.phase_index].maintenance
            assert any(d.action is Action.REGRESS for d in result.decisions)
            return
        assert result.state.phase_index in (before.phase_index, before.phase_index + 1)
        if result.state.phase_index != before.phase_index:
            assert result.phase.action is Action.PROGRESS
            self.check_mastery_gate(before, result, completion, trained)
            self.check_levels_kept(before, result.state)

    def check_mastery_gate(
        self, before: ProgramState, result: Advance, completion: str, trained: bool
    ) -> None:
        """A phase gated on mastery is entered only when every exercise has mastered its dose.

        Mastery is earned by sessions done in full. A session with nothing done
        neither earns it nor takes it away (an exercise not done keeps its count of
        good sessions), so it may end a phase that was mastered already; a dose done
        short, or an exercise eased off, never does.
        """
        phases = self.plan.protocol.phases
        gates = (
            *phases[before.phase_index].exit_gates,
            *phases[result.state.phase_index].entry_gates,
        )
        if not any(isinstance(g, ExercisesMastered) for g in gates):
            return
        assert all(d.action is not Action.REGRESS for d in result.decisions)
        if completion == "partial":  # a first set short of the dose restarts every count
            assert not trained
        if not trained:  # nothing done: every exercise had mastered its dose before
            need = self.engine_rules.sessions_to_progress
            assert all(e.good_sessions >= need and e.eased_from is None for e in before.exercises)

    def check_levels_kept(self, before: ProgramState, after: ProgramState) -> None:
        """Entering a phase never takes a person down a ladder they have climbed."""

        def highest(state: ProgramState) -> dict[str, int]:
            rungs: dict[str, int] = {}
            for e in state.exercises:
                if e.ladder is not None and e.rung is not None:
                    rungs[e.ladder] = max(e.rung, rungs.get(e.ladder, e.rung))
            return rungs

        reached, now = highest(before), highest(after)
        for ladder, rung in now.items():
            assert rung >= reached.get(ladder, 0)

    @precondition(lambda self: self.state is not None and self.state.referral is not None)
    @rule()
    def clinician_clears(self) -> None:
        assert self.state is not None
        self.state = clear_referral(self.state, cleared_by="clinician")
        self.flagged = False

    @invariant()
    def days_only_move_forward(self) -> None:
        if self.state is not None:
            assert all(p.day <= self.state.day for p in self.state.pain)


Progressing.TestCase.settings = settings(max_examples=30, stateful_step_count=25, deadline=None)
TestProgressing = Progressing.TestCase


def test_pain_model_is_the_default(program: Program, state: ProgramState) -> None:
    assert EngineRules().pain_rule == PainModel()


def test_easing_off_without_a_lower_rung_makes_the_dose_smaller() -> None:
    base = plantarkit.catalogue()
    ctx = RuleContext(day=1, good_sessions=0, sessions_to_progress=2, catalogue=base)
    for exercise in base:
        dose = exercise.dose
        found = propose(
            DEFAULT_REGRESSION, ExerciseState(exercise=exercise.id, dose=dose), ctx, path="$"
        )
        assert found is not None, exercise.id
        easier = found[0].to
        assert easier is not None, exercise.id
        assert easier.dose != dose, exercise.id
        assert easier.dose.sets <= dose.sets
        assert easier.dose.time_under_tension() <= dose.time_under_tension()
        assert (easier.dose.load.kg or 0) <= (dose.load.kg or 0)


def test_advance_displays_and_history_frame(program: Program, state: ProgramState) -> None:
    from plantarkit.render import advance_text, history_frame

    first = advance(program, state, everything(state, 1))
    second = advance(program, first.state, everything(first.state, 2))
    text = advance_text(second)
    assert text.startswith("Day 2: ")
    for decision in second.decisions:
        assert decision.exercise is not None
        assert decision.exercise in text
    assert "| exercise | next | dose from now on | why |" in second._repr_markdown_()
    assert second._repr_html_().count("<tr>") == len(second.decisions) + 2  # head + phase
    frame = history_frame([first, second])
    assert len(frame) == 2 * (len(state.exercises) + 1)
    assert set(frame["action"]) <= {"progress", "hold", "regress", "stop"}
    assert list(frame["day"].unique()) == [1, 2]


def test_cli_start_and_progress(
    cli: Callable[..., tuple[int, str, str]],
    tmp_path: Any,
) -> None:
    state_path, new_path, log_path = tmp_path / "s.json", tmp_path / "s2.json", tmp_path / "l.json"
    program_path = tmp_path / "p.json"
    code, _, err = cli(
        "start",
        "--protocol",
        "staged",
        "--weeks",
        "4",
        "--output",
        str(state_path),
        "--program-output",
        str(program_path),
    )
    assert code == 0
    assert "wrote" in err
    program = plantarkit.loads(program_path.read_text(encoding="utf-8"), Program)
    assert program.protocol.id == "staged"
    begun = plantarkit.loads(state_path.read_text(encoding="utf-8"), ProgramState)
    assert begun.program_fingerprint == program.fingerprint
    assert begun.phase_id == "early"
    log_path.write_text(plantarkit.dumps(everything(begun, 1)), encoding="utf-8")
    code, out, _ = cli(
        "progress",
        "--program",
        str(program_path),
        "--state",
        str(state_path),
        "--log",
        str(log_path),
        "--output",
        str(new_path),
    )
    assert code == 0
    assert out.startswith("Day 1: ")
    assert "1 of 2 good sessions" in out
    after = plantarkit.loads(new_path.read_text(encoding="utf-8"), ProgramState)
    assert after == advance(program, begun, everything(begun, 1)).state
    code, out, _ = cli(
        "progress",
        "--program",
        str(program_path),
        "--state",
        str(state_path),
        "--log",
        str(log_path),
        "--json",
        "--dry-run",
    )
    assert plantarkit.loads(out, plantarkit.progression.Advance).state == after
    rules_path = tmp_path / "rules.json"
    rules_path.write_text(plantarkit.dumps(EngineRules(sessions_to_progress=1)), encoding="utf-8")
    code, out, _ = cli(
        "progress",
        "--program",
        str(program_path),
        "--state",
        str(state_path),
        "--log",
        str(log_path),
        "--rules",
        str(rules_path),
        "--dry-run",
    )
    assert code == 0
    assert "1 good session: next rung" in out  # one good session is enough now
    log_path.write_text(
        plantarkit.dumps(
            SessionLog(day=1, exercises=(ExerciseLog(exercise="box_jump", sets=(5,)),))
        ),
        encoding="utf-8",
    )
    code, out, err = cli(
        "progress",
        "--program",
        str(program_path),
        "--state",
        str(state_path),
        "--log",
        str(log_path),
        "--dry-run",
    )
    assert code == 2
    assert err.startswith(  # the log file and the path into it, as for its other errors
        f"error: {log_path}: $.data.exercises[0].exercise: 'box_jump' is not in the current phase"
    )


def test_the_weekly_dose_table_is_followed() -> None:
    # Rathleff 2015 (high_load): 3 × 12RM in weeks 1-2, 4 × 10RM in weeks 3-4, 5 × 8RM from week 5.
    program = build_program(plantarkit.example_assessment(), "high_load", weeks=12, max_added=0)
    s = start(program)
    seen: dict[int, tuple[int, int | None]] = {}
    for day in range(1, 40, 2):
        result = advance(program, s, everything(s, day))
        s = result.state
        dose = s.exercise("high_load_heel_raise").dose
        seen[(day - 1) // 7 + 1] = (dose.sets, dose.rm)
        decision = result.decisions[0]
        assert decision.reasons[0].rule in {"weekly_table", "load_up"}
    assert seen[1] == (3, 12)
    assert seen[3] == (4, 10)
    assert seen[5] == (5, 8)


def test_pain_still_overrides_the_dose_table() -> None:
    program = build_program(plantarkit.example_assessment(), "high_load", weeks=12, max_added=0)
    s = start(program)
    for day in range(1, 15, 2):
        s = advance(program, s, everything(s, day)).state
    sore = PainReport(
        day=15, first_step=Pain(3), during=Pain(8), after=Pain(3), next_morning=Pain(3)
    )
    result = advance(
        program, s, everything(s, 15, sore)
    )  # week 3: the table would step to 4 × 10RM
    decision = result.decisions[0]
    assert decision.action is Action.REGRESS
    assert decision.reasons[0].rule == "pain_model"
    assert result.state.exercises[0].dose.rm != 10


# --- tests from logs, maintenance flares, state checks -----------------------------------------


def _top_down_in_week_two() -> tuple[Program, ProgramState, int]:
    program = build_program(plantarkit.example_assessment(), "top_down", weeks=12)
    s = start(program)
    day = 1
    for day in range(1, 16, 2):
        s = advance(program, s, everything(s, day)).state
    return program, s, day


def test_the_assessments_tests_hold_a_phase_until_logs_show_better_results() -> None:
    program, s, day = _top_down_in_week_two()
    assert s.phase_id == "hip_restoration"  # right hip rotation 27° and a Trendelenburg sign
    hip = TestResult(test=TestKind.HIP_INTERNAL_ROTATION_DEG, side=Side.RIGHT, value=36)
    log = attrs.evolve(everything(s, day + 2), tests=(hip,))
    held = advance(program, s, log)
    assert held.state.phase_id == "hip_restoration"
    assert any("Trendelenburg" in r.text for r in held.phase.reasons)
    assert hip in held.state.tests
    assert all(t.value != 27 for t in held.state.tests)  # the newest result replaces the old
    signs = Bilateral[bool | None](left=None, right=False)
    moved = advance(
        program, held.state, attrs.evolve(everything(held.state, day + 4), trendelenburg=signs)
    )
    assert moved.phase.action is Action.PROGRESS
    assert moved.state.phase_id == "chain_integration"
    assert moved.state.trendelenburg == Bilateral(left=False, right=False)  # left kept


def _maintenance_protocol() -> Any:
    first = Phase(
        id="strength",
        name="Strength",
        start_week=1,
        end_week=1,
        slots=(Slot(item="clam"),),
        max_plantar_load=PlantarLoad.NONE,
    )
    keep = attrs.evolve(
        first, id="keep_going", name="Keep going", start_week=2, end_week=None, maintenance=True
    )
    return Protocol(id="two_step", name="Two steps", phases=(first, keep))


@pytest.mark.parametrize("steps_back", [True, False])
def test_a_flare_in_maintenance_steps_back_a_phase(steps_back: bool) -> None:
    rules = EngineRules(min_days_in_phase=1, flare_steps_back=steps_back)
    program = build_program(None, _maintenance_protocol(), weeks=4)
    s = start(program)
    day = 1
    while s.phase_index == 0:
        day += 1
        s = advance(program, s, everything(s, day), rules=rules).state
    assert s.phase_id == "keep_going"
    # on the first rung above the clam, so that easing off goes back to the clam itself
    light = plantarkit.catalogue().variant("clam", 1)
    low = ExerciseState(exercise=light.exercise.id, dose=light.dose, ladder="clam", rung=1)
    s = attrs.evolve(s, exercises=(low,))
    sore = PainReport(day=day + 1, during=Pain(8), after=Pain(3), next_morning=Pain(3))
    result = advance(program, s, everything(s, day + 1, sore), rules=rules)
    assert result.decisions[0].next_exercise == "clam"
    if steps_back:
        assert result.phase.action is Action.REGRESS
        assert result.state.phase_id == "strength"
        doses = {e.exercise: e.dose for e in result.state.exercises}
        for d in result.decisions:  # what the decisions say is what the state holds
            assert d.dose == doses.get(d.next_exercise or d.exercise or "")
        # the eased-off exercises come first, in the order of their decisions
        for d, e in zip(result.decisions, result.state.exercises, strict=False):
            assert (d.next_exercise or d.exercise) == e.exercise
        assert result.phase.reasons[0].rule == "flare"
        assert "flared" in result.summary
    else:
        assert result.state.phase_id == "keep_going"
        assert result.phase.action is Action.HOLD


def test_states_are_checked() -> None:
    program = build_program(None, "staged", weeks=4)
    s = start(program)
    with pytest.raises(InvalidValueError, match=r"\$\.phase_index:"):
        attrs.evolve(s, phase_index=101)
    with pytest.raises(InvalidValueError, match=r"\$\.state\.phase_index:"):  # the programme's
        advance(program, attrs.evolve(s, phase_index=9), SessionLog(day=1))
    with pytest.raises(InvalidValueError, match=r"\$\.exercises\[1\]\.exercise"):
        attrs.evolve(s, exercises=(s.exercises[0], s.exercises[0]))
    with pytest.raises(InvalidValueError, match=r"\$\.phase_start_day"):
        attrs.evolve(s, phase_start_day=5)
    data = plantarkit.io.unstructure(s)
    data["exercises"][0]["rung"] = None  # a ladder without a rung
    with pytest.raises(plantarkit.DocumentError, match=r"\$\.exercises\[0\]"):
        plantarkit.io.structure(data, ProgramState)


def test_pain_reports_from_the_future_are_refused(program: Program, state: ProgramState) -> None:
    log = SessionLog(day=1, pain=(PainReport(day=3, during=Pain(1)),))
    with pytest.raises(InvalidValueError, match=r"\$\.pain\[0\]\.day"):
        advance(program, state, log)


def test_a_step_never_lands_on_an_exercise_already_in_the_phase() -> None:
    # The squat ladder runs bodyweight -> weighted -> split squat; with split squat in the
    # phase too, the squat must not step onto it (two states of one exercise).
    phase = Phase(
        id="all",
        name="All",
        start_week=1,
        end_week=None,
        max_plantar_load=PlantarLoad.HIGH,
        slots=(Slot(item="bodyweight_squat"), Slot(item="split_squat")),
    )
    program = build_program(None, Protocol(id="p", name="P", phases=(phase,)), weeks=4)
    s = start(program)
    seen = set()
    for day in range(1, 30, 2):
        result = advance(program, s, everything(s, day))
        s = rebuilt(result.state)
        ids = [e.exercise for e in s.exercises]
        assert len(ids) == len(set(ids))
        seen.update(ids)
    assert "weighted_squat" in seen  # it did climb, up to the rung below split squat


def test_the_daily_protocol_follows_the_next_day_rule() -> None:
    # Caratun 2018: worse the same day is fine, still worse the next morning is not
    # (up to plantarkit's ceiling of 5/10 during and after, the pain model's limit).
    program = build_program(plantarkit.example_assessment(), "high_load_daily", weeks=12)
    s = start(program)
    same_day = PainReport(
        day=1, first_step=Pain(3), during=Pain(5), after=Pain(5), next_morning=Pain(3)
    )
    fine = advance(program, s, everything(s, 1, same_day))
    assert all(d.action is not Action.REGRESS for d in fine.decisions)
    next_day = PainReport(
        day=2, first_step=Pain(3), during=Pain(2), after=Pain(2), next_morning=Pain(5)
    )
    worse = advance(program, fine.state, everything(fine.state, 2, next_day))
    heel = next(d for d in worse.decisions if d.exercise == "high_load_heel_raise")
    assert heel.action is Action.REGRESS
    assert heel.reasons[0].rule == "next_day"


def test_dates_convert_to_programme_days() -> None:
    import datetime

    start_day = datetime.date(2026, 3, 2)
    dated = build_program(None, "high_load", weeks=4, start_date=start_day)
    assert dated.day_of(start_day) == 1
    assert dated.day_of(datetime.date(2026, 3, 31)) == 30
    with pytest.raises(InvalidValueError, match=r"\$\.date: 2026-03-01 is before"):
        dated.day_of(datetime.date(2026, 3, 1))
    with pytest.raises(InvalidValueError, match=r"\$\.start_date"):
        build_program(None, "high_load", weeks=4).day_of(start_day)
    with pytest.raises(InvalidValueError, match=r"\$\.date"):
        dated.day_of("2026-03-02")  # type: ignore[arg-type]  # a string, not a date


def test_a_decision_displays_its_reasons_with_numbers_and_sources(
    program: Program, state: ProgramState
) -> None:
    sore = PainReport(
        day=1, first_step=Pain(2), during=Pain(7), after=Pain(1), next_morning=Pain(2)
    )
    decision = advance(program, state, everything(state, 1, sore)).decisions[0]
    markdown = decision._repr_markdown_()
    assert markdown.startswith(f"**{decision.exercise}: regress: ")
    assert (
        "| cautious | during 7/10 is above 2/10 | during 7 (limit 2) | exakt-2021 (U) |" in markdown
    )
    html = decision._repr_html_()
    assert html.count("<tr>") == len(decision.reasons) + 1
    assert "exakt-2021 (U)" in html


# --- review fixes: each one a test that failed before -------------------------------------------


def test_only_todays_reports_judge_the_session() -> None:
    program = build_program(None, "high_load", weeks=12)
    s = start(program)
    stale = PainReport(
        day=2, first_step=Pain(2), during=Pain(0), after=Pain(0), next_morning=Pain(1)
    )
    today = PainReport(
        day=3, first_step=Pain(2), during=Pain(9), after=Pain(9), next_morning=Pain(9)
    )
    log = attrs.evolve(everything(s, 3), pain=(stale, today))
    decision = advance(program, s, log).decisions[0]
    assert decision.action is Action.REGRESS
    twice = attrs.evolve(everything(s, 3), pain=(calm(3), today))  # of two for today, the worse
    assert advance(program, s, twice).decisions[0].action is Action.REGRESS


def test_logs_with_nothing_done_do_not_hide_a_gap(program: Program, state: ProgramState) -> None:
    s = advance(program, state, everything(state, 1)).state
    for day in (7, 13, 19):
        result = advance(program, s, SessionLog(day=day))
        assert all(d.action is Action.HOLD for d in result.decisions)  # not done: no progress
        s = result.state
    assert s.last_trained_day == 1
    back = advance(program, s, everything(s, 25))
    assert all(d.action is Action.REGRESS for d in back.decisions)
    assert back.decisions[0].reasons[0].rule == "gap"
    assert back.state.last_trained_day == 25


def test_a_painful_session_keeps_the_high_load_heel_raise_on_its_table() -> None:
    program = build_program(None, "high_load", weeks=12)
    s = start(program)
    sore = PainReport(
        day=1, first_step=Pain(2), during=Pain(8), after=Pain(2), next_morning=Pain(2)
    )
    s = advance(program, s, everything(s, 1, sore)).state
    heel = s.exercise("high_load_heel_raise")
    assert heel.row == 0  # eased off on the table (fewer sets), not down a ladder
    for day in range(3, 30, 2):
        s = advance(program, s, everything(s, day)).state
    week5 = s.exercise("high_load_heel_raise").dose
    assert (week5.sets, week5.rm) == (5, 8)


def test_the_protocol_rules_switch() -> None:
    program = build_program(None, "staged", weeks=12)
    s = start(program)
    four = PainReport(
        day=1, first_step=Pain(2), during=Pain(4), after=Pain(1), next_morning=Pain(2)
    )
    cautious = advance(program, s, everything(s, 1, four))  # the staged protocol's rule: above 2/10
    assert all(d.action is Action.REGRESS for d in cautious.decisions)
    mine = advance(program, s, everything(s, 1, four), rules=EngineRules(protocol_rules=False))
    assert all(d.action is not Action.REGRESS for d in mine.decisions)  # pain model: up to 5


def test_more_bad_input_is_a_clear_error(program: Program, state: ProgramState) -> None:
    with pytest.raises(InvalidValueError, match=r"\$\.progression\[0\]: .*the class LadderUp"):
        EngineRules(progression=(LadderUp,))  # type: ignore[arg-type]  # on purpose
    with pytest.raises(InvalidValueError, match=r"\$\.catalogue"):
        start(program, catalogue=5)  # type: ignore[arg-type]  # on purpose
    with pytest.raises(InvalidValueError, match=r"\$\.catalogue"):
        advance(program, state, everything(state, 1), catalogue="x")  # type: ignore[arg-type]  # on purpose

    def divides(ex: ExerciseState, context: RuleContext) -> Proposal | None:
        raise ZeroDivisionError("oops")

    with pytest.raises(InvalidValueError, match=r"rules\.progression\[0\].*divides failed"):
        advance(program, state, everything(state, 1), rules=EngineRules(progression=(divides,)))


def test_a_phase_past_the_programmes_weeks_still_has_its_exercises() -> None:
    program = build_program(plantarkit.example_assessment(), "staged", weeks=2)
    s = start(program)
    for day in range(1, 30, 2):
        s = advance(program, s, everything(s, day)).state
    assert s.phase_id != "early"
    assert s.exercises


def test_clearing_a_referral_is_recorded(program: Program, state: ProgramState) -> None:
    flagged = advance(
        program, state, SessionLog(day=1, red_flags=RedFlagScreen(rest_or_night_pain=True))
    )
    cleared = clear_referral(flagged.state, cleared_by="Dr A. Example")
    assert cleared.referral is None
    assert cleared.cleared_by == ("Dr A. Example",)
    assert clear_referral(cleared, cleared_by="someone") is cleared  # nothing to clear
    again = advance(program, cleared, everything(cleared, 2)).state
    assert again.cleared_by == ("Dr A. Example",)  # carried on


def test_after_a_gap_every_exercise_steps_back_once(program: Program, state: ProgramState) -> None:
    s = advance(program, state, everything(state, 1)).state
    only_clam = attrs.evolve(
        everything(s, 30),
        exercises=tuple(e for e in everything(s, 30).exercises if e.exercise == "clam"),
    )
    back = advance(program, s, only_clam)
    assert all(d.action is Action.REGRESS for d in back.decisions)  # done today or not
    again = advance(program, back.state, everything(back.state, 31))
    assert all(d.action is not Action.REGRESS for d in again.decisions)  # once, not twice
    empty = attrs.evolve(everything(s, 2), exercises=(ExerciseLog(exercise="clam"),))
    assert (
        advance(program, s, empty).decisions[0].reasons[0].rule == "attendance"
    )  # no sets: not done


def test_a_session_report_counts_for_an_exercise_with_its_own() -> None:
    program = build_program(None, "high_load", weeks=12)
    s = start(program)
    own = PainReport(
        day=1,
        exercise="high_load_heel_raise",
        during=Pain(1),
        after=Pain(1),
        first_step=Pain(1),
        next_morning=Pain(1),
    )
    session = PainReport(
        day=1, first_step=Pain(1), during=Pain(1), after=Pain(1), next_morning=Pain(8)
    )
    log = attrs.evolve(everything(s, 1), pain=(own, session))
    assert advance(program, s, log).decisions[0].action is Action.REGRESS


def test_a_session_rated_in_parts_is_judged_whole(program: Program, state: ProgramState) -> None:
    at_session = PainReport(day=1, during=Pain(2), after=Pain(2), settled_minutes=2)
    morning = PainReport(day=1, first_step=Pain(3), next_morning=Pain(3))
    whole = calm(1)  # the same ratings in one report
    parts = advance(program, state, attrs.evolve(everything(state, 1), pain=(at_session, morning)))
    one = advance(program, state, everything(state, 1, whole))
    assert parts.decisions == one.decisions
    alone = advance(program, state, attrs.evolve(everything(state, 1), pain=(at_session,)))
    assert all(d.reasons[0].measure == "next_morning" for d in alone.decisions)  # one part holds
    assert parts.state.pain == (at_session, morning)  # the history keeps what was sent
    # An exercise's own ratings are completed from the session's, and a worse rating still wins.
    own = PainReport(day=1, exercise="clam", during=Pain(8), after=Pain(2), settled_minutes=2)
    worse = advance(program, state, attrs.evolve(everything(state, 1), pain=(own, morning)))
    clam = next(d for d in worse.decisions if d.exercise == "clam")
    assert clam.action is Action.REGRESS
    others = [d for d in worse.decisions if d.exercise != "clam"]
    assert all(d.action is not Action.PROGRESS for d in others)  # during/after never rated


_RATING = st.none() | st.integers(0, 10).map(Pain)


@st.composite
def _day_reports(draw: st.DrawFn, day: int) -> tuple[PainReport, ...]:
    """One to three reports for ``day``, each with any of the ratings (some left out)."""
    return tuple(
        PainReport(
            day=day,
            first_step=draw(_RATING),
            during=draw(_RATING),
            after=draw(_RATING),
            next_morning=draw(_RATING),
            settled_minutes=draw(st.none() | st.just(1)),
        )
        for _ in range(draw(st.integers(1, 3)))
    )


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_same_day_reports_judge_alike_in_any_order(data: st.DataObject) -> None:
    program = build_program(plantarkit.example_assessment(), "staged", weeks=12)
    s = start(program)
    s = advance(program, s, everything(s, 1)).state  # one good session banked: the next may step up
    reports = data.draw(_day_reports(3))
    order = data.draw(st.permutations(reports))
    log = everything(s, 3)
    first = advance(program, s, attrs.evolve(log, pain=reports))
    second = advance(program, s, attrs.evolve(log, pain=tuple(order)))
    assert [d.action for d in first.decisions] == [d.action for d in second.decisions]
    # No step up unless some single completed report keeps every rule: each report on its own
    # is at least as cautious as the parts put together.
    if any(d.action is Action.PROGRESS for d in first.decisions):
        assert all(
            r.during is not None and r.during.value <= 2 for r in reports if r.during is not None
        )


def test_conflicting_same_day_ratings_are_not_paired_up() -> None:
    program = build_program(plantarkit.example_assessment(), "staged", weeks=12)
    s = start(program)
    s = advance(program, s, everything(s, 1)).state
    calm = PainReport(day=3, during=Pain(1), after=Pain(1), settled_minutes=1)
    morning_only = attrs.evolve(calm, next_morning=Pain(9))
    whole = attrs.evolve(calm, first_step=Pain(2), next_morning=Pain(2))
    baseline_only = attrs.evolve(calm, first_step=Pain(9))
    for order in ((morning_only, whole, baseline_only), (baseline_only, whole, morning_only)):
        result = advance(program, s, attrs.evolve(everything(s, 3), pain=order))
        # Which baseline goes with the morning's 9/10 is unknown: no step up on it.
        assert all(d.action is not Action.PROGRESS for d in result.decisions)


def test_rules_see_the_highest_rating_of_an_exercises_reports() -> None:
    program = build_program(plantarkit.example_assessment(), "staged", weeks=12)
    s = start(program)
    strict = EngineRules(
        progression=(LadderUp(sessions=1, max_pain_during=2),), protocol_rules=False
    )
    own = PainReport(day=1, exercise="clam", during=Pain(4), after=Pain(1))
    session = PainReport(
        day=1, first_step=Pain(2), during=Pain(1), after=Pain(1), next_morning=Pain(2)
    )
    for pain in ((own, session), (session, own)):
        result = advance(program, s, attrs.evolve(everything(s, 1), pain=pain), rules=strict)
        clam = next(d for d in result.decisions if d.exercise == "clam")
        assert clam.action is Action.HOLD  # its own 4/10 is above the rule's 2/10
        assert "pain during 4/10" in clam.reasons[0].text
        squat = next(d for d in result.decisions if d.exercise == "bodyweight_squat")
        assert squat.action is Action.PROGRESS  # the session's 1/10 is within it


# --- safety fixes: late ratings, isometric holds, phase changes, custom rules ----------------


def _calm_full(state: ProgramState, day: int, **pain: int) -> SessionLog:
    ratings = {"first_step": 2, "during": 1, "after": 1, "next_morning": 2} | pain
    given: dict[str, Any] = {k: Pain(v) for k, v in ratings.items() if v >= 0}  # -1: not rated
    return everything(state, day, PainReport(day=day, settled_minutes=1, **given))


def test_a_late_next_morning_flare_eases_off(program: Program, state: ProgramState) -> None:
    first = advance(program, state, _calm_full(state, 1)).state
    up = advance(program, first, _calm_full(first, 3))
    assert up.decisions[0].action is Action.PROGRESS  # clam -> banded clam
    late = PainReport(day=3, next_morning=Pain(9))  # sent with the next log
    log = _calm_full(up.state, 5)
    result = advance(program, up.state, attrs.evolve(log, pain=(*log.pain, late)))
    assert {d.action for d in result.decisions} == {Action.REGRESS}
    why = result.decisions[0].reasons[0]
    assert why.text.startswith("day 3's report: next morning 9/10")
    assert why.value == 9
    assert why.threshold == 2  # that day's baseline, from the report given on day 3


@pytest.mark.parametrize(
    "late",
    [
        PainReport(day=3, next_morning=Pain(2)),  # settled: nothing to do
        PainReport(day=3, stiffness=Pain(1)),  # nothing a rule can judge alone
        PainReport(day=2, next_morning=Pain(2)),  # a rest day's morning
    ],
)
def test_a_late_report_never_holds_a_good_session(
    program: Program, state: ProgramState, late: PainReport
) -> None:
    first = advance(program, state, _calm_full(state, 1)).state
    second = advance(program, first, _calm_full(first, 3)).state
    third = advance(program, second, _calm_full(second, 5)).state
    log = _calm_full(third, 7)
    alone = advance(program, third, log)
    with_late = advance(program, third, attrs.evolve(log, pain=(*log.pain, late)))
    assert [d.action for d in with_late.decisions] == [d.action for d in alone.decisions]
    assert Action.PROGRESS in {d.action for d in alone.decisions}


def test_next_morning_later_judges_a_session_on_its_day() -> None:
    rules = EngineRules(next_morning_later=True)
    program = build_program(plantarkit.example_assessment(), "high_load", weeks=12)
    s = start(program)

    def at_session(state: ProgramState, day: int) -> SessionLog:
        return _calm_full(state, day, next_morning=-1)  # no next-morning rating yet

    held = advance(program, s, at_session(s, 1))  # the default waits for the morning
    assert held.decisions[0].action is Action.HOLD
    assert "next-morning" in held.decisions[0].reasons[0].text
    one = advance(program, s, at_session(s, 1), rules=rules).state
    two = advance(program, one, at_session(one, 3), rules=rules)
    assert two.decisions[0].action is Action.PROGRESS  # backpack load added
    morning = PainReport(day=3, next_morning=Pain(6))  # the morning after day 3: not settled
    log = at_session(two.state, 5)
    eased = advance(program, two.state, attrs.evolve(log, pain=(*log.pain, morning)), rules=rules)
    assert eased.decisions[0].action is Action.REGRESS
    assert eased.decisions[0].reasons[0].text.startswith("day 3's report: next morning 6/10")


def test_isometric_holds_are_judged_by_the_phase_rules_too() -> None:
    program = build_program(plantarkit.example_assessment(), "heel_pain_basics", weeks=12)
    cat = plantarkit.catalogue()
    hold = ExerciseState(
        exercise="isometric_calf_raise",
        dose=cat["isometric_calf_raise"].dose,
        ladder="isometric_calf",
        rung=0,
        good_sessions=1,
    )
    s = ProgramState(
        program_fingerprint=program.fingerprint,
        phase_index=1,
        phase_id=program.protocol.phases[1].id,
        exercises=(hold,),
        day=20,
        last_trained_day=20,
    )
    # Within the isometric rule (during 5, settled in 3 min) but sore after and next morning.
    sore = PainReport(
        day=22,
        first_step=Pain(2),
        during=Pain(5),
        after=Pain(9),
        next_morning=Pain(9),
        settled_minutes=3,
    )
    result = advance(program, s, everything(s, 22, sore))
    assert result.decisions[0].action is Action.REGRESS
    assert {r.measure for r in result.decisions[0].reasons} >= {"after", "next_morning"}
    slow = attrs.evolve(sore, after=Pain(2), next_morning=Pain(2), settled_minutes=30)
    result = advance(program, s, everything(s, 22, slow))  # and the hold rule still applies
    assert result.decisions[0].action is Action.REGRESS
    assert any(r.measure == "settled_minutes" for r in result.decisions[0].reasons)


def test_balance_holds_need_no_settling_time() -> None:
    program = build_program(plantarkit.example_assessment(), "top_down", weeks=12)
    s = start(program)
    assert isinstance(s.exercise("single_leg_stance").dose.work, Hold)
    for day in (1, 3):
        report = PainReport(
            day=day, first_step=Pain(1), during=Pain(1), after=Pain(1), next_morning=Pain(1)
        )
        result = advance(program, s, everything(s, day, report))  # no settled_minutes rating
        s = result.state
    stance = next(d for d in result.decisions if d.exercise == "single_leg_stance")
    assert stance.action is Action.PROGRESS


def test_a_phase_change_keeps_the_level_reached(program: Program, state: ProgramState) -> None:
    s, day, result = state, 1, None
    while day < 60:
        result = advance(program, s, _calm_full(s, day))
        if result.phase.action is Action.PROGRESS:
            break
        s, day = result.state, day + 2
    assert result is not None
    assert result.phase.phase == "middle"
    before = {e.exercise: e for e in s.exercises}
    after = {e.exercise: e for e in result.state.exercises}
    # Climbed in the early phase: the clam ladder to its medium band, two ankle weights.
    assert before["banded_clam"].rung == 2
    assert after["banded_clam"].dose.load == before["banded_clam"].dose.load
    assert after["side_lying_hip_abduction"].dose.load.kg == 2
    assert "clam" not in after  # passed: banded clam enters in its own right
    ladders = [e.ladder for e in result.state.exercises if e.ladder is not None]
    assert len(ladders) == len(set(ladders))  # one state per ladder
    # Every decision about a continuing exercise matches the state it leaves.
    for decision in result.decisions:
        if decision.exercise in after and decision.exercise != "side_lying_hip_abduction":
            assert after[decision.exercise].dose.load == decision.dose.load
    assert any("kept at the level already reached" in r.text for r in result.phase.reasons)


def test_the_new_phase_sets_how_often() -> None:
    program = build_program(plantarkit.example_assessment(), "staged", weeks=16)
    cat = plantarkit.catalogue()
    medium = cat.variant("clam", 2)
    climbed = ExerciseState(
        exercise="banded_clam", dose=medium.dose, ladder="clam", rung=2, good_sessions=3
    )
    states, kept = _entering((climbed,), phase_exercises(program, "maintenance", cat))
    clam = next(e for e in states if e.exercise == "banded_clam")
    assert clam.dose.load == medium.dose.load  # how hard: the level reached
    assert clam.dose.frequency.days_per_week == 2  # how often: maintenance, twice a week
    assert clam.good_sessions == 0
    assert kept == (clam,)


def test_staged_uses_the_cautious_rule_in_its_early_phase_only() -> None:
    program = build_program(plantarkit.example_assessment(), "staged", weeks=16)
    phases = program.protocol.phases
    assert [type(r).__name__ for r in phases[0].pain_limits] == ["CautiousRule", "PainModel"]
    for phase in phases[1:]:
        assert [type(r).__name__ for r in phase.pain_limits] == ["PainModel"]
    s = start(program)
    moderate = PainReport(
        day=1, first_step=Pain(2), during=Pain(3), after=Pain(1), next_morning=Pain(2)
    )
    early = advance(program, s, everything(s, 1, moderate))
    assert {d.action for d in early.decisions} == {Action.REGRESS}  # above 2/10: cautious
    cat = plantarkit.catalogue()
    routine = attrs.evolve(
        s,
        phase_index=3,
        phase_id="maintenance",
        exercises=phase_exercises(program, "maintenance", cat),
    )
    kept = advance(program, routine, everything(routine, 2, attrs.evolve(moderate, day=2)))
    assert Action.REGRESS not in {d.action for d in kept.decisions}  # 3/10 is acceptable
    assert kept.phase.action is not Action.REGRESS  # no flare: maintenance goes on


def test_a_lighter_weight_than_prescribed_does_not_meet_the_dose() -> None:
    program = build_program(plantarkit.example_assessment(), "high_load", weeks=12)
    s = start(program)
    heel = s.exercise("high_load_heel_raise")
    loaded = attrs.evolve(heel, dose=attrs.evolve(heel.dose, load=plantarkit.Load.backpack(5)))
    s = attrs.evolve(s, exercises=(loaded, *s.exercises[1:]))
    log = _calm_full(s, 1)
    light = tuple(
        attrs.evolve(e, load_kg=0.0) if e.exercise == "high_load_heel_raise" else e
        for e in log.exercises
    )
    result = advance(program, s, attrs.evolve(log, exercises=light))
    decision = result.decisions[0]
    assert decision.action is Action.HOLD
    assert decision.reasons[0].text == "0 kg used of 5 kg prescribed: keep this dose"
    as_prescribed = tuple(attrs.evolve(e, load_kg=5.0) for e in log.exercises[:1])
    met = advance(program, s, attrs.evolve(log, exercises=(*as_prescribed, *log.exercises[1:])))
    assert met.decisions[0].reasons[0].rule != "dose"


def _custom_from(proposal: Any) -> Any:
    def custom(ex: ExerciseState, ctx: RuleContext) -> Proposal | None:
        made: Proposal = proposal(ex, ctx)
        return made

    return custom


@pytest.mark.parametrize(
    ("make", "direction", "message"),
    [
        (
            lambda ex, ctx: Proposal(to=attrs.evolve(ex, exercise="not_a_real_exercise"), text="x"),
            "up",
            "exercise 'not_a_real_exercise' is not in the catalogue",
        ),
        (
            lambda ex, ctx: Proposal(
                to=attrs.evolve(ex, exercise="split_squat", rung=2), text="two rungs"
            ),
            "up",
            "switched from 'bodyweight_squat' to 'split_squat': only the next rung may",
        ),
        (
            lambda ex, ctx: Proposal(
                to=attrs.evolve(ex, dose=attrs.evolve(ex.dose, sets=10)), text="more"
            ),
            "down",
            "made the dose harder to ease off (sets: 3 × build up to 15 → 10 × build up to 15)",
        ),
        (
            lambda ex, ctx: Proposal(
                to=attrs.evolve(ex, exercise="weighted_squat", rung=1), text="up to ease off"
            ),
            "down",
            "switched from 'bodyweight_squat' to 'weighted_squat' to ease off",
        ),
    ],
)
def test_custom_rules_are_held_to_the_safety_rules(
    program: Program, state: ProgramState, make: Any, direction: str, message: str
) -> None:
    squat = state.exercise("bodyweight_squat")
    ctx = RuleContext(
        day=1, good_sessions=2, sessions_to_progress=2, catalogue=plantarkit.catalogue()
    )
    with pytest.raises(InvalidValueError, match=re.escape(message)):
        propose((_custom_from(make),), squat, ctx, path="$.rules", direction=direction)  # type: ignore[arg-type]


def test_a_custom_regression_that_eases_off_is_taken(program: Program, state: ProgramState) -> None:
    def lighter(ex: ExerciseState, ctx: RuleContext) -> Proposal:
        return Proposal(to=attrs.evolve(ex, dose=attrs.evolve(ex.dose, sets=1)), text="one set")

    up = advance(program, state, _calm_full(state, 1)).state
    rules = EngineRules(regression=(lighter,))
    result = advance(program, up, _calm_full(up, 3, during=8), rules=rules)
    assert all(d.action is Action.REGRESS for d in result.decisions)
    assert all(d.dose is not None and d.dose.sets == 1 for d in result.decisions)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"rung": 2}, "rung 2 of ladder 'clam' does not hold 'clam'"),
        ({"ladder": "nope"}, "ladder 'nope' is not in the catalogue"),
        ({"exercise": "clams", "ladder": None, "rung": None}, "'clams' is not in the catalogue"),
    ],
)
def test_a_state_that_does_not_fit_the_catalogue_is_refused(
    program: Program, state: ProgramState, change: dict[str, Any], message: str
) -> None:
    tampered = attrs.evolve(state.exercises[0], **change)
    bad = attrs.evolve(state, exercises=(tampered, *state.exercises[1:]))
    with pytest.raises(InvalidValueError, match=re.escape(message)) as caught:
        advance(program, bad, _calm_full(bad, 1))
    assert caught.value.problems[0].path == "$.state.exercises[0]"


@pytest.mark.parametrize(("days", "steps_back"), [(7, False), (8, True)])
def test_the_gap_rule_at_its_boundary(
    program: Program, state: ProgramState, days: int, steps_back: bool
) -> None:
    s = advance(program, state, _calm_full(state, 1)).state
    result = advance(program, s, _calm_full(s, 1 + days))
    assert (result.decisions[0].reasons[0].rule == "gap") is steps_back
    assert (result.decisions[0].action is Action.REGRESS) is steps_back


@pytest.mark.parametrize(("last_day", "moves"), [(6, False), (7, True)])
def test_a_phase_lasts_its_minimum_days(last_day: int, moves: bool) -> None:
    two = Protocol(
        id="two",
        name="Two phases",
        phases=(
            Phase(
                id="a",
                name="A",
                start_week=1,
                end_week=None,
                max_plantar_load=PlantarLoad.HIGH,
                slots=(Slot(item="clam"),),
            ),
            Phase(
                id="b",
                name="B",
                start_week=1,
                end_week=None,
                max_plantar_load=PlantarLoad.HIGH,
                slots=(Slot(item="toe_yoga"),),
            ),
        ),
    )
    program = build_program(None, two, weeks=4)
    s = start(program)
    for day in range(1, last_day):
        s = advance(program, s, _calm_full(s, day)).state
    result = advance(program, s, _calm_full(s, last_day), rules=EngineRules(min_days_in_phase=7))
    assert (result.phase.action is Action.PROGRESS) is moves
    if not moves:
        assert result.phase.reasons[0].text == f"{last_day} of at least 7 days in 'a'"


def test_a_red_flag_during_the_programme_says_to_stop(
    program: Program, state: ProgramState
) -> None:
    flagged = advance(
        program, state, SessionLog(day=1, red_flags=RedFlagScreen(nerve_symptoms=True))
    )
    text = flagged.decisions[0].reasons[0].text
    assert "Stop the programme and see a clinician before going on" in text
    assert "Do not start" not in text


# --- following the schedule, late ratings of skipped exercises, gaps with a flare --------------


def _scheduled_log(program: Program, state: ProgramState, day: int, pain: int) -> SessionLog:
    """Exactly what the programme gives that day (each item's exercise, or its rung now)."""
    cat = plantarkit.catalogue()
    (session,) = [s for s in program.sessions() if s.day_number == day]
    due = {i.exercise for i in session.items}
    done = tuple(
        ExerciseLog(exercise=e.exercise, sets=full_sets(state, e.exercise))
        for e in state.exercises
        if e.exercise in due
        or (e.ladder is not None and due & {st.exercise for st in cat.ladder(e.ladder).steps})
    )
    report = PainReport(
        day=day, first_step=Pain(1), during=Pain(pain), after=Pain(pain), next_morning=Pain(1)
    )
    return SessionLog(day=day, exercises=done, pain=(report,))


def test_doing_what_each_day_gives_moves_the_programme_on() -> None:
    # Banded side steps come three days a week, the clam every day: a day without the side
    # steps must not restart their count, or the early phase never ends.
    program = build_program(plantarkit.example_assessment(), "staged", weeks=6)
    s = start(program)
    for day in range(1, 6 * 7 + 1):
        s = advance(program, s, _scheduled_log(program, s, day, pain=1)).state
    assert s.phase_index > 0, s.phase_id


def test_an_exercise_not_done_keeps_its_count(program: Program, state: ProgramState) -> None:
    first = advance(program, state, everything(state, 1)).state
    clam = first.exercise("clam")
    assert clam.good_sessions == 1
    rest = attrs.evolve(
        everything(first, 2),
        exercises=tuple(e for e in everything(first, 2).exercises if e.exercise != "clam"),
    )
    second = advance(program, first, rest)
    (held,) = [d for d in second.decisions if d.exercise == "clam"]
    assert (held.action, held.reasons[0].rule) == (Action.HOLD, "attendance")
    assert second.state.exercise("clam") == clam  # no step, and the count stands
    third = advance(program, second.state, everything(second.state, 3))
    assert next(d for d in third.decisions if d.exercise == "clam").action is Action.PROGRESS


def test_all_zero_sets_are_not_training(program: Program, state: ProgramState) -> None:
    first = advance(program, state, everything(state, 1)).state
    zeros = SessionLog(
        day=6, exercises=(ExerciseLog(exercise="clam", sets=(0, 0, 0)),), pain=(calm(6),)
    )
    nothing = advance(program, first, zeros)
    assert nothing.state.last_trained_day == 1
    back = advance(program, nothing.state, everything(nothing.state, 12))  # 11 days after training
    assert all(d.action is Action.REGRESS for d in back.decisions)
    assert back.decisions[0].reasons[0].rule == "gap"


def test_a_late_bad_morning_eases_off_an_exercise_skipped_today() -> None:
    program = build_program(None, "high_load", weeks=12)
    s = start(program)
    first = advance(program, s, everything(s, 1)).state
    heel = first.exercise("high_load_heel_raise")
    morning = PainReport(day=1, first_step=Pain(2), next_morning=Pain(7))
    skipped = SessionLog(
        day=3,
        exercises=(ExerciseLog(exercise="high_load_heel_raise", skipped=True),),
        pain=(morning,),
    )
    result = advance(program, first, skipped)
    (d,) = [d for d in result.decisions if d.exercise == "high_load_heel_raise"]
    assert d.action is Action.REGRESS
    assert any(r.text.startswith("day 1's report: ") for r in d.reasons)
    assert result.state.exercise(d.next_exercise or "high_load_heel_raise") != heel
    alone = advance(program, first, SessionLog(day=3, pain=(morning,)))  # the rating on its own
    assert all(d.action is Action.REGRESS for d in alone.decisions)


def test_a_late_rating_may_name_the_rung_the_person_has_left(
    program: Program, state: ProgramState
) -> None:
    up = advance(
        program, advance(program, state, everything(state, 1)).state, everything(state, 2)
    ).state
    assert "banded_clam" in {e.exercise for e in up.exercises}  # stepped up on day 2
    own = PainReport(day=2, exercise="clam", first_step=Pain(2), next_morning=Pain(8))
    result = advance(program, up, attrs.evolve(everything(up, 3), pain=(calm(3), own)))
    (d,) = [d for d in result.decisions if d.exercise == "banded_clam"]
    assert d.action is Action.REGRESS
    assert d.next_exercise == "clam"
    others = [d for d in result.decisions if d.exercise != "banded_clam"]
    assert all(d.action is not Action.REGRESS for d in others)  # it concerned the clam only
    with pytest.raises(InvalidValueError, match=r"\$\.pain\[1\]\.exercise"):
        advance(
            program, up, attrs.evolve(everything(up, 3), pain=(calm(3), attrs.evolve(own, day=3)))
        )


def test_back_after_a_gap_with_a_flare_says_both_and_steps_back_a_phase() -> None:
    rules = EngineRules(min_days_in_phase=1)
    program = build_program(None, _maintenance_protocol(), weeks=4)
    s = start(program)
    day = 1
    while s.phase_index == 0:
        day += 1
        s = advance(program, s, everything(s, day), rules=rules).state
    sore = PainReport(
        day=day + 11, first_step=Pain(3), during=Pain(8), after=Pain(7), next_morning=Pain(6)
    )
    result = advance(program, s, everything(s, day + 11, sore), rules=rules)
    rules_given = {r.rule for d in result.decisions for r in d.reasons}
    assert {"gap", "pain_model", "flare"} <= rules_given
    assert result.phase.action is Action.REGRESS


def test_a_state_with_pain_after_its_day_is_refused(program: Program, state: ProgramState) -> None:
    with pytest.raises(InvalidValueError, match=r"\$\.pain\[0\]\.day: must be at most"):
        attrs.evolve(state, pain=(calm(3),))


# --- easing off in place is built back a step at a time --------------------------------------


def test_an_exercise_eased_off_builds_back_before_it_moves_on(
    program: Program, state: ProgramState
) -> None:
    s, day = state, 1
    programme_dose = state.exercise("clam").dose
    for _ in range(3):  # three flares: the clam (rung 0, nothing below) gets smaller in place
        sore = PainReport(
            day=day, first_step=Pain(3), during=Pain(7), after=Pain(4), next_morning=Pain(3)
        )
        s, day = advance(program, s, everything(s, day, sore)).state, day + 1
    clam = s.exercise("clam")
    assert clam.eased_from == programme_dose  # the first dose, not one eased already
    assert clam.dose.sets < programme_dose.sets
    doses = [clam.dose]
    while s.exercise("clam").eased_from is not None:
        assert len(doses) < 20, doses
        result = advance(program, s, everything(s, day))
        (d,) = [d for d in result.decisions if d.exercise == "clam"]
        assert d.next_exercise is None  # never the next rung while eased off
        assert d.reasons[0].rule == "build_back"
        assert result.phase.action is not Action.PROGRESS  # eased off: not mastered
        s, day = result.state, day + 1
        if s.exercise("clam").dose != doses[-1]:
            doses.append(s.exercise("clam").dose)
    assert doses[-1] == programme_dose
    assert len(doses) >= 3  # back in steps, not in one jump
    for before, after in itertools.pairwise(doses):
        assert after.sets >= before.sets
        assert after.time_under_tension() >= before.time_under_tension()
        assert after.sets <= programme_dose.sets


def test_an_eased_off_exercise_stays_eased_into_the_next_phase() -> None:
    rules = EngineRules(min_days_in_phase=1)
    program = build_program(None, _maintenance_protocol(), weeks=4)
    s = start(program)
    first_dose = s.exercise("clam").dose
    sore = PainReport(
        day=1, first_step=Pain(3), during=Pain(7), after=Pain(4), next_morning=Pain(3)
    )
    s = advance(program, s, everything(s, 1, sore), rules=rules).state
    eased = s.exercise("clam")
    assert eased.eased_from == first_dose
    entering, _ = _entering(
        s.exercises, phase_exercises(program, "keep_going", plantarkit.catalogue())
    )
    (clam,) = entering
    assert clam.dose.sets == eased.dose.sets  # not reset to the new phase's full dose
    assert clam.eased_from is not None
    assert clam.eased_from.frequency == clam.dose.frequency  # how often: the new phase's


def test_a_table_exercise_is_mastered_at_the_tables_last_dose_only() -> None:
    # heel_pain_basics builds the isometric hold from 3 x 30 s to 5 x 45 s week by week; the
    # phase's gate (exercises mastered) waits for 5 x 45 s, not two sessions on any row.
    program = build_program(None, "heel_pain_basics", weeks=12)
    s = start(program)
    for day in range(1, 60, 2):
        pain = PainReport(
            day=day,
            first_step=Pain(1),
            during=Pain(1),
            after=Pain(1),
            next_morning=Pain(1),
            settled_minutes=1,
        )
        result = advance(program, s, everything(s, day, pain))
        if s.phase_id == "isometric" and result.state.phase_id != "isometric":
            hold = s.exercise("isometric_calf_raise").dose
            assert (hold.sets, hold.work) == (5, Hold(seconds=45))
            return
        s = result.state
    pytest.fail("the isometric phase never ended")


def test_back_from_a_pain_free_gap_at_the_easiest_dose_says_so() -> None:
    program = build_program(None, "heel_pain_basics", weeks=12)
    s = start(program)
    pumps = s.exercise("ankle_pumps")
    least = attrs.evolve(pumps.dose, sets=1, max_sets=None, work=Reps(count=1))
    s = attrs.evolve(s, exercises=(attrs.evolve(pumps, dose=least),))
    first = advance(program, s, everything(s, 1)).state
    back = advance(program, first, everything(first, 20))
    easiest = [d for d in back.decisions if d.reasons[-1].rule == "regression"]
    assert easiest  # some exercises have nothing to take off
    assert all("start again gently" in d.reasons[-1].text for d in easiest)
    assert all("clinician" not in d.reasons[-1].text for d in easiest)


def test_a_bout_over_an_hour_can_be_logged() -> None:
    assert ExerciseLog(exercise="brisk_walk", sets=(5400,)).sets == (5400,)
    with pytest.raises(InvalidValueError, match=r"\$\.sets\[0\]"):
        ExerciseLog(exercise="brisk_walk", sets=(25 * 3600,))


def test_a_pain_gate_over_many_rated_days_can_be_met_three_times_a_week() -> None:
    # The gate counts days with a rating; a person rating three days a week needs 15 weeks
    # for 45 of them, longer than 90 calendar days, so the state keeps rated days.
    gate = PainAtMost(measure=PainMeasure.FIRST_STEP, at_most=3, days=45)
    first = Phase(
        id="a",
        name="A",
        start_week=1,
        end_week=None,
        max_plantar_load=PlantarLoad.NONE,
        slots=(Slot(item="clam"),),
        exit_gates=(gate,),
    )
    then = attrs.evolve(first, id="b", name="B", start_week=2, exit_gates=())
    program = build_program(None, Protocol(id="p", name="P", phases=(first, then)), weeks=52)
    s = start(program)
    moved_on = None
    for k in range(150):
        day = (k // 3) * 7 + (1, 3, 5)[k % 3]
        s = advance(
            program, s, SessionLog(day=day, pain=(PainReport(day=day, first_step=Pain(1)),))
        ).state
        if moved_on is None and s.phase_id == "b":
            moved_on = k + 1
    assert moved_on == 45  # on the 45th rated day, not never
    days = {p.day for p in s.pain}
    assert len(days) >= PAIN_HISTORY_DAYS  # at least the last 90 rated days are kept
    assert len(s.pain) <= 3 * PAIN_HISTORY_DAYS  # and no more than needed


def test_rules_that_always_find_a_step_do_not_keep_a_phase_from_ending(
    program: Program,
    state: ProgramState,
) -> None:
    # Every step restarts an exercise's count, so with rules that always step (more volume,
    # then load) no moment has every count at 2; a step taken masters the dose it left.
    rules = EngineRules(progression=(WeeklyTable(), LadderUp(), VolumeUp(), LoadUp()))
    s = state
    for day in range(1, 43, 2):
        s = advance(program, s, everything(s, day), rules=rules).state
        if s.phase_index > 0:
            return
    pytest.fail(f"still in {s.phase_id!r} after six weeks of perfect sessions")
