"""Loaders: readers per file format (txt, md, pdf, docx -> numbered lines) and parsers per document
kind (minutes, mandates -> typed records), then records -> graph fragments -> resolved graph."""
