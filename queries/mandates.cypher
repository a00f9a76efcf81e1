// Mandates: who COMMISSIONS, STEERS or REPORTS_TO whom around one body or person,
// and the chain upwards from it (what it reports to, is part of, or is steered or commissioned by).
//
// Parameters (Neo4j Browser: run the :param line first):
//   :param name => 'Processgrupp primärvård'
// $name  part of the node's name or of one of its aliases, case-insensitive;
//        '' lists every node that takes part in a mandate.
//
// One row per matching node: its direct mandate relationships (direction seen from the node)
// and every chain upwards of at most 6 steps that ends at the top (or at 6 steps).
MATCH (n:Entity)
WHERE toLower(n.name) CONTAINS toLower($name)
   OR any(alias IN coalesce(n.aliases, []) WHERE toLower(alias) CONTAINS toLower($name))
OPTIONAL MATCH (n)-[r:COMMISSIONS|STEERS|REPORTS_TO]-(other:Entity)
WITH n, collect(CASE WHEN r IS NULL THEN null ELSE {
    direction: CASE WHEN startNode(r) = n THEN 'out' ELSE 'in' END,
    type: type(r),
    other: other.name,
    other_kind: other.kind,
    date: r.date,
    task: r.task
  } END) AS mandates
WHERE $name <> '' OR size(mandates) > 0
OPTIONAL MATCH chain = (n)-[steps:REPORTS_TO|PART_OF|STEERS|COMMISSIONS*1..6]-(top:Entity)
WHERE all(i IN range(0, size(steps) - 1) WHERE
        (type(steps[i]) IN ['REPORTS_TO', 'PART_OF'] AND startNode(steps[i]) = nodes(chain)[i])
     OR (type(steps[i]) IN ['STEERS', 'COMMISSIONS'] AND endNode(steps[i]) = nodes(chain)[i]))
  AND (size(steps) = 6
       OR (NOT EXISTS { (top)-[:REPORTS_TO|PART_OF]->(:Entity) }
           AND NOT EXISTS { (:Entity)-[:STEERS|COMMISSIONS]->(top) }))
WITH n, mandates,
     collect(CASE WHEN chain IS NULL THEN null ELSE
       [step IN range(0, size(steps) - 1) | type(steps[step]) + ' ' + nodes(chain)[step + 1].name]
     END) AS chains_upwards
RETURN n.name AS name, n.kind AS kind, mandates, chains_upwards
ORDER BY name
