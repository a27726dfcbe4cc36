// The rules of node_checks.h: one function per rule id (the ids are documented in docs/rules.md and never
// change), each adding a structured finding to the node's result, and the two halves that apply them: map
// the aten target to a QNN op, build the node's ports (ports.h), find the data variants whose datatypes
// match, then, per target, check the chosen variant's port constraints, the SoC rules and the data's checks.
#include "node_checks.h"

#include <algorithm>
#include <cmath>
#include <climits>
#include <cstdint>
#include <functional>
#include <string_view>
#include <unordered_map>

#include "conditions.h"
#include "port_datatypes.h"
#include "ports.h"
#include "resolver.h"

namespace qnnv::detail {
namespace {

void set_provenance(Finding& f, const Provenance& p) {
  f.source = p.source;
  f.basis = p.read ? "read" : "inferred";
}

// Describes where a resolved spec lives, for messages: "the output of linear" / "the input edge x -> add".
std::string describe_root(const NodeCheck& c, const ResolvedSpec& r) {
  if (r.root == kNone) return "nothing";
  if (r.root < c.graph.nodes.size()) return "the output of " + c.name_of(r.root);
  return "an input of " + c.name_of(r.root_node);
}


// ---------------------------------------------------------------------------------------------------
// Variant matching

bool dtype_in(DataType d, const std::vector<DataType>& list) {
  for (DataType x : list)
    if (x == d) return true;
  return false;
}

// Which spec port constrains node port i (repeat = the port and all after it); nullptr when none.
const PortSpec* spec_for(const std::vector<PortSpec>& specs, size_t i) {
  if (i < specs.size()) return &specs[i];
  if (!specs.empty()) {
    for (size_t k = 0; k < specs.size(); ++k)
      if (specs[k].repeat && k <= i) return &specs[k];
  }
  return nullptr;
}

// Inputs the node lacks must be optional in the spec; outputs it lacks are outputs it does not quantize,
// which take no part in matching (as upstream, which only looks at annotated outputs).
bool ports_match(const std::vector<PortSpec>& specs, const std::vector<Port>& ports, bool missing_ok) {
  for (size_t i = 0; i < ports.size(); ++i) {
    const PortSpec* s = spec_for(specs, i);
    if (!s || !dtype_in(ports[i].dtype, s->dtypes)) return false;
  }
  if (missing_ok) return true;
  for (size_t k = ports.size(); k < specs.size(); ++k)
    if (!specs[k].optional && !specs[k].repeat) return false;
  return true;
}

std::string combination(const std::vector<Port>& in, const std::vector<Port>& out) {
  std::string s = "(";
  for (size_t i = 0; i < in.size(); ++i) s += (i ? ", " : "") + std::string(to_string(in[i].dtype));
  s += ") -> (";
  for (size_t i = 0; i < out.size(); ++i) s += (i ? ", " : "") + std::string(to_string(out[i].dtype));
  return s + ")";
}

std::string spec_combination(const Variant& v) {
  auto ports = [](const std::vector<PortSpec>& ps) {
    std::string s;
    for (size_t i = 0; i < ps.size(); ++i) {
      if (i) s += ", ";
      for (size_t k = 0; k < ps[i].dtypes.size(); ++k) s += (k ? "|" : "") + std::string(to_string(ps[i].dtypes[k]));
      if (ps[i].repeat) s += "...";
      if (ps[i].optional) s += "?";
    }
    return s;
  };
  return "(" + ports(v.inputs) + ") -> (" + ports(v.outputs) + ")";
}

void rule_unsupported_combination(NodeCheck& c, const OpData& op) {
  std::string supported;
  size_t shown = 0, total = 0;
  const Variant* first = nullptr;
  for (const Variant& v : op.variants) {
    if (!variant_on_target(v, c.target)) continue;
    if (!first) first = &v;
    if (shown < 8) {
      supported += (shown ? "; " : "") + spec_combination(v);
      ++shown;
    }
    ++total;
  }
  if (total > shown) supported += "; and " + std::to_string(total - shown) + " more (qnnv explain " + op.name + ")";
  const std::string actual = combination(c.inputs, c.outputs);
  Finding& f = c.add("dtype.unsupported-combination", nullptr,
                     total == 0 ? op.name + " has no datatype variant on " + c.target.soc->model +
                                      " in the constraint data"
                                : op.name + " does not support the datatype combination " + actual + " on " +
                                      c.target.soc->model);
  f.expected = total == 0 ? "an arch (and QNN SDK) where " + op.name + " exists" : supported;
  f.actual = actual;
  f.hint = "the port datatypes come from the quant config (activation, weight and bias specs): choose a config "
           "whose combination " + op.name + " supports on this SoC, or leave this op unannotated so it runs in "
           "float";
  if (first) set_provenance(f, first->provenance);
}

// ---------------------------------------------------------------------------------------------------
// Per-port rules

// The first constraint that lists the encoding and holds for the target's QNN SDK.
const QuantConstraint* constraint_for(const PortSpec& s, Encoding e, int sdk) {
  for (const QuantConstraint& q : s.constraints)
    for (Encoding x : q.encodings)
      if (x == e && q.sdk.holds(sdk)) return &q;
  return nullptr;
}

const Provenance& provenance_of(const NodeCheck& c, const QuantConstraint* q) {
  if (q && q->provenance) return *q->provenance;
  return c.variant->provenance;
}

std::string encoding_list(const PortSpec& s) {
  std::string out;
  for (const QuantConstraint& q : s.constraints)
    for (Encoding e : q.encodings) {
      const std::string name(to_string(e));
      if (out.find(name) == std::string::npos) out += (out.empty() ? "" : ", ") + name;
    }
  return out;
}

void rule_two_bit_per_tensor(NodeCheck& c, const Port& p) {
  if (!p.root || is_per_channel(p.root->qscheme)) return;
  const double values = value_count(*p.root);
  if (p.root->dtype != TorchDtype::int8 || values <= 0 || values > 4) return;
  Finding& f = c.add("encoding.2bit-per-tensor", &p, "2-bit quantization of " + p.label() + " is per-tensor; QNN "
                     "supports 2-bit only per channel");
  f.expected = "per_channel_symmetric";
  f.actual = std::string(to_string(p.root->qscheme));
  f.hint = "use the per-channel 16a2w config (get_ptq_per_channel_quant_config with int2 weights) for this op";
  f.source = "backends/qualcomm/quantizer/validators.py _qspec_port_encoding_type (ExecuTorch)";
  f.basis = "read";
}

void rule_encoding_allowed(NodeCheck& c, const Port& p, const PortSpec& s, const QuantConstraint*& chosen) {
  chosen = constraint_for(s, p.encoding, c.target.sdk);
  if (chosen) return;
  Finding& f = c.add("encoding.not-allowed", &p,
                     std::string(to_string(p.encoding)) + " is not an encoding " + c.result.qnn_op + " accepts on " +
                         p.label());
  f.expected = encoding_list(s);
  f.actual = std::string(to_string(p.encoding));
  if (p.encoding == Encoding::BLOCKWISE_EXPANSION)
    f.hint = "block-wise (LPBQ) quantization applies to convolution and linear weights only: drop block_size for "
             "this port (per-channel or per-tensor spec)";
  else if (p.encoding == Encoding::AXIS_SCALE_OFFSET || p.encoding == Encoding::BW_AXIS_SCALE_OFFSET)
    f.hint = "quantize this port per-tensor (e.g. per_tensor_symmetric) instead of per-channel";
  else
    f.hint = "change this port's qspec so that its encoding is one of: " + f.expected;
  set_provenance(f, provenance_of(c, nullptr));
}

void rule_symmetric(NodeCheck& c, const Port& p, const QuantConstraint& q) {
  if (!q.symmetric || is_symmetric(p.root->qscheme)) return;
  Finding& f = c.add("encoding.symmetric", &p, p.label() + " of " + c.result.qnn_op + " must be symmetrically quantized");
  f.expected = is_per_channel(p.root->qscheme) ? "per_channel_symmetric" : "per_tensor_symmetric";
  f.actual = std::string(to_string(p.root->qscheme));
  f.hint = q.hint.empty() ? "use a symmetric qscheme (" + f.expected + ") for this port, as ExecuTorch's weight "
                            "specs do"
                          : q.hint;
  set_provenance(f, provenance_of(c, &q));
}

void rule_math_invariant(NodeCheck& c, const Port& p, const QuantConstraint& q) {
  if (!q.math_invariant) return;
  if (!p.output && p.index == 0) return;  // in[0], the reference port itself
  const Port* reference = c.inputs.empty() ? nullptr : &c.inputs[0];
  const bool shares_spec = p.spec.own_qspec != kNone && c.graph.qspecs[p.spec.own_qspec].kind == QSpecKind::shared;
  const bool same_root = reference && reference->spec.state == ResolveState::resolved && p.spec.root == reference->spec.root;
  if (same_root) return;
  Finding& f = c.add("encoding.math-invariant", &p,
                     c.result.qnn_op + " only moves data, so " + p.label() + " must share the qparams of in[0]" +
                         (shares_spec ? ", but its shared spec resolves to " + describe_root(c, p.spec)
                                      : ", but it has its own spec"));
  f.expected = reference ? "the qparams of " + describe_root(c, reference->spec) : "a shared spec";
  f.actual = shares_spec ? describe_root(c, p.spec) : "an independent spec of its own";
  if (p.spec.root_node != kNone && shares_spec) f.related_node = c.name_of(p.spec.root_node);
  f.hint = q.hint.empty() ? "annotate " + p.label() + " with SharedQuantizationSpec((input, node)) so it reuses the "
                            "input's observer (QnnQuantizer's annotate_single_in_share_out)"
                          : q.hint;
  set_provenance(f, provenance_of(c, &q));
}

bool close(double a, double b) { return std::fabs(a - b) <= 1e-6 * std::fabs(b); }

// The zero point a spec gives its port: a fixed one, or what torch's observers compute for a symmetric
// qscheme (0, but 128 for uint8 — the range's midpoint with a custom range — and 32768 for uint16).
// nullopt: an affine observer computes it from the data, so nothing fixes it.
std::optional<int64_t> implied_zero_point(const QSpec& q) {
  if (q.zero_point) return q.zero_point;
  if (!is_symmetric(q.qscheme)) return std::nullopt;
  if (q.dtype == TorchDtype::uint8) return q.quant_min && q.quant_max ? (*q.quant_min + *q.quant_max) / 2 : 128;
  if (q.dtype == TorchDtype::uint16) return 32768;
  return 0;
}

// A port whose QNN offset is fixed while its scale is free: a 16-bit port with offset 0, a uint16 port
// symmetric around 32768 (offset -32768).
void rule_offset(NodeCheck& c, const Port& p, const QuantConstraint& q) {
  if (!q.offset || q.scale) return;  // with a scale it is a fixed encoding: rule_fixed_qparams
  const std::optional<int64_t> zp = implied_zero_point(*p.root);
  if (zp && *zp == -*q.offset) return;
  Finding& f = c.add("encoding.offset", &p, p.label() + " of " + c.result.qnn_op + " must have QNN offset " +
                                                std::to_string(*q.offset) + " (zero_point " +
                                                std::to_string(-*q.offset) + ")");
  f.expected = "zero_point " + std::to_string(-*q.offset);
  f.actual = zp ? "zero_point " + std::to_string(*zp)
                : "zero_point computed by " + std::string(p.root->observer.empty() ? "an observer" : p.root->observer) +
                      " (" + std::string(to_string(p.root->qscheme)) + ")";
  f.hint = q.hint.empty() ? (*q.offset == 0 ? "use a symmetric signed spec (per_tensor_symmetric, zero_point 0) for " +
                                                  p.label()
                                            : "fix the zero point of " + p.label() + " at " +
                                                  std::to_string(-*q.offset) + " (e.g. a FixedQParamsObserver or a "
                                                  "symmetric uint16 spec)")
                          : q.hint;
  set_provenance(f, provenance_of(c, &q));
}

void rule_fixed_qparams(NodeCheck& c, const Port& p, const QuantConstraint& q) {
  if (!q.scale) return;
  const QSpec& s = *p.root;
  const bool scale_ok = s.scale && close(*s.scale, *q.scale);
  const bool offset_ok = !q.offset || (s.zero_point && *s.zero_point == -*q.offset);
  if (scale_ok && offset_ok) return;  // the common case: no text to build
  std::string expected = "scale " + format_qparam(*q.scale);
  if (q.offset) expected += ", zero_point " + std::to_string(-*q.offset);
  std::string actual = s.scale ? "scale " + format_qparam(*s.scale)
                               : "scale computed by " + std::string(s.observer.empty() ? "an observer" : s.observer);
  if (q.offset) actual += s.zero_point ? ", zero_point " + std::to_string(*s.zero_point)
                                       : ", zero_point computed by an observer";
  Finding& f = c.add("encoding.fixed-qparams", &p, p.label() + " of " + c.result.qnn_op + " must use fixed qparams");
  f.expected = expected;
  f.actual = actual;
  f.hint = q.hint.empty() ? "annotate " + p.label() + " with FixedQParamsObserver(" + expected + ") (or "
                            "FixedQParamsQuantizationSpec), as QnnQuantizer does for this op"
                          : q.hint;
  set_provenance(f, provenance_of(c, &q));
}

void rule_axis(NodeCheck& c, const Port& p, const QuantConstraint& q) {
  if (q.axis.empty() || !is_per_channel(p.root->qscheme)) return;
  const int64_t axis = p.root->ch_axis.value_or(0);
  for (int a : q.axis)
    if (a == axis) return;
  Finding& f = c.add("encoding.axis", &p, p.label() + " of " + c.result.qnn_op + " is quantized along the wrong axis");
  for (size_t i = 0; i < q.axis.size(); ++i) f.expected += (i ? ", " : "") + std::to_string(q.axis[i]);
  f.actual = std::to_string(axis);
  f.hint = q.hint.empty() ? "set ch_axis to " + f.expected : q.hint;
  set_provenance(f, provenance_of(c, &q));
}

void check_port_constraints(NodeCheck& c, const Port& p, const PortSpec* s) {
  if (!p.root || !p.dtype_known) return;
  rule_two_bit_per_tensor(c, p);
  if (!s || s->constraints.empty()) return;
  const QuantConstraint* q = nullptr;
  rule_encoding_allowed(c, p, *s, q);
  if (!q) return;
  rule_symmetric(c, p, *q);
  rule_math_invariant(c, p, *q);
  rule_fixed_qparams(c, p, *q);
  rule_offset(c, p, *q);
  rule_axis(c, p, *q);
}

// ---------------------------------------------------------------------------------------------------
// SoC rules

bool quotes_arch(const std::string& text) { return text.find("{arch}") != std::string::npos; }

std::string substitute(std::string text, const NodeCheck& c, int min_arch) {
  auto replace = [&](const std::string& key, const std::string& value) {
    for (size_t pos; (pos = text.find(key)) != std::string::npos;) text.replace(pos, key.size(), value);
  };
  replace("{soc}", c.target.soc->model);
  replace("{arch}", std::to_string(c.target.arch));
  replace("{min}", std::to_string(min_arch));
  replace("{op}", c.result.qnn_op);
  replace("{node}", std::string(c.node.name));
  replace("{sdk}", c.target.sdk ? sdk_version_text(c.target.sdk) : std::string("?"));
  return text;
}

bool names_op(const std::vector<std::string>& ops, const std::string& op) {
  return ops.empty() || std::find(ops.begin(), ops.end(), op) != ops.end();
}

bool rule_holds(const NodeCheck& c, size_t slot, const std::vector<std::string>& ops, const SdkRange& sdk,
                const std::vector<Condition>& when, const Port*& witness) {
  if (!c.holds) return names_op(ops, c.result.qnn_op) && sdk.holds(c.target.sdk) && all_hold(c.site(), when, witness);
  RuleHold& h = c.holds[slot];
  if (h.state == RuleHold::unknown) {
    const Port* w = nullptr;
    h.state = names_op(ops, c.result.qnn_op) && sdk.holds(c.target.sdk) && all_hold(c.site(), when, w)
                  ? RuleHold::yes
                  : RuleHold::no;
    h.has_witness = w != nullptr;
    if (w) {
      h.witness_output = w->output;
      h.witness_index = w->index;
    }
  }
  if (h.state == RuleHold::no) return false;
  witness = h.has_witness ? &(h.witness_output ? c.outputs : c.inputs)[h.witness_index] : nullptr;
  return true;
}



bool quotes_node(const std::string& text) { return text.find("{node}") != std::string::npos; }

// Adds the finding `make(f)` fills (all but the port), made once per target (memo) unless it quotes the node.
template <class Make>
Finding& add_made(NodeCheck& c, FindingMemo& memo, Make&& make) {
  if (memo.per_node) {
    Finding& f = c.result.findings.emplace_back();
    make(f);
    return f;
  }
  if (memo.soc != c.target.soc || memo.arch != c.target.arch) {
    memo.finding = Finding{};
    make(memo.finding);
    memo.soc = c.target.soc;
    memo.arch = c.target.arch;
  }
  return c.result.findings.emplace_back(memo.finding);
}

void rule_soc(NodeCheck& c, const SocRule& r, size_t slot, FindingMemo& memo) {
  const Port* witness = nullptr;
  if (!rule_holds(c, slot, r.ops, r.sdk, r.when, witness)) return;
  const bool arch_ok = c.target.arch >= r.min_arch;
  const bool fp16_ok = !r.requires_fp16 || c.target.soc->fp16;
  if (arch_ok && fp16_ok) return;
  Finding& f = add_made(c, memo, [&](Finding& made) {
    made.rule = r.id;
    made.severity = c.target.strict ? Severity::error : Severity::warning;
    made.message = substitute(r.message, c, r.min_arch);
    if (!arch_ok) {
      made.expected = ">= v" + std::to_string(r.min_arch);
      made.actual = "v" + std::to_string(c.target.arch) + " (" + c.target.soc->model + ")";
    } else {
      made.expected = "a SoC with FP16 support";
      made.actual = c.target.soc->model + " without FP16";
    }
    made.hint = substitute(r.hint, c, r.min_arch);
    set_provenance(made, r.provenance);
  });
  f.port = !r.port.empty() ? r.port : (witness ? witness->label() : "");
}

// ---------------------------------------------------------------------------------------------------
// Data checks: rule ids the data defines (docs/rules.md lists the shipped ones)


bool check_applies(const NodeCheck& c, const OpCheck& k, size_t slot, const Port*& witness) {
  return check_on_arch(c.target, k) && rule_holds(c, slot, k.ops, k.sdk, k.when, witness);
}

Finding& add_check_finding(NodeCheck& c, const OpCheck& k, const Port* witness, FindingMemo& memo) {
  Finding& f = add_made(c, memo, [&](Finding& made) {
    made.rule = k.id;
    made.severity = c.target.strict ? Severity::error : Severity::warning;
    made.message = substitute(k.message, c, k.min_arch);
    made.expected = k.expected;
    made.hint = substitute(k.hint, c, k.min_arch);
    set_provenance(made, k.provenance);
  });
  f.port = !k.port.empty() ? k.port : (witness ? witness->label() : "");
  return f;
}

// A constraint QNN enforces that depends on an argument, a tensor's rank, or several ports together:
// an error (a warning in non-strict mode), like every other constraint.
void rule_data_constraint(NodeCheck& c, const OpCheck& k, size_t slot, FindingMemo& memo) {
  if (k.severity != CheckSeverity::error) return;
  const Port* witness = nullptr;
  if (!check_applies(c, k, slot, witness)) return;
  add_check_finding(c, k, witness, memo);
}

// QNN accepts the annotation but the result is inaccurate (a fixed-range output left free...): always a
// warning, and the node still passes (node_failed ignores accuracy.* findings).
void rule_data_accuracy(NodeCheck& c, const OpCheck& k, size_t slot, FindingMemo& memo) {
  if (k.severity != CheckSeverity::accuracy) return;
  const Port* witness = nullptr;
  if (!check_applies(c, k, slot, witness)) return;
  add_check_finding(c, k, witness, memo).severity = Severity::warning;
}

bool is_accuracy_finding(const Finding& f) { return f.rule.rfind("accuracy.", 0) == 0; }

// Quantized inputs with an unannotated float output (or the reverse, which no variant matches either):
// reported on its own when no variant matched, as the generic combination message would hide why.
bool rule_mixed_io(NodeCheck& c, const OpData& op) {
  const Port* float_out = nullptr;
  for (const Port& p : c.outputs)
    if (p.unannotated_output) float_out = &p;
  // A float in[0] with quantized weights (fp16a8w) is a float op with quantized parameters, not mixed I/O.
  if (!float_out || c.inputs.empty() || !c.inputs[0].root) return false;
  Finding& f = c.add("dtype.mixed-io", float_out,
                     op.name + " has quantized inputs but its output " + float_out->label() +
                         " is not quantized (no output qspec, so it stays " + std::string(to_string(float_out->dtype)) +
                         "); QNN has no such variant of " + op.name + " on " + c.target.soc->model +
                         " in the constraint data");
  f.expected = "an output qspec (the op's quantized variants), or float inputs too";
  f.actual = combination(c.inputs, c.outputs);
  f.hint = "annotate the output of " + std::string(c.node.name) + " (e.g. the activation spec, or a shared spec) so "
           "QNN gets a quantized output, or leave the whole op unannotated to run it in float";
  f.source = "UbiquitousLearning/mllm issue #658 (2026-03-22): QNN HTP op validation (3110) fails ops whose inputs and "
             "outputs mix quantized and float; onnxruntime/onnxruntime-qnn PR #497 (2026-06-08) adds the one exception "
             "it found (a quantized-in, float-out Batchnorm)";
  f.basis = "read";
  return true;
}

// ---------------------------------------------------------------------------------------------------
// One node in two halves: what does not depend on the SoC, then what does

bool has_blocking_findings(const NodeResult& r) { return !r.findings.empty(); }

// A variant fits the node when none of its conditions is known to fail and its ports take the node's
// datatypes. Whether it exists on the target (arch, QNN SDK) is the second half's question.
bool variant_fits(const NodeCheck& c, const Variant& v) {
  return variant_applies(c.site(), v) && ports_match(v.inputs, c.inputs, false) && ports_match(v.outputs, c.outputs, true);
}

}  // namespace

const TargetLookup::Entry& TargetLookup::of(std::string_view target) {
  auto [it, added] = by_view_.try_emplace(Key{target.data(), target.size()});
  if (added) {
    auto rule_it = backend_.rules.find(std::string(target));
    if (rule_it != backend_.rules.end()) {
      it->second.rule = &rule_it->second;
      if (rule_it->second.qnn_op) {
        auto op_it = backend_.ops.find(*rule_it->second.qnn_op);
        if (op_it != backend_.ops.end()) it->second.op = &op_it->second;
      }
    }
  }
  return it->second;
}

RulesByOp::Rules& RulesByOp::of(const OpData& op, const std::string& qnn_op) {
  auto [it, added] = by_op_.try_emplace(&op);
  if (added) {
    Rules& rules = it->second;
    for (const SocRule& r : backend_.soc_rules)
      if (names_op(r.ops, qnn_op)) {
        rules.soc_rules.push_back(&r);
        rules.memos.emplace_back().per_node = quotes_node(r.message) || quotes_node(r.hint);
      }
    for (const OpCheck& k : backend_.checks)
      if (names_op(k.ops, qnn_op)) {
        rules.checks.push_back(&k);
        rules.check_quotes_arch.push_back(quotes_arch(k.message) || quotes_arch(k.hint));
        rules.memos.emplace_back().per_node = quotes_node(k.message) || quotes_node(k.hint);
      }
  }
  return it->second;
}

const OpData* prepare_node(NodeCheck& c, const SpecResolver& resolver, NodePorts& ports, PortRows& rows,
                           Report& report, std::vector<const Variant*>& fitting, TargetLookup& lookup) {
  const Node& n = c.node;
  NodeResult& r = c.result;
  const BackendData& backend = *c.target.backend;

  const TargetLookup::Entry& found = lookup.of(n.target);
  if (!found.rule) {
    r.status = Status::not_validated;
    Finding& f = c.add_not_validated("op.unknown-target", std::string(n.target) + " is not in the " + backend.name +
                                                              " rule table, so qnnv cannot tell which QNN op it becomes");
    f.hint = "if ExecuTorch lowers this target, the constraint data lacks it: check `qnnv ops`; a custom data file "
             "(--data) can add it";
    return nullptr;
  }
  const RuleEntry& rule = *found.rule;
  if (!rule.qnn_op) {
    r.status = Status::not_validated;
    Finding& f = c.add_not_validated("op.no-qnn-op",
                                     std::string(n.target) + " maps to no QNN op for validation: " + rule.reason);
    f.hint = "nothing to change here: neither qnnv nor ExecuTorch's validator checks this op, so QNN will only "
             "judge it when the model is lowered";
    set_provenance(f, rule.provenance);
    return nullptr;
  }
  r.qnn_op = *rule.qnn_op;
  if (!found.op) {
    if (backend.complete) {
      r.status = Status::fail;
      Finding& f = c.add("op.unsupported-by-backend", nullptr,
                         r.qnn_op + " is not supported by the " + backend.name + " backend");
      f.expected = "an op in the " + backend.name + " op list";
      f.actual = r.qnn_op;
      f.hint = "leave this op unannotated so it falls back to another backend or CPU, or target another backend";
      set_provenance(f, rule.provenance);
    } else {
      r.status = Status::not_validated;
      c.add_not_validated("op.no-constraint-data", r.qnn_op + " has no constraint data for the " + backend.name +
                                                       " backend in " + backend.origin + " data");
    }
    return nullptr;
  }
  const OpData& op = *found.op;

  build_ports(c.graph, resolver, c.index, rule, c.target.strict ? Severity::error : Severity::warning, ports,
              r.findings);
  rows.add(ports, r, report);
  if (has_blocking_findings(r)) {  // the spec itself is broken: nothing below can be trusted
    r.status = Status::fail;
    return nullptr;
  }
  for (const auto* list : {&c.inputs, &c.outputs})
    for (const Port& p : *list)
      if (!p.dtype_known) {
        r.status = Status::not_validated;
        c.add_not_validated("port.dtype-unknown",
                            "the datatype of " + p.label() + " (" + c.name_of(p.node) + ") cannot be determined: " +
                                (p.root ? "its qspec dtype is not one QNN quantizes to"
                                        : "the tensor has no known dtype (val missing)"));
        return nullptr;
      }
  for (const Variant& v : op.variants)
    if (variant_fits(c, v)) fitting.push_back(&v);
  return &op;
}

const Variant* first_on_target(Span<const Variant*> fitting, const Target& t) {
  for (const Variant* v : fitting)
    if (variant_on_target(*v, t)) return v;
  return nullptr;
}

// A SoC rule states what a SoC must have (an arch, FP16: data.h), so only the rules that the target's SoC
// lacks something for are tried on its nodes.
void check_on_target(NodeCheck& c, const OpData& op, Span<const Variant*> fitting, RulesByOp& rules_by_op) {
  NodeResult& r = c.result;
  c.variant = first_on_target(fitting, c.target);
  if (c.variant) {
    r.variant = c.variant->name;
    for (size_t i = 0; i < c.inputs.size(); ++i) check_port_constraints(c, c.inputs[i], spec_for(c.variant->inputs, i));
    for (size_t i = 0; i < c.outputs.size(); ++i)
      check_port_constraints(c, c.outputs[i], spec_for(c.variant->outputs, i));
  } else if (!rule_mixed_io(c, op)) {
    rule_unsupported_combination(c, op);
  }
  RulesByOp::Rules& rules = rules_by_op.of(op, r.qnn_op);
  for (size_t i = 0; i < rules.soc_rules.size(); ++i)
    if (soc_lacks(c.target, *rules.soc_rules[i])) rule_soc(c, *rules.soc_rules[i], i, rules.memos[i]);
  for (size_t i = 0; i < rules.checks.size(); ++i) {
    const size_t slot = rules.soc_rules.size() + i;
    rule_data_constraint(c, *rules.checks[i], slot, rules.memos[slot]);
    rule_data_accuracy(c, *rules.checks[i], slot, rules.memos[slot]);
  }
  r.status = Status::pass;
  for (const Finding& f : r.findings)
    if (!is_accuracy_finding(f)) r.status = Status::fail;
}

}  // namespace qnnv::detail
