// libFuzzer target: arbitrary bytes as a user constraint-data file (qnnv::load_data over the built-in
// data). When the file loads, the resulting tables are exercised: introspection of every backend, and
// a validation of the shipped sample graph against each backend/SoC pair the data declares. Only
// qnnv::InputError may escape qnnv.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>

#include "qnnv/qnnv.h"

#ifndef QNNV_FUZZ_SAMPLE
#define QNNV_FUZZ_SAMPLE ""
#endif

namespace {

std::string read_sample() {
  std::ifstream in(QNNV_FUZZ_SAMPLE, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const auto builtin = qnnv::builtin_data();
  static const std::string sample = read_sample();
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  std::shared_ptr<const qnnv::ConstraintData> loaded;
  try {
    loaded = qnnv::load_data(text, "fuzz.json", builtin.get());
  } catch (const qnnv::InputError& e) {
    if (e.info().code.empty()) {
      std::fprintf(stderr, "fuzz_data: InputError without a code\n");
      std::abort();
    }
    return 0;
  }
  (void)qnnv::coverage_json(*loaded);
  (void)qnnv::socs_json(*loaded, "");
  for (const auto& [name, backend] : loaded->backends) {
    (void)qnnv::ops_json(*loaded, name);
    (void)qnnv::ops_text(*loaded, name);
    if (sample.empty()) continue;
    int tried = 0;
    for (const qnnv::SocInfo& soc : loaded->socs) {
      if (qnnv::ConstraintData::arch_of(soc, name) == 0) continue;
      if (++tried > 2) break;  // two SoCs per backend keep an execution short
      qnnv::Options options;
      options.backend = name;
      options.soc = soc.model;
      try {
        const qnnv::Report r = qnnv::validate(sample, options, *loaded);
        (void)qnnv::report_to_json(r);
      } catch (const qnnv::InputError&) {
        // e.g. a SoC model the loader accepted but the option parser normalizes differently
      }
    }
    try {
      (void)qnnv::explain_json(*loaded, name, "Conv2d", "SM8750");
    } catch (const qnnv::InputError&) {
    }
  }
  return 0;
}
