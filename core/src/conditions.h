// The conditions of the constraint data (qnnv/data.h Condition), evaluated on one node (internal).
//
// A condition looks at one node only: its resolved ports (ports.h: datatype, encoding, qspec, rank), the
// shapes of the tensors behind them, and the arguments of its aten call (graph.h ArgValue). It is true,
// false, or unknown: unknown where the node does not tell (an argument the call leaves out, a tensor
// without a shape, a symbolic size, an argument of another kind than the condition reads).
//
// Contract: unknown never fires a check or a SoC rule (all_hold asks for true) and never rules a variant
// out (variant_applies asks for not false): missing information is no reason for a fail. Evaluating a
// condition reads the node and its ports and changes nothing, so the same ports serve every SoC.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "graph.h"
#include "ports.h"
#include "qnnv/qnnv.h"

namespace qnnv::detail {

// The node a condition is evaluated on: the graph, the node's index in it, and its ports.
struct ConditionSite {
  const Graph& graph;
  uint32_t index;
  const std::vector<Port>& inputs;
  const std::vector<Port>& outputs;
};

enum class Tri : uint8_t { no, yes, unknown };

// A comparison's relation as the data writes it ("less_equal") and as explain shows it ("<="); the one
// table of the vocabulary (docs/data-format.md, Comparisons).
std::string_view relation_name(Relation r);
std::string_view relation_symbol(Relation r);
std::optional<Relation> parse_relation(std::string_view name);
// Every relation name, quoted, for a message: "\"equal\", \"not_equal\", ... or \"greater_equal\"".
std::string relation_names_listed();

// One condition; `witness` is set to the port a port condition held on (for the finding's port).
Tri condition_holds(const ConditionSite& s, const Condition& cond, const Port*& witness);

// All conditions hold (a check fires / a SoC rule applies): an unknown condition counts as not holding.
bool all_hold(const ConditionSite& s, const std::vector<Condition>& when, const Port*& witness);

// A variant applies unless one of its conditions is known to fail.
bool variant_applies(const ConditionSite& s, const Variant& v);

}  // namespace qnnv::detail
