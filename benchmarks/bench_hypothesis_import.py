"""What plantarkit's hypothesis entry point adds to ``import hypothesis``, measured side by side.

Target (issue 11): with plantarkit installed, a process running ``import hypothesis`` costs at
most 20 ms more than the same process in the same environment without plantarkit's entry
point. The entry point must not import the library: it only asks to be told about plantarkit's
types, which register their strategies with hypothesis when (and if) they are defined.

Three commands run in alternation, so machine noise hits them alike, and medians are compared:

- ``plugins off``: ``HYPOTHESIS_NO_PLUGINS=1`` (hypothesis' own switch, ``hypothesis/
  entry_points.py``): no entry point is looked up or run.
- ``without plantarkit's``: plugins off, then the same entry-point scan hypothesis makes,
  loading every ``hypothesis`` entry point but plantarkit's: the environment as it would be
  with plantarkit's entry point removed.
- ``entry point active``: plain ``import hypothesis``.

The extra is ``entry point active`` minus ``without plantarkit's``; the cost of the scan
itself (any installed plugin pays it) is printed apart.

    python benchmarks/bench_hypothesis_import.py            # 40 runs each
    python benchmarks/bench_hypothesis_import.py --quick    # 15 runs each (CI)
    python benchmarks/bench_hypothesis_import.py --check    # exit 1 when the target is missed
"""

import argparse
import ast
import importlib.metadata
import os
import statistics
import subprocess
import sys
import time

TARGET_MS = 20.0
HOOK = "plantarkit._hypothesis_hook"

_OTHER_PLUGINS = (
    "import hypothesis, importlib.metadata\n"
    "for entry in importlib.metadata.entry_points(group='hypothesis'):\n"
    f"    if entry.value.split(':')[0] != {HOOK!r}:\n"
    "        hook = entry.load()\n"
    "        if callable(hook):\n"
    "            hook()\n"
)

COMMANDS: dict[str, tuple[str, bool]] = {
    # name: (code, plugins off)
    "plugins off": ("import hypothesis", True),
    "without plantarkit's": (_OTHER_PLUGINS, True),
    "entry point active": ("import hypothesis", False),
}


def _env(plugins_off: bool) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("HYPOTHESIS_NO_PLUGINS", None)
    if plugins_off:
        env["HYPOTHESIS_NO_PLUGINS"] = "1"
    return env


def _run(code: str, env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, env=env)
    return time.perf_counter() - start


def _loaded_by_import_hypothesis() -> list[str]:
    code = "import hypothesis, sys; print(sorted(m for m in sys.modules if 'plantarkit' in m))"
    out = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True, env=_env(False)
    ).stdout
    loaded: list[str] = ast.literal_eval(out)
    return loaded


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="15 runs instead of 40")
    parser.add_argument("--check", action="store_true", help="fail when the target is missed")
    args = parser.parse_args()
    runs = 15 if args.quick else 40

    installed = [
        e.value for e in importlib.metadata.entry_points(group="hypothesis") if HOOK in e.value
    ]
    if not installed:
        print("plantarkit's hypothesis entry point is not installed (pip install -e .): skipped")
        return 2 if args.check else 0

    envs = {name: _env(off) for name, (_, off) in COMMANDS.items()}
    for name, (code, _) in COMMANDS.items():  # warm the file system caches once
        _run(code, envs[name])
    times: dict[str, list[float]] = {name: [] for name in COMMANDS}
    for _ in range(runs):
        for name, (code, _) in COMMANDS.items():
            times[name].append(_run(code, envs[name]))
    medians = {name: statistics.median(ts) * 1000 for name, ts in times.items()}

    print(f"'import hypothesis', whole-process time, median of {runs} alternating runs:")
    for name, ms in medians.items():
        print(f"  {name:<24} {ms:7.1f} ms")
    scan = medians["without plantarkit's"] - medians["plugins off"]
    extra = medians["entry point active"] - medians["without plantarkit's"]
    print(f"entry-point scan (any plugin pays it): {scan:+.1f} ms")
    print(f"extra from plantarkit's entry point:   {extra:+.1f} ms (target ≤ {TARGET_MS:.0f} ms)")
    print(f"plantarkit modules loaded by 'import hypothesis': {_loaded_by_import_hypothesis()}")
    ok = extra <= TARGET_MS
    return 0 if ok or not args.check else 1


if __name__ == "__main__":
    raise SystemExit(main())
