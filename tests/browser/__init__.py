"""The real-browser test of the app and what the app tests share (a demo store with a hostile document)."""
