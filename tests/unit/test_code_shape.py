"""Shape rules for the product's code that a reviewer would otherwise check by eye."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LONGEST = 100  # lines of one function, its decorators and docstring included
PRODUCT = ("graph", "loaders", "queries", "drawing", "exports", "ui", "bench", "neo4j_local")
TOP_LEVEL = ("app.py", "cli.py", "settings.py")


def product_files() -> list[Path]:
    """Every Python file of the product (tests aside)."""
    files = [ROOT / name for name in TOP_LEVEL]
    for package in PRODUCT:
        files.extend(sorted((ROOT / package).rglob("*.py")))
    return files


def long_functions(path: Path, limit: int = LONGEST) -> list[str]:
    """``file:line name (n lines)`` for each function of ``path`` longer than ``limit``."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            first = min([node.lineno] + [d.lineno for d in node.decorator_list])
            size = (node.end_lineno or node.lineno) - first + 1
            if size > limit:
                found.append(f"{path.name}:{node.lineno} {node.name} ({size} lines)")
    return found


def test_no_function_of_the_product_is_over_a_hundred_lines():
    found = [
        f"{p.relative_to(ROOT).parent}/{e}" for p in product_files() for e in long_functions(p)
    ]
    assert found == [], "\n".join(found)


def test_the_length_rule_counts_decorators_and_sees_one_line_over(tmp_path):
    body = "\n".join(f"    x{i} = {i}" for i in range(LONGEST - 2))
    sample = tmp_path / "sample.py"
    sample.write_text(
        f"def short():\n    return 1\n\n\n@staticmethod\ndef long():\n{body}\n    return 0\n",
        encoding="utf-8",
    )
    assert long_functions(sample) == [f"sample.py:6 long ({LONGEST + 1} lines)"]
    assert long_functions(sample, limit=LONGEST + 1) == []
