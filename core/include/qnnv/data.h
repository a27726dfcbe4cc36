// qnnv — the constraint data model: SoCs, aten->QNN rule tables, per-op datatype variants and SoC rules.
// The file format that fills these structures is documented in docs/data-format.md.
#pragma once

#include <climits>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "qnnv/types.h"

namespace qnnv {

struct SocInfo {
  std::string model;         // "SM8650"
  int id = 0;                // QNN SoC model id (Qnn_SocModel_t)
  int htp_arch = 0;          // 68, 69, 73, 75, 79, 81; 0 = no HTP
  int vtcm_mb = 0;
  int lpai_version = 0;      // 0 = no LPAI
  bool fp16 = false;         // HTP float16 precision supported
  std::string name;          // marketing name, empty where no source gives one
  Provenance provenance;
};

// One encoding constraint of a port (ExecuTorch's TensorQuantConstraint). Applies to a port whose
// encoding is one of `encodings`; the first constraint that lists the port's encoding is the one applied.
struct QuantConstraint {
  std::vector<Encoding> encodings;
  bool symmetric = false;       // qscheme must be per_tensor_symmetric / per_channel_symmetric
  bool math_invariant = false;  // the port must share its input's qparams (a shared spec)
  std::optional<double> scale;  // fixed scale (compared with relative tolerance 1e-6)
  std::optional<int64_t> offset;  // fixed QNN offset (= -zero_point)
  std::vector<int> axis;        // allowed quantization axes for per-axis encodings; empty = any
  std::string hint;             // optional fix-it text that overrides the generic one
  std::optional<Provenance> provenance;  // overrides the variant's
};

// One port of a variant (ExecuTorch's PortDatatypeConstraints). `dtypes` lists the accepted datatypes
// (a list is shorthand for one variant per datatype with the same constraints).
struct PortSpec {
  std::string name;                 // "in[0]" role name for humans: "input", "weight", "bias"...
  std::vector<DataType> dtypes;
  bool repeat = false;              // applies to this port and every later one (variadic inputs)
  bool optional = false;            // may be absent at the end of the node's port list
  std::vector<QuantConstraint> constraints;  // empty = no encoding constraint on this port
};

struct Variant {
  std::string name;                 // "INT8", "INT16 a16w8", "FP16"...
  std::vector<PortSpec> inputs;
  std::vector<PortSpec> outputs;
  int min_arch = 0;                 // HTP arch (htp) or LPAI version (lpai) range this variant exists on
  int max_arch = INT_MAX;
  Provenance provenance;
};

struct OpData {
  std::string name;                 // QNN op name: "Conv2d"
  std::vector<Variant> variants;    // tried in order; the first whose datatypes match is used
  std::string description;
};

// aten target -> QNN op (or none, with the reason). `input_order` maps QNN input i to the i-th node
// reference among the aten arguments (empty = identity).
struct RuleEntry {
  std::string target;               // "aten.conv2d.default"
  std::optional<std::string> qnn_op;
  std::string reason;               // why qnn_op is none
  std::vector<int> input_order;
  std::string rule_class;           // upstream rule class ("Conv2d", "MaskedFill"...), informational
  Provenance provenance;
};

// A condition on the resolved ports of a node, for SoC rules.
struct PortCondition {
  std::string port;                 // "in[1]", "out[0]", or "*" (any port)
  std::vector<Encoding> encodings;  // port encoding is one of these (empty = any)
  std::vector<DataType> dtypes;     // port datatype is one of these (empty = any)
  int bits = 0;                     // fixed-point port of exactly this bit width (0 = any)
};

struct SocRule {
  std::string id;                   // "soc.lpbq-min-arch"
  std::vector<std::string> ops;     // QNN ops it applies to (empty = all)
  std::vector<PortCondition> when;  // all must hold for the rule to apply
  int min_arch = 0;                 // the SoC's arch must be >= this
  bool requires_fp16 = false;       // the SoC must support FP16
  std::string message;              // human text; "{soc}", "{op}", "{node}" and the numbers "{arch}", "{min}"
                                    // (write "v{min}") are substituted
  std::string hint;
  std::string port;                 // port the finding is attached to ("" = none)
  Provenance provenance;
};

struct BackendData {
  std::string name;                 // "htp", "lpai"
  std::string version;              // data version of this backend table
  bool complete = false;            // op list is the backend's full list: absent op => unsupported
  std::string origin;               // "built-in" or the file it came from
  std::unordered_map<std::string, RuleEntry> rules;   // by aten target (without "torch.ops.")
  std::map<std::string, OpData> ops;                  // by QNN op name
  std::vector<SocRule> soc_rules;
};

struct ConstraintData {
  std::string version;              // "2026.11"
  std::string origin;               // "built-in", or the origin given to load_data
  std::vector<SocInfo> socs;
  std::map<std::string, BackendData> backends;

  const SocInfo* find_soc(std::string_view model) const;
  const BackendData* find_backend(std::string_view name) const;
  // The arch number a backend's variants and SoC rules compare against: htp_arch or lpai_version.
  static int arch_of(const SocInfo&, std::string_view backend);
};

}  // namespace qnnv
