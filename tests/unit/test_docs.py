"""The documentation: a README a newcomer reads in minutes, and links that lead somewhere.

Every relative link of README.md and docs/*.md must name a file of the project, and a link
into a Markdown page with ``#anchor`` must name one of that page's headings (as GitHub turns a
heading into an anchor).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import ROOT

PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
LINK = re.compile(r"(?<!\!)\[[^\]]*\]\(([^)\s]+)\)|!\[[^\]]*\]\(([^)\s]+)\)")
FENCE = re.compile(r"^(```|````).*?^\1\s*$", re.S | re.M)


def _links(page: Path) -> list[str]:
    """Targets of the Markdown links and images of ``page``, outside code blocks."""
    text = FENCE.sub("", page.read_text(encoding="utf-8"))
    text = re.sub(r"`[^`\n]*`", "", text)  # inline code holds no links
    return [a or b for a, b in LINK.findall(text)]


def anchors(page: Path) -> set[str]:
    """The anchors of a Markdown page's headings, as GitHub makes them.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "p.md").write_text("# A b\\n## Named questions (`cli.py query`)\\n## A b\\n")
    >>> sorted(anchors(folder / "p.md"))
    ['a-b', 'a-b-1', 'named-questions-clipy-query']
    """
    text = FENCE.sub("", page.read_text(encoding="utf-8"))
    seen: dict[str, int] = {}
    found = set()
    for heading in re.findall(r"^#{1,6}\s+(.+?)\s*#*\s*$", text, re.M):
        slug = re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")
        count = seen.get(slug, 0)
        seen[slug] = count + 1
        found.add(slug if count == 0 else f"{slug}-{count}")
    return found


def test_the_readme_is_read_in_five_minutes():
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    assert len(lines) <= 300


def test_the_pages_are_found():
    names = {page.name for page in PAGES}
    assert {"README.md", "app.md", "neo4j.md", "benchmarks-results.md", "reliability.md"} <= names


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_relative_link_leads_to_a_file_and_heading(page):
    broken = []
    links = _links(page)
    for target in links:
        if re.match(r"[a-z][a-z0-9+.-]*:", target):  # http:, https:, mailto: ...
            continue
        path, _, anchor = target.partition("#")
        file = (page.parent / path).resolve() if path else page
        if not file.exists() or ROOT not in file.parents and file != ROOT:
            broken.append(f"{target}: no such file")
        elif anchor and file.suffix == ".md" and anchor not in anchors(file):
            broken.append(f"{target}: no heading #{anchor} in {file.name}")
    assert broken == [], broken


def test_the_link_check_sees_links_images_and_anchors(tmp_path):
    page = tmp_path / "p.md"
    page.write_text(
        "# Top\n[a](other.md#x) ![b](img.png) `[not](a-link.md)`\n```\n[nor](this.md)\n```\n",
        encoding="utf-8",
    )
    assert _links(page) == ["other.md#x", "img.png"]
    assert anchors(page) == {"top"}
