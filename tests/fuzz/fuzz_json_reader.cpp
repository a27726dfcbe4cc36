// libFuzzer target: the fast JSON reader (core/src/json_reader.h) against nlohmann's strict SAX parser on
// arbitrary bytes. The loader reads every graph with the fast reader and falls back to nlohmann only when
// the fast reader declines, so the two must agree: whatever the fast reader accepts, nlohmann accepts
// with the same events and values; and what nlohmann accepts, the fast reader does not decline (except
// after a NUL byte, which nlohmann takes for the end of the input and the loader refuses anyway).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string_view>

#include "../core/json_event_log.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const qnnv::test::JsonOutcome fast = qnnv::test::fast_reader_events(text);
  const qnnv::test::JsonOutcome strict = qnnv::test::nlohmann_events(text);
  if (fast.accepted && !strict.accepted) {
    std::fprintf(stderr, "fuzz_json_reader: the fast reader accepted what nlohmann rejects\n");
    std::abort();
  }
  if (fast.accepted && fast.log != strict.log) {
    std::fprintf(stderr, "fuzz_json_reader: different events\n--- fast\n%s--- nlohmann\n%s", fast.log.c_str(),
                 strict.log.c_str());
    std::abort();
  }
  if (!fast.accepted && strict.accepted && std::memchr(data, 0, size) == nullptr) {
    std::fprintf(stderr, "fuzz_json_reader: the fast reader declined what nlohmann accepts\n");
    std::abort();
  }
  return 0;
}
