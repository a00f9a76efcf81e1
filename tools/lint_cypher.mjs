// Lint Cypher statements offline with Neo4j's own linter (@neo4j-cypher/language-support).
//
// stdin:  {"schema": {"labels": [...], "relationshipTypes": [...], "propertyKeys": [...]},
//          "statements": [{"name": "...", "query": "...", "parameters": {...}}]}
//         or just the list of statements, with the schema from `--schema FILE` (a JSON file
//         holding {"labels", "relationshipTypes", "propertyKeys"}); tests/test_cypher_lint.py
//         builds the schema from graph.models (NodeKind + Entity + Meta, EdgeType, property keys).
// stdout: [{"name": "...", "diagnostics": [{"severity": 1, "message": "...", "offsets": {...}}]}]
//
// severity 1 = error (syntax, semantics, undefined parameter, unknown function or procedure),
// 2 = warning (e.g. a label, type or property key not in the schema).
// Functions are checked against the linter's own list of Neo4j's built-in functions; no
// procedures are declared, so every procedure call is reported as an error.
import { readFileSync } from 'node:fs';
import { lintCypherQuery, testData } from '@neo4j-cypher/language-support';

function readStdin() {
  return new Promise((resolve, reject) => {
    const chunks = [];
    process.stdin.on('data', (c) => chunks.push(c));
    process.stdin.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    process.stdin.on('error', reject);
  });
}

function builtInFunctions() {
  const out = {};
  for (const [version, registry] of Object.entries(testData.mockSchema.functions ?? {})) {
    out[version] = Object.fromEntries(
      Object.entries(registry).filter(([, fn]) => fn.isBuiltIn === true),
    );
  }
  return out;
}

const input = JSON.parse(await readStdin());
const statements = Array.isArray(input) ? input : input.statements;
const schemaArg = process.argv.indexOf('--schema');
const schema =
  schemaArg > 0
    ? JSON.parse(readFileSync(process.argv[schemaArg + 1], 'utf8'))
    : Array.isArray(input)
      ? {}
      : (input.schema ?? {});
const functions = builtInFunctions();
const procedures = Object.fromEntries(Object.keys(functions).map((v) => [v, {}]));

const results = statements.map(({ name, query, parameters }) => {
  const dbSchema = {
    ...schema,
    functions,
    procedures,
    parameters: parameters ?? {},
  };
  const { diagnostics } = lintCypherQuery(query, dbSchema);
  return {
    name,
    diagnostics: diagnostics.map((d) => ({
      severity: d.severity,
      message: d.message,
      offsets: d.offsets,
    })),
  };
});
process.stdout.write(JSON.stringify(results, null, 1) + '\n');
