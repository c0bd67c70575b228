"""The composition driver of tests/test_compositions.py, for a long run (issue 12).

Every built-in protocol, random built-in rules in random orders with random
parameters (drawn by plantarkit.testing's engine_rules strategy), random
sessions; every step checked. Prints the counts of what happened.

    python scripts/long_run.py --steps 100000 --seed 1
"""

import argparse
import pathlib
import random
import sys
import time
from collections import Counter

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tests"))

from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

import plantarkit
from plantarkit import testing
from test_compositions import PROTOCOLS, REPORT, drive


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    programs = {p: plantarkit.build_program(REPORT, p, weeks=12) for p in PROTOCOLS}
    counts: Counter[str] = Counter()
    runs = 0

    @seed(args.seed)
    @settings(
        max_examples=max(1, args.steps // 90),
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(
        protocol=st.sampled_from(PROTOCOLS),
        rules=testing.engine_rules(),
        run_seed=st.integers(0, 2**32 - 1),
    )
    def run(protocol: str, rules: plantarkit.EngineRules, run_seed: int) -> None:
        nonlocal runs
        counts.update(drive(programs[protocol], rules, random.Random(run_seed), days=120))
        runs += 1

    started = time.perf_counter()
    run()
    took = time.perf_counter() - started
    total = sum(counts.values())
    print(f"{total:,} steps in {runs:,} programme runs, {took:.0f} s, every step checked")
    for what, n in counts.most_common():
        print(f"  {what:8} {n:>9,}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
