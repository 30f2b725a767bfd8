"""The Neo4j backend: every Cypher text of the product lives in this package.

The store (reads and writes), the named questions' Cypher, the console's guard, the GDS
calls and the Cypher script export. Code outside ``graph/`` reaches Neo4j only through the
``GraphStore`` protocol.
"""
