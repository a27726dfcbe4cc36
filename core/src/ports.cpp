// Resolved ports: building a node's ports and their rows in the report (the contract is in ports.h).
#include "ports.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>

#include "port_datatypes.h"

namespace qnnv::detail {
namespace {

// The values an integer torch dtype holds; false for other dtypes.
bool integer_dtype_range(TorchDtype t, int64_t& lo, int64_t& hi) {
  switch (t) {
    case TorchDtype::int8: lo = -128, hi = 127; return true;
    case TorchDtype::uint8: lo = 0, hi = 255; return true;
    case TorchDtype::int16: lo = -32768, hi = 32767; return true;
    case TorchDtype::uint16: lo = 0, hi = 65535; return true;
    case TorchDtype::int32: lo = INT32_MIN, hi = INT32_MAX; return true;
    default: return false;
  }
}

// Where the ports of one node are built, and where the faults of its specs go.
struct PortBuilder {
  const Graph& graph;
  const SpecResolver& resolver;
  uint32_t index;  // the node
  Severity severity;
  std::vector<Finding>& problems;

  std::string name_of(uint32_t n) const { return std::string(graph.nodes[n].name); }

  Finding& add(std::string rule, const Port& port, std::string message) {
    Finding& f = problems.emplace_back();
    f.rule = std::move(rule);
    f.severity = severity;
    f.port = port.label();
    f.message = std::move(message);
    return f;
  }

  Port make_port(bool output, size_t i, uint32_t node, const ResolvedSpec& spec, TorchDtype tensor);
};

// Builds one port; resolves its spec and derives datatype and encoding. Problems with the spec itself
// (cycles, dangling shared specs, unknown qschemes) become findings on the node.
Port PortBuilder::make_port(bool output, size_t i, uint32_t node, const ResolvedSpec& spec, TorchDtype tensor) {
  Port p;
  p.output = output;
  p.index = static_cast<uint32_t>(i);
  p.node = node;
  p.spec = spec;
  switch (spec.state) {
    case ResolveState::unquantized:
      p.dtype = tensor_datatype(tensor);
      p.dtype_known = p.dtype != DataType::UNDEFINED;
      p.encoding = Encoding::NONE;
      return p;
    case ResolveState::cycle:
      add("qspec.shared-cycle", p,
          "the shared quantization spec of " + p.label() + " never reaches a concrete spec: the chain of "
          "SharedQuantizationSpec references loops (detected at node " + name_of(spec.root_node) + ")")
          .hint = "make one spec in the chain a concrete QuantizationSpec; shared specs must point towards it";
      return p;
    case ResolveState::dangling: {
      Finding& f = add("qspec.shared-dangling", p,
                       "the shared quantization spec of " + p.label() + " points at a tensor that has no spec "
                       "(node " + (spec.root_node == kNone ? std::string("?") : name_of(spec.root_node)) +
                       " is not annotated there)");
      f.hint = "annotate the referenced output (or edge) with a concrete spec, or share with one that has it";
      if (spec.root_node != kNone) f.related_node = name_of(spec.root_node);
      return p;
    }
    case ResolveState::too_long:
      add("qspec.shared-chain-limit", p, "the chain of shared specs of " + p.label() + " is longer than the limit")
          .hint = "shorten the chain, or raise Limits::max_shared_chain";
      return p;
    case ResolveState::resolved: break;
  }
  const QSpec& q = graph.qspecs[spec.root_qspec];
  p.root = &q;
  if (q.qscheme == QScheme::unknown) {
    add("qspec.invalid", p, "unknown qscheme \"" + std::string(q.qscheme_name) + "\" on " + p.label())
        .expected = "per_tensor_affine, per_tensor_symmetric, per_channel_affine, per_channel_symmetric";
    return p;
  }
  if (q.quant_min && q.quant_max && *q.quant_min > *q.quant_max) {
    Finding& f = add("qspec.invalid", p, "quant_min is greater than quant_max on " + p.label());
    f.actual = std::to_string(*q.quant_min) + " > " + std::to_string(*q.quant_max);
    return p;
  }
  // The range must fit the integer dtype the spec names: a uint8 spec over [-2^63, 2^63-1] names no QNN
  // datatype (quantized_datatype would fall back to the dtype and judge it as 8-bit). docs/errors.md.
  int64_t lo = 0, hi = 0;
  if (q.quant_min && q.quant_max && integer_dtype_range(q.dtype, lo, hi) && (*q.quant_min < lo || *q.quant_max > hi)) {
    Finding& f = add("qspec.invalid", p, "the quant range does not fit the spec's dtype " +
                                             std::string(to_string(q.dtype)) + " on " + p.label());
    f.expected = "[" + std::to_string(lo) + ", " + std::to_string(hi) + "] or within it";
    f.actual = "[" + std::to_string(*q.quant_min) + ", " + std::to_string(*q.quant_max) + "]";
    return p;
  }
  // A fixed spec's scale of 0 or below quantizes nothing (every value to one level, or mirrored).
  if (q.kind == QSpecKind::fixed && q.scale && !(*q.scale > 0)) {
    Finding& f = add("qspec.invalid", p, "the fixed scale is not greater than 0 on " + p.label());
    f.expected = "scale > 0";
    char buf[40];
    std::snprintf(buf, sizeof buf, "scale %.17g", *q.scale);
    f.actual = buf;
    return p;
  }
  p.dtype = quantized_datatype(q);
  p.dtype_known = p.dtype != DataType::UNDEFINED;
  p.encoding = spec_encoding(q);
  return p;
}

}  // namespace

void build_ports(const Graph& graph, const SpecResolver& resolver, uint32_t index, const RuleEntry& rule,
                 Severity severity, NodePorts& ports, std::vector<Finding>& problems) {
  PortBuilder b{graph, resolver, index, severity, problems};
  const Node& n = graph.nodes[index];
  ports.clear();
  // Inputs: node references in argument order, optionally reordered to QNN's order.
  std::vector<uint32_t>& args = ports.args;
  args.clear();
  if (rule.input_order.empty()) {
    args.assign(n.inputs.begin(), n.inputs.end());
  } else {
    for (int k : rule.input_order)
      if (k >= 0 && size_t(k) < n.inputs.size()) args.push_back(n.inputs[k]);
  }
  for (size_t i = 0; i < args.size(); ++i) {
    const Node& arg = graph.nodes[args[i]];
    const TorchDtype t = arg.outputs.size() == 1 ? arg.outputs[0].dtype : TorchDtype::none;
    Port p = b.make_port(false, i, args[i], resolver.input(index, args[i]), t);
    p.rank = arg.outputs.size() == 1 ? arg.outputs[0].rank : -1;
    ports.inputs.push_back(std::move(p));
  }
  // Outputs: every output of an annotated output spec (all of a multi-output node, not only the first).
  if (n.output_qspec != kNone) {
    const ResolvedSpec spec = resolver.output(index);
    const size_t count = n.val_is_list ? std::max<size_t>(n.outputs.size(), 1) : 1;
    for (size_t i = 0; i < count; ++i) {
      const TorchDtype t = i < n.outputs.size() ? n.outputs[i].dtype : TorchDtype::none;
      ports.outputs.push_back(b.make_port(true, i, index, spec, t));
      ports.outputs.back().rank = i < n.outputs.size() ? n.outputs[i].rank : -1;
    }
    return;
  }
  // No output spec: a single float output after quantized inputs is a float output of a quantized op
  // (mixed I/O), which QNN only runs where the data has such a variant. Integer outputs (indices) and
  // multi-output nodes (their getitem users carry the specs) stay out of matching, as upstream.
  const bool float_output = !n.val_is_list && n.outputs.size() == 1 &&
                            (n.outputs[0].dtype == TorchDtype::float32 || n.outputs[0].dtype == TorchDtype::float16 ||
                             n.outputs[0].dtype == TorchDtype::float64);
  bool quantized_input = false;
  for (const Port& in : ports.inputs) quantized_input = quantized_input || in.root != nullptr;
  if (float_output && quantized_input) {
    Port p = b.make_port(true, 0, index, ResolvedSpec{}, n.outputs[0].dtype);
    p.unannotated_output = true;
    p.rank = n.outputs[0].rank;
    ports.outputs.push_back(std::move(p));
  }
}

PortRows::PortRows(const Graph& graph)
    : graph_(graph), summary_(graph.qspecs.size(), -1), name_(graph.nodes.size(), -1) {}

int32_t PortRows::name_id(uint32_t node, Report& report) {
  int32_t& id = name_[node];
  if (id < 0) id = report.names.add(graph_.nodes[node].name);
  return id;
}

void PortRows::add(const NodePorts& ports, NodeResult& result, Report& report) {
  auto add = [&](const Port& p) {
    PortReport& r = result.ports.emplace_back();
    r.output = p.output;
    r.index = p.index;
    r.node = name_id(p.node, report);
    r.dtype = p.dtype_known ? p.dtype : DataType::UNDEFINED;
    r.encoding = p.encoding;
    if (p.root) {
      int32_t& id = summary_[p.spec.root_qspec];
      if (id < 0) {
        id = static_cast<int32_t>(report.qspecs.size());
        report.qspecs.push_back(qspec_summary(*p.root));
      }
      r.qspec = id;
    }
    const bool shared = p.spec.own_qspec != kNone && graph_.qspecs[p.spec.own_qspec].kind == QSpecKind::shared;
    if (shared && p.spec.root_node != kNone) r.shared_with = name_id(p.spec.root_node, report);
  };
  result.ports.reserve(ports.inputs.size() + ports.outputs.size());
  for (const Port& p : ports.inputs) add(p);
  for (const Port& p : ports.outputs) add(p);
}

std::string format_qparam(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.9g", v);
  return buf;
}

std::string qspec_summary(const QSpec& q) {
  std::string s;
  s += q.dtype == TorchDtype::unknown ? q.dtype_name : to_string(q.dtype);
  if (q.quant_min && q.quant_max) s += " [" + std::to_string(*q.quant_min) + ", " + std::to_string(*q.quant_max) + "]";
  s += " ";
  s += q.qscheme == QScheme::unknown ? q.qscheme_name : to_string(q.qscheme);
  if (is_per_channel(q.qscheme) && q.ch_axis) s += " axis " + std::to_string(*q.ch_axis);
  if (q.has_block_size) {
    s += " block_size [";
    for (size_t i = 0; i < q.block_size.size(); ++i) s += (i ? ", " : "") + std::to_string(q.block_size[i]);
    s += "]";
  }
  if (q.scale) s += " scale " + format_qparam(*q.scale);
  if (q.zero_point) s += " zero_point " + std::to_string(*q.zero_point);
  if (q.kind == QSpecKind::derived) s += " (derived)";
  if (!q.observer.empty()) {
    s += ' ';
    s += q.observer;
  }
  return s;
}

}  // namespace qnnv::detail
