// libFuzzer target: the fast JSON reader (core/src/json_reader.h) against nlohmann's strict SAX parser on
// arbitrary bytes. The loader reads every graph with the fast reader and falls back to nlohmann only when
// the fast reader declines, so the two must agree; test::reader_disagreement states how, and anything it
// reports is a crash for libFuzzer to keep.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "../core/json_event_log.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string problem =
      qnnv::test::reader_disagreement(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!problem.empty()) {
    std::fprintf(stderr, "fuzz_json_reader: %s\n", problem.c_str());
    std::abort();
  }
  return 0;
}
