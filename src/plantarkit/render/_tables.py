"""Tables: fixed-width text, Markdown and HTML, with their cells escaped."""

import textwrap
from collections.abc import Iterable, Sequence

from plantarkit._core.checks import expected
from plantarkit._core.errors import InvalidValueError
from plantarkit.render._checks import each, items, need

__all__ = ["html_table", "md_cell", "md_table", "md_text", "table"]


def table(
    headers: Sequence[str],
    rows: Iterable[Sequence[str]],
    *,
    max_width: int = 48,
    wrap: bool = False,
) -> str:
    """Lay out rows as a fixed-width text table with a header rule.

    Args:
        headers: The column headings.
        rows: The cells of each row, one string per heading.
        max_width: The widest a column may be.
        wrap: Wrap longer cells onto following lines (at spaces) instead of
            cutting them with an ellipsis.

    Raises:
        InvalidValueError: A heading or cell is not a string, a row has the
            wrong number of cells, or ``max_width`` is not an integer ≥ 2.
    """
    head = each(headers, str, "$.headers")
    if isinstance(max_width, bool) or not isinstance(max_width, int) or max_width < 2:
        raise InvalidValueError("$.max_width", expected("an integer ≥ 2", max_width))
    need(wrap, bool, "$.wrap")
    given = items(rows, "a sequence of rows", "$.rows")
    body: list[list[list[str]]] = []  # rows of cells of lines
    for i, row in enumerate(given):
        cells = each(row, str, f"$.rows[{i}]")
        if len(cells) != len(head):
            raise InvalidValueError(
                f"$.rows[{i}]", f"expected {len(head)} cells (one per heading), got {len(cells)}"
            )
        body.append([_fit(c, max_width, wrap) for c in cells])
    widths = [len(h) for h in head]
    for row in body:
        widths = [max(w, *(len(x) for x in c)) for w, c in zip(widths, row, strict=True)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(head, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    for row in body:
        for k in range(max(len(c) for c in row)):
            parts = (c[k] if k < len(c) else "" for c in row)
            lines.append("  ".join(x.ljust(w) for x, w in zip(parts, widths, strict=True)).rstrip())
    return "\n".join(lines)


def _fit(cell: str, width: int, wrap: bool) -> list[str]:
    """The lines of one table cell: cut to ``width`` with an ellipsis, or wrapped."""
    if not wrap:
        return [cell if len(cell) <= width else cell[: width - 1] + "…"]
    return [
        line
        for part in cell.split("\n")
        for line in (
            [part]
            if len(part) <= width
            else textwrap.wrap(part, width=width, break_long_words=False, break_on_hyphens=False)
        )
    ]


def md_text(text: str) -> str:
    """Text for Markdown that notebooks render: HTML's special characters escaped.

    A name or reason holding ``<script>`` or ``<b>`` is shown as written,
    never run or rendered as markup.
    """
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def md_cell(text: str) -> str:
    """A Markdown table cell: HTML escaped, pipes escaped, line breaks kept as ``<br>``."""
    return md_text(text).replace("|", "\\|").replace("\n", "<br>")


def md_table(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    """The lines of a Markdown table (cells escaped)."""
    return [
        "| " + " | ".join(headers) + " |",
        "|" + "---|" * len(headers),
        *("| " + " | ".join(md_cell(c) for c in row) + " |" for row in rows),
    ]


def html_table(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """An HTML table (cells escaped)."""
    from html import escape

    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
