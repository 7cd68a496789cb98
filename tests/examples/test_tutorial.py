# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""The tutorial's code excerpts are taken word for word from the power application."""

import re
import textwrap
from pathlib import Path

ROOT = Path(__file__).parent.parent.parent
TUTORIAL = ROOT / "docs" / "tutorial.md"
APP_SOURCES = sorted((ROOT / "examples" / "power_app").glob("*.py"))


def python_blocks() -> list[str]:
    """Return the tutorial's Python code blocks."""
    text = TUTORIAL.read_text(encoding="utf-8")
    return [str(block) for block in re.findall(r"```python\n(.*?)```", text, re.S)]


def found_in_sources(block: str) -> bool:
    """Return whether the block is in a source file at some indentation."""
    sources = [path.read_text(encoding="utf-8") for path in APP_SOURCES]
    return any(
        textwrap.indent(block, " " * indent) in source
        for source in sources
        for indent in range(0, 17, 4)
    )


def test_tutorial_has_excerpts() -> None:
    assert len(python_blocks()) >= 5


def test_excerpts_match_sources() -> None:
    for block in python_blocks():
        assert found_in_sources(block), block
