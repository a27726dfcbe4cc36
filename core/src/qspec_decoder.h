// Qspec decoding (internal): the entries of the "qspecs" table, and QSPEC | index | null where an
// annotation names a spec (docs/graph-format.md, "Qspecs").
#pragma once

#include <cstdint>

#include "graph_decoding.h"

namespace qnnv::detail {

class QSpecDecoder {
 public:
  explicit QSpecDecoder(DecodeContext& c) : c_(c) {}

  // One element of "qspecs" (appended to the Graph's qspecs).
  void decode_table_entry(const JItem& v, size_t index);
  // An annotation's reference to a spec for `node` (input_qspec_map entry `entry`, -1 = output_qspec):
  // an index into the Graph's qspecs (kInlineTag set for an inline spec read before the table ended),
  // or kNone. path points at `v`.
  uint32_t decode_ref(const JItem& v, uint32_t node, int32_t entry);

 private:
  QSpec decode_qspec(const JItem& v, bool is_inline, bool side, uint32_t qindex);
  void decode_observer_kwargs(const JItem& kw, QSpec& q);
  void read_scale(const JItem& x, QSpec& q);
  void read_zero_point(const JItem& x, QSpec& q);
  SpecRef decode_spec_ref(const JItem& holder, bool side, uint32_t qindex, int32_t slot);
  uint32_t resolve_spec_name(const JItem& name, bool side, uint32_t qindex, int32_t slot, bool consumer, bool edge);

  DecodeContext& c_;
};

}  // namespace qnnv::detail
