// The CI outputs as their consumers check them: SARIF 2.1.0 against the official JSON schema (shipped in
// the npm package @microsoft/jest-sarif, validated with ajv), JUnit against the common (Jenkins) JUnit XSD
// (shipped in the npm package junit-processor, validated with Debian's xmllint). Both CLIs, every fixture.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

import Ajv from 'ajv-draft-04';  // the SARIF 2.1.0 schema is JSON Schema draft-04
import addFormats from 'ajv-formats';

import { runCommandLine } from '../../wasm/qnnv.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);
const SARIF_SCHEMA = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
const JUNIT_XSD = path.join(path.dirname(require.resolve('junit-processor/package.json')), 'schemas/jenkins-junit.xsd');

const FIXTURES = [
  'tests/fixtures/tiny_decoder__16a4w_block.json',
  'tests/fixtures/mobilenet_v2__8a8w.json',
  ...fs.readdirSync(path.join(ROOT, 'tests/fixtures/configs')).filter((f) => f.endsWith('.json')).sort()
    .map((f) => `tests/fixtures/configs/${f}`),
];

// The CLIs to check: the core's command line in this process (what wasm/cli.mjs runs; one process is much
// faster than a node start per run), and the native one when the suite is given it (scripts/test.sh).
const CLIS = [['wasm', null]];
if (process.env.QNNV_CLI) CLIS.push(['native', [process.env.QNNV_CLI]]);

// A CommandLineHost over memory: files are read from ROOT, outputs collected.
function memoryHost() {
  const out = [];
  const err = [];
  return {
    out, err,
    readFile(p) {
      try {
        return fs.readFileSync(path.resolve(ROOT, p));
      } catch (e) {
        throw { reason: e.code };  // eslint-disable-line no-throw-literal
      }
    },
    listDir(d) {
      try {
        return fs.readdirSync(path.resolve(ROOT, d || '.'));
      } catch (_) {
        return [];
      }
    },
    openOutput() {},
    write(bytes) { out.push(Buffer.from(bytes)); },
    closeOutput() { return ''; },
    writeStderr(bytes) { err.push(Buffer.from(bytes)); },
    isTerminal() { return false; },
  };
}

async function run(cli, args) {
  if (cli === null) {
    const host = memoryHost();
    const status = await runCommandLine(args, host);
    return { status, stdout: Buffer.concat(host.out).toString(), stderr: Buffer.concat(host.err).toString() };
  }
  const r = spawnSync(cli[0], [...cli.slice(1), ...args], { cwd: ROOT, maxBuffer: 1 << 28 });
  return { status: r.status, stdout: r.stdout.toString(), stderr: r.stderr.toString() };
}

function sarifValidator() {
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false })  // the schema's language pattern is not valid with the u flag;
  addFormats(ajv);
  const schema = JSON.parse(fs.readFileSync(SARIF_SCHEMA, 'utf8'));
  return ajv.compile(schema);
}

test('the SARIF schema really rejects what GitHub refuses (a relative helpUri)', () => {
  const validate = sarifValidator();
  const bad = {
    version: '2.1.0',
    runs: [{ tool: { driver: { name: 'x', rules: [{ id: 'r', helpUri: 'docs/rules.md#r' }] } }, results: [] }],
  };
  assert.equal(validate(bad), false);
  bad.runs[0].tool.driver.rules[0].helpUri = 'https://example.org/docs/rules.md#r';
  assert.equal(validate(bad), true, JSON.stringify(validate.errors));
});

for (const [name, cli] of CLIS) {
  test(`${name} CLI: SARIF of every fixture, strict and not, is valid SARIF 2.1.0 with located results`, async () => {
    const validate = sarifValidator();
    let results = 0;
    for (const f of FIXTURES) {
      for (const extra of [['--soc', 'SM8350'], ['--soc', 'SM8350', '--no-strict'], []]) {
        const r = await run(cli, ['validate', f, '--format', 'sarif', ...extra]);
        assert.ok(r.status === 0 || r.status === 1, `${f}: ${r.stderr}`);
        const log = JSON.parse(r.stdout);
        assert.ok(validate(log), `${f} ${extra.join(' ')}: ${JSON.stringify(validate.errors, null, 1)}`);
        for (const res of log.runs[0].results) {
          const loc = res.locations[0].physicalLocation;
          assert.equal(loc.artifactLocation.uri, f);
          assert.ok(loc.region.startLine >= 1);
          results += 1;
        }
        for (const rule of log.runs[0].tool.driver.rules) {
          assert.match(rule.helpUri, /^https:\/\/.*\/docs\/rules\.md#/);
          assert.ok(rule.fullDescription.text && rule.help.text, rule.id);
        }
      }
    }
    assert.ok(results > 0, 'no result was checked');
  });

  test(`${name} CLI: JUnit of every fixture is valid against the common JUnit XSD; failures only when exit 1`, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qnnv-junit-'));
    try {
      for (const f of FIXTURES) {
        for (const extra of [['--soc', 'SM8350'], ['--soc', 'SM8350', '--no-strict']]) {
          const r = await run(cli, ['validate', f, '--format', 'junit', ...extra]);
          const file = path.join(dir, 'out.xml');
          fs.writeFileSync(file, r.stdout);
          const lint = spawnSync('xmllint', ['--noout', '--schema', JUNIT_XSD, file], { encoding: 'utf8' });
          assert.equal(lint.status, 0, `${f} ${extra.join(' ')}: ${lint.stderr}`);
          const failures = Number(/<testsuites[^>]* failures="(\d+)"/.exec(r.stdout)[1]);
          assert.equal(failures > 0, r.status === 1, `${f} ${extra.join(' ')}: exit ${r.status}, ${failures} failures`);
        }
      }
      // several files: one suite each, still valid
      const r = await run(cli, ['validate', ...FIXTURES.slice(0, 3), '--format', 'junit']);
      fs.writeFileSync(path.join(dir, 'all.xml'), r.stdout);
      const lint = spawnSync('xmllint', ['--noout', '--schema', JUNIT_XSD, path.join(dir, 'all.xml')], { encoding: 'utf8' });
      assert.equal(lint.status, 0, lint.stderr);
      assert.equal(r.stdout.match(/<testsuite /g).length, 3);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
}

test('the XSD check can fail: an attribute the schema does not allow is refused', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qnnv-junit-'));
  const file = path.join(dir, 'bad.xml');
  fs.writeFileSync(file, '<testsuites skipped="1"><testsuite name="x" tests="0"/></testsuites>\n');
  const lint = spawnSync('xmllint', ['--noout', '--schema', JUNIT_XSD, file], { encoding: 'utf8' });
  fs.rmSync(dir, { recursive: true, force: true });
  assert.notEqual(lint.status, 0);
});
