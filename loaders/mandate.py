"""Mandates: the reader's lines -> MandateRecord. The stages live in ``loaders.reading``."""

from loaders.reading.mandate import read_mandate as parse_mandate

__all__ = ["parse_mandate"]
