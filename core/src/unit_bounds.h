// The unit reader's limits, for a decoder that reads a unit straight from the text (internal).
//
// A stream decoder (node_stream_decoder.h, qspec_stream_decoder.h) reads an element of "nodes" or "qspecs"
// that the unit reader (json_unit_reader.h) would otherwise read into its tree. Where the unit reader
// would stop with a limit error, the stream decoder must decline instead, so that the unit reader reads
// the element again and reports the error with its own wording and location. UnitBounds counts, as the
// decoder reads, upper bounds of what the unit reader counts for the same element: open containers
// (max_depth), values kept (max_unit_values; each scalar and each container is one), values in a node's
// args and kwargs (max_args_per_node), and the size of each key and string (max_string_bytes). Every
// false answer means "decline": the limit could be reached, not that it is.
#pragma once

#include <cstddef>
#include <string_view>

#include "json_reader.h"
#include "qnnv/qnnv.h"

namespace qnnv::detail {

class UnitBounds {
 public:
  explicit UnitBounds(const Limits& limits) : limits_(limits) {}

  // A new element, inside `depth` open containers (the document's own, around it).
  void start(size_t depth) {
    depth_ = depth;
    values_ = 0;
    arg_values_ = 0;
    in_args_ = false;
  }

  // One more value kept. Inside a node's args or kwargs (between enter_args() and leave_args()) it also
  // counts against max_args_per_node, as the unit reader counts every value there.
  bool value() {
    if (in_args_ && ++arg_values_ > limits_.max_args_per_node) return false;
    return ++values_ < limits_.max_unit_values;
  }
  void enter_args() { in_args_ = true; }
  void leave_args() { in_args_ = false; }

  // A container opening at `bracket` (whitespace before it skipped): one value, one level deeper.
  bool open(json_reader::Reader& reader, char bracket) {
    if (depth_ >= limits_.max_depth || !value()) return false;
    if (!reader.take(bracket)) return false;
    ++depth_;
    return true;
  }
  // After the container's closing bracket.
  void close() { --depth_; }

  // A member's key and its colon.
  bool key(json_reader::Reader& reader, std::string_view& k) const { return reader.take_key(k) && fits(k); }
  // A string value: within the string bound, one value kept.
  bool string(json_reader::Reader& reader, std::string_view& s) { return reader.take_string(s) && fits(s) && value(); }
  // The literal `word` (null, true or false): one value kept.
  bool literal(json_reader::Reader& reader, std::string_view word) { return reader.take_literal(word) && value(); }

 private:
  // A key or string the unit reader takes (it refuses those longer than max_string_bytes).
  bool fits(std::string_view s) const { return s.size() <= limits_.max_string_bytes; }

  const Limits& limits_;
  size_t depth_ = 0;       // containers open around the reader's position
  size_t values_ = 0;      // at least the values the unit reader would keep for this element
  size_t arg_values_ = 0;  // at least the values it would count against max_args_per_node
  bool in_args_ = false;
};

}  // namespace qnnv::detail
