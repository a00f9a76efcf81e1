"""The query layer: who mandates whom, where a decision comes from, which groups exist.

Every function takes a :class:`graph.backend.GraphBackend` first and returns a typed answer
(:mod:`queries.models`) whose facts carry their sources.
"""

from queries.backend import EmbeddedBackend
from queries.groups import groups
from queries.lineage import lineage
from queries.mandates import mandates
from queries.person import person

__all__ = ["EmbeddedBackend", "groups", "lineage", "mandates", "person"]
