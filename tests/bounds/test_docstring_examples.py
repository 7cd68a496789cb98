# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""The examples in the bounds package's docstrings run as written."""

import inspect
import re
import textwrap

import pytest

from frequenz.telemetry_tracker import bounds

EXAMPLES = [
    (name, textwrap.dedent(block))
    for name in bounds.__all__
    for block in re.findall(
        r"```python\n(.*?)```",
        inspect.getdoc(getattr(bounds, name)) or "",
        flags=re.DOTALL,
    )
]


def test_examples_found() -> None:
    assert [name for name, _ in EXAMPLES] == ["IntervalSet"]


@pytest.mark.parametrize("name, example", EXAMPLES)
def test_example_runs(name: str, example: str) -> None:
    exec(compile(example, f"{name} docstring", "exec"), {})
