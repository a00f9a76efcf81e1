"""Which kind of document is this: minutes or a mandate? (``loaders.reading.genre``)."""

from loaders.reading.genre import classify

__all__ = ["classify"]
