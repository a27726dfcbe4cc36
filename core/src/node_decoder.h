// Node decoding (internal): one element of "nodes" -> one Node of the Graph, its node references,
// output metadata and annotation (docs/graph-format.md, "Nodes").
#pragma once

#include <cstdint>
#include <vector>

#include "graph_decoding.h"
#include "qspec_decoder.h"

namespace qnnv::detail {

class NodeDecoder {
 public:
  NodeDecoder(DecodeContext& c, QSpecDecoder& qspecs) : c_(c), qspecs_(qspecs) {}

  // Element `index` of "nodes", whose object starts at byte `offset` of the document (or
  // kUnknownOffset). Once an error is pending, only looks for a forward-referenced name.
  void decode(const JItem& v, size_t index, size_t offset);

 private:
  void watch_forward_name(const JItem& v, size_t index);
  void walk_refs(const JItem& v, Node& n, uint32_t self);
  void check_ref(const JItem& v, Node& n, uint32_t self);
  void keep_arg_value(const JItem& v, bool kwarg, uint32_t position);
  void keep_arg_scalar(const JItem& v, uint32_t key, uint32_t position, uint32_t element, bool in_list);
  void decode_val(const JItem& v, Node& n);
  OutputMeta decode_tensor_meta(const JItem& v);
  void decode_annotation(const JItem& v, Node& n, uint32_t self);
  void decode_meta(const JItem& v, Node& n);

  DecodeContext& c_;
  QSpecDecoder& qspecs_;
  struct WalkLevel {
    const JItem* items;
    uint32_t count;
    uint32_t next;
  };
  std::vector<WalkLevel> walk_;  // walk_refs' work list, kept for its capacity
  std::vector<uint32_t> arg_seen_;  // by node: 1 + the node whose input_qspec_map last named it
};

}  // namespace qnnv::detail
