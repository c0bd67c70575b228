"""The handout in a real browser: Chromium renders it to a non-blank page (skipped without it)."""

import importlib.util
import struct
import sys
import zlib
from pathlib import Path

import pytest

import plantarkit
from plantarkit.render import program_html

_spec = importlib.util.spec_from_file_location(
    "screenshot_handout", Path(__file__).parents[1] / "scripts" / "screenshot_handout.py"
)
assert _spec is not None
assert _spec.loader is not None
shots = importlib.util.module_from_spec(_spec)
sys.modules["screenshot_handout"] = shots
_spec.loader.exec_module(shots)


def _png_rows(data: bytes) -> tuple[int, int, int]:
    """Width, height and the number of distinct bytes in the decoded image data."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    chunks, pos = b"", 8
    while pos < len(data):
        length = struct.unpack(">I", data[pos : pos + 4])[0]
        kind = data[pos + 4 : pos + 8]
        if kind == b"IDAT":
            chunks += data[pos + 8 : pos + 8 + length]
        pos += 12 + length
    return width, height, len(set(zlib.decompress(chunks)))


@pytest.mark.skipif(shots.find_chromium() is None, reason="Chromium is not installed")
def test_handout_renders_in_chromium(tmp_path: Path) -> None:
    program = plantarkit.build_program(plantarkit.example_assessment(), "top_down", weeks=4)
    png = shots.screenshot(program_html(program), tmp_path / "handout.png", width=800, height=1200)
    width, height, distinct = _png_rows(png.read_bytes())
    assert (width, height) == (800, 1200)
    assert distinct > 20  # text and colours, not a blank page
