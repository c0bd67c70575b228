"""Run the examples in the Markdown documentation as tests (with sybil).

Every ```` ```python ```` block in ``docs/*.md`` runs. Write examples as doctests:
each ``>>>`` line runs, and what it shows must match the lines below it (a block
without ``>>>`` would only be run, its output unchecked). The blocks of one page
share a namespace, top to bottom, like a notebook. A ``% skip: next`` comment
before a block skips it.
"""

from doctest import ELLIPSIS, NORMALIZE_WHITESPACE

from sybil import Sybil
from sybil.parsers.myst import PythonCodeBlockParser, SkipParser

OPTIONS = ELLIPSIS | NORMALIZE_WHITESPACE

# The HTML build copies the pages to _build/html/_sources/*.md.txt, and pytest's doctest
# plugin collects any test*.txt file (testing.md.txt) on its own.
collect_ignore_glob = ["_build/*"]


def _register_strategies(namespace: dict[str, object]) -> None:
    """Do what hypothesis' entry point does for an installed plantarkit.

    From a source checkout (``PYTHONPATH=src``) the entry point is not installed, and
    ``st.from_type(plantarkit.Exercise)`` in testing.md would not know the strategies.
    Registering them twice is harmless.
    """
    from plantarkit import testing

    testing.register()


pytest_collect_file = Sybil(
    parsers=[
        PythonCodeBlockParser(doctest_optionflags=OPTIONS),
        SkipParser(),
    ],
    patterns=["*.md"],
    setup=_register_strategies,
).pytest()
