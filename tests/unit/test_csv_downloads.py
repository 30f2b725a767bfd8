"""CSV downloads read back as numbers: the byte order mark for Excel, dot decimals rounded,
ids and ranks in the centrality table."""

from __future__ import annotations

import io

import networkx as nx
import pandas as pd
import pytest

from drawing.i18n import t
from exports.tables import DECIMALS, csv_bytes
from queries.centrality import centrality_table, metric_help
from ui.content.centrality import _csv_frame


def _table() -> pd.DataFrame:
    graph = nx.relabel_nodes(nx.karate_club_graph(), lambda n: f"Actor:a{n}")
    for key in graph:
        graph.nodes[key].update(
            id=key[6:], name=f"Aktor {key}", actor_type="cadre", sector="health", level="desa"
        )
    return centrality_table(graph)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_centrality_csv_reads_back_as_numbers_with_ids_and_ranks(lang):
    table = _table()
    metrics = ["degree", "betweenness", "pagerank", "articulation_point"]
    shown = pd.DataFrame({f"c{i}": table["name"] for i in range(4)})
    data = csv_bytes(_csv_frame(table, shown, metrics, lang))
    assert data.startswith(b"\xef\xbb\xbf")  # Excel reads it as UTF-8
    back = pd.read_csv(io.BytesIO(data))
    assert list(back.columns)[0] == t("col.id", lang)  # the mark is not in the header
    assert back[t("col.id", lang)].tolist() == table["id"].tolist()
    betweenness = metric_help("betweenness", lang)[0]
    for column in (betweenness, metric_help("pagerank", lang)[0]):
        assert pd.api.types.is_float_dtype(back[column])
    assert pd.api.types.is_integer_dtype(back[metric_help("degree", lang)[0]])
    rank = back[t("col.rank_of", lang, metric=betweenness)]
    assert pd.api.types.is_integer_dtype(rank) and rank.min() == 1
    assert back.loc[back[betweenness].idxmax(), t("col.rank_of", lang, metric=betweenness)] == 1
    assert set(back[metric_help("articulation_point", lang)[0]]) <= {0, 1}
    text = data.decode("utf-8-sig")
    longest = max(len(cell.partition(".")[2]) for cell in text.replace("\n", ",").split(","))
    assert longest <= DECIMALS  # no 17-digit floats


def test_csv_keeps_names_and_commas_as_text():
    frame = pd.DataFrame({"name": ['Désa, "Mongpok"'], "value": [55.0]})
    back = pd.read_csv(io.BytesIO(csv_bytes(frame)))
    assert back["name"].tolist() == ['Désa, "Mongpok"'] and back["value"].tolist() == [55.0]
