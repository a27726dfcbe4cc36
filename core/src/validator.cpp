// The validation of a graph (validator.h): node_checks.h's two halves run over every call_function node,
// for one target (validate_graph) or for several that differ only in their SoC (validate_graph_targets),
// where the first half runs once and, target after target, a node's result is kept whenever nothing the
// second half reads of the target can change it.
#include "validator.h"

#include <algorithm>
#include <cstdint>
#include <stdexcept>
#include <unordered_map>
#include <vector>

#include "node_checks.h"
#include "ports.h"
#include "resolver.h"

namespace qnnv::detail {
namespace {

// Whether check_on_target gives every node of `op` the same result on target b as on target a, two
// targets with the same SoC name (which findings quote) that differ in arch or FP16 (validate_graph_targets):
// the op's variants exist on both or neither, and no SoC rule or data check of the op can fire on one and
// not the other, or fire on both with the arch in its text.
bool same_for_op(const OpData& op, const RulesByOp::Rules& rules, const Target& a, const Target& b) {
  for (const Variant& v : op.variants)
    if (variant_on_target(v, a) != variant_on_target(v, b)) return false;
  const bool same_soc = a.arch == b.arch && a.soc->fp16 == b.soc->fp16;
  for (const SocRule* r : rules.soc_rules)
    if (!same_soc && (soc_lacks(a, *r) || soc_lacks(b, *r))) return false;
  for (size_t i = 0; i < rules.checks.size(); ++i) {
    const bool on_a = check_on_arch(a, *rules.checks[i]), on_b = check_on_arch(b, *rules.checks[i]);
    if (on_a != on_b || (on_a && a.arch != b.arch && rules.check_quotes_arch[i])) return false;
  }
  return true;
}

// The same for one node of the op, whose variant on a was `variant_on_a`: the same first fitting variant
// (or none on either, and then the same variants on both arches to list), and none of the rules that
// same_for_op cannot rule out holds on the node. A rule whose conditions were never evaluated on the node
// (RuleHold::unknown) counts as holding: the node is checked again, which evaluates them.
bool same_for_node(const OpData& op, const RulesByOp::Rules& rules, Span<const Variant*> fitting,
                   const Variant* variant_on_a, const RuleHold* holds, const Target& a, const Target& b) {
  const Variant* variant_on_b = first_on_target(fitting, b);
  if (variant_on_a != variant_on_b) return false;
  if (!variant_on_a)
    for (const Variant& v : op.variants)
      if (variant_on_target(v, a) != variant_on_target(v, b)) return false;
  const bool same_soc = a.arch == b.arch && a.soc->fp16 == b.soc->fp16;
  for (size_t i = 0; i < rules.soc_rules.size(); ++i)
    if (!same_soc && (soc_lacks(a, *rules.soc_rules[i]) || soc_lacks(b, *rules.soc_rules[i])) &&
        holds[i].state != RuleHold::no)
      return false;
  for (size_t i = 0; i < rules.checks.size(); ++i) {
    const bool on_a = check_on_arch(a, *rules.checks[i]), on_b = check_on_arch(b, *rules.checks[i]);
    if ((on_a != on_b || (on_a && a.arch != b.arch && rules.check_quotes_arch[i])) &&
        holds[rules.soc_rules.size() + i].state != RuleHold::no)
      return false;
  }
  return true;
}

void count_status(Status status, Summary& summary) {
  switch (status) {
    case Status::pass: ++summary.passed; break;
    case Status::fail: ++summary.failed; break;
    case Status::not_validated: ++summary.not_validated; break;
    case Status::skipped: ++summary.skipped; break;
  }
  if (status != Status::skipped) ++summary.checked;
}

void count(const NodeResult& r, Summary& summary, bool& ok) {
  count_status(r.status, summary);
  for (const Finding& f : r.findings) ok = ok && f.severity != Severity::error;
}

// The SoC-independent pass over the graph: a result row per call_function node, the first half for the
// annotated ones. `second(c, op, fitting)` gets each node whose validation goes on, with its ports in
// c.inputs / c.outputs until it returns; the other nodes are counted in report.summary and `ok`.
template <class Second>
void first_pass(const Graph& graph, const Target& target, const Limits& limits, Report& report, bool& ok,
                Second&& second) {
  const SpecResolver resolver(graph, limits.max_shared_chain);
  PortRows rows(graph);
  NodePorts ports;  // working storage, reused from node to node
  std::vector<const Variant*> fitting;
  TargetLookup lookup(*target.backend);
  report.results.clear();
  report.qspecs.clear();
  report.names.clear();
  report.summary = Summary{};
  ok = true;
  size_t calls = 0;
  for (const Node& n : graph.nodes) calls += n.op == NodeOp::call_function;
  report.results.reserve(calls);  // exact: growth by doubling would briefly hold two copies
  for (uint32_t i = 0; i < graph.nodes.size(); ++i) {
    const Node& n = graph.nodes[i];
    if (n.op != NodeOp::call_function) continue;
    NodeResult& r = report.results.emplace_back();
    r.node = n.name;
    r.target = n.target;
    set_node_location(graph, i, r);
    if (!n.annotated) {
      r.status = Status::skipped;
      count(r, report.summary, ok);
      continue;
    }
    ports.clear();
    fitting.clear();
    NodeCheck c{graph, target, n, i, r, ports.inputs, ports.outputs, nullptr};
    if (const OpData* op = prepare_node(c, resolver, ports, rows, report, fitting, lookup))
      second(c, *op, Span<const Variant*>{fitting.data(), static_cast<uint32_t>(fitting.size())});
    else
      count(r, report.summary, ok);
  }
  report.summary.nodes = report.results.size();  // call_function nodes: checked + skipped
}

}  // namespace

void validate_graph(const Graph& graph, const Target& target, const Limits& limits, Report& report) {
  bool ok = true;
  RulesByOp rules_by_op(*target.backend);
  first_pass(graph, target, limits, report, ok, [&](NodeCheck& c, const OpData& op, Span<const Variant*> fitting) {
    check_on_target(c, op, fitting, rules_by_op);
    count(c.result, report.summary, ok);
  });
  report.ok = ok;
}

void validate_graph_targets(const Graph& graph, const std::vector<Target>& targets, const Limits& limits,
                            Report& report, const TargetReportSink& each) {
  if (targets.empty()) return;
  for (const Target& t : targets)
    if (t.data != targets[0].data || t.backend != targets[0].backend || t.sdk != targets[0].sdk ||
        t.strict != targets[0].strict)
      throw std::invalid_argument("validate_graph_targets: the targets differ in more than their SoC");
  // The first pass keeps what the second halves need of each node that goes on: its ports and fitting
  // variants, back to back in two arrays, and what is learnt of its rules' conditions (rule_holds).
  struct Pending {
    uint32_t node;
    uint32_t op;        // index in `ops`
    uint32_t findings;  // the node's findings from the first half, kept for every target
    uint32_t first_port, inputs, outputs;
    uint32_t first_variant, variants;
    uint32_t first_hold;
    const Variant* variant;  // the one chosen for the previous target
    Status status;           // the result's for the previous target, and whether it has no error:
    bool no_error;           // a kept result is counted from these, without reading it again
  };
  struct OpRules {
    const OpData* op;
    const RulesByOp::Rules* rules;
    bool same = false;  // every node of the op keeps its result from the previous target (same_for_op)
  };
  std::vector<Pending> pending;
  std::vector<uint32_t> rewritten;  // their results, by index in report.results
  std::vector<Port> port_store;
  std::vector<const Variant*> variant_store;
  std::vector<RuleHold> hold_store;
  std::vector<OpRules> ops;
  std::unordered_map<const OpData*, uint32_t> op_index;
  RulesByOp rules_by_op(*targets[0].backend);
  size_t max_ports = 0;  // an upper bound, so that port_store grows once
  for (const Node& n : graph.nodes)
    if (n.op == NodeOp::call_function && n.annotated) max_ports += n.inputs.size() + std::max<size_t>(n.outputs.size(), 1);
  port_store.reserve(max_ports);
  Target shared = targets[0];  // the first pass has no SoC to read
  shared.soc = nullptr;
  shared.arch = 0;
  bool base_ok = true;
  first_pass(graph, shared, limits, report, base_ok,
             [&](NodeCheck& c, const OpData& op, Span<const Variant*> fitting) {
               Pending& p = pending.emplace_back();
               p.node = c.index;
               const auto [it, added] = op_index.try_emplace(&op, static_cast<uint32_t>(ops.size()));
               if (added) ops.push_back({&op, &rules_by_op.of(op, c.result.qnn_op)});
               p.op = it->second;
               p.findings = static_cast<uint32_t>(c.result.findings.size());
               p.first_port = static_cast<uint32_t>(port_store.size());
               p.inputs = static_cast<uint32_t>(c.inputs.size());
               p.outputs = static_cast<uint32_t>(c.outputs.size());
               port_store.insert(port_store.end(), c.inputs.begin(), c.inputs.end());
               port_store.insert(port_store.end(), c.outputs.begin(), c.outputs.end());
               p.first_variant = static_cast<uint32_t>(variant_store.size());
               p.variants = static_cast<uint32_t>(fitting.size());
               variant_store.insert(variant_store.end(), fitting.begin(), fitting.end());
               p.first_hold = static_cast<uint32_t>(hold_store.size());
               hold_store.resize(hold_store.size() + ops[p.op].rules->slots());
               p.variant = nullptr;
               rewritten.push_back(static_cast<uint32_t>(&c.result - report.results.data()));
             });
  const Summary base = report.summary;
  NodePorts ports;
  std::vector<uint32_t> changed;  // positions in `rewritten` filled anew for this target
  changed.reserve(pending.size());
  for (size_t k = 0; k < targets.size(); ++k) {
    const Target& target = targets[k];
    // A result is kept from the previous target when nothing the per-target checks read of the target
    // changes it: the SoC's name (which findings quote) and, by op and node, what same_for_op and
    // same_for_node look at.
    const Target* previous = k > 0 && targets[k - 1].soc->model == target.soc->model ? &targets[k - 1] : nullptr;
    for (OpRules& o : ops) o.same = previous && same_for_op(*o.op, *o.rules, *previous, target);
    report.summary = base;
    bool ok = base_ok;
    changed.clear();
    for (size_t i = 0; i < pending.size(); ++i) {
      Pending& p = pending[i];
      NodeResult& r = report.results[rewritten[i]];
      const OpRules& o = ops[p.op];
      const Span<const Variant*> fitting{variant_store.data() + p.first_variant, p.variants};
      RuleHold* holds = hold_store.data() + p.first_hold;
      if (o.same || (previous && same_for_node(*o.op, *o.rules, fitting, p.variant, holds, *previous, target))) {
        count_status(p.status, report.summary);
        ok = ok && p.no_error;
        continue;
      }
      r.findings.resize(p.findings);
      r.variant.clear();
      const auto first = port_store.begin() + p.first_port;
      ports.inputs.assign(first, first + p.inputs);
      ports.outputs.assign(first + p.inputs, first + p.inputs + p.outputs);
      NodeCheck c{graph, target, graph.nodes[p.node], p.node, r, ports.inputs, ports.outputs, nullptr, holds};
      check_on_target(c, *o.op, fitting, rules_by_op);
      p.variant = c.variant;
      p.status = r.status;
      p.no_error = true;
      count(r, report.summary, p.no_error);
      ok = ok && p.no_error;
      changed.push_back(static_cast<uint32_t>(i));
    }
    report.ok = ok;
    each(k, report, rewritten, changed);
  }
}

}  // namespace qnnv::detail
