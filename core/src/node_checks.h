// The checks of one call_function node (internal), in two halves: prepare_node, what does not depend on
// the SoC (the QNN op the target becomes, the node's ports and report rows, the data variants that fit),
// and check_on_target, what does (the first fitting variant on the target, its port constraints, the SoC
// rules, the data's checks, the node's status). One function per rule id (docs/rules.md), in
// node_checks.cpp; validator.cpp runs the two halves over a graph, for one target or for several.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "conditions.h"
#include "graph.h"
#include "ports.h"
#include "resolver.h"
#include "validator.h"

namespace qnnv::detail {

// The part of a SoC rule or data check that no SoC changes, for one node: whether it names the node's op,
// holds for the QNN SDK and its conditions hold, with the port that met them (the witness). validate_graph_targets
// keeps the answer per node and rule (NodeCheck::holds, indexed by the rule's slot: RulesByOp's order, SoC
// rules then checks), so that the targets after the first read it instead of evaluating the conditions again.
struct RuleHold {
  enum State : uint8_t { unknown, no, yes };
  State state = unknown;
  bool witness_output = false;  // the witness is out[witness_index], else in[witness_index]
  bool has_witness = false;
  uint32_t witness_index = 0;
};

// One node checked against one target: what the rules read, and the result they write to.
struct NodeCheck {
  const Graph& graph;
  const Target& target;
  const Node& node;
  uint32_t index;
  NodeResult& result;
  // The node's ports (ports.h), which the checks only read.
  const std::vector<Port>& inputs;
  const std::vector<Port>& outputs;
  const Variant* variant = nullptr;
  // What is known of whether the node's SoC rules and data checks hold (rule_holds); null: nothing kept.
  RuleHold* holds = nullptr;

  std::string name_of(uint32_t n) const { return std::string(graph.nodes[n].name); }
  ConditionSite site() const { return {graph, index, inputs, outputs}; }

  Finding& add(std::string rule, const Port* port, std::string message) {
    Finding f;
    f.rule = std::move(rule);
    f.severity = target.strict ? Severity::error : Severity::warning;
    if (port) f.port = port->label();
    f.message = std::move(message);
    result.findings.push_back(std::move(f));
    return result.findings.back();
  }
  // A reason the node cannot be checked: never an error, never a pass.
  Finding& add_not_validated(std::string rule, std::string message) {
    Finding& f = add(std::move(rule), nullptr, std::move(message));
    f.severity = Severity::warning;
    return f;
  }
};

// A SoC rule's or data check's finding for one op on one target, made once and copied to every node it
// fires on there: substituting its text is most of what making it costs. Not kept when its text quotes the
// node ("{node}"). The port is the node's (the rule's witness), set on the copy.
struct FindingMemo {
  bool per_node = false;         // the text quotes the node: made for each
  const SocInfo* soc = nullptr;  // the target it was made for (with arch); null: not made yet
  int arch = 0;
  Finding finding;
};

// The rule table's entry for a node's target and the data of its QNN op, looked up once per distinct
// target: the loader interns targets (graph.h), so a graph's thousands of nodes share a handful of views
// and the cache is keyed by the view's address and size (equal address and size: equal text).
class TargetLookup {
 public:
  struct Entry {
    const RuleEntry* rule = nullptr;  // null: the target is not in the rule table
    const OpData* op = nullptr;       // null: no QNN op, or the backend has no data for it
  };
  explicit TargetLookup(const BackendData& backend) : backend_(backend) {}
  const Entry& of(std::string_view target);

 private:
  struct Key {
    const char* data;
    size_t size;
    bool operator==(const Key& o) const { return data == o.data && size == o.size; }
  };
  struct KeyHash {
    size_t operator()(const Key& k) const { return std::hash<const void*>()(k.data) ^ (k.size * 0x9E3779B97F4A7C15ULL); }
  };
  const BackendData& backend_;
  std::unordered_map<Key, Entry, KeyHash> by_view_;
};

// The SoC rules and data checks that name an op (or every op), listed once per op: the others never apply
// to its nodes, and comparing op names is most of what trying them costs.
class RulesByOp {
 public:
  struct Rules {
    std::vector<const SocRule*> soc_rules;
    std::vector<const OpCheck*> checks;
    std::vector<bool> check_quotes_arch;  // per check: its text quotes the target's arch
    std::vector<FindingMemo> memos;       // per slot (SoC rules, then checks: rule_holds' slots)
    size_t slots() const { return soc_rules.size() + checks.size(); }
  };
  explicit RulesByOp(const BackendData& backend) : backend_(backend) {}
  Rules& of(const OpData& op, const std::string& qnn_op);

 private:
  const BackendData& backend_;
  std::unordered_map<const OpData*, Rules> by_op_;
};

// The first half: the QNN op the node becomes, its ports and their report rows, and the variants that fit
// it (appended to `fitting` in the data's order). Returns the op's data when the second half is to follow;
// otherwise (an unknown target, a broken spec, a port without datatype...) the node's result is final.
const OpData* prepare_node(NodeCheck& c, const SpecResolver& resolver, NodePorts& ports, PortRows& rows,
                           Report& report, std::vector<const Variant*>& fitting, TargetLookup& lookup);

// The second half, for c.target: the first of the fitting variants that exists on it (first_on_target),
// its port constraints, the SoC rules and the data's checks; then the node's status.
const Variant* first_on_target(Span<const Variant*> fitting, const Target& t);
void check_on_target(NodeCheck& c, const OpData& op, Span<const Variant*> fitting, RulesByOp& rules_by_op);

inline bool variant_on_arch(const Variant& v, int arch) { return arch >= v.min_arch && arch <= v.max_arch; }
// The variants that exist for the target: its arch and its QNN SDK version.
inline bool variant_on_target(const Variant& v, const Target& t) { return variant_on_arch(v, t.arch) && v.sdk.holds(t.sdk); }
// Whether the target's SoC lacks what SoC rule `r` asks for (an arch, FP16): only then is it tried.
inline bool soc_lacks(const Target& t, const SocRule& r) { return t.arch < r.min_arch || (r.requires_fp16 && !t.soc->fp16); }
// Whether data check `k` is on the target's arch (its min_arch..max_arch).
inline bool check_on_arch(const Target& t, const OpCheck& k) { return t.arch >= k.min_arch && t.arch <= k.max_arch; }

}  // namespace qnnv::detail
