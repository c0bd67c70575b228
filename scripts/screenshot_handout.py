"""Render the printable programme handout in headless Chromium and save a screenshot.

The handout is plain HTML and CSS; this script checks it the way a person
sees it. Chromium comes from Debian (``apt-get install chromium``).

    python scripts/screenshot_handout.py                      # /tmp/plantarkit-handout.png
    python scripts/screenshot_handout.py --protocol top_down --out handout.png

Prints the paths of the HTML file and the PNG; exits 2 when Chromium is missing.
"""

import argparse
import datetime
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import plantarkit
from plantarkit.render import program_html

CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--hide-scrollbars",
)


def find_chromium() -> str | None:
    """The path of a Chromium binary, or ``None``."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def screenshot(html: str, out: Path, *, width: int = 1000, height: int = 2000) -> Path:
    """Write ``html`` to a file next to ``out`` and save Chromium's screenshot of it as ``out``."""
    chromium = find_chromium()
    if chromium is None:
        raise FileNotFoundError("Chromium not found: apt-get install chromium")
    page = out.with_suffix(".html")
    page.write_text(html, encoding="utf-8")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                chromium,
                *CHROMIUM_FLAGS,
                f"--user-data-dir={profile}",
                f"--screenshot={out}",
                f"--window-size={width},{height}",
                page.resolve().as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
    return out


def main() -> int:
    """Build the example programme, render it and print where the files are."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--protocol", default="staged")
    parser.add_argument("--weeks", type=int, default=12)
    parser.add_argument("--out", type=Path, default=Path("/tmp/plantarkit-handout.png"))
    args = parser.parse_args()
    program = plantarkit.build_program(
        plantarkit.example_assessment(),
        args.protocol,
        weeks=args.weeks,
        start_date=datetime.date(2027, 1, 4),
    )
    try:
        png = screenshot(program_html(program), args.out)
    except FileNotFoundError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"html: {png.with_suffix('.html')}\npng:  {png}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
