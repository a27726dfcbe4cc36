// The rule catalog (rule_catalog.h). One row per rule id the built-in data and the validator emit; the ids
// are those of docs/rules.md, whose table carries an anchor per id.
#include "rule_catalog.h"

#include <array>

// The project's home (repository) URL, set once in the top-level CMakeLists.txt (QNNV_HOME_URL).
#ifndef QNNV_HOME_URL
#error "QNNV_HOME_URL must be defined by the build (CMakeLists.txt)"
#endif

namespace qnnv::detail {
namespace {

constexpr std::string_view kGenericFix =
    "See the rule's entry on the rules page; change the node's quantization spec in the quantizer config.";

constexpr std::array<RuleInfo, 19> kRules = {{
    {"op.unknown-target", "Op not in the backend's rule table",
     "The node's aten target is not in the backend's rule table, so qnnv cannot tell which QNN op it lowers to "
     "and does not validate it. The node is reported as not validated, never as passing.",
     "Check `qnnv ops` for the targets qnnv knows; decompose the op or add it to a data file.",
     "not-validated coverage"},
    {"op.no-qnn-op", "Target maps to no QNN op",
     "The rule table maps the aten target to no QNN op (the finding gives the reason), so the node is not "
     "validated.",
     "Nothing to fix in the quantizer config; the finding says why the op is not checked.", "not-validated coverage"},
    {"op.no-constraint-data", "No constraint data for the QNN op",
     "The QNN op has no constraint data for this backend, so its ports cannot be checked.",
     "Load a data file that covers the op (scripts/import_backend_opinfo.py).", "not-validated coverage"},
    {"op.unsupported-by-backend", "QNN op absent from the backend",
     "The QNN op is absent from a backend whose op list is declared complete (for instance data imported from "
     "the QNN SDK): the backend cannot run it.",
     "Keep the op off this backend (leave it unannotated so it falls back) or choose another backend.",
     "correctness backend"},
    {"port.dtype-unknown", "Port datatype cannot be determined",
     "A port's QNN datatype cannot be determined (no `val` in the export, or a dtype QNN does not quantize to), "
     "so the node is not validated.",
     "Export the graph with tensor metadata (`val`) on every node.", "not-validated export"},
    {"dtype.unsupported-combination", "Datatype combination not supported",
     "No variant of the QNN op accepts the node's port datatypes on this SoC. ExecuTorch silently passes such "
     "nodes; the backend rejects them at lowering time.",
     "Use one of the combinations listed in `expected`, e.g. another quantization config for this node.",
     "correctness quantization"},
    {"encoding.not-allowed", "Encoding not accepted by the port",
     "The port's encoding (per-tensor, per-channel, block-wise...) is not one the port accepts.",
     "Quantize this port with one of the encodings listed in `expected`.", "correctness quantization"},
    {"encoding.symmetric", "Port must be symmetric",
     "The port must be symmetrically quantized (per_tensor_symmetric or per_channel_symmetric).",
     "Use a symmetric qscheme for this port.", "correctness quantization"},
    {"encoding.math-invariant", "Port must share its input's qparams",
     "The op only moves data (Reshape, Transpose...): its output must share the qparams of in[0] through a "
     "shared spec.",
     "Annotate the output with a SharedQuantizationSpec of the input edge.", "correctness quantization"},
    {"encoding.fixed-qparams", "Port needs fixed qparams",
     "The port must use fixed quantization parameters (for instance Sigmoid's output scale 1/(qmax-qmin+1) and "
     "offset 0).",
     "Use a FixedQParamsQuantizationSpec with the values in `expected`.", "correctness quantization"},
    {"encoding.axis", "Per-channel axis not accepted",
     "A per-channel port is quantized along an axis the port does not accept.",
     "Quantize along the axis listed in `expected`.", "correctness quantization"},
    {"encoding.2bit-per-tensor", "2-bit values per tensor",
     "2-bit values (int8 with at most 4 values) are quantized per tensor; QNN supports 2-bit only per channel.",
     "Quantize the port per channel, or with more bits.", "correctness quantization"},
    {"qspec.invalid", "Quantization spec not usable",
     "The spec itself is not usable (an unknown qscheme, quant_min greater than quant_max).",
     "Fix the spec's qscheme or range.", "correctness quantization"},
    {"qspec.shared-cycle", "Shared specs form a cycle",
     "A chain of shared specs loops without reaching a concrete spec.",
     "Make one spec in the chain a concrete QuantizationSpec.", "correctness quantization"},
    {"qspec.shared-dangling", "Shared spec points nowhere",
     "A shared spec points at a tensor that has no spec.", "Annotate the tensor the shared spec refers to.",
     "correctness quantization"},
    {"qspec.shared-chain-limit", "Shared-spec chain too long",
     "A chain of shared specs is longer than the limit qnnv follows (Limits::max_shared_chain).",
     "Shorten the chain, or raise the limit.", "limits quantization"},
    {"soc.lpbq-min-arch", "Block-wise weights need HTP v69+",
     "Block-wise (LPBQ) weights on Conv, FullyConnected and TransposeConv need HTP v69 or newer.",
     "Use per-channel 4-bit weights on this SoC, or target a v69+ SoC.", "correctness soc"},
    {"soc.16a16w-min-arch", "16-bit activations with 16-bit weights need HTP v73+",
     "16-bit activations with 16-bit weights (Conv2d, FullyConnected, MatMul in[1], LayerNorm weight, "
     "TransposeConv2d) need HTP v73 or newer.",
     "Use 8-bit weights (16a8w) on this SoC, or target a v73+ SoC.", "correctness soc"},
    {"soc.fp16-unsupported", "Float ports on a SoC without FP16",
     "The node has float ports, but the SoC's HTP has no FP16 support.",
     "Quantize the node, or target a SoC with FP16.", "correctness soc"},
}};

}  // namespace

std::vector<RuleInfo> rule_catalog() { return {kRules.begin(), kRules.end()}; }

RuleInfo rule_info(std::string_view id) {
  for (const RuleInfo& r : kRules)
    if (r.id == id) return r;
  return {id, "qnnv rule", "A constraint from the constraint data in use (see the finding's source).", kGenericFix,
          "correctness"};
}

std::string_view home_url() { return QNNV_HOME_URL; }

std::string_view docs_url() {
  static const std::string docs = std::string(QNNV_HOME_URL) + "/blob/main/docs";
  return docs;
}

std::string rule_help_uri(std::string_view id) {
  std::string uri(docs_url());
  uri += "/rules.md#";
  for (char ch : id) {  // ids are [a-z0-9.-]; anything else is percent-encoded to keep the URI valid
    const bool plain = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
                       ch == '.' || ch == '-' || ch == '_';
    if (plain) {
      uri += ch;
    } else {
      static constexpr char kHex[] = "0123456789ABCDEF";
      const auto b = static_cast<unsigned char>(ch);
      uri += '%';
      uri += kHex[b >> 4];
      uri += kHex[b & 15];
    }
  }
  return uri;
}

}  // namespace qnnv::detail
