// The compact in-memory graph the loader builds from qnnv.graph v1 JSON (internal).
// Every cross-reference is already resolved to an index: the validator never looks names up.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "qnnv/qnnv.h"

namespace qnnv::detail {

constexpr uint32_t kNone = UINT32_MAX;

enum class NodeOp : uint8_t { placeholder, get_attr, call_function, call_method, call_module, output };

// torch dtypes the format names ("float32", "int8"...); unknown = a name qnnv does not know.
enum class TorchDtype : uint8_t {
  float32, float16, bfloat16, float64, int8, uint8, int16, uint16, int32, int64, bool_, unknown, none
};
TorchDtype parse_torch_dtype(std::string_view);
std::string_view to_string(TorchDtype);

enum class QScheme : uint8_t {
  per_tensor_affine, per_tensor_symmetric, per_channel_affine, per_channel_symmetric,
  per_channel_affine_float_qparams, none, unknown
};
QScheme parse_qscheme(std::string_view);  // unknown for names qnnv does not know
std::string_view to_string(QScheme);

enum class QSpecKind : uint8_t { quant, fixed, shared, derived };

// A reference used by shared/derived specs: the output of `node`, or the input edge producer->consumer.
struct SpecRef {
  uint32_t producer = kNone;  // node index
  uint32_t consumer = kNone;  // node index, kNone for a node (output) reference
};

struct QSpec {
  // The one-byte fields first, together: 192 bytes a qspec rather than 216 (a graph holds one per
  // annotated port, 25k in a 100k-node graph, all alive when the load peaks).
  QSpecKind kind = QSpecKind::quant;
  // quant / fixed / derived
  TorchDtype dtype = TorchDtype::none;
  QScheme qscheme = QScheme::none;
  bool is_dynamic = false;
  bool has_block_size = false;
  std::string_view dtype_name;           // as written, only when dtype is unknown (for messages); in Graph::text
  std::optional<int64_t> quant_min, quant_max;
  std::string_view qscheme_name;         // as written, only when qscheme is unknown; in Graph::text
  std::optional<int64_t> ch_axis;
  std::string_view observer;             // class name; for FakeQuantize also the nested observer's. In
                                         // Graph::text, interned (a graph has a handful of distinct ones)
  std::vector<int64_t> block_size;       // observer kwarg block_size (LPBQ); empty = none (has_block_size:
                                         // whether the kwarg was given at all)
  std::optional<double> scale;           // fixed spec, or observer kwargs scale
  std::optional<int64_t> zero_point;     // fixed spec, or observer kwargs zero_point
  // shared: exactly one ref; derived: derived_from refs
  SpecRef shared;
  std::vector<SpecRef> derived_from;
};
#if defined(__x86_64__)
static_assert(sizeof(QSpec) <= 192, "QSpec grew: a 100k-node graph holds some 25k of them at the load's peak");
#endif

struct InputSpecEntry {
  uint32_t arg = kNone;    // node index of the argument
  uint32_t qspec = kNone;  // index into Graph::qspecs, kNone = explicit None
};

struct OutputMeta {
  TorchDtype dtype = TorchDtype::none;  // none = unknown
  int8_t rank = -1;                     // length of the val's shape; -1 = no shape given
  uint32_t dims_first = kNone;          // its sizes: Graph::shape_dims[dims_first, dims_first + rank);
                                        // kNone = no shape given
};

// A size of a val's shape that is not a known integer (a symbolic size "s0", or past INT64_MAX).
constexpr int64_t kUnknownDim = -1;

// What an ArgValue holds: an integer (booleans as 0 and 1), a float (a JSON number with a fraction or an
// exponent: a pad value, an epsilon), a string ("reflect"), a torch dtype written {"dtype": NAME} (a Cast's
// target), or the length of a list argument (its elements follow as their own entries where they are
// integers, floats, strings or dtypes).
enum class ArgKind : uint8_t { integer, text, dtype, list_length, floating };

// A value a node's args or kwargs give directly (groups, dim, one element of a kernel size, a pad mode,
// a pad value, a target dtype...), kept for the constraint data's argument conditions
// (docs/data-format.md). A graph keeps one per scalar argument and list element, so its size counts
// toward peak memory: its names and strings are ids into Graph::interned (a graph has a handful of
// distinct kwarg names and string arguments), a float keeps its double's bits in `value` rather than in
// a field of its own, and the one-byte fields share a word (32 bytes; 56 with string_views).
struct ArgValue {
  uint32_t key = 0;       // kwarg name, as Graph::interned id; 0 (the empty string) for a positional argument
  uint32_t position = 0;  // index in args (positional arguments)
  uint32_t element = 0;   // index inside a list argument; 0 for a scalar (and for a list's length)
  bool in_list = false;
  ArgKind kind = ArgKind::integer;
  uint32_t text = 0;      // text: the string; dtype: the dtype's name. As Graph::interned id
  int64_t value = 0;      // integer, list_length's count, or floating's double (as_float / set_float)

  double as_float() const {
    double d;
    std::memcpy(&d, &value, sizeof d);
    return d;
  }
  void set_float(double d) {
    kind = ArgKind::floating;
    std::memcpy(&value, &d, sizeof d);
  }
};
// The size the comment above counts on.
static_assert(sizeof(ArgValue) <= 32, "ArgValue grew: it is kept per argument");

// Text the Graph owns (node names and targets): string_views into it stay valid for the Graph's
// lifetime, moves included. Append-only blocks, so nothing is ever copied twice.
class TextStore {
 public:
  std::string_view store(std::string_view s) {
    if (s.empty()) return {};
    if (s.size() > cap_ - used_) {
      cap_ = std::max<size_t>(kBlock, s.size());
      blocks_.emplace_back(new char[cap_]);
      used_ = 0;
    }
    char* p = blocks_.back().get() + used_;
    std::memcpy(p, s.data(), s.size());
    used_ += s.size();
    return {p, s.size()};
  }

 private:
  static constexpr size_t kBlock = 64 * 1024;
  std::vector<std::unique_ptr<char[]>> blocks_;
  size_t used_ = 0, cap_ = 0;
};

// A read-only view of a node's run of one of the Graph's flat arrays (in place of a vector per node).
template <class T>
struct Span {
  using value_type = T;
  using iterator = const T*;
  using const_iterator = const T*;
  const T* ptr = nullptr;
  uint32_t count = 0;
  size_t size() const { return count; }
  bool empty() const { return count == 0; }
  const T& operator[](size_t i) const { return ptr[i]; }
  const T& at(size_t i) const {
    if (i >= count) throw std::out_of_range("Span::at");
    return ptr[i];
  }
  const T* begin() const { return ptr; }
  const T* end() const { return ptr + count; }
  friend bool operator==(const Span& a, const std::vector<T>& b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin());
  }
  friend bool operator!=(const Span& a, const std::vector<T>& b) { return !(a == b); }
};

struct Node {  // members ordered so that the small ones share one 8-byte slot (96 bytes, not 104)
  std::string_view name;                // in Graph::text
  std::string_view target;              // without "torch.ops." prefix; in Graph::text (interned)
  Span<uint32_t> inputs;                // node references in args then kwargs, flattened, in order
  Span<OutputMeta> outputs;             // val: one entry, or one per element of a list val
  Span<InputSpecEntry> input_qspec_map;  // insertion order
  uint32_t output_qspec = kNone;        // index into Graph::qspecs, kNone = none
  uint32_t json_index = 0;              // position in "nodes" (for pointers "/nodes/<i>")
  NodeOp op = NodeOp::call_function;
  bool val_known = false;               // val present and non-null
  bool val_is_list = false;
  bool annotated = false;               // "annotation" present
  uint32_t meta = kNone;                // index into Graph::node_metas, kNone = no meta.module/stack_trace
};

// Where a node's object starts in the graph file: the line:column of its '{' (as error positions count
// them, text.h), 0:0 when unknown (a document read by the fallback parser).
struct NodePosition {
  uint32_t line = 0, column = 0;
};

// What a node's "meta" says of where it comes from (docs/graph-format.md): the module path
// (meta.module) and the innermost frame of the user's own code in meta.stack_trace (stack_trace.h).
struct NodeMeta {
  std::string_view module;       // in Graph::text; empty = none
  std::string_view source_file;  // in Graph::text; empty = none
  uint32_t source_line = 0;      // 0 = none
};

struct Graph {
  TextStore text;                       // what the nodes' string_views point into
  std::string producer_name;
  std::string hint_backend, hint_soc, hint_quant_dtype;
  std::vector<QSpec> qspecs;            // the file's "qspecs" table first, then inline specs
  std::vector<Node> nodes;              // graph order
  // What the nodes' spans point into (a Graph is move-only: moves keep these buffers in place).
  std::vector<uint32_t> node_inputs;
  std::vector<OutputMeta> node_outputs;
  std::vector<InputSpecEntry> node_input_specs;
  std::vector<NodePosition> node_positions;  // by node
  std::vector<NodeMeta> node_metas;          // only for the nodes that have one (Node::meta)
  size_t input_bytes = 0;                    // the size of the text it was read from (the report's limit)
  // Arguments, node by node: node i's run is [arg_first[i], arg_first[i + 1]) of arg_values
  // (kept beside the nodes, not in Node, so that Node stays at 96 bytes).
  std::vector<ArgValue> arg_values;
  std::vector<uint32_t> arg_first;
  // The text the loader interns (targets, kwarg names, string and dtype arguments...), by id; id 0 is
  // the empty string. ArgValue keeps ids into it. Views into Graph::text.
  std::vector<std::string_view> interned{std::string_view()};
  // The sizes of every val's shape, output after output (OutputMeta::dims_first).
  std::vector<int64_t> shape_dims;

  std::string_view key_of(const ArgValue& a) const { return interned[a.key]; }
  std::string_view text_of(const ArgValue& a) const { return interned[a.text]; }
  Span<ArgValue> args_of(uint32_t node) const {
    if (node + 1 >= arg_first.size()) return {};
    return {arg_values.data() + arg_first[node], arg_first[node + 1] - arg_first[node]};
  }
  // The sizes of an output's shape (empty when it gives none).
  Span<int64_t> dims_of(const OutputMeta& m) const {
    if (m.dims_first == kNone || m.rank <= 0 || m.dims_first + size_t(m.rank) > shape_dims.size()) return {};
    return {shape_dims.data() + m.dims_first, static_cast<uint32_t>(m.rank)};
  }
};

// Copies where node `node` is (its position in the file, its meta) into its report entry.
inline void set_node_location(const Graph& g, uint32_t node, NodeResult& r) {
  if (node < g.node_positions.size()) {
    r.line = g.node_positions[node].line;
    r.column = g.node_positions[node].column;
  }
  const uint32_t meta = g.nodes[node].meta;
  if (meta != kNone && meta < g.node_metas.size()) {
    const NodeMeta& m = g.node_metas[meta];
    r.module = m.module;
    r.source_file = m.source_file;
    r.source_line = m.source_line;
  }
}

// Parse and check a qnnv.graph v1 document. Throws InputError with a JSON pointer (and line:column for
// syntax errors). Linear in the input size; never recursive in the JSON depth.
Graph load_graph(std::string_view json, const Limits& limits);

// How load_graph reads the elements of "nodes" and "qspecs": straight from the text where it can
// (node_stream_decoder.h, qspec_stream_decoder.h), falling back to the unit tree; or always through the
// tree. The two give the same Graph and the same errors; tests compare them, and count what was streamed.
enum class UnitReading : uint8_t { streamed_where_possible, tree_only };
struct LoadTrace {
  size_t nodes_streamed = 0;
  size_t qspecs_streamed = 0;
};
Graph load_graph(std::string_view json, const Limits& limits, UnitReading reading, LoadTrace* trace = nullptr);

}  // namespace qnnv::detail
