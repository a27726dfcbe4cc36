// Model Explorer's node-data overlay for a qnnv report (wasm/qnnv.mjs re-exports it).
import { makeError } from './errors.mjs';
import { optString } from './inputs.mjs';

const STATUS_COLORS = {
  pass: '#c8e6c9',
  fail: '#ffcdd2',
  not_validated: '#ffe0b2',
  skipped: '#eeeeee',
};

// Sets obj[key] = value as an own, enumerable data property, whatever the key (even "__proto__").
function ownProperty(obj, key, value) {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  return obj;
}

/**
 * Model Explorer node-data overlay for a report: {graphId: {results: {nodeId: {value, bgColor}}}}.
 * One entry per call_function node; value = its status.
 */
export function toModelExplorerNodeData(report, graphId = 'graph') {
  let r = report;
  if (typeof report === 'string') {
    try {
      r = JSON.parse(report);
    } catch (e) {
      throw makeError('input.type', `the report is not JSON: ${e.message}`);
    }
  }
  if (!r || typeof r !== 'object' || !Array.isArray(r.results)) {
    throw makeError('input.type', 'the report must be a qnnv.report object or its JSON text');
  }
  const id = optString(graphId, 'graphId') || 'graph';
  // Keyed by node name, each entry defined as an own property: a node named __proto__ is an entry like
  // any other, not a write to the prototype (as `results[name] = ...` would be), and the objects stay
  // plain ones, as Model Explorer and JSON.stringify expect.
  const results = {};
  for (const node of r.results) {
    ownProperty(results, node.node, { value: node.status, bgColor: STATUS_COLORS[node.status] || '#ffffff' });
  }
  return ownProperty({}, id, { results });
}
