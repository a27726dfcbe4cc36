// What the values of a node's members mean (internal), for the two node decoders: node_decoder.h reads
// a node from its unit tree, node_stream_decoder.h straight from the text. Each rule that turns a value
// into part of a Node is written here once, so that the two decoders agree by construction; what is an
// error, and how it is worded, belongs to the tree path alone.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>

#include "graph.h"
#include "graph_decoding.h"
#include "json_unit_reader.h"
#include "stack_trace.h"

namespace qnnv::detail {

// The op a node's "op" names; nullopt for a name the format does not have.
inline std::optional<NodeOp> node_op_named(std::string_view text) {
  static constexpr std::pair<std::string_view, NodeOp> kOps[] = {
      {"placeholder", NodeOp::placeholder},     {"get_attr", NodeOp::get_attr},
      {"call_function", NodeOp::call_function}, {"call_method", NodeOp::call_method},
      {"call_module", NodeOp::call_module},     {"output", NodeOp::output}};
  for (const auto& [name, op] : kOps) {
    if (same(text, name)) return op;
  }
  return std::nullopt;
}

// A "target" as the Graph keeps it: without the "torch.ops." that some exporters write before it.
inline std::string_view node_target(std::string_view target) {
  constexpr std::string_view kPrefix = "torch.ops.";
  if (target.substr(0, kPrefix.size()) == kPrefix) target.remove_prefix(kPrefix.size());
  return target;
}

// Whether an argument value (a scalar of args or kwargs, or an element of a list there) is kept for
// the data's argument conditions (Graph::arg_values), and as what: integers, booleans as 0 and 1, floats
// (the double the JSON reader gives, -0.0 included), and strings, whose text is given in `text`, still
// pointing into the input (each decoder interns it its own way). Both node decoders call this one, so
// that they keep the same values. A {"dtype": NAME} object is read by each decoder's object walk.
inline bool arg_scalar(const JItem& x, ArgValue& a, std::string_view& text) {
  a.kind = ArgKind::integer;
  if (x.type == JType::integer) {
    a.value = x.num.i;
  } else if (x.type == JType::boolean) {
    a.value = x.num.b ? 1 : 0;
  } else if (x.type == JType::unsigned_int && x.num.u <= uint64_t(INT64_MAX)) {
    a.value = static_cast<int64_t>(x.num.u);
  } else if (x.type == JType::floating) {
    a.set_float(x.num.d);
  } else if (x.type == JType::string) {
    a.kind = ArgKind::text;
    text = x.str;
  } else {
    return false;
  }
  return true;
}

// The rank a val's "shape" gives: its length (a rank past 127 is kept as 127, and so are its first 127
// sizes only).
constexpr size_t kMaxKeptRank = 127;
inline int8_t shape_rank(size_t length) {
  return static_cast<int8_t>(length < kMaxKeptRank ? length : kMaxKeptRank);
}

// A size of a val's shape as the Graph keeps it: an integer as written (a negative one too: conditions
// on sizes treat it as unknown), anything else (a symbolic size, an integer past INT64_MAX) unknown.
inline int64_t shape_dim(const JItem& d) {
  if (d.type == JType::integer) return d.num.i;
  if (d.type == JType::unsigned_int && d.num.u <= uint64_t(INT64_MAX)) return static_cast<int64_t>(d.num.u);
  return kUnknownDim;
}

// A node's meta.module and the user's frame of its meta.stack_trace (the string values; a value of
// another type is left out), recorded for node `n` if either says anything.
inline void add_node_meta(DecodeContext& c, Node& n, std::optional<std::string_view> module,
                          std::optional<std::string_view> stack_trace) {
  NodeMeta meta;
  if (module) meta.module = c.intern(*module);
  if (stack_trace) {
    const SourceFrame frame = innermost_user_frame(*stack_trace);
    if (frame.line != 0) {
      meta.source_file = c.intern(frame.file);
      meta.source_line = frame.line;
    }
  }
  if (meta.module.empty() && meta.source_line == 0) return;
  n.meta = static_cast<uint32_t>(c.graph.node_metas.size());
  c.graph.node_metas.push_back(meta);
}

}  // namespace qnnv::detail
