// Lineage: the history of one matter, oldest first — agenda items and decisions whose title or
// text mentions it, or that CONCERN a node whose name or alias mentions it.
//
// Parameters (Neo4j Browser: run the :param line first):
//   :param query => 'MiniMaria'
// $query  words to look for, case-insensitive (a part of a word is enough).
//
// One row per event: date (the decision's own date if it has one, else its meeting's), the body
// that held the meeting, the document, the item number, kind ('item' or 'decision') and text.
// An event without a date sits where its meeting does; meetings without a date come last.
MATCH (m:Meeting)-[:HAS_ITEM]->(i:AgendaItem)
OPTIONAL MATCH (i)-[:HAS_DECISION]->(d:Decision)
WITH m, i, collect(d) AS decisions
UNWIND [{kind: 'item', event: i}] + [x IN decisions | {kind: 'decision', event: x}] AS row
WITH m, i, row.kind AS kind, row.event AS e
WHERE toLower(coalesce(e.text, e.title, e.name, '')) CONTAINS toLower($query)
   OR EXISTS {
     MATCH (e)-[:CONCERNS]->(t:Entity)
     WHERE toLower(t.name) CONTAINS toLower($query)
        OR any(alias IN coalesce(t.aliases, []) WHERE toLower(alias) CONTAINS toLower($query))
   }
OPTIONAL MATCH (m)-[:HELD_BY]->(body:Entity)
WITH m, i, kind, e, head(collect(body.name)) AS body
RETURN coalesce(e.date, m.date) AS date,
       m.date AS meeting_date,
       body,
       coalesce(m.document, head([(m)-[:FROM_DOCUMENT]->(doc:Document) | doc.name])) AS document,
       i.number AS item,
       kind,
       coalesce(e.text, e.title, e.name) AS text
ORDER BY coalesce(date, meeting_date), meeting_date, document,
         coalesce(toInteger(item),
                  CASE WHEN size(item) > 1 THEN toInteger(left(item, size(item) - 1)) END, 9999),
         item, kind DESC
