// Who sits where (1/3): people who sit in many collaboration groups, as members (MEMBER_OF) or
// present at the groups' meetings (ATTENDED a Meeting HELD_BY the group). queries/overlap.py asks
// the same of the embedded store, with brokers by betweenness (which needs Graph Data Science here).
//
// Parameters (Neo4j Browser: run the :param line first):
//   :param min_groups => 2
// $min_groups  the fewest groups a person must sit in to be listed.
//
// One row per person: how many groups, and their names.
MATCH (p:Person)
WITH p, COLLECT {
  MATCH (p)-[:MEMBER_OF]->(g:Entity)
  WHERE g.kind IN ['Council', 'Network', 'SteeringGroup', 'ProcessGroup', 'ProgramArea', 'WorkingGroup']
  RETURN g.name AS name
  UNION
  MATCH (p)-[:ATTENDED]->(:Meeting)-[:HELD_BY]->(g:Entity)
  WHERE g.kind IN ['Council', 'Network', 'SteeringGroup', 'ProcessGroup', 'ProgramArea', 'WorkingGroup']
  RETURN g.name AS name
} AS groups
WHERE size(groups) >= $min_groups
RETURN p.name AS person, size(groups) AS group_count, groups
ORDER BY group_count DESC, person
