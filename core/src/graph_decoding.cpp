// What the decoders of a graph's units share (see graph_decoding.h).
#include "graph_decoding.h"

#include <cmath>
#include <limits>

namespace qnnv::detail {

const std::string& DecodeContext::label() {
  if (label_.node != kNone) {
    if (label_.named) {
      label_.text.assign("node ");
      append_quoted(label_.text, label_.name);
    } else {
      label_.text.assign("the node at /nodes/");
      label_.text += std::to_string(label_.node);
    }
    label_.node = kNone;
  }
  return label_.text;
}

void DecodeContext::soft_raise(ErrorInfo e) {
  if (stopped) return;
  if (format_ok && version_ok) throw InputError(std::move(e));
  first_error = std::move(e);
  stopped = true;
}

void DecodeContext::raise(std::string code, std::string message) {
  soft_raise({std::move(code), std::move(message), path.str(), 0, 0});
  throw StopUnit{};
}

void DecodeContext::type_error(const JItem& v, std::string_view what, std::string_view expected) {
  std::string msg = label();
  msg += ": ";
  msg += what;
  msg += ": expected ";
  msg += expected;
  msg += ", got ";
  msg += describe(v);
  raise("graph.type", std::move(msg));
}

std::optional<int64_t> DecodeContext::get_int(const JItem& v, std::string_view what) {
  switch (v.type) {
    case JType::null: return std::nullopt;
    case JType::integer: return v.num.i;
    case JType::unsigned_int:
      if (v.num.u > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
        raise("graph.number",
              label() + ": " + std::string(what) + " " + describe(v) + " is outside the 64-bit integer range");
      }
      return static_cast<int64_t>(v.num.u);
    case JType::floating:
      if (std::trunc(v.num.d) == v.num.d) {
        // Either a whole number written as a float (3.0, 1e2: say how to write it) or one past 64 bits.
        raise("graph.number", label() + ": " + std::string(what) + " " + describe(v) +
                                  (std::fabs(v.num.d) < 9223372036854775808.0
                                       ? " must be an integer written without a fraction or exponent"
                                       : " is outside the 64-bit integer range"));
      }
      type_error(v, what, "an integer");
    default: type_error(v, what, "an integer or null");
  }
}

std::optional<std::string_view> DecodeContext::get_string(const JItem& v, std::string_view what) {
  if (v.type == JType::null) return std::nullopt;
  if (v.type != JType::string) type_error(v, what, "a string or null");
  return v.str;
}

}  // namespace qnnv::detail
