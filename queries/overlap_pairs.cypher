// Who sits where (2/3): pairs of collaboration groups that share people (members, or present at
// the groups' meetings), with the share of their people that is common (Jaccard).
//
// Parameters (Neo4j Browser: run the :param line first):
//   :param min_shared => 1
// $min_shared  the fewest people two groups must share to be listed.
//
// One row per pair: the two groups, how many people they share and who, and the share.
MATCH (p:Person)
WITH p, COLLECT {
  MATCH (p)-[:MEMBER_OF]->(g:Entity)
  WHERE g.kind IN ['Council', 'Network', 'SteeringGroup', 'ProcessGroup', 'ProgramArea', 'WorkingGroup']
  RETURN g
  UNION
  MATCH (p)-[:ATTENDED]->(:Meeting)-[:HELD_BY]->(g:Entity)
  WHERE g.kind IN ['Council', 'Network', 'SteeringGroup', 'ProcessGroup', 'ProgramArea', 'WorkingGroup']
  RETURN g
} AS groups
UNWIND groups AS a
UNWIND groups AS b
WITH a, b, p
WHERE a.id < b.id
WITH a, b, collect(DISTINCT p) AS people
WHERE size(people) >= $min_shared
WITH a, b, people,
     COUNT {
       MATCH (x:Person)
       WHERE EXISTS { (x)-[:MEMBER_OF]->(a) } OR EXISTS { (x)-[:ATTENDED]->(:Meeting)-[:HELD_BY]->(a) }
          OR EXISTS { (x)-[:MEMBER_OF]->(b) } OR EXISTS { (x)-[:ATTENDED]->(:Meeting)-[:HELD_BY]->(b) }
     } AS everyone
RETURN a.name AS group_a,
       b.name AS group_b,
       size(people) AS shared,
       [x IN people | x.name] AS people,
       round(toFloat(size(people)) / everyone, 3) AS share
ORDER BY shared DESC, share DESC, group_a, group_b
