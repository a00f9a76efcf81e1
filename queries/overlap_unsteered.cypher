// Who sits where (3/3): process groups, LPO and working groups connected to no steering body: no
// way up (REPORTS_TO, PART_OF outwards; STEERS, COMMISSIONS inwards) of at most 6 steps reaches a
// steering group, a network or a council.
//
// Parameters (Neo4j Browser: run the :param line first):
//   :param kind => ''
// $kind  one group kind to check (e.g. 'WorkingGroup'), or '' for all three.
//
// One row per group: its name and kind, and what the graph shows above it (if anything).
MATCH (g:Entity)
WHERE g.kind IN ['ProcessGroup', 'ProgramArea', 'WorkingGroup'] AND ($kind = '' OR g.kind = $kind)
  AND NOT EXISTS {
    MATCH chain = (g)-[steps:REPORTS_TO|PART_OF|STEERS|COMMISSIONS*1..6]-(top:Entity)
    WHERE top.kind IN ['SteeringGroup', 'Network', 'Council']
      AND all(i IN range(0, size(steps) - 1) WHERE
            (type(steps[i]) IN ['REPORTS_TO', 'PART_OF'] AND startNode(steps[i]) = nodes(chain)[i])
         OR (type(steps[i]) IN ['STEERS', 'COMMISSIONS'] AND endNode(steps[i]) = nodes(chain)[i]))
  }
RETURN g.name AS group_name,
       g.kind AS kind,
       [(g)-[:REPORTS_TO|PART_OF]->(up:Entity) | up.name] + [(up:Entity)-[:STEERS|COMMISSIONS]->(g) | up.name]
         AS above
ORDER BY kind, group_name
