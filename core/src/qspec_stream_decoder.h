// Table qspec decoding straight from the text (internal): the fast path for the "qspecs" entries exporters
// write most, shared and derived specs (in the 10k-node bench graph 2,575 of its 2,580 entries).
//
// The general path reads an element of "qspecs" into the unit tree (json_unit_reader.h) and decodes the
// tree (qspec_decoder.h); it handles every shape and owns every error. This decoder reads the element
// from the fast JSON reader's pull functions (json_reader.h) and appends the same QSpec, deferring the
// same node references in the same order, when the entry is one of
//   {"kind": "shared", "node": NAME}   {"kind": "shared", "edge": [PRODUCER, CONSUMER]}
//   {"kind": "derived", "derived_from": [{"node": NAME} | {"edge": [P, C]}, ...], "dtype": NAME,
//    "quant_min": INT, "quant_max": INT, "qscheme": NAME, "ch_axis": INT, "is_dynamic": BOOL}
// (members in any order; quant_min to is_dynamic optional, each also null; dtype and qscheme names qnnv
// knows; node names written without escapes). On anything else (another kind or member, a value of
// another type, a duplicate key, a value near one of the unit reader's limits, unit_bounds.h) it declines:
// decode() returns false having changed nothing, and the element is read again from its '{' the general
// way, so every error, its wording and its location come from the tree path. The same contract as
// node_stream_decoder.h. A qspec entry is kept whole by the unit reader: every value counts.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "graph_decoding.h"
#include "graph_keys.h"
#include "json_reader.h"
#include "unit_bounds.h"

namespace qnnv::detail {

class QSpecStreamDecoder {
 public:
  explicit QSpecStreamDecoder(DecodeContext& c) : c_(c), bounds_(c.limits) {}

  // Element `index` of "qspecs": `reader` stands at its '{', inside `depth` open containers. True: the
  // qspec is in the Graph and the reader is past its '}'. False: the Graph and the context are as they
  // were (the reader is anywhere inside the element).
  bool decode(json_reader::Reader& reader, size_t index, size_t depth);

 private:
  // Reading (false = decline)
  bool name(std::string_view& s);
  bool integer(std::optional<int64_t>& out);
  bool spec_ref_value(Key id, int32_t slot);
  bool derived_from();
  // Applying what was read
  uint32_t resolve_name(std::string_view name, uint32_t qindex, uint32_t table_index, int32_t slot, bool consumer,
                        bool edge);
  void apply(size_t index);

  DecodeContext& c_;
  json_reader::Reader* r_ = nullptr;
  UnitBounds bounds_;

  // The entry read so far.
  KeySet seen_;  // its members
  QSpec q_;
  struct PendingRef {  // {"node": NAME} (consumer empty) or {"edge": [producer, consumer]}
    int32_t slot;      // -1: the shared spec's own reference; else the derived_from entry
    std::string_view producer, consumer;
    bool edge;
  };
  std::vector<PendingRef> refs_;
};

}  // namespace qnnv::detail
