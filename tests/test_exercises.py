"""Examples for prescriptions, the catalogue API and user catalogues."""

import attrs
import pytest

import plantarkit
from plantarkit import (
    AmbiguousLadderError,
    BandResistance,
    Catalogue,
    CatalogueError,
    Equipment,
    Exercise,
    Frequency,
    Hold,
    InvalidValueError,
    Ladder,
    LadderStep,
    Load,
    LoadKind,
    PlantarLoad,
    Position,
    Prescription,
    Region,
    Reps,
    RunWalk,
    Tempo,
    Timed,
    UnknownIdError,
    catalogue,
)


def _exercise(id: str, load: PlantarLoad = PlantarLoad.NONE, **kw: object) -> Exercise:
    fields: dict[str, object] = {
        "id": id,
        "name": id.replace("_", " ").title(),
        "region": Region.HIP,
        "position": Position.LYING,
        "plantar_load": load,
        "dose": Prescription(sets=2, work=Reps(count=10)),
    }
    fields.update(kw)
    return Exercise(**fields)  # type: ignore[arg-type]  # test helper builds from a dict


# --- prescriptions -------------------------------------------------------------------------


def test_derived_values_of_a_tempo_prescription() -> None:
    # Rathleff: 3 sets of 12 at 3-2-3 = 8 s per repetition.
    dose = Prescription(sets=3, work=Reps(count=12), tempo=Tempo(up=3, top=2, down=3), rm=12)
    assert dose.total_reps == 36
    assert dose.time_under_tension() == 36 * 8
    assert dose.estimated_minutes(rest_seconds=60) == pytest.approx((36 * 8 + 2 * 60) / 60)


def test_derived_values_of_holds_timed_and_run_walk() -> None:
    holds = Prescription(sets=5, work=Hold(seconds=45))
    assert holds.total_reps == 5
    assert holds.time_under_tension() == 225
    toes = Prescription(sets=5, work=Timed(seconds=15))
    assert toes.total_reps == 0
    assert toes.time_under_tension() == 75
    run = Prescription(work=RunWalk(rounds=10, run_seconds=60, walk_seconds=120))
    assert run.time_under_tension() == 600
    assert run.estimated_minutes() == 30


def test_each_side_and_each_direction_double_the_count() -> None:
    circles = Prescription(sets=5, work=Reps(count=10, minimum=5, each_direction=True))
    assert circles.total_reps == 100
    assert attrs.evolve(circles, each_side=True).total_reps == 200


def test_seconds_per_rep_assumption_is_a_parameter() -> None:
    dose = Prescription(sets=3, work=Reps(count=15))
    assert dose.time_under_tension() == 90
    assert dose.time_under_tension(seconds_per_rep=3) == 135
    with pytest.raises(InvalidValueError, match=r"\$\.seconds_per_rep: expected a number"):
        dose.time_under_tension(seconds_per_rep="3")  # type: ignore[arg-type]  # wrong on purpose
    with pytest.raises(InvalidValueError, match=r"\$\.rest_seconds: must be ≥ 0"):
        dose.estimated_minutes(rest_seconds=-1)


@pytest.mark.parametrize(
    ("dose", "text"),
    [
        (
            Prescription(sets=3, work=Reps(count=15), rest_seconds=60),
            "3 × 15, rest 60 s, once a day",
        ),
        (
            Prescription(sets=2, max_sets=3, work=Reps(count=15, minimum=10), each_side=True),
            "2-3 × 10-15 each side, once a day",
        ),
        (
            Prescription(
                work=RunWalk(rounds=5, run_seconds=120, walk_seconds=240, walk_first=True)
            ),
            "5 × (4 min walk / 2 min run), once a day",
        ),
        (
            Prescription(sets=3, work=Hold(seconds=30), frequency=Frequency.daily(1, up_to=3)),
            "3 × 30 s hold, 1-3 times a day",
        ),
        (
            Prescription(
                sets=3,
                work=Reps(count=12),
                load=Load.backpack(5),
                frequency=Frequency.every_other_day(),
            ),
            "3 × 12, backpack 5 kg, every other day",
        ),
        (
            Prescription(work=Reps(count=15, to_fatigue=True), tempo=Tempo(down=5), sets=3),
            "3 × to fatigue (harder once > 15), tempo 1-0-5, once a day",
        ),
        (
            Prescription(
                work=Timed(seconds=120), frequency=Frequency.weekly(3, non_consecutive=True)
            ),
            "2 min, 3 days a week, not on consecutive days",
        ),
        (
            Prescription(sets=3, work=Reps(count=8, build_up=True), frequency=Frequency.daily(2)),
            "3 × build up to 8, twice a day",
        ),
    ],
)
def test_prescriptions_read_as_a_clinician_writes_them(dose: Prescription, text: str) -> None:
    assert str(dose) == text


def test_load_and_frequency_texts() -> None:
    assert str(Load()) == "body weight"
    assert str(Load.external()) == "weight (choose)"
    assert str(Load.external(4)) == "weight 4 kg"
    assert str(Load.ankle_weight(1.5)) == "ankle weight 1.5 kg"
    assert str(Load.elastic_band(BandResistance.HEAVY)) == "heavy band"
    assert Load.body_weight().kind is LoadKind.BODY_WEIGHT
    assert str(Frequency(every_n_days=3)) == "every 3 days"
    assert str(Frequency(times_per_day=2, every_n_days=2)) == "twice a day, every other day"
    assert str(Frequency.weekly(3, non_consecutive=False)) == "3 days a week"
    assert str(Frequency(times_per_day=3, every_n_days=None, days_per_week=2)) == (
        "3 times a day, 2 days a week"
    )
    assert Frequency.every_other_day().sessions_per_week == 3.5
    assert Frequency.weekly(3).sessions_per_week == 3
    assert str(Tempo(up=3, top=2, down=3, bottom=1)) == "3-2-3-1"
    assert str(Hold(seconds=5, reps=10)) == "10 × 5 s hold"
    assert str(RunWalk(rounds=3, run_seconds=600, walk_seconds=0)) == "3 × 10 min run"


@pytest.mark.parametrize(
    ("build", "path", "message"),
    [
        (lambda: Reps(count=10, minimum=12), "$.minimum", "must be ≤ count (10), got 12"),
        (
            lambda: Prescription(sets=2, max_sets=1, work=Reps(count=1)),
            "$.max_sets",
            "must be ≥ sets",
        ),
        (
            lambda: Prescription(work=Hold(seconds=30), tempo=Tempo()),
            "$.tempo",
            "a tempo only goes with repetition work",
        ),
        (lambda: Prescription(work=Timed(seconds=3), rm=12), "$.rm", "an RM intensity only goes"),
        (
            lambda: Prescription(sets=3, work=Reps(count=20), rm=12),
            "$.work.count",
            "must be ≤ rm (12), got 20: a 12RM load allows at most 12 good repetitions",
        ),
        (lambda: Load(kind=LoadKind.BODY_WEIGHT, kg=3), "$.kg", "body-weight load takes no kg"),
        (lambda: Load(kind=LoadKind.BAND, kg=3), "$.kg", "a band is graded by resistance"),
        (lambda: Load(kind=LoadKind.EXTERNAL, band=BandResistance.LIGHT), "$.band", "band"),
        (lambda: Frequency(every_n_days=None), "$", "give exactly one of"),
        (lambda: Frequency(every_n_days=1, days_per_week=3), "$", "give exactly one of"),
        (lambda: Frequency(times_per_day=3, max_times_per_day=2), "$.max_times_per_day", "≥"),
        (lambda: Frequency(non_consecutive=True), "$.non_consecutive", "days_per_week"),
        (lambda: Tempo(up=0, top=0, down=0), "$", "must take some time"),
        (lambda: Hold(seconds=float("nan")), "$.seconds", "finite"),
        (lambda: Prescription(work=[1]), "$.work", "expected Reps or Hold"),  # type: ignore[arg-type]
    ],
)
def test_bad_doses_raise_with_the_field_path(build: object, path: str, message: str) -> None:
    with pytest.raises(InvalidValueError) as info:
        build()  # type: ignore[operator]  # each case is a zero-argument callable
    assert info.value.path == path
    assert message in info.value.reason


# --- repetition-maximum doses: the count never exceeds the RM, and an eased dose shows both ---


@pytest.mark.parametrize(("count", "accepted"), [(11, True), (12, True), (13, False), (20, False)])
def test_an_rm_dose_allows_at_most_its_rm_in_repetitions(count: int, accepted: bool) -> None:
    # A 12RM load allows at most 12 good repetitions: 20 repetitions at it cannot be done.
    if accepted:
        assert Prescription(sets=3, work=Reps(count=count), rm=12).rm == 12
        return
    with pytest.raises(InvalidValueError) as info:
        Prescription(sets=3, work=Reps(count=count), rm=12)
    assert (info.value.path, info.value.reason) == (
        "$.work.count",
        f"must be ≤ rm (12), got {count}: a 12RM load allows at most 12 good repetitions",
    )
    with pytest.raises(InvalidValueError, match=r"\$\.work\.count: must be ≤ rm \(10\)"):
        attrs.evolve(Prescription(sets=3, work=Reps(count=12), rm=12), rm=10)
    with pytest.raises(InvalidValueError, match=r"an 8RM load allows at most 8 good repetitions"):
        Prescription(work=Reps(count=9), rm=8)
    with pytest.raises(InvalidValueError, match=r"a 1RM load allows at most 1 good repetition$"):
        Prescription(work=Reps(count=2), rm=1)


def test_an_rm_document_with_too_many_repetitions_is_refused() -> None:
    import json

    document = json.loads(plantarkit.dumps(Prescription(sets=3, work=Reps(count=12), rm=12)))
    document["data"]["work"]["count"] = 20
    with pytest.raises(plantarkit.DocumentError, match=r"\$\.data\.work\.count: must be ≤ rm"):
        plantarkit.loads(json.dumps(document), Prescription)


@pytest.mark.parametrize(
    ("sets", "work", "rm", "brief"),
    [
        (3, Reps(count=12), 12, "3 × 12RM"),  # the RM's own repetitions: the short form
        (3, Reps(count=9), 12, "3 × 9 at a 12RM load"),  # eased off at the same load
        (1, Reps(count=5), 12, "1 × 5 at a 12RM load"),
        (5, Reps(count=6), 8, "5 × 6 at an 8RM load"),
        (4, Reps(count=10, minimum=8), 11, "4 × 8-10 at an 11RM load"),
        (3, Reps(count=12, build_up=True), 12, "3 × build up to 12 at a 12RM load"),
        (2, Reps(count=18), 18, "2 × 18RM"),
    ],
)
def test_an_rm_brief_shows_the_repetitions_when_they_are_fewer_than_the_rm(
    sets: int, work: Reps, rm: int, brief: str
) -> None:
    dose = Prescription(sets=sets, work=work, rm=rm, tempo=Tempo(up=3, top=2, down=3))
    assert dose.brief() == f"{brief}, tempo 3-2-3"
    assert str(dose) == f"{brief}, tempo 3-2-3, once a day"


def test_less_work_on_an_rm_dose_reads_truthfully() -> None:
    # The engine's LessWork regression takes a fifth off the repetitions and keeps the load:
    # the brief must follow the repetitions down (it used to say "1 × 12RM" throughout).
    from plantarkit.progression import ExerciseState, LessWork, RuleContext

    dose = Prescription(sets=1, work=Reps(count=9), rm=12, load=Load.backpack())
    state = ExerciseState(exercise="high_load_heel_raise", dose=dose)
    context = RuleContext(day=1, good_sessions=0, sessions_to_progress=2, catalogue=catalogue())
    briefs = []
    for _ in range(3):
        proposal = LessWork().propose(state, context)
        assert proposal is not None
        assert proposal.to is not None
        state = proposal.to
        briefs.append(state.dose.brief())
        assert proposal.text == f"less work per set: {state.dose.brief()}"
    assert briefs == [
        "1 × 7 at a 12RM load, backpack (choose)",
        "1 × 5 at a 12RM load, backpack (choose)",
        "1 × 4 at a 12RM load, backpack (choose)",
    ]


# --- the catalogue API -----------------------------------------------------------------------


def test_lookup_iteration_and_membership() -> None:
    cat = catalogue()
    assert cat is catalogue()  # built once
    assert cat["clam"].id == "clam"
    assert cat.get("clam") is cat["clam"]
    assert cat.get("nope") is None
    assert "clam" in cat
    assert 3 not in cat
    assert [e.id for e in cat] == list(cat.ids)
    assert len(cat) == len(cat.exercises)
    assert repr(cat).startswith(f"<Catalogue: {len(cat)} exercises")


def test_unknown_ids_suggest_close_matches() -> None:
    cat = catalogue()
    with pytest.raises(
        UnknownIdError, match=r"unknown exercise id 'split_sqat'; did you mean 'split_squat'"
    ):
        cat["split_sqat"]
    with pytest.raises(UnknownIdError, match=r"unknown ladder id 'clamm'; did you mean 'clam'"):
        cat.ladder("clamm")
    with pytest.raises(UnknownIdError, match=r"unknown source id"):
        cat.source("nobody-2000")
    with pytest.raises(UnknownIdError, match="unknown exercise id 3"):
        cat[3]  # type: ignore[index]  # a wrong type is still a clear error


def test_advice_is_reachable_but_not_an_exercise() -> None:
    cat = catalogue()
    advice = cat.advice[0]
    assert cat.advice_item(advice.id) is advice
    assert cat.item(advice.id) is advice
    assert advice.id in cat
    with pytest.raises(UnknownIdError, match="is an advice item"):
        cat[advice.id]
    with pytest.raises(UnknownIdError, match="unknown advice id"):
        cat.advice_item("clam")
    with pytest.raises(UnknownIdError):
        cat.item("zzz")


def test_filtering() -> None:
    cat = catalogue()
    off_feet = cat.filter(max_plantar_load=PlantarLoad.NONE)
    assert off_feet
    assert all(e.plantar_load is PlantarLoad.NONE for e in off_feet)
    assert cat.filter(max_plantar_load="none") == off_feet
    hips = cat.filter(region="hip")
    assert hips
    assert all(e.region is Region.HIP for e in hips)
    assert set(cat.filter(region=["hip", Region.FOOT])) == set(hips) | set(
        cat.filter(region="foot")
    )
    nothing_needed = cat.filter(equipment=())
    assert nothing_needed
    assert all(not e.equipment for e in nothing_needed)
    with_band = cat.filter(equipment=[Equipment.BAND])
    assert set(nothing_needed) < set(with_band)
    assert all(set(e.equipment) <= {Equipment.BAND} for e in with_band)
    lying = cat.filter(position="side_lying")
    assert lying
    assert all(e.position is Position.SIDE_LYING for e in lying)
    assert all("rathleff-2015" in e.sources for e in cat.filter(source="rathleff-2015"))
    assert all("isometric" in e.tags for e in cat.filter(tag="isometric"))
    assert cat.filter() == cat.exercises


@pytest.mark.parametrize(
    ("kwargs", "path"),
    [
        ({"region": "neck"}, "$.region"),
        ({"max_plantar_load": "extreme"}, "$.max_plantar_load"),
        ({"equipment": ["treadmill"]}, "$.equipment"),
        ({"position": 7}, "$.position"),
    ],
)
def test_filter_rejects_unknown_values(kwargs: dict[str, object], path: str) -> None:
    with pytest.raises(InvalidValueError) as info:
        catalogue().filter(**kwargs)  # type: ignore[arg-type]  # deliberately wrong input
    assert info.value.path == path
    assert "expected" in info.value.reason


def test_ladder_moves() -> None:
    cat = catalogue()
    up = cat.harder("clam")
    assert up is not None
    assert up.exercise.id == "banded_clam"
    down = cat.easier("banded_clam")
    assert down is not None
    assert down.exercise.id == "clam"
    assert cat.easier("clam") is None
    top = cat.ladder("calf_raise").steps[-1]
    assert cat.harder(top.exercise, top.dose, ladder="calf_raise") is None
    with pytest.raises(InvalidValueError, match="is not on ladder 'clam'"):
        cat.harder("split_squat", ladder="clam")
    with pytest.raises(InvalidValueError, match="has rungs 0 to"):
        cat.variant("clam", 99)
    lonely = [e.id for e in cat if not cat.ladders_of(e.id)]
    if lonely:
        assert cat.harder(lonely[0]) is None


def test_ambiguous_ladders_must_be_named() -> None:
    a, b, c = _exercise("a_ex"), _exercise("b_ex"), _exercise("c_ex")
    cat = Catalogue(
        exercises=(a, b, c),
        ladders=(
            Ladder(
                id="one",
                name="One",
                steps=(LadderStep(exercise="a_ex"), LadderStep(exercise="b_ex")),
            ),
            Ladder(
                id="two",
                name="Two",
                steps=(LadderStep(exercise="a_ex"), LadderStep(exercise="c_ex")),
            ),
        ),
    )
    with pytest.raises(AmbiguousLadderError, match="pass ladder="):
        cat.harder("a_ex")
    chosen = cat.harder("a_ex", ladder="two")
    assert chosen is not None
    assert chosen.exercise.id == "c_ex"
    down = cat.easier("b_ex")  # only one ladder holds b_ex
    assert down is not None
    assert down.exercise.id == "a_ex"


def test_rungs_can_change_only_the_dose() -> None:
    ex = _exercise("hold_ex", dose=Prescription(sets=3, work=Hold(seconds=30)))
    harder = Prescription(sets=5, work=Hold(seconds=45))
    cat = Catalogue(
        exercises=(ex,),
        ladders=(
            Ladder(
                id="holds",
                name="Holds",
                steps=(LadderStep(exercise="hold_ex"), LadderStep(exercise="hold_ex", dose=harder)),
            ),
        ),
    )
    up = cat.harder("hold_ex")
    assert up is not None
    assert up.dose == harder
    assert up.index == 1
    back = cat.easier("hold_ex", harder)
    assert back is not None
    assert back.dose == ex.dose
    assert back.index == 0


# --- user catalogues -------------------------------------------------------------------------


def test_catalogue_problems_are_all_reported_with_paths() -> None:
    a = _exercise("a_ex", sources=("nobody-1999",))
    with pytest.raises(CatalogueError) as info:
        Catalogue(
            exercises=(a, a),
            ladders=(
                Ladder(
                    id="l",
                    name="L",
                    steps=(LadderStep(exercise="a_ex"), LadderStep(exercise="a_exx")),
                ),
                Ladder(
                    id="l",
                    name="L2",
                    steps=(LadderStep(exercise="a_ex"), LadderStep(exercise="a_ex")),
                ),
            ),
        )
    problems = {p.path: p.message for p in info.value.problems}
    assert problems["$.exercises[1].id"].startswith("duplicate id 'a_ex'")
    assert "unknown source 'nobody-1999'" in problems["$.exercises[0].sources[0]"]
    assert (
        problems["$.ladders[0].steps[1].exercise"]
        == "unknown exercise 'a_exx'; did you mean 'a_ex'?"
    )
    assert problems["$.ladders[1].id"] == "duplicate ladder id 'l'"
    assert "a ladder cannot loop" in problems["$.ladders[1].steps[1]"]


def test_cross_ladder_cycles_are_rejected() -> None:
    a, b = _exercise("a_ex"), _exercise("b_ex")
    with pytest.raises(CatalogueError) as info:
        Catalogue(
            exercises=(a, b),
            ladders=(
                Ladder(
                    id="up",
                    name="Up",
                    steps=(LadderStep(exercise="a_ex"), LadderStep(exercise="b_ex")),
                ),
                Ladder(
                    id="down",
                    name="Down",
                    steps=(LadderStep(exercise="b_ex"), LadderStep(exercise="a_ex")),
                ),
            ),
        )
    assert info.value.path == "$.ladders"
    assert "a_ex → b_ex → a_ex" in info.value.reason


def test_a_ladder_cannot_return_to_an_exercise() -> None:
    a, b = _exercise("a_ex"), _exercise("b_ex")
    steps = (
        LadderStep(exercise="a_ex"),
        LadderStep(exercise="b_ex"),
        LadderStep(exercise="a_ex", dose=Prescription(work=Reps(count=20))),
    )
    with pytest.raises(CatalogueError) as info:
        Catalogue(exercises=(a, b), ladders=(Ladder(id="l", name="L", steps=steps),))
    assert info.value.problems[0].path == "$.ladders[0].steps[2].exercise"


def test_advice_cannot_be_a_rung() -> None:
    cat = catalogue()
    advice_id = cat.advice[0].id
    bad = Ladder(
        id="bad", name="Bad", steps=(LadderStep(exercise="clam"), LadderStep(exercise=advice_id))
    )
    with pytest.raises(CatalogueError, match="an advice item cannot be a rung"):
        cat.extend(ladders=[bad])


def test_extend_replace_without_subset() -> None:
    cat = catalogue()
    mine = _exercise("my_glute_bridge")
    bigger = cat.extend(exercises=[mine])
    assert bigger["my_glute_bridge"] == mine
    assert len(bigger) == len(cat) + 1
    with pytest.raises(CatalogueError, match="duplicate id 'clam'"):
        cat.extend(exercises=[_exercise("clam")])
    easier_clam = attrs.evolve(cat["clam"], dose=Prescription(sets=2, work=Reps(count=10)))
    replaced = cat.replace(easier_clam, mine)
    assert replaced["clam"].dose.sets == 2
    assert replaced.ids[: len(cat)] == cat.ids  # order kept, new ones appended
    smaller = bigger.without("my_glute_bridge")
    assert smaller == cat
    with pytest.raises(CatalogueError, match="unknown exercise 'banded_clam'"):
        cat.without("banded_clam")
    with pytest.raises(UnknownIdError):
        cat.without("no_such_thing")
    with pytest.raises(UnknownIdError, match="unknown ladder id"):
        cat.without(ladders=["no_such_ladder"])
    with pytest.raises(UnknownIdError, match="unknown exercise or advice id 'squat'"):
        cat.without("squat")  # a ladder id is not an exercise id
    ladders = {lad.id for x in ("clam", "banded_clam") for lad in cat.ladders_of(x)}
    trimmed = cat.without("clam", "banded_clam", ladders=ladders)
    assert trimmed.get("clam") is None
    assert trimmed.get("banded_clam") is None
    assert len(trimmed) == len(cat) - 2
    sub = cat.subset(["clam", "banded_clam"])
    assert sub.ids == ("clam", "banded_clam")
    assert [lad.id for lad in sub.ladders] == ["clam"]
    assert {s.key for s in sub.sources} >= set(sub["clam"].sources)
    with pytest.raises(UnknownIdError):
        cat.subset(["nope"])


def test_a_catalogue_says_where_an_exercise_can_stand() -> None:
    cat = plantarkit.catalogue()
    assert cat.fits("clam", "clam", 0)
    assert cat.fits("banded_clam", "clam", 2)
    assert not cat.fits("clam", "clam", 1)  # rung 1 is the banded clam
    assert not cat.fits("clam", "clam", 99)
    assert cat.fits("clam", None, None)  # off any ladder
    assert not cat.fits("clams", None, None)
    assert not cat.fits("clam", "nope", 0)


def test_a_catalogue_finds_exercises_by_tag() -> None:
    cat = plantarkit.catalogue()
    isometric = cat.tagged("isometric")
    assert isometric == {e.id for e in cat if "isometric" in e.tags}
    assert "isometric_calf_raise" in isometric
    assert cat.tagged("no_such_tag") == frozenset()
