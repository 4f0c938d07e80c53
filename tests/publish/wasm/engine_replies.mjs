// node engine_replies.mjs ASSESSMENT_JS BANK POLICY REQUESTS
//
// Loads the assessment engine as published (assessment.js, WebAssembly) with the bank and
// policy files, sends it each line of REQUESTS (one JSON request a line) and prints each
// reply on a line of its own, for wasm_conformance_test.cpp to compare with the native
// engine. Exit 1 when the engine does not load.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const [script, bankFile, policyFile, requestsFile] = process.argv.slice(2);
const require = createRequire(import.meta.url);
const engine = await require(script)();
const loaded = JSON.parse(
  engine.ccall("waymark_load", "string", ["string", "string"], [readFileSync(bankFile, "utf8"), readFileSync(policyFile, "utf8")]),
);
if (!loaded.ok) {
  console.error(loaded.error);
  process.exit(1);
}
const out = [];
for (const line of readFileSync(requestsFile, "utf8").split("\n"))
  if (line.trim()) out.push(engine.ccall("waymark_call", "string", ["string"], [line]));
process.stdout.write(out.join("\n") + "\n");
