"""Views of plantarkit values: text for terminals and logs, Markdown and HTML, DataFrames.

Nothing here prints: each function returns a string (or a pandas DataFrame).

Importing this package registers the notebook views of the values that
display (``_repr_markdown_``, ``_repr_html_``, ``Program.to_frame``) with
:mod:`plantarkit._core.display`; a value's first display imports it. The code
lives in private modules by value family: ``_tables`` (text, Markdown and HTML
tables), ``_exercises``, ``_chain``, ``_programs`` and ``_progress``.
"""

from plantarkit._core import display
from plantarkit.chain import ChainReport
from plantarkit.plans import Program
from plantarkit.progression.engine import Adherence, Advance, Decision, PhaseDecision
from plantarkit.render._calendar import program_ics
from plantarkit.render._chain import chain_report_html, chain_report_markdown, chain_report_text
from plantarkit.render._exercises import exercise_card, exercise_table
from plantarkit.render._programs import (
    program_fragment,
    program_frame,
    program_html,
    program_markdown,
    program_text,
    session_groups,
)
from plantarkit.render._progress import (
    adherence_frame,
    adherence_text,
    advance_html,
    advance_markdown,
    advance_text,
    decision_html,
    decision_markdown,
    history_frame,
    today_text,
)
from plantarkit.render._tables import table

__all__ = [
    "adherence_frame",
    "adherence_text",
    "advance_html",
    "advance_markdown",
    "advance_text",
    "chain_report_html",
    "chain_report_markdown",
    "chain_report_text",
    "decision_html",
    "decision_markdown",
    "exercise_card",
    "exercise_table",
    "history_frame",
    "program_frame",
    "program_html",
    "program_ics",
    "program_markdown",
    "program_text",
    "session_groups",
    "table",
    "today_text",
]

# Each function's public home is this package (help(), tracebacks and the API docs say
# plantarkit.render.program_html), not the private module that defines it.
for _name in __all__:
    globals()[_name].__module__ = __name__

display.register(ChainReport, markdown=chain_report_markdown, html=chain_report_html)
display.register(Program, html=program_fragment, frame=program_frame)
display.register(Decision, markdown=decision_markdown, html=decision_html)
display.register(PhaseDecision, markdown=decision_markdown, html=decision_html)
display.register(Advance, markdown=advance_markdown, html=advance_html)
display.register(Adherence, frame=adherence_frame)
