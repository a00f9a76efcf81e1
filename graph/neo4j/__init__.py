"""The Neo4j side, one module per job (the server is optional: the embedded store needs none).

* :mod:`graph.neo4j.connect`: a driver from arguments or ``NEO4J_*`` variables;
* :mod:`graph.neo4j.rows`: a ``Node``/``Edge`` as a flat Neo4j property map and back;
* :mod:`graph.neo4j.writer`: ``push`` (idempotent, batched) and the ``DryRunDriver``;
* :mod:`graph.neo4j.backend`: ``Neo4jBackend``, the query protocol answered from the server;
* :mod:`graph.neo4j.guard`: the read-only guard for user-written Cypher (security code).

Statements come from :mod:`graph.cypher`; values travel only in parameters.
"""
