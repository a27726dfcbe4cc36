// libFuzzer target: arbitrary bytes as a user constraint-data file (qnnv::load_data over the built-in
// data). When the file loads, the tables it changed are exercised: introspection and a validation of the
// shipped sample graph on two SoCs (the oldest and the newest arch) of each backend the document defines (all backends when it changes the
// SoCs or the QNN SDK versions, which every backend's checks read). A backend the document left as built in
// is the same table at every execution: exercising it again added no coverage and took most of the time
// of an execution (issue 15). Only qnnv::InputError may escape qnnv.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "qnnv/qnnv.h"

#ifndef QNNV_FUZZ_SAMPLE
#define QNNV_FUZZ_SAMPLE ""
#endif

namespace {

// Whether the document changed what every backend's validation reads: the SoCs or the QNN SDK versions.
bool changes_shared(const qnnv::ConstraintData& loaded, const qnnv::ConstraintData& builtin) {
  if (loaded.sdk_versions != builtin.sdk_versions || loaded.default_sdk() != builtin.default_sdk()) return true;
  if (loaded.socs.size() != builtin.socs.size()) return true;
  for (size_t i = 0; i < loaded.socs.size(); ++i) {
    const qnnv::SocInfo& a = loaded.socs[i];
    const qnnv::SocInfo& b = builtin.socs[i];
    if (a.model != b.model || a.id != b.id || a.htp_arch != b.htp_arch || a.lpai_version != b.lpai_version ||
        a.fp16 != b.fp16 || a.aliases != b.aliases)
      return true;
  }
  return false;
}

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
  const bool shared = changes_shared(*loaded, *builtin);
  (void)qnnv::coverage_json(*loaded);
  if (shared) (void)qnnv::socs_json(*loaded, "");  // otherwise the built-in SoC list, printed before
  for (const auto& [name, backend] : loaded->backends) {
    if (!shared && backend.origin != "fuzz.json") continue;  // a built-in table, unchanged
    (void)qnnv::ops_json(*loaded, name);
    (void)qnnv::ops_text(*loaded, name);
    if (!sample.empty()) {
      // The oldest and the newest arch of the backend (what min_arch/max_arch and the SoC rules compare),
      // validated in one pass: the sample graph is loaded once, not once per SoC.
      const qnnv::SocInfo* oldest = nullptr;
      const qnnv::SocInfo* newest = nullptr;
      for (const qnnv::SocInfo& soc : loaded->socs) {
        const int arch = qnnv::ConstraintData::arch_of(soc, name);
        if (arch == 0) continue;
        if (!oldest || arch < qnnv::ConstraintData::arch_of(*oldest, name)) oldest = &soc;
        if (!newest || arch > qnnv::ConstraintData::arch_of(*newest, name)) newest = &soc;
      }
      std::vector<std::string> socs;
      if (oldest) socs.push_back(oldest->model);
      if (newest && newest != oldest) socs.push_back(newest->model);
      qnnv::Options options;
      options.backend = name;
      try {
        if (!socs.empty())
          qnnv::validate_socs(sample, options, socs, *loaded,
                              [](size_t, const qnnv::Report& r) { (void)qnnv::report_to_json(r); });
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
