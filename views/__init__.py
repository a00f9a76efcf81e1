"""The pages of the Streamlit app (``app.py`` registers them with ``st.navigation``).

Each page module is a script with a ``render()`` function; ``common`` holds what they share (the
store, the backend, cached queries, Swedish labels, escaping), and the modules without a page of
their own (``graphmap``, ``uploads``) are plain Python that the tests and benchmarks call directly.
"""
