// Person: everything the graph says about one person — organisations, memberships, meetings
// attended, items presented and mandates given to them.
//
// Parameters (Neo4j Browser: run the :param line first):
//   :param name => 'Åsa Dedering'
// $name  part of the person's name or of one of their aliases, case-insensitive.
MATCH (p:Person)
WHERE toLower(p.name) CONTAINS toLower($name)
   OR any(alias IN coalesce(p.aliases, []) WHERE toLower(alias) CONTAINS toLower($name))
RETURN p.name AS name,
       p.aliases AS aliases,
       [(p)-[a:AFFILIATED_WITH]->(o:Entity) | {organisation: o.name, title: a.title}] AS affiliations,
       [(p)-[mo:MEMBER_OF]->(g:Entity) |
         {group: g.name, kind: g.kind, role: mo.role, organisation: mo.organisation,
          valid_from: mo.valid_from, valid_to: mo.valid_to}] AS memberships,
       [(p)-[at:ATTENDED]->(m:Meeting) |
         {meeting: m.name, date: m.date, organisation: at.organisation, role: at.role}] AS attended,
       [(p)-[:PRESENTED]->(i:AgendaItem) | {item: i.number, title: i.title}] AS presented,
       [(c:Entity)-[cm:COMMISSIONS]->(p) | {by: c.name, task: cm.task, date: cm.date}] AS commissioned_by
ORDER BY name
