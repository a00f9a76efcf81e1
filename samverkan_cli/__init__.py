"""The ``samverkan`` command line: a thin argparse layer over the library (the top layer).

    samverkan ingest PATH... | export | forget FILE | status     (store_commands)
    samverkan lineage | mandates | groups | person               (query_commands)
    samverkan push | cypher                                      (neo4j_commands)

Every command is a function ``args -> exit status`` that calls ``loaders``, ``queries`` or
``graph``; :func:`samverkan_cli.main.run` is the one place where an error becomes a message.
"""
