// Report Cypher syntax errors (Neo4j 5 grammar) of a file: line:column: message; exit 1 if any.
const fs = require('fs');
const { lintCypherQuery } = require('@neo4j-cypher/language-support');
const text = fs.readFileSync(process.argv[2], 'utf8');
const result = lintCypherQuery(text, {});
const diags = (result.diagnostics || result).filter(d => d.severity === 1);
for (const d of diags) console.log(`${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.message}`);
process.exit(diags.length ? 1 : 0);
