// node validate.js MODULES_DIR STATEMENTS.json
// Validates every statement of a JSON array with Learning Locker's xapi-validation and
// prints each problem as "statement N (id): path: message". Exit 0 when all are valid,
// 1 when any is not, 2 when the file cannot be read.
'use strict';
const path = require('path');
const fs = require('fs');

const [modules, file] = process.argv.slice(2);
const validate = require(path.join(modules, 'node_modules', 'xapi-validation')).default;

let statements;
try {
  statements = JSON.parse(fs.readFileSync(file, 'utf8'));
} catch (e) {
  console.error(`${file}: ${e.message}`);
  process.exit(2);
}
if (!Array.isArray(statements)) {
  console.error(`${file}: expected a JSON array of statements`);
  process.exit(2);
}
let bad = 0;
statements.forEach((statement, i) => {
  const warnings = validate(statement);
  for (const w of warnings) {
    bad += 1;
    const where = (w.path || []).join('.');
    console.log(`statement ${i} (${statement && statement.id}): ${where}: ${w.message || w.constructor.name}`);
  }
});
console.log(`${statements.length} statements, ${bad} problems`);
process.exit(bad === 0 ? 0 : 1);
