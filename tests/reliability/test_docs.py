# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""A check that docs/reliability.md shows the corpus that the tests run."""

from pathlib import Path

from .corpus import render_table

DOC = Path(__file__).parents[2] / "docs" / "reliability.md"
START = "<!-- corpus-table:start -->"
END = "<!-- corpus-table:end -->"


def documented_table() -> list[str]:
    """Return the lines between the corpus table markers of the page."""
    text = DOC.read_text(encoding="utf-8")
    inside = text.split(START, 1)[1].split(END, 1)[0]
    return [line for line in inside.splitlines() if line.strip()]


def test_doc_table_matches_corpus() -> None:
    expected = render_table()

    assert documented_table() == expected, (
        "docs/reliability.md is out of date; replace its corpus table with:\n"
        + "\n".join(expected)
    )
