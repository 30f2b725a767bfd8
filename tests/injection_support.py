"""A corpus of hostile texts and an import that puts them into every text field.

Shared by the injection tests (tests/unit/test_injection.py, the Neo4j one in
tests/integration/test_injection_backends.py and the browser one in tests/e2e). The dataset
goes the way a user's data goes: an elements CSV and a connections CSV read by
``loaders.importer`` (preview, then apply), never written into a store directly.

Every payload that could run script tries to set the global :data:`SENTINEL` (or open a
dialog with ``alert``), so a browser test can see whether any of them ran.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator

from loaders.importer import apply_import, preview_import

__all__ = [
    "SENTINEL",
    "PAYLOADS",
    "NODE_FIELDS",
    "REL_FIELDS",
    "EVIDENCE_FIELDS",
    "benign",
    "payload_files",
    "import_payloads",
    "actor_id",
    "expected_nodes",
    "expected_relationships",
]

SENTINEL = "jjPwned"
_SET = f"window.{SENTINEL}=1"
LONG = "Panjang " * 1200 + f"<script>{_SET}</script>"  # about 10,000 characters

# name -> text; none starts or ends with whitespace (the importer trims cells, as it should)
PAYLOADS: dict[str, str] = {
    "script": "<script>alert(1)</script>",
    "script_sentinel": f"<script>{_SET}</script>",
    "img_onerror": "<img src=x onerror=alert(1)>",
    "img_onerror_sentinel": f'<img src="x" onerror="{_SET}">',
    "svg_onload": f"<svg onload={_SET}>",
    "close_script": f"</script><script>{_SET}</script>",
    "close_attr": f'"><script>{_SET}</script>',
    "close_attr_single": f"'><img src=x onerror={_SET}>",
    "iframe_js": f'<iframe src="javascript:{_SET}"></iframe>',
    "anchor_js": f'<a href="javascript:{_SET}">klik</a>',
    "details_ontoggle": f"<details open ontoggle={_SET}>x</details>",
    "style_block": "<style>body{display:none}</style>",
    "javascript_url": "javascript:alert(1)",
    "data_url": "data:text/html,<script>alert(1)</script>",
    "jinja": "{{7*7}}",
    "template_literal": "${7*7}",
    "jinja_block": "{% for x in range(3) %}x{% endfor %}",
    "format_fields": "{name} {0} %s %(x)s",
    "markdown_link": f"[klik di sini](javascript:{_SET})",
    "markdown_image": "![gambar](http://evil.invalid/x.png)",
    "markdown_html_comment": "<!-- comment --> **bold** _it_",
    "cypher_close_map": "'}) DETACH DELETE n //",
    "cypher_close_map_double": '"}) DETACH DELETE n //',
    "cypher_backticks": "`) MATCH (n) DETACH DELETE n //",
    "cypher_statement": "x'; MATCH (n) DETACH DELETE n; //",
    "backslashes": "C:\\temp\\ \\u0041 \\' \\\"",
    "quotes": 'O\'Brien "kader" `kutip`',
    "entities": "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#x3C;b&#x3E;",
    "xml_cdata": "]]><x/><![CDATA[ <!--",
    "rtl_override": "Kader \u202egnp.exe\u202c Mawar",
    "zero_width": "Ka\u200bder\u200d Po\ufeffsyandu\u2060",
    "multiline": "baris satu\nbaris <b>dua</b>\r\nbaris tiga",
    "emoji_and_scripts": "Posyandu 🌱 ٣ 中文 ईश",
    "dollar_math": "$x^2$ \\frac{1}{2} $",
    "formula": '=HYPERLINK("http://evil.invalid","x")',
    "long": LONG,
}

# text fields of an element row and of a connection row that the import stores as given
NODE_FIELDS = ("name", "name_en", "description", "description_en")
REL_FIELDS = ("description", "description_en", "role")
EVIDENCE_FIELDS = ("section", "note")  # of the locator, in both kinds of row
ELEMENT_COLUMNS = [
    "id", "label", "name", "name_en", "type", "sector", "level", "description",
    "description_en", "aliases", "evidence_source", "evidence_section",
    "evidence_paragraph", "evidence_note",
]  # fmt: skip
CONNECTION_COLUMNS = [
    "from", "to", "type", "description", "description_en", "role",
    "evidence_source", "evidence_section", "evidence_paragraph", "evidence_note",
]  # fmt: skip
SOURCE = "laporan_uji"


def actor_id(name: str) -> str:
    return f"p_{name}"


def benign(payloads: dict[str, str] | None = None) -> dict[str, str]:
    """The same names with harmless texts: the reference a hostile output is compared with."""
    return {name: f"Kader {i}" for i, name in enumerate(payloads or PAYLOADS, 1)}


def _pairs(payloads: dict[str, str]) -> Iterator[tuple[str, str, str]]:
    """(payload name, from, to): a ring, so every actor has links and every payload one link."""
    names = list(payloads)
    for i, name in enumerate(names):
        yield name, actor_id(name), actor_id(names[(i + 1) % len(names)])


def _csv(columns: list[str], rows: list[dict[str, object]]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def payload_files(payloads: dict[str, str] | None = None) -> list[tuple[str, bytes]]:
    """The elements and connections CSV files: one actor and one link per payload."""
    payloads = PAYLOADS if payloads is None else payloads
    elements = [
        {
            "id": actor_id(name),
            "label": "Actor",
            **dict.fromkeys(NODE_FIELDS, text),
            "type": "community_group",
            "sector": "health",
            "level": "desa",
            "aliases": json.dumps([text], ensure_ascii=False),
            "evidence_source": SOURCE,
            "evidence_section": text,
            "evidence_paragraph": number,
            "evidence_note": text,
        }
        for number, (name, text) in enumerate(payloads.items(), 1)
    ]
    connections = [
        {
            "from": start,
            "to": end,
            "type": "COLLABORATES_WITH",
            **dict.fromkeys(REL_FIELDS, payloads[name]),
            "evidence_source": SOURCE,
            "evidence_section": payloads[name],
            "evidence_paragraph": 1,
            "evidence_note": payloads[name],
        }
        for name, start, end in _pairs(payloads)
    ]
    return [
        ("payload_elements.csv", _csv(ELEMENT_COLUMNS, elements)),
        ("payload_connections.csv", _csv(CONNECTION_COLUMNS, connections)),
    ]


def import_payloads(store, payloads: dict[str, str] | None = None):
    """Preview and apply the payload import on ``store``; the apply report."""
    files = payload_files(payloads)
    preview = preview_import(files, store)
    assert preview.report.ok, preview.report.text()
    report = apply_import(files, store)
    assert report.ok, report.text()
    return report


def expected_nodes() -> dict[str, dict[str, object]]:
    """Node key -> the properties each payload must come back with, exactly."""
    return {
        f"Actor:{actor_id(name)}": {
            **dict.fromkeys(NODE_FIELDS, text),
            "aliases": [text],
            "evidence_section": text,
            "evidence_note": text,
        }
        for name, text in PAYLOADS.items()
    }


def expected_relationships() -> dict[tuple[str, str], dict[str, object]]:
    """(start key, end key) -> the properties of its COLLABORATES_WITH link, exactly."""
    return {
        (f"Actor:{start}", f"Actor:{end}"): {
            **dict.fromkeys(REL_FIELDS, PAYLOADS[name]),
            "evidence_section": PAYLOADS[name],
            "evidence_note": PAYLOADS[name],
        }
        for name, start, end in _pairs(PAYLOADS)
    }


def stored_mismatches(graph) -> list[str]:
    """Every payload field of ``graph`` (a store's NetworkX view) that is not the payload, exactly."""
    problems = []
    for key, want in expected_nodes().items():
        if key not in graph:
            problems.append(f"{key}: missing")
            continue
        node = graph.nodes[key]
        (locator,) = [loc for loc in node.get("evidence") or [] if loc.get("source") == SOURCE]
        got = {
            **{f: node.get(f) for f in (*NODE_FIELDS, "aliases")},
            "evidence_section": locator.get("section"),
            "evidence_note": locator.get("note"),
        }
        problems += [f"{key}.{f}: {got[f]!r:.60}" for f in want if got[f] != want[f]]
    for (start, end), want in expected_relationships().items():
        rels = graph.get_edge_data(start, end) or {}
        rel = rels.get("COLLABORATES_WITH")
        if rel is None:
            problems.append(f"{start} -> {end}: missing")
            continue
        (locator,) = [loc for loc in rel.get("evidence") or [] if loc.get("source") == SOURCE]
        got = {
            **{f: rel.get(f) for f in REL_FIELDS},
            "evidence_section": locator.get("section"),
            "evidence_note": locator.get("note"),
        }
        problems += [f"{start}->{end}.{f}: {got[f]!r:.60}" for f in want if got[f] != want[f]]
    return problems


# -- HTML -------------------------------------------------------------------------------

# script elements of the page template that carry data, never code
DATA_SCRIPTS = {"jj-nodes", "jj-edges", "jj-options", "jj-selected", "jj-png-name", "jj-labels"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "srcdoc", "data"}
TOOLTIP_TAGS = {"div", "b", "br"}  # what the template's tooltips are built from


def _document(text: str):
    from lxml import html as lhtml

    return lhtml.document_fromstring(text)


def html_problems(text: str, reference: str) -> list[str]:
    """What is wrong with the network page ``text`` compared with ``reference``.

    ``reference`` is the same page rendered from harmless data. Parsed with lxml's HTML
    parser (libxml2, as lenient as a browser): the code scripts must be exactly the
    reference's, the data scripts valid JSON, no element may carry an ``on*`` attribute or a
    ``javascript:``/``data:`` address, and no tag may appear that the reference lacks.
    """
    doc, ref = _document(text), _document(reference)
    problems = []

    def code(tree):
        return [s.text_content() for s in tree.iter("script") if s.get("id") not in DATA_SCRIPTS]

    if code(doc) != code(ref):
        problems.append(f"code scripts differ: {len(code(doc))} vs {len(code(ref))}")
    for script in doc.iter("script"):
        if script.get("id") in DATA_SCRIPTS:
            if script.get("type") != "application/json":
                problems.append(f"data script {script.get('id')} is not JSON")
            try:
                json.loads(script.text_content())
            except ValueError as exc:
                problems.append(f"data script {script.get('id')} does not parse: {exc}")
    for element in doc.iter():
        if not isinstance(element.tag, str):
            continue
        for name, value in element.attrib.items():
            if name.lower().startswith("on"):
                problems.append(f"<{element.tag} {name}=...>")
            lowered = "".join(value.split()).lower()
            if name.lower() in URL_ATTRIBUTES and lowered.startswith(("javascript:", "data:")):
                problems.append(f"<{element.tag} {name}={value[:40]!r}>")
    tags = {e.tag for e in doc.iter() if isinstance(e.tag, str)}
    extra = tags - {e.tag for e in ref.iter() if isinstance(e.tag, str)}
    if extra:
        problems.append(f"tags the reference lacks: {sorted(extra)}")
    return problems


def data_records(text: str, script_id: str) -> list[dict]:
    """The JSON records of one data script of the network page."""
    (script,) = [s for s in _document(text).iter("script") if s.get("id") == script_id]
    return json.loads(script.text_content())


def tooltip_text(markup: str) -> tuple[str, list[str]]:
    """(text, problems) of a tooltip's HTML as the browser would build it (innerHTML)."""
    from lxml import html as lhtml

    problems = []
    fragment = lhtml.fragment_fromstring(markup, create_parent="div")
    for element in fragment.iter():
        if not isinstance(element.tag, str) or element.tag not in TOOLTIP_TAGS:
            problems.append(f"tag {element.tag!r} in a tooltip")
        elif element.attrib:
            problems.append(f"attributes {dict(element.attrib)} in a tooltip")
    return fragment.text_content(), problems
