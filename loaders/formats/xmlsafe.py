"""XML read and written safely, for the GraphML and GEXF formats.

Reading: :func:`parse_xml` parses a document with defusedxml (no DTD, no entity, no external
reference: a document with a DOCTYPE is refused before and by the parser) into a plain tree
that the format modules walk themselves, and caps its nesting depth and its number of nodes
and edges (``JEJARING_IMPORT_MAX_DEPTH``, ``JEJARING_IMPORT_MAX_ROWS``). Writing:
:func:`xml_text` refuses a character XML 1.0 cannot hold.
"""

from __future__ import annotations

import io
import re
from typing import Any
from xml.etree import ElementTree

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as defused_etree
from lxml import etree

from loaders.import_records import ERROR, ImportProblem, Parsed
from loaders.limits import Limits

__all__ = ["safe_parser", "parse_xml", "local_name", "xml_text"]

DOCTYPE_REFUSED = "a DOCTYPE (DTD, entities) is not accepted"


def safe_parser() -> etree.XMLParser:
    """An lxml parser that expands no entity, loads no DTD, opens no network connection
    and keeps lxml's limits on depth and text size (no ``huge_tree``)."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def local_name(tag: Any) -> str:
    """The name of an element without its namespace (``node`` for ``{ns}node``)."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def xml_text(value: str) -> str:
    """``value``, or ValueError naming a character XML 1.0 cannot hold."""
    for ch in value:
        code = ord(ch)
        if (
            code < 0x20
            and ch not in "\t\n\r"
            or 0xD800 <= code <= 0xDFFF
            or code in (0xFFFE, 0xFFFF)
        ):
            raise ValueError(f"a value holds a character XML cannot store: U+{code:04X}")
    return value


def _too_large(file: str, message: str) -> ImportProblem:
    return ImportProblem(file, "", None, "", message, ERROR, "too_large")


def _capped_root(data: bytes, file: str, lim: Limits, parsed: Parsed) -> Any:
    """The root element, or None once the document passes a cap (reported in ``parsed``)."""
    root = None
    depth = rows = 0
    for event, el in defused_etree.iterparse(
        io.BytesIO(data),
        events=("start", "end"),
        forbid_dtd=True,
        forbid_entities=True,
        forbid_external=True,
    ):
        if event == "end":
            depth -= 1
            continue
        depth += 1
        if root is None:
            root = el
        if depth > lim.max_depth:
            parsed.problems.append(
                _too_large(
                    file,
                    f"XML nested deeper than {lim.max_depth} levels (JEJARING_IMPORT_MAX_DEPTH)",
                )
            )
            return None
        if local_name(el.tag) in ("node", "edge"):
            rows += 1
            if rows > lim.max_rows:
                parsed.problems.append(
                    _too_large(
                        file,
                        f"more than {lim.max_rows:,} nodes and edges "
                        "(JEJARING_IMPORT_MAX_ROWS): split the file",
                    )
                )
                return None
    if root is None:
        parsed.problems.append(
            ImportProblem(file, "", None, "", "no XML element found", ERROR, "format")
        )
    return root


def parse_xml(data: bytes, file: str, lim: Limits, parsed: Parsed) -> ElementTree.Element | None:
    """The root of an XML document parsed with defusedxml (no DTD, no entity, no external
    reference), with caps on nesting depth and on the number of nodes and edges; None, with
    the problem in ``parsed``, when the document is refused."""
    if re.search(rb"<!DOCTYPE|<!ENTITY", data, re.IGNORECASE):
        parsed.problems.append(ImportProblem(file, "", 1, "", DOCTYPE_REFUSED, ERROR, "format"))
        return None
    try:
        return _capped_root(data, file, lim, parsed)
    except DefusedXmlException:
        parsed.problems.append(ImportProblem(file, "", 1, "", DOCTYPE_REFUSED, ERROR, "format"))
        return None
    except ElementTree.ParseError as exc:
        line, column = getattr(exc, "position", (None, None))
        parsed.problems.append(
            ImportProblem(
                file,
                "",
                line,
                "",
                f"not well-formed XML: {exc} (line {line}, column {column})",
                ERROR,
                "format",
            )
        )
        return None
