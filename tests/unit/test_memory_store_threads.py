"""The memory store shared by threads (every session of the app uses one): a write publishes a
new graph, and readers that meet it for the first time at once never break each other."""

from __future__ import annotations

import threading

from graph.memory_store import MemoryStore


def test_readers_meeting_a_freshly_published_graph_never_fail():
    store = MemoryStore(None)
    store.apply([{"label": "Actor", "id": f"a{i}", "name": f"A{i}"} for i in range(2000)], [])
    errors: list[str] = []

    def copy_graph() -> None:
        try:
            store.to_networkx()
        except RuntimeError as exc:  # "dictionary changed size during iteration"
            errors.append(str(exc))

    def walk_edges() -> None:  # the first use of the in/out edge views of the new graph
        try:
            store.neighbours("Actor", "a0")
            store.counts()
        except RuntimeError as exc:
            errors.append(str(exc))

    for n in range(60):
        store.apply([{"label": "Actor", "id": f"new{n}", "name": "N"}], [])  # a new graph
        threads = [threading.Thread(target=copy_graph), threading.Thread(target=walk_edges)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert errors == []
    assert store.counts()["nodes"] == {"Actor": 2060}
