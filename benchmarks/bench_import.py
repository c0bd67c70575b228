"""Import cost and catalogue JSON round-trip, measured side by side in one run.

Target (issue 2): a whole process running ``import plantarkit`` costs at most
1.3x one running ``import attrs``. Runs alternate between the two commands so
machine noise hits both alike; medians are compared.

    python benchmarks/bench_import.py            # 40 runs each
    python benchmarks/bench_import.py --quick    # 10 runs each (CI)
    python benchmarks/bench_import.py --check    # exit 1 when a target is missed
"""

import argparse
import statistics
import subprocess
import sys
import time
import timeit

TARGET_RATIO = 1.3

COMMANDS = {
    "python -c pass": "pass",
    "import attrs": "import attrs",
    "import plantarkit": "import plantarkit",
    "import plantarkit + catalogue()": "import plantarkit; plantarkit.catalogue()",
    "import plantarkit + dumps(catalogue)": (
        "import plantarkit; plantarkit.dumps(plantarkit.catalogue())"
    ),
}


def _run(code: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10 runs instead of 40")
    parser.add_argument("--check", action="store_true", help="fail when a target is missed")
    args = parser.parse_args()
    runs = 10 if args.quick else 40

    forbidden = (
        "import plantarkit, sys; print(sorted(m for m in ('numpy', 'pandas', 'click', "
        "'rich', 'matplotlib', 'cattrs') if m in sys.modules))"
    )
    heavy = subprocess.run(
        [sys.executable, "-c", forbidden], check=True, capture_output=True, text=True
    ).stdout.strip()

    times: dict[str, list[float]] = {name: [] for name in COMMANDS}
    for _ in range(runs):
        for name, code in COMMANDS.items():
            times[name].append(_run(code))
    medians = {name: statistics.median(ts) * 1000 for name, ts in times.items()}
    print(f"whole-process time, median of {runs} alternating runs:")
    for name, ms in medians.items():
        print(f"  {name:<38} {ms:7.1f} ms")
    ratio = medians["import plantarkit"] / medians["import attrs"]
    print(f"ratio import plantarkit / import attrs: {ratio:.2f} (target ≤ {TARGET_RATIO})")
    print(f"heavy modules loaded by 'import plantarkit': {heavy}")

    import plantarkit

    cat = plantarkit.catalogue()
    text = plantarkit.dumps(cat)
    assert plantarkit.loads(text, plantarkit.Catalogue) == cat
    n = 20
    dump_s = timeit.timeit(lambda: plantarkit.dumps(cat), number=n) / n
    load_s = timeit.timeit(lambda: plantarkit.loads(text, plantarkit.Catalogue), number=n) / n
    print(
        f"catalogue JSON ({len(cat)} exercises, {len(text) / 1024:.0f} KiB):"
        f" dumps {dump_s * 1000:.2f} ms, loads {load_s * 1000:.2f} ms,"
        f" round trip {(dump_s + load_s) * 1000:.2f} ms"
    )
    ok = ratio <= TARGET_RATIO and heavy == "[]"
    return 0 if ok or not args.check else 1


if __name__ == "__main__":
    raise SystemExit(main())
