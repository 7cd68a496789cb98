# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""The README's usage example runs as written and is the same as the example file."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent


def _readme_example() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", readme, flags=re.DOTALL)
    assert len(blocks) == 1
    return str(blocks[0])


def test_readme_example_matches_file() -> None:
    example = (ROOT / "examples" / "track_group.py").read_text(encoding="utf-8")
    assert _readme_example().strip() in example


@pytest.mark.real_loop
async def test_readme_example_runs(capsys: pytest.CaptureFixture[str]) -> None:
    namespace: dict[str, object] = {"__name__": "readme_example"}
    exec(compile(_readme_example(), "README.md", "exec"), namespace)
    main = namespace["main"]
    assert callable(main)
    await main()

    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("status #0: usable=False")
    assert any("usable=True" in line for line in lines)
    assert "usable=False" in lines[-1]
