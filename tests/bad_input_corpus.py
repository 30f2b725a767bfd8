"""A corpus of malformed import files, made in memory (nothing large is committed).

Each case is the files of one import, and what its first error must say: the file it names,
words of the message, and (where a row or a column applies) the row and column. The unit
tests run it against the memory store, the integration tests against Neo4j too.
"""

from __future__ import annotations

import functools
import io
import json
import random
import zipfile
from dataclasses import dataclass
from typing import Any

from tests.import_support import CONNECTIONS_HEADER, ELEMENTS_HEADER, GOOD_ELEMENTS, TEMPLATES

JUNK_BYTES = 10_000_000


@dataclass(frozen=True)
class Case:
    files: list[tuple[str, bytes]]
    file: str  # the file the error names
    words: str  # words of its message
    row: int | None = None
    column: str | None = None
    kind: str | None = None
    env: dict[str, str] | None = None  # settings the case runs under


def _csv(lines: list[str], encoding: str = "utf-8") -> bytes:
    return ("\n".join(lines) + "\n").encode(encoding)


def example_xlsx() -> bytes:
    return (TEMPLATES / "contoh_desa_fiktif.xlsx").read_bytes()


def _rezip(data: bytes, change: dict[str, bytes]) -> bytes:
    """A copy of the zip ``data`` whose members in ``change`` have new content."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            dst.writestr(info.filename, change.get(info.filename, src.read(info.filename)))
    return out.getvalue()


def zip_bomb(*, office: bool, megabytes: int = 64) -> bytes:
    """A small zip (~64 kB per 64 MB) with one member of ``megabytes`` of one repeated byte;
    ``office`` makes it look like an XLSX workbook."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        if office:
            zf.writestr("[Content_Types].xml", "<Types/>")
            member = "xl/worksheets/sheet1.xml"
        else:
            zf.writestr("nodes.csv", "id,label,name\n")
            member = "edges.csv"
        with zf.open(member, "w") as fh:
            chunk = b"0" * (1 << 20)
            for _ in range(megabytes):
                fh.write(chunk)
    return out.getvalue()


def stored_members(count: int, size: int) -> bytes:
    """A zip of CSV members stored without compression (no ratio to catch): its total size
    is what a cap on unpacked bytes has to stop."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as zf:
        for i in range(count):
            zf.writestr(f"part{i}.csv", b"id,label,name\n" + b"a" * size)
    return out.getvalue()


def junk(seed: int = 8) -> bytes:
    return random.Random(seed).randbytes(JUNK_BYTES)


def graphml(nodes: list[str], edges: list[tuple[str, str, str]]) -> bytes:
    body = "".join(
        f'<node id="{n}"><data key="l">Actor</data><data key="t">cadre</data>'
        f'<data key="s">health</data><data key="v">desa</data><data key="n">{n}</data></node>'
        for n in nodes
    )
    body += "".join(
        f'<edge source="{s}" target="{t}"><data key="ty">{ty}</data></edge>' for s, t, ty in edges
    )
    keys = "".join(
        f'<key id="{k}" for="{d}" attr.name="{name}" attr.type="string"/>'
        for k, d, name in (
            ("l", "node", "node_label"),
            ("t", "node", "actor_type"),
            ("s", "node", "sector"),
            ("v", "node", "level"),
            ("n", "node", "name"),
            ("ty", "edge", "type"),
        )
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<graphml xmlns="http://graphml.graphdrawing.org/xmlns">{keys}'
        f'<graph edgedefault="directed">{body}</graph></graphml>'
    ).encode()


def node_link(nodes: list[dict[str, Any]], links: list[dict[str, Any]]) -> bytes:
    return json.dumps({"directed": True, "nodes": nodes, "links": links}).encode()


def _actor(key: str) -> dict[str, Any]:
    return {
        "id": f"Actor:{key}",
        "label": "Actor",
        "name": key,
        "actor_type": "cadre",
        "sector": "health",
        "level": "desa",
    }


BILLION_LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'.encode()
        for i in range(1, 10)
    )
    + b']>\n<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph>&lol9;</graph></graphml>'
)
EXTERNAL_ENTITY = (
    b'<?xml version="1.0"?>\n<!DOCTYPE gexf [<!ENTITY secret SYSTEM "file:///etc/passwd">]>\n'
    b'<gexf xmlns="http://gexf.net/1.3" version="1.3"><graph><nodes>'
    b'<node id="a" label="&secret;"/></nodes></graph></gexf>'
)
PLACES = [
    "p1,Place,Desa Satu,desa,,,s,A,1",
    "p2,Place,Kecamatan Dua,kecamatan,,,s,A,2",
    "p3,Place,Kabupaten Tiga,kabupaten,,,s,A,3",
]


@functools.cache
def corpus() -> dict[str, Case]:
    """Every class of bad input, one case each (some classes in several formats)."""
    xlsx = example_xlsx()
    eh, ch = ELEMENTS_HEADER, CONNECTIONS_HEADER
    good_nodes = _csv([eh, *GOOD_ELEMENTS])
    cases = {
        "truncated_xlsx": Case(
            [("desa.xlsx", xlsx[: len(xlsx) // 2])], "desa.xlsx", "truncated or damaged"
        ),
        "xlsx_without_content_types": Case(
            [("desa.xlsx", stored_members(1, 10))],
            "desa.xlsx",
            "without [Content_Types].xml",
        ),
        "xlsx_with_dtd_inside": Case(
            [
                (
                    "desa.xlsx",
                    _rezip(
                        xlsx,
                        {
                            "xl/workbook.xml": b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY x '
                            b'SYSTEM "file:///etc/passwd">]><workbook>&x;</workbook>'
                        },
                    ),
                )
            ],
            "desa.xlsx",
            "part 'xl/workbook.xml' has a DOCTYPE (DTD, entities)",
        ),
        "wrong_delimiter_header": Case(
            [("elemen.csv", _csv(["id|label|name", "a|Actor|A"]))],
            "elemen.csv",
            "the header is a single column",
            1,
            "id|label|name",
            "delimiter",
        ),
        "wrong_delimiter_rows": Case(
            [("elemen.csv", _csv([eh, GOOD_ELEMENTS[0], GOOD_ELEMENTS[1].replace(",", ";")]))],
            "elemen.csv",
            "separated by ';' while the header is separated by ','",
            3,
            "id",
            "delimiter",
        ),
        "mixed_encodings": Case(
            [
                (
                    "elemen.csv",
                    _csv([eh, "kader_a,Actor,Kader Dürü,cadre,health,desa,s,A,1"])
                    + _csv(["kader_b,Actor,Kader Sünü,cadre,health,desa,s,A,2"], "cp1252"),
                )
            ],
            "elemen.csv",
            "mixed encodings: line 3 is not UTF-8 while line 2 is",
            3,
            None,
            "encoding",
        ),
        "broken_utf16": Case(
            [("elemen.csv", b"\xff\xfe" + "id,label\n".encode("utf-16-le") + b"\x00")],
            "elemen.csv",
            "byte-order mark",
            None,
            None,
            "encoding",
        ),
        "duplicate_ids_csv": Case(
            [
                (
                    "elemen.csv",
                    _csv([eh, *GOOD_ELEMENTS, "kader_a,Actor,Lagi,cadre,health,desa,s,A,9"]),
                )
            ],
            "elemen.csv",
            "duplicate id Actor:kader_a (first at elemen.csv, row 2)",
            4,
            "id",
            "duplicate_id",
        ),
        "duplicate_ids_graphml": Case(
            [("g.graphml", graphml(["a", "b", "a"], []))],
            "g.graphml",
            "duplicate id Actor:a",
            3,
            "id",
            "duplicate_id",
        ),
        "part_of_cycle": Case(
            [
                ("elemen.csv", _csv([eh, *PLACES])),
                (
                    "hubungan.csv",
                    _csv(
                        [
                            ch,
                            "p1,p2,PART_OF,,,s,A,4",
                            "p2,p3,PART_OF,,,s,A,5",
                            "p3,p1,PART_OF,,,s,A,6",
                        ]
                    ),
                ),
            ],
            "hubungan.csv",
            "PART_OF would make a cycle: ",
            4,
            "type",
            "cycle",
        ),
        "part_of_itself": Case(
            [
                ("elemen.csv", _csv([eh, *PLACES])),
                ("hubungan.csv", _csv([ch, "p2,p2,PART_OF,,,s,A,4"])),
            ],
            "hubungan.csv",
            "PART_OF would make a cycle: Place:p2 -> Place:p2",
            2,
            "type",
            "cycle",
        ),
        "link_to_missing_node_csv": Case(
            [
                ("elemen.csv", good_nodes),
                ("hubungan.csv", _csv([ch, "kader_a,hantu,LEADS,,,s,A,3"])),
            ],
            "hubungan.csv",
            "'hantu', which is neither in the file nor in the store",
            2,
            "to",
            "missing_node",
        ),
        "link_to_missing_node_json": Case(
            [
                (
                    "g.json",
                    node_link(
                        [_actor("a")],
                        [{"source": "Actor:a", "target": "Actor:hantu", "type": "LEADS"}],
                    ),
                )
            ],
            "g.json",
            "Actor:hantu, which is neither in the file nor in the store",
            1,
            "to",
            "missing_node",
        ),
        "junk_csv": Case([("junk.csv", junk())], "junk.csv", "not a text (CSV) file"),
        "junk_xlsx": Case([("junk.xlsx", junk())], "junk.xlsx", "not a zip archive"),
        "junk_json": Case([("junk.json", junk())], "junk.json", "not a JSON file"),
        "junk_graphml": Case([("junk.graphml", junk())], "junk.graphml", "no XML root element"),
        "junk_no_extension": Case([("unduhan", junk())], "unduhan", "unknown file type"),
        "too_large": Case(
            [("besar.csv", good_nodes + b"x" * 2_000)],
            "besar.csv",
            "larger than 1,000 bytes",
            env={"JEJARING_IMPORT_MAX_BYTES": "1000"},
        ),
        "zip_bomb_xlsx": Case(
            [("bom.xlsx", zip_bomb(office=True))], "bom.xlsx", "refused as a possible zip bomb"
        ),
        "zip_bomb_csv_zip": Case(
            [("bom.zip", zip_bomb(office=False))], "bom.zip", "refused as a possible zip bomb"
        ),
        "zip_unpacks_too_much": Case(
            [("besar.zip", stored_members(4, 600_000))],
            "besar.zip",
            "unpacks to more than 2,000,000 bytes",
            env={"JEJARING_IMPORT_MAX_UNPACKED": "2000000"},
        ),
        "zip_member_outside": Case(
            [("jalur.zip", _zip({"../../etc/cron.d/x.csv": good_nodes}))],
            "jalur.zip",
            "member path outside the archive",
        ),
        "too_many_rows": Case(
            [
                (
                    "elemen.csv",
                    _csv([eh] + [f"k{i},Actor,K {i},cadre,health,desa,s,A,1" for i in range(30)]),
                )
            ],
            "elemen.csv",
            "more than 20 rows",
            22,
            None,
            "too_large",
            env={"JEJARING_IMPORT_MAX_ROWS": "20"},
        ),
        "too_many_columns": Case(
            [("elemen.csv", _csv([",".join(f"c{i}" for i in range(300)), "a"]))],
            "elemen.csv",
            "300 columns: at most 200",
            1,
            None,
            "too_large",
        ),
        "too_many_columns_xlsx": Case(
            [("lebar.xlsx", workbook([["id", "label", "name", *(f"c{i}" for i in range(250))]]))],
            "lebar.xlsx",
            "more than 200 columns",
            1,
            None,
            "too_large",
        ),
        "too_many_rows_xlsx": Case(
            [
                (
                    "panjang.xlsx",
                    workbook(
                        [["id", "label", "name"]]
                        + [[f"k{i}", "Actor", f"K {i}"] for i in range(30)]
                    ),
                )
            ],
            "panjang.xlsx",
            "more than 20 rows",
            22,
            None,
            "too_large",
            env={"JEJARING_IMPORT_MAX_ROWS": "20"},
        ),
        "deep_json": Case(
            [("g.json", b'{"nodes": [{"id": "x", "a": ' + b"[" * 5000 + b"]" * 5000 + b"}]}")],
            "g.json",
            "JSON nested deeper than 64 levels",
        ),
        "deep_xml": Case(
            [
                (
                    "g.gexf",
                    b'<?xml version="1.0"?><gexf xmlns="http://gexf.net/1.3"><graph>'
                    + b"<a>" * 5000
                    + b"</a>" * 5000
                    + b"</graph></gexf>",
                )
            ],
            "g.gexf",
            "XML nested deeper than 64 levels",
        ),
        "xml_external_entity": Case(
            [("g.gexf", EXTERNAL_ENTITY)], "g.gexf", "DOCTYPE (DTD, entities) is not accepted"
        ),
        "billion_laughs": Case(
            [("g.graphml", BILLION_LAUGHS)], "g.graphml", "DOCTYPE (DTD, entities) is not accepted"
        ),
        "content_not_extension": Case(
            [("elemen.csv", graphml(["a"], []))],
            "elemen.csv",
            "named .csv but the content is a GraphML file",
        ),
        "unknown_extension": Case(
            [("setup.exe", b"MZ\x90\x00")], "setup.exe", "files named .exe are not imported"
        ),
        "empty_file": Case([("kosong.csv", b" \n\n")], "kosong.csv", "the file is empty"),
    }
    return cases


def workbook(rows: list[list[Any]]) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "elemen"
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, body in members.items():
            zf.writestr(name, body)
    return out.getvalue()


def store_hash(store) -> tuple[dict[str, dict[str, int]], str]:
    """The store's counts and a hash of every node and relationship with its properties."""
    import hashlib

    g = store.to_networkx()
    text = json.dumps(
        [
            sorted(
                (str(k), json.dumps(d, sort_keys=True, default=str)) for k, d in g.nodes(data=True)
            ),
            sorted(
                (f"{u}|{v}|{k}", json.dumps(d, sort_keys=True, default=str))
                for u, v, k, d in g.edges(keys=True, data=True)
            ),
        ]
    )
    return store.counts(), hashlib.sha256(text.encode()).hexdigest()
