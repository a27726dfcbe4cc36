#!/usr/bin/env node
// Runs the native CLI over the verdict corpus (tests/verdicts/manifest.json) and compares qnnv's verdict on
// each case with what QNN did. Prints one row per case and the totals: rejections caught, acceptances passed
// (the rest are false alarms), and how many cases qnnv did not validate (never counted as agreement).
//
//   node tests/verdicts/run.mjs [--cli build/native/qnnv] [--json]
//
// The CLI is --cli, else $QNNV_CLI, else build/native/qnnv. Exit status 0 (this is a measurement; the test
// suite's tests/node/verdicts.test.mjs is what asserts). tests/node/verdicts.test.mjs imports runCorpus.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(HERE, '../..');
export const MANIFEST = path.join(HERE, 'manifest.json');

export function loadManifest() {
  return JSON.parse(fs.readFileSync(MANIFEST, 'utf8')).cases;
}

// The argument list the CLI gets for a case: strict, JSON, the case's backend/SoC/SDK.
export function cliArgs(c) {
  const args = ['validate', path.join(HERE, c.graph), '--strict', '--format', 'json',
    '--backend', c.backend, '--soc', c.soc];
  if (c.qnn_sdk) args.push('--qnn-sdk', c.qnn_sdk);
  return args;
}

// qnnv's verdict on the case's node: accepted (pass), rejected (fail), not_validated, skipped, or error
// (no report: an input or usage error, a crash), with the rule ids of its findings.
export function verdictOf(c, cli) {
  const r = spawnSync(cli, cliArgs(c), { encoding: 'utf8' });
  if (r.error) throw r.error;
  if (r.status !== 0 && r.status !== 1) {
    return { actual: 'error', rules: [], detail: (r.stderr || '').trim().split('\n')[0] };
  }
  const report = JSON.parse(r.stdout);
  const result = report.results.find((x) => x.node === c.node);
  if (!result) return { actual: 'error', rules: [], detail: `node ${c.node} missing from the report` };
  const actual = { pass: 'accepted', fail: 'rejected' }[result.status] || result.status;
  const rules = [...new Set((result.findings || []).map((f) => f.rule))];
  return { actual, rules, detail: '' };
}

export function runCorpus(cli = defaultCli()) {
  return loadManifest().map((c) => ({ ...c, ...verdictOf(c, cli), agrees: undefined }))
    .map((row) => ({ ...row, agrees: row.actual === row.qnn }));
}

export function defaultCli() {
  return path.resolve(ROOT, process.env.QNNV_CLI || 'build/native/qnnv');
}

export function totals(rows) {
  const side = (qnn) => {
    const r = rows.filter((x) => x.qnn === qnn);
    return {
      total: r.length,
      agree: r.filter((x) => x.agrees).length,
      disagree: r.filter((x) => !x.agrees && (x.actual === 'accepted' || x.actual === 'rejected')).length,
      not_validated: r.filter((x) => x.actual === 'not_validated').length,
      other: r.filter((x) => !['accepted', 'rejected', 'not_validated'].includes(x.actual)).length,
      known_miss: r.filter((x) => x.known_miss).length,
    };
  };
  return { rejected: side('rejected'), accepted: side('accepted') };
}

function pct(a, b) {
  return b ? `${((100 * a) / b).toFixed(0)}%` : '-';
}

function printTable(rows) {
  const w = Math.max(...rows.map((r) => r.id.length));
  const line = (id, q, a, m, rules) => `${id.padEnd(w)}  ${q.padEnd(8)}  ${a.padEnd(13)}  ${m.padEnd(10)}  ${rules}`;
  console.log(line('case', 'QNN', 'qnnv', 'match', 'rules / note'));
  for (const r of rows) {
    const mark = r.agrees ? 'yes' : r.actual === 'not_validated' ? 'NOT-VALID' : 'NO';
    const note = [r.rules.join(','), r.detail, r.known_miss ? '(known miss)' : ''].filter(Boolean).join(' ');
    console.log(line(r.id, r.qnn, r.actual, mark, note));
  }
  const t = totals(rows);
  console.log('');
  console.log(`rejections caught:   ${t.rejected.agree}/${t.rejected.total} (${pct(t.rejected.agree, t.rejected.total)});` +
    ` passed by qnnv: ${t.rejected.disagree}; not validated: ${t.rejected.not_validated}`);
  console.log(`acceptances passed:  ${t.accepted.agree}/${t.accepted.total} (${pct(t.accepted.agree, t.accepted.total)});` +
    ` false alarms: ${t.accepted.disagree} (${pct(t.accepted.disagree, t.accepted.total)}); not validated: ${t.accepted.not_validated}`);
  if (t.rejected.other || t.accepted.other) {
    console.log(`other (skipped or error): ${t.rejected.other + t.accepted.other}`);
  }
  console.log(`known misses marked in the manifest: ${t.rejected.known_miss + t.accepted.known_miss}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const argv = process.argv.slice(2);
  const i = argv.indexOf('--cli');
  const cli = i >= 0 ? path.resolve(argv[i + 1]) : defaultCli();
  if (!fs.existsSync(cli)) {
    console.error(`run.mjs: native CLI not found at ${cli} (scripts/build.sh native, or --cli PATH)`);
    process.exit(2);
  }
  const rows = runCorpus(cli);
  if (argv.includes('--json')) {
    console.log(JSON.stringify({ totals: totals(rows), cases: rows.map(({ id, qnn, actual, rules, known_miss }) =>
      ({ id, qnn, actual, rules, known_miss })) }, null, 1));
  } else {
    printTable(rows);
  }
}
