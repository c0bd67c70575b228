"""What people see: text tables, exercise cards and notebook displays."""

from html.parser import HTMLParser

import attrs

import plantarkit
from plantarkit.render import chain_report_text, exercise_card, exercise_table, table


def test_table_pads_and_cuts() -> None:
    text = table(("a", "bee"), [("x", "y" * 10), ("long cell", "z")], max_width=5)
    assert text.splitlines() == [
        "a      bee",
        "-----  -----",
        "x      yyyy…",
        "long…  z",
    ]


def test_exercise_table_lists_every_exercise() -> None:
    cat = plantarkit.catalogue()
    text = exercise_table(cat)
    for exercise in cat:
        assert exercise.id in text


def test_card_without_a_catalogue_names_source_keys() -> None:
    exercise = plantarkit.catalogue()["toe_yoga"]
    card = exercise_card(exercise)
    assert card.splitlines()[0] == f"{exercise.name} ({exercise.id})"
    assert "Ladder" not in card
    for key in exercise.sources:
        assert f"[{key}]" in card


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_chain_report_notebook_displays() -> None:
    report = plantarkit.assess(plantarkit.example_assessment())
    markdown = report._repr_markdown_()
    assert markdown.splitlines()[0].startswith("| # | link | side |")
    assert markdown.count("\n| ") >= len(report.findings)
    assert f"**Primary driver:** {report.primary_driver}" in markdown
    parser = _Collect()
    parser.feed(report._repr_html_())
    assert parser.tags.count("tr") == len(report.findings) + 1
    assert "Primary driver:" in "".join(parser.text)


def test_referral_is_shown_first_everywhere() -> None:
    a = plantarkit.Assessment(
        red_flags=plantarkit.RedFlagScreen(fever_or_hot_swollen_heel=True),
        lunge_cm=plantarkit.Bilateral(left=8.0, right=8.0),
    )
    report = plantarkit.assess(a)
    assert chain_report_text(report).startswith("!! REFER")
    assert report._repr_markdown_().startswith("> **Refer")
    assert report._repr_html_().startswith('<div style="border:2px solid #b00')
    assert "Exercises that address" not in chain_report_text(report)


def test_html_escapes_user_text() -> None:
    report = plantarkit.assess(plantarkit.Assessment(pelvis_level=False))
    finding = report.findings[0]
    odd = attrs.evolve(report, findings=(attrs.evolve(finding, value="<b>&</b>"),))
    assert "&lt;b&gt;&amp;&lt;/b&gt;" in odd._repr_html_()
    assert "<b>&</b>" not in odd._repr_html_()
