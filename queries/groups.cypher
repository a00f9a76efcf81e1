// Groups: the register of collaboration groups (Network, Council, SteeringGroup, ProcessGroup,
// ProgramArea, WorkingGroup) with who they belong to and where the gaps are.
//
// Parameters (Neo4j Browser: run the :param line first):
//   :param kind => ''
// $kind  one group kind to list (e.g. 'ProcessGroup'), or '' for all of them.
//
// Columns: parent (PART_OF / REPORTS_TO), steered_by (incoming STEERS), mandated_by (incoming
// COMMISSIONS), members (people MEMBER_OF it), municipalities (Dalarna's municipalities seen among
// its members' and meeting attendees' organisations), last_meeting, and gaps: what a register
// would expect and the graph does not show.
MATCH (g:Entity)
WHERE g.kind IN ['Network', 'Council', 'SteeringGroup', 'ProcessGroup', 'ProgramArea', 'WorkingGroup']
  AND ($kind = '' OR g.kind = $kind)
WITH g,
     [(g)-[:PART_OF|REPORTS_TO]->(p:Entity) | p.name] AS parents,
     [(s:Entity)-[:STEERS]->(g) | s.name] AS steered_by,
     [(c:Entity)-[:COMMISSIONS]->(g) | c.name] AS mandated_by,
     COUNT { (person:Person)-[:MEMBER_OF]->(g) } AS members,
     COLLECT {
       MATCH (:Person)-[mo:MEMBER_OF]->(g) WHERE mo.organisation IS NOT NULL RETURN mo.organisation AS o
       UNION
       MATCH (:Person)-[at:ATTENDED]->(:Meeting)-[:HELD_BY]->(g) WHERE at.organisation IS NOT NULL
       RETURN at.organisation AS o
     } AS organisations,
     [(m:Meeting)-[:HELD_BY]->(g) WHERE m.date IS NOT NULL | m.date] AS meeting_dates,
     COUNT { (:Meeting)-[:HELD_BY]->(g) } AS meetings
WITH g, parents, steered_by, mandated_by, members, meetings,
     reduce(last = null, d IN meeting_dates | CASE WHEN last IS NULL OR d > last THEN d ELSE last END)
       AS last_meeting,
     [k IN ['Avesta', 'Borlänge', 'Falun', 'Gagnef', 'Hedemora', 'Leksand', 'Ludvika',
            'Malung-Sälen', 'Mora', 'Orsa', 'Rättvik', 'Smedjebacken', 'Säter', 'Vansbro', 'Älvdalen']
        WHERE any(o IN organisations WHERE toLower(o) CONTAINS toLower(k))] AS municipalities
RETURN g.name AS name,
       g.kind AS kind,
       head(parents) AS parent,
       steered_by,
       mandated_by,
       members,
       size(municipalities) AS municipal_representation,
       municipalities,
       last_meeting,
       meetings,
       [gap IN [
          CASE WHEN size(parents) = 0 THEN 'no parent' END,
          CASE WHEN size(steered_by) = 0 AND g.kind <> 'SteeringGroup' THEN 'no steering group' END,
          CASE WHEN size(mandated_by) = 0 THEN 'no mandate' END,
          CASE WHEN members = 0 THEN 'no members' END,
          CASE WHEN meetings = 0 THEN 'no meetings' END
        ] WHERE gap IS NOT NULL] AS gaps
ORDER BY kind, name
