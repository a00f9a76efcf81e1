"""The query layer: who mandates whom, where a decision comes from, which groups exist.

Every function takes a :class:`graph.backend.GraphBackend` first (``graph.embedded.EmbeddedBackend``
or ``graph.neo4j.backend.Neo4jBackend``) and returns a typed answer (:mod:`queries.models`) whose
facts carry their sources.
"""

from queries.groups import groups
from queries.lineage import lineage
from queries.mandates import mandates
from queries.person import person

__all__ = ["groups", "lineage", "mandates", "person"]
