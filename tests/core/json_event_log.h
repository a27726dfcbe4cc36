// Event logs of a JSON document from the fast reader (core/src/json_reader.h) and from nlohmann's strict
// SAX parser, comparable as strings: one line per event, with its value. Shared by
// tests/core/test_json_reader.cpp and tests/fuzz/fuzz_json_reader.cpp.
#pragma once

#include <cstdint>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "json_reader.h"

namespace qnnv::test {

// Writes every event as one line, with the value, so two event streams compare as strings.
struct JsonEventRecorder {
  std::string log;

  void add(std::string_view event, std::string_view value = {}) {
    log.append(event);
    log += ' ';
    log.append(value);
    log += '\n';
  }
  static std::string num(double d) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.17g", d);
    return buf;
  }

  // The fast reader's handler interface.
  void null() { add("null"); }
  void boolean(bool b) { add("bool", b ? "true" : "false"); }
  void number_integer(int64_t x) { add("int", std::to_string(x)); }
  void number_unsigned(uint64_t x) { add("uint", std::to_string(x)); }
  void number_float(double x) { add("float", num(x)); }
  void string_view_value(std::string_view s) { add("string", s); }
  void key_view(std::string_view k) { add("key", k); }
  void start_object(std::size_t) { add("{"); }
  void end_object() { add("}"); }
  void start_array(std::size_t) { add("["); }
  void end_array() { add("]"); }
};

// nlohmann's SAX interface, recorded the same way; a parse error ends the run.
struct NlohmannEventRecorder : JsonEventRecorder {
  using json = nlohmann::json;
  bool null() { return JsonEventRecorder::null(), true; }
  bool boolean(bool b) { return JsonEventRecorder::boolean(b), true; }
  bool number_integer(json::number_integer_t x) { return JsonEventRecorder::number_integer(x), true; }
  bool number_unsigned(json::number_unsigned_t x) { return JsonEventRecorder::number_unsigned(x), true; }
  bool number_float(json::number_float_t x, const json::string_t&) { return JsonEventRecorder::number_float(x), true; }
  bool string(json::string_t& s) { return string_view_value(s), true; }
  bool binary(json::binary_t&) { return true; }
  bool start_object(std::size_t n) { return JsonEventRecorder::start_object(n), true; }
  bool key(json::string_t& k) { return key_view(k), true; }
  bool end_object() { return JsonEventRecorder::end_object(), true; }
  bool start_array(std::size_t n) { return JsonEventRecorder::start_array(n), true; }
  bool end_array() { return JsonEventRecorder::end_array(), true; }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) { return false; }
};

struct JsonOutcome {
  bool accepted;
  std::string log;
};

// As the loader runs it: after a leading UTF-8 byte order mark, which the loader removes first (nlohmann
// skips one itself).
inline JsonOutcome fast_reader_events(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  JsonEventRecorder r;
  detail::json_reader::Reader reader(text);
  const bool ok = reader.parse(r);
  return {ok, r.log};
}

inline JsonOutcome nlohmann_events(std::string_view text) {
  NlohmannEventRecorder r;
  const bool ok = nlohmann::json::sax_parse(text.data(), text.data() + text.size(), &r,
                                            nlohmann::json::input_format_t::json, /*strict=*/true);
  return {ok, r.log};
}

// The contract between the two readers, on one input: "" when it holds, else what broke it. Whatever the
// fast reader accepts, nlohmann accepts with the same events and values; what nlohmann accepts, the fast
// reader does not decline (except after a NUL byte, which nlohmann takes for the end of the input and
// the loader refuses anyway). Used by the unit tests and by the fuzz target alike.
inline std::string reader_disagreement(std::string_view text) {
  const JsonOutcome fast = fast_reader_events(text), strict = nlohmann_events(text);
  if (fast.accepted && !strict.accepted) return "the fast reader accepted what nlohmann rejects";
  if (fast.accepted && fast.log != strict.log) {
    return "different events\n--- fast reader\n" + fast.log + "--- nlohmann\n" + strict.log;
  }
  if (!fast.accepted && strict.accepted && text.find('\0') == std::string_view::npos) {
    return "the fast reader declined what nlohmann accepts";
  }
  return {};
}

}  // namespace qnnv::test
