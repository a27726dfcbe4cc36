// Node decoding straight from the text (internal): the fast path for the nodes exporters write.
//
// The general path reads an element of "nodes" into a small value tree (json_unit_reader.h) and decodes
// the tree (node_decoder.h); it handles every shape and owns every error. Building the tree was about a
// third of a load. This decoder reads the element straight from the fast JSON reader's pull functions
// (json_reader.h) and appends the same Node to the Graph, without a tree, when the node has a shape it
// knows and nothing in it is wrong. Otherwise it declines: decode() returns false having changed
// nothing that the tree path reads or writes, and the element is read again from its '{' the general
// way. So this decoder has no error messages at all: every error, its wording and its location come
// from the tree path, which sees the element exactly as before.
//
// What it reads (docs/graph-format.md, "Nodes"; the member names are graph_keys.h's):
//   name, op: strings; target: a string or null
//   args: a list, kwargs: an object, of any JSON; node references {"node": NAME} are found where the
//     tree path finds them (the values themselves, and through nested lists), integers kept as it keeps
//     them (node_values.h)
//   val: null, {dtype, shape}, or a list of those and nulls; dtype a string or null, shape null or a
//     list of integers and strings
//   annotation: null, or input_qspec_map (null or a list of {arg: NAME, qspec: INDEX or null}) and
//     output_qspec (INDEX or null)
//   meta: module and stack_trace, strings or scalars
//   any other member: skipped, as the unit reader skips it
// It declines on anything else (an inline qspec object, a value of the wrong type, a name it cannot
// resolve, a duplicate name or key...), and wherever one of the unit reader's limits could be reached
// (unit_bounds.h), so that the unit reader reports it. Declining costs reading the element twice: the
// total stays linear.
//
// Nothing recurses on JSON depth (explicit stacks, as in the unit reader).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "graph_decoding.h"
#include "graph_keys.h"
#include "json_reader.h"
#include "json_unit_reader.h"
#include "unit_bounds.h"

namespace qnnv::detail {

class NodeStreamDecoder {
 public:
  explicit NodeStreamDecoder(DecodeContext& c) : c_(c), bounds_(c.limits) {}

  // Element `index` of "nodes": `reader` stands at its '{' (byte `offset` of the document), inside
  // `depth` open containers. True: the node is in the Graph and the reader is past its '}'. False: the
  // Graph and the context are as they were (the reader is anywhere inside the element).
  bool decode(json_reader::Reader& reader, size_t index, size_t offset, size_t depth);

 private:
  // Reading (false = decline)
  bool open(char bracket) { return bounds_.open(*r_, bracket); }
  void close() { bounds_.close(); }
  void close_object(size_t saved_key_base);
  bool key(std::string_view& k);
  bool unique_key(std::string_view k);
  bool unique_key(std::string_view k, Key id, KeySet& known_seen);
  bool scalar(JItem& v);
  bool string(std::string_view& s);
  bool null();
  bool any_value(bool kept);
  template <class Member>
  bool table_object(Obj obj, Member&& member);
  bool members();
  bool argument(uint32_t position, std::string_view kwarg);
  bool node_ref_object(std::string_view* dtype = nullptr);
  bool args();
  bool kwargs();
  bool val();
  bool tensor_meta();
  bool annotation();
  bool qspec_map_entry();
  bool qspec_ref(int32_t entry, uint32_t& out);
  bool meta();
  // Applying what was read (false = decline, before any change)
  bool resolve(uint32_t self);
  void apply(size_t index, size_t offset);
  // A string kept until the node is applied: views into the document stay views; strings with escapes
  // (in the reader's buffer, overwritten by the next one) are copied.
  std::string_view stable(std::string_view s) { return is_view_into(s, c_.input) ? s : scratch_.store(s); }

  DecodeContext& c_;
  json_reader::Reader* r_ = nullptr;
  UnitBounds bounds_;
  Arena scratch_;
  // Keys of the objects open whose keys must be unique; key_base_: where the innermost one's start.
  std::vector<std::string_view> keys_;
  size_t key_base_ = 0;
  struct Level {  // a container open inside any_value() or a list of arguments
    bool object;
    size_t key_base;  // kNoKeys: its keys are not checked
    uint32_t next;    // lists of arguments: the index of the next element
  };
  static constexpr size_t kNoKeys = SIZE_MAX;
  std::vector<Level> levels_;

  // The node read so far.
  std::string_view name_, target_;
  bool has_name_ = false, has_op_ = false, has_target_ = false;
  NodeOp op_ = NodeOp::call_function;
  std::vector<std::string_view> refs_;      // node references, in the order the tree path walks them
  std::vector<uint32_t> ref_nodes_;         // ... resolved
  struct PendingArg {  // an ArgValue whose key and text are interned when the node is applied
    ArgValue value;
    std::string_view key, text;
  };
  std::vector<PendingArg> arg_list_;
  std::vector<OutputMeta> outputs_;         // dims_first into dims_, until applied
  std::vector<int64_t> dims_;
  bool val_known_ = false, val_is_list_ = false, annotated_ = false;
  struct Entry {
    std::string_view arg;
    uint32_t qspec = kNone;
    uint32_t node = kNone;  // `arg` resolved (else deferred to the end of the document)
  };
  std::vector<Entry> entries_;
  struct DeferredIndex {
    int32_t entry;  // -1: output_qspec
    uint32_t index;
  };
  std::vector<DeferredIndex> deferred_;  // qspec indices read before the table's end, in document order
  uint32_t output_qspec_ = kNone;
  std::string_view module_, stack_trace_;
  bool has_module_ = false, has_stack_trace_ = false;
  std::vector<uint32_t> arg_seen_;  // by node: 1 + the node whose input_qspec_map last named it
};

}  // namespace qnnv::detail
