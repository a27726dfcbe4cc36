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

// A QNN SDK version as a number that orders: "2.39" -> 2039 (major * 1000 + minor). Data files and the
// options write the text form; parse_sdk_version / sdk_version_text convert.
std::optional<int> parse_sdk_version(std::string_view);  // "2.39" or "2.39.0"; nullopt if not MAJOR.MINOR
std::string sdk_version_text(int);                       // 2039 -> "2.39"

// The QNN SDK versions a fact holds for: from `from` (inclusive) until `until` (exclusive). Separate from
// the SoC (arch) gates: an SDK range says which QNN release states or enforces the fact.
struct SdkRange {
  int from = 0;
  int until = INT_MAX;
  bool holds(int sdk) const { return sdk >= from && sdk < until; }
  bool unbounded() const { return from == 0 && until == INT_MAX; }
};

struct SocInfo {
  std::string model;         // "SM8650"
  int id = 0;                // QNN SoC model id (Qnn_SocModel_t)
  int htp_arch = 0;          // 68, 69, 73, 75, 79, 81; 0 = no HTP
  int vtcm_mb = 0;
  int lpai_version = 0;      // 0 = no LPAI
  bool fp16 = false;         // HTP float16 precision supported
  std::string name;          // marketing name, empty where no source gives one
  std::vector<std::string> aliases;  // other model names of the same id ("SA8775P" for SA8255)
  Provenance provenance;
};

// One encoding constraint of a port (ExecuTorch's TensorQuantConstraint). Applies to a port whose
// encoding is one of `encodings`; the first constraint that lists the port's encoding is the one applied.
struct QuantConstraint {
  std::vector<Encoding> encodings;
  bool symmetric = false;       // qscheme must be per_tensor_symmetric / per_channel_symmetric
  bool math_invariant = false;  // the port must share its input's qparams (a shared spec)
  std::optional<double> scale;  // fixed scale (compared with relative tolerance 1e-6)
  std::optional<int64_t> offset;  // fixed QNN offset (= -zero_point); alone (no scale) it is rule
                                  // encoding.offset, checked against the zero point the spec implies
  std::vector<int> axis;        // allowed quantization axes for per-axis encodings; empty = any
  std::string hint;             // optional fix-it text that overrides the generic one
  SdkRange sdk;                 // the SDK versions it holds for (outside them the constraint is skipped)
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

// One side of a comparison condition (Condition::compare): a number read from the node, or a constant.
struct ConditionOperand {
  enum class Measure { value, length, product, rank, dim, constant };
  Measure measure = Measure::constant;
  std::string port;                 // rank, dim: "in[N]" / "out[N]"
  int dim = 0;                      // dim: which size of the port's shape (negative counts from the end)
  int arg = -1;                     // value, length, product: args[arg], or kwargs[kwarg] when passed by name
  std::string kwarg;
  int element = -1;                 // value: one element of a list argument (pad[0]); -1: a scalar argument
  int64_t constant = 0;             // constant
};

// How the operands of a comparison relate: compare[0] RELATION compare[1].
enum class Relation { equal, not_equal, less, less_equal, greater, greater_equal };

// A condition on one node, for variants (`when`), SoC rules and op checks. Either on a resolved port
// (`port` set), on an argument of the aten call (`arg` >= 0 or `kwarg` set), a comparison of two
// values (`compare`), the node's aten target (`targets`) or alternatives (`any`). All given parts must hold.
struct Condition {
  std::string port;                 // "in[1]", "out[0]", or "*" (any port); empty = an argument condition
  std::vector<Encoding> encodings;  // port encoding is one of these (empty = any)
  std::vector<DataType> dtypes;     // port datatype is one of these (empty = any)
  int bits = 0;                     // fixed-point port of exactly this bit width (0 = any)
  int value_bits = 0;               // quantized port whose quant range holds exactly 2^value_bits values (a
                                    // 4-bit weight in an int8 container has value_bits 4); 0 = any
  std::optional<bool> present;      // the node has this port (an optional input such as a bias) / lacks it
  std::optional<bool> quantized;    // the port has a qspec / has none
  std::optional<bool> symmetric;    // its qscheme is *_symmetric / is not
  std::optional<bool> fixed_qparams;  // its spec fixes scale and zero point (FixedQParams) / computes them
  int rank_min = 0;                 // rank of the port's tensor (its val shape) within [rank_min, rank_max];
  int rank_max = INT_MAX;           // a tensor without a shape never satisfies a bounded rank
  // Argument part: args[arg], or kwargs[kwarg] when the call passes it by name; `element` picks one
  // element of a list argument (kernel_size[1]); `absent` is the value when the call leaves it out.
  int arg = -1;
  std::string kwarg;
  int element = -1;                 // -1: a scalar argument, or every element of a list argument
  bool any_element = false;         // a list argument: one accepted element is enough (dilation has a 2)
  std::vector<int64_t> values;      // the argument is one of these
  std::vector<int64_t> not_values;  // the argument is none of these
  std::optional<int64_t> absent;    // value when the call does not pass the argument
  // The argument is an axis of this port's tensor ("in[0]"): negative values count from the end, and
  // last_axis asks whether it is (true) or is not (false) the tensor's last axis.
  std::string axis_of;
  std::optional<bool> last_axis;
  // A string argument ("reflect") is one of `strings` / none of `not_strings`; a torch dtype argument
  // ({"dtype": NAME}, a Cast's target) is one of `torch_dtypes` (torch names: "int32").
  std::vector<std::string> strings, not_strings, torch_dtypes;
  // Port part: the size `dim` of the port's shape (negative counts from the end) is one of `values` /
  // none of `not_values`; a shape without that size (unknown rank, a symbolic size) is unknown.
  std::optional<int> dim;
  // Comparison: `compare[0] relation compare[1]`; unknown when either operand cannot be read.
  std::vector<ConditionOperand> compare;  // empty, or exactly two
  Relation relation = Relation::equal;
  // The node's aten target is one of these ("aten.reflection_pad2d.default").
  std::vector<std::string> targets;
  // One of these conditions holds (unknown when none holds and one is unknown); they hold no `any`.
  std::vector<Condition> any;
  bool is_comparison() const { return !compare.empty(); }
  bool is_argument() const { return port.empty() && compare.empty() && targets.empty() && any.empty(); }
};

// What a data check reports when its conditions hold. `error`: a constraint QNN enforces (an error, or a
// warning in non-strict mode); `accuracy`: QNN accepts the annotation but computes wrong or degraded
// results (always a warning, never a fail).
enum class CheckSeverity { error, accuracy };

// A check on one node written in the data: attribute-dependent constraints (an argument's value, a
// tensor's rank), constraints across ports (a weight encoding only with some activation datatype) and
// accuracy warnings. The rule id is the data's (documented in docs/rules.md); it fires when all `when`
// conditions hold on a SoC in [min_arch, max_arch] and a QNN SDK in `sdk`.
struct OpCheck {
  std::string id;                   // "attr.argmax-rank", "cross.lpbq-activation", "accuracy.softmax-range"
  CheckSeverity severity = CheckSeverity::error;
  std::vector<std::string> ops;     // QNN ops it applies to (empty = all)
  std::vector<Condition> when;
  int min_arch = 0;
  int max_arch = INT_MAX;
  SdkRange sdk;
  std::string message;              // "{op}", "{node}", "{soc}", "{arch}", "{sdk}" are substituted
  std::string expected;
  std::string hint;
  std::string port;                 // port the finding is attached to ("" = the first port condition's)
  Provenance provenance;
};

struct Variant {
  std::string name;                 // "INT8", "INT16 a16w8", "FP16"...
  std::vector<PortSpec> inputs;
  std::vector<PortSpec> outputs;
  int min_arch = 0;                 // HTP arch (htp) or LPAI version (lpai) range this variant exists on
  int max_arch = INT_MAX;
  SdkRange sdk;                     // QNN SDK versions the variant exists in
  std::vector<Condition> when;      // attribute conditions: the variant only applies when all hold
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

struct SocRule {
  std::string id;                   // "soc.lpbq-min-arch"
  std::vector<std::string> ops;     // QNN ops it applies to (empty = all)
  std::vector<Condition> when;      // all must hold for the rule to apply
  int min_arch = 0;                 // the SoC's arch must be >= this
  bool requires_fp16 = false;       // the SoC must support FP16
  SdkRange sdk;                     // QNN SDK versions the rule holds for
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
  std::vector<OpCheck> checks;
};

struct ConstraintData {
  std::string version;              // "2026.11"
  std::string origin;               // "built-in", or the origin given to load_data
  std::vector<SocInfo> socs;
  std::map<std::string, BackendData> backends;
  // The QNN SDK versions the data knows (its documents' "qnn_sdk_versions" and every SDK bound it uses),
  // ascending.
  std::vector<int> sdk_versions;
  // The SDK a document's data was read from (its "qnn_sdk", e.g. an SDK import); 0 when none says.
  int read_from_sdk = 0;
  // The default of Options::qnn_sdk: the SDK the data was read from, else the newest version it knows.
  int default_sdk() const { return read_from_sdk ? read_from_sdk : sdk_versions.empty() ? 0 : sdk_versions.back(); }

  const SocInfo* find_soc(std::string_view model) const;
  const BackendData* find_backend(std::string_view name) const;
  // The arch number a backend's variants and SoC rules compare against: htp_arch or lpai_version.
  static int arch_of(const SocInfo&, std::string_view backend);
};

}  // namespace qnnv
