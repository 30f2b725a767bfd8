"""Neo4j lives in one place: the product's Cypher texts are under ``graph/neo4j/``, and no code
outside ``graph/`` branches on a store's backend or reaches for its driver or database name.

The checks read the product's source (tests and benchmarks aside) with :mod:`ast`, so comments
and docstrings do not count, while f-strings and plain strings do.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from tests.conftest import ROOT

PRODUCT_SKIP = {"tests", "bench", ".venv", ".git", ".neo4j", "workspace", "node_modules"}

# A text is taken for Cypher when it holds a reading or writing clause and a clause that ends or
# changes something, as whole upper-case words (prose in strings uses lower case).
_OPENING = re.compile(r"\b(MATCH|MERGE|CREATE|CALL|UNWIND)\b")
_CLOSING = re.compile(r"\b(RETURN|SET|YIELD)\b")


def product_files() -> list[Path]:
    """Every Python file of the product (app, cli, settings and the packages)."""
    files = []
    for path in sorted(ROOT.rglob("*.py")):
        parts = path.relative_to(ROOT).parts
        if parts[0] in PRODUCT_SKIP or any(p.startswith(".") for p in parts):
            continue
        files.append(path)
    return files


def _docstrings(tree: ast.AST) -> set[int]:
    """ids of the string nodes that are docstrings (of the module, classes and functions)."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def _texts(tree: ast.AST) -> list[tuple[int, str]]:
    """``(line, text)`` of every string literal; an f-string gives its literal parts joined."""
    skip = _docstrings(tree)
    inside_fstrings = {
        id(part)
        for node in ast.walk(tree)
        if isinstance(node, ast.JoinedStr)
        for part in node.values
    }
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            text = " ".join(
                p.value
                for p in node.values
                if isinstance(p, ast.Constant) and isinstance(p.value, str)
            )
            out.append((node.lineno, text))
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in skip
            and id(node) not in inside_fstrings
        ):
            out.append((node.lineno, node.value))
    return out


def looks_like_cypher(text: str) -> bool:
    """True for a text with an opening clause and a closing one (see the module's note).

    >>> looks_like_cypher("MATCH (n:Actor) RETURN n")
    True
    >>> looks_like_cypher("match the names, then return")
    False
    """
    return bool(_OPENING.search(text) and _CLOSING.search(text))


def _is_backend(node: ast.AST) -> bool:
    """``x.backend`` or ``getattr(x, "backend", ...)``."""
    if isinstance(node, ast.Attribute) and node.attr == "backend":
        return True
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "getattr"
        and len(node.args) >= 2
        and isinstance(node.args[1], ast.Constant)
        and node.args[1].value == "backend"
    )


def _reaches_inside(node: ast.AST) -> bool:
    """``store.driver`` / ``store.database`` (``GraphDatabase.driver`` opens one: not a store's)."""
    if not isinstance(node, ast.Attribute) or node.attr not in ("driver", "database"):
        return False
    return not (isinstance(node.value, ast.Name) and node.value.id == "GraphDatabase")


def findings(path: Path) -> list[str]:
    """What ``path`` does that belongs under graph/ (or graph/neo4j/), one line each."""
    rel = path.relative_to(ROOT).as_posix()
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=rel)
    out = []
    in_graph = rel.startswith("graph/")
    if not rel.startswith("graph/neo4j/"):
        for line, text in _texts(tree):
            if looks_like_cypher(text):
                out.append(f"{rel}:{line}: Cypher text outside graph/neo4j/: {text[:60]!r}")
    if in_graph:
        return out
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare) and any(
            _is_backend(side) for side in [node.left, *node.comparators]
        ):
            out.append(f"{rel}:{node.lineno}: branches on the store's backend")
        if _reaches_inside(node):
            out.append(f"{rel}:{node.lineno}: reaches for .{node.attr} of a store")
    return out


def test_the_product_files_are_found():
    names = {p.relative_to(ROOT).as_posix() for p in product_files()}
    assert {"cli.py", "app.py", "graph/store.py", "ui/query.py", "loaders/bootstrap.py"} <= names
    assert not any(n.startswith(("tests/", "bench/")) for n in names)


def test_the_checks_catch_what_they_look_for(tmp_path, monkeypatch):
    sample = tmp_path / "ui" / "sample.py"
    sample.parent.mkdir()
    sample.write_text(
        "def f(store):\n"
        '    """MATCH (n) RETURN n in a docstring does not count."""\n'
        '    if store.backend == "neo4j":\n'
        "        store.driver.execute_query(f\"MATCH (n:{'A'}) RETURN n\")\n"
        '    if getattr(store, "backend", None) != "memory":\n'
        '        return "UNWIND $rows AS row SET x = row"\n'
        '    return "a match, then a return"\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(f"{__name__}.ROOT", tmp_path)
    found = findings(sample)
    assert sorted(found) == [
        "ui/sample.py:3: branches on the store's backend",
        "ui/sample.py:4: Cypher text outside graph/neo4j/: 'MATCH (n: ) RETURN n'",
        "ui/sample.py:4: reaches for .driver of a store",
        "ui/sample.py:5: branches on the store's backend",
        "ui/sample.py:6: Cypher text outside graph/neo4j/: 'UNWIND $rows AS row SET x = row'",
    ]


def test_neo4j_stays_in_graph():
    found = [line for path in product_files() for line in findings(path)]
    assert found == [], "\n".join(found)
