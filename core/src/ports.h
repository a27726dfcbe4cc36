// Resolved ports (internal): what one node is to QNN, port by port, before any check looks at it.
//
// A node's inputs are its argument nodes in QNN's order (the rule table's input_order), its outputs those
// of its output spec. Each port carries the concrete qspec the resolver (resolver.h) found for it, the QNN
// datatype and encoding that qspec gives (port_datatypes.h) and the rank of its tensor. A spec that gives
// no datatype at all (a cycle of shared specs, a dangling reference, an unknown qscheme, a range its dtype
// cannot hold) is a fault of the annotation itself: it is reported here, where it is found, as a finding
// on the node.
//
// Contract: ports depend on the graph and the op's rule-table entry only, never on the backend's op data
// or the SoC. The checks (validator.cpp) read them and never change them, so one set of ports serves
// every SoC a graph is validated for (validate_socs), and the report's port rows come from them alone.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "graph.h"
#include "qnnv/qnnv.h"
#include "resolver.h"

namespace qnnv::detail {

struct Port {
  bool output = false;
  uint32_t index = 0;           // the i of in[i] / out[i] (its position in NodePorts::inputs / outputs)
  uint32_t node = kNone;        // argument node (inputs) or the node itself (outputs)
  ResolvedSpec spec;
  const QSpec* root = nullptr;  // concrete spec, nullptr when unquantized or unresolved
  DataType dtype = DataType::UNDEFINED;
  Encoding encoding = Encoding::NONE;
  bool dtype_known = false;
  bool unannotated_output = false;  // an output without a qspec, built to see mixed quantized/float I/O
  int rank = -1;                    // rank of the port's tensor (val shape), -1 unknown

  std::string label() const { return port_label(output, index); }  // for messages only: built on demand
};

// The ports of one node. Kept from node to node by the caller: no allocation per node once grown.
struct NodePorts {
  std::vector<Port> inputs;
  std::vector<Port> outputs;
  std::vector<uint32_t> args;  // build_ports' scratch: the argument nodes in QNN order

  void clear() {
    inputs.clear();
    outputs.clear();
  }
};

// Builds the ports of graph node `index` under its rule-table entry into `ports` (cleared first). Faults
// of its specs are appended to `problems`, with `severity` (the strictness of the validation).
void build_ports(const Graph& graph, const SpecResolver& resolver, uint32_t index, const RuleEntry& rule,
                 Severity severity, NodePorts& ports, std::vector<Finding>& problems);

// The report's port rows (NodeResult::ports) and the tables they index (Report::qspecs, Report::names),
// each qspec summary and node name added once however many ports mention it.
class PortRows {
 public:
  explicit PortRows(const Graph& graph);
  void add(const NodePorts& ports, NodeResult& result, Report& report);

 private:
  int32_t name_id(uint32_t node, Report& report);

  const Graph& graph_;
  std::vector<int32_t> summary_;  // by graph qspec: its Report::qspecs index, -1 until first used
  std::vector<int32_t> name_;     // by graph node: its Report::names id, -1 until first used
};

// A qparam (a scale) in a summary or a message: 9 significant digits.
std::string format_qparam(double v);
// One line for a concrete spec: "int8 [-128, 127] per_tensor_symmetric scale 0.5 ...".
std::string qspec_summary(const QSpec& q);

}  // namespace qnnv::detail
