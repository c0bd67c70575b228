"""The fuzz target of tests/test_fuzz_documents.py, for a long run (issue 12).

Every document type in turn, broken at random and loaded (as Python data and as JSON
text); only plantarkit errors may escape, and whatever loads must hash, validate against
the schema, round-trip and re-dump to the same text. Prints the counts.

    python scripts/fuzz_documents.py --runs 300000 --seed 1
"""

import argparse
import pathlib
import sys
import time
from collections import Counter
from typing import Any

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tests"))

from hypothesis import HealthCheck, given, seed, settings

from plantarkit import io
from test_fuzz_documents import as_text, broken, check_loading, validator_for


def fuzz(name: str, examples: int, seed_: int, counts: Counter[str]) -> None:
    """Break and load ``examples`` documents of type ``name``."""
    cls, validator = io.document_types()[name], validator_for(name)

    @seed(seed_)
    @settings(
        max_examples=examples,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(broken(cls))
    def run(document: Any) -> None:
        counts["loaded" if check_loading(document, validator) else "refused"] += 1
        text = as_text(document)
        if text is not None:
            counts["loaded" if check_loading(text, validator) else "refused"] += 1

    run()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=300_000, help="loads in all (about)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    names = sorted(io.document_types())
    per_type = max(1, args.runs // (2 * len(names)))  # each example loads twice
    counts: Counter[str] = Counter()
    started = time.perf_counter()
    for name in names:
        fuzz(name, per_type, args.seed, counts)
    took = time.perf_counter() - started
    total = sum(counts.values())
    print(f"{total:,} loads over {len(names)} document types, {took:.0f} s, every one checked")
    for what, n in counts.most_common():
        print(f"  {what:8} {n:>9,}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
