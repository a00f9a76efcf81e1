"""Minutes: the reader's lines -> MinutesRecord. The stages live in ``loaders.reading``."""

from loaders.reading.minutes import read_minutes as parse_minutes

__all__ = ["parse_minutes"]
