// docs/ci.md's GitHub Actions workflow, tested as far as can be offline: the YAML parses (the npm `yaml`
// package), the qnnv step's command line runs (the core's CLI, on the repository's fixtures), and the SARIF
// file it writes (what upload-sarif would send) is valid SARIF 2.1.0 with located results.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

import Ajv from 'ajv-draft-04';  // the SARIF 2.1.0 schema is JSON Schema draft-04
import addFormats from 'ajv-formats';
import YAML from 'yaml';

import { runCommandLine } from '../../wasm/qnnv.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);

function workflow() {
  const doc = fs.readFileSync(path.join(ROOT, 'docs/ci.md'), 'utf8');
  const blocks = [...doc.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]);
  assert.equal(blocks.length, 1, 'docs/ci.md has one workflow');
  return YAML.parse(blocks[0], { strict: true, prettyErrors: true });
}

// The shell words of a run: line (single quotes only, as the documented command uses).
function words(line) {
  return [...line.matchAll(/'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2]);
}

test('the workflow parses and uploads the file the qnnv step writes', () => {
  const wf = workflow();
  assert.equal(wf.permissions['security-events'], 'write');
  const steps = Object.values(wf.jobs)[0].steps;
  const qnnv = steps.find((s) => typeof s.run === 'string' && /\bqnnv\b/.test(s.run));
  const upload = steps.find((s) => String(s.uses).startsWith('github/codeql-action/upload-sarif'));
  assert.ok(qnnv && upload);
  const args = words(qnnv.run);
  assert.equal(args[args.indexOf('-o') + 1], upload.with.sarif_file);
  assert.equal(upload.if, 'always()');
});

test('the qnnv step, run on the fixtures, writes SARIF that validates', async () => {
  const args = words(workflow().jobs.qnnv.steps.find((s) => /\bqnnv\b/.test(s.run ?? '')).run);
  const cli = args.slice(args.indexOf('validate'));
  // the repository's graphs stand in for models/**/*.qnnv.json; -o goes to memory
  const pattern = cli.findIndex((a) => a.includes('*'));
  cli[pattern] = 'tests/fixtures/**/*__*.json';
  const out = [];
  const status = await runCommandLine(cli, {
    readFile: (p) => fs.readFileSync(path.resolve(ROOT, p)),
    listDir: (d) => { try { return fs.readdirSync(path.resolve(ROOT, d || '.')); } catch (_) { return []; } },
    openOutput: (p) => assert.equal(p, 'qnnv.sarif'),
    write: (b) => out.push(Buffer.from(b)),
    closeOutput: () => '',
    writeStderr: (b) => process.stderr.write(b),
    isTerminal: () => false,
  });
  assert.ok(status === 0 || status === 1, `exit ${status}`);
  const log = JSON.parse(Buffer.concat(out).toString());
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false })  // the schema's language pattern is not valid with the u flag;
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(fs.readFileSync(
    require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8')));
  assert.ok(validate(log), JSON.stringify(validate.errors, null, 1));
  const files = new Set(log.runs[0].results.map((r) => r.locations[0].physicalLocation.artifactLocation.uri));
  assert.ok(files.size >= 2, `results from several graphs: ${[...files].join(', ')}`);
});
