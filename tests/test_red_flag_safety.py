"""A red flag cannot be bypassed: not by evolve, not by a document, not by the engine (issue 12)."""

import json

import attrs
import pytest
from hypothesis import given

import plantarkit
from plantarkit import DocumentError, InvalidValueError, testing
from plantarkit.chain import RedFlagScreen, positive_red_flags


def _flagged() -> plantarkit.ChainReport:
    screen = RedFlagScreen(heel_squeeze_pain=True)
    return plantarkit.assess(attrs.evolve(plantarkit.example_assessment(), red_flags=screen))


def test_evolve_cannot_drop_a_referral() -> None:
    report = _flagged()
    assert report.referral is not None
    with pytest.raises(InvalidValueError, match=r"\$\.referral: must follow from the red-flag"):
        attrs.evolve(report, referral=None)


def test_evolve_cannot_add_a_referral_the_screen_does_not_call_for() -> None:
    clear = plantarkit.assess(plantarkit.example_assessment())
    with pytest.raises(InvalidValueError, match=r"\$\.referral"):
        attrs.evolve(clear, referral=_flagged().referral)


def test_a_document_without_its_referral_does_not_load() -> None:
    document = json.loads(plantarkit.dumps(_flagged()))
    document["data"]["referral"] = None
    with pytest.raises(DocumentError, match=r"referral"):
        plantarkit.loads(json.dumps(document), plantarkit.ChainReport)


def test_no_programme_can_carry_a_report_that_refers() -> None:
    program = plantarkit.build_program(plantarkit.assess(plantarkit.example_assessment()), "staged")
    with pytest.raises(InvalidValueError, match=r"\$\.report\.referral"):
        attrs.evolve(program, report=_flagged())
    with pytest.raises(plantarkit.ReferralRequiredError):
        plantarkit.build_program(_flagged(), "staged")


@given(testing.chain_reports())
def test_every_report_refers_exactly_when_a_red_flag_is_positive(
    report: plantarkit.ChainReport,
) -> None:
    positive = positive_red_flags(report.assessment.red_flags)
    assert (report.referral is None) == (not positive)
    assert report.program_allowed == (not positive)
