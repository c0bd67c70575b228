"""Test configuration: hypothesis profiles chosen by ``HYPOTHESIS_PROFILE``.

- ``dev`` (default locally): quick feedback, 50 examples per test.
- ``ci`` (default when ``CI`` is set): derandomised, no example database,
  no deadline, 60 examples, so a CI run is reproducible and the whole
  suite stays under about three minutes on two cores.
- ``nightly``: 2,000 examples per test, for a scheduled deep run.
- ``mutation``: for mutation runs (``mutmut run``, see CONTRIBUTING.md): derandomised,
  no example database, 20 examples and no shrinking, so each mutant sees the same
  inputs and a failing property kills its mutant at once instead of timing out.
"""

import os
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, Phase, settings

settings.register_profile("dev", max_examples=50, deadline=None)
settings.register_profile(
    "ci",
    max_examples=60,
    derandomize=True,
    database=None,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "nightly",
    max_examples=2000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "mutation",
    max_examples=20,
    derandomize=True,
    database=None,
    deadline=None,
    # a failing example kills the mutant: shrinking it would only spend the time budget
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))


RunCli = Callable[..., tuple[int, str, str]]
"""Run the ``plantarkit`` command with some arguments: (exit status, stdout, stderr)."""


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> RunCli:
    """The ``plantarkit`` command, run in-process, with its exit status and output."""
    from plantarkit.cli import main

    def run(*args: str) -> tuple[int, str, str]:
        try:
            main(list(args))
            code = 0
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else 1
        out, err = capsys.readouterr()
        return code, out, err

    return run
