// Every SoC in one pass vs one validation (bench/socs.sh): times validate() for one SoC and validate_socs()
// for every HTP SoC in N interleaved rounds (minimum and median), then one validate() per HTP SoC once
// (what comparing SoCs cost before).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "qnnv/qnnv.h"

namespace {

std::string read(const char* path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

template <class F>
double best_ms(int repeats, F&& f) {
  double best = 1e300;
  for (int i = 0; i < repeats; ++i) {
    const auto t0 = std::chrono::steady_clock::now();
    f();
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    best = ms < best ? ms : best;
  }
  return best;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: qnnv_bench_socs FILE [REPEATS] [one|pass]\n");
    return 2;
  }
  const std::string text = read(argv[1]);
  const int repeats = argc > 2 ? std::stoi(argv[2]) : 3;
  const auto data = qnnv::builtin_data();
  qnnv::Options o;
  o.backend = "htp";
  o.soc = "SM8650";
  const auto socs = qnnv::socs_with_backend(*data, "htp");
  size_t sink = 0;
  // One side alone, for a profiler (callgrind / perf): no timing, no comparison.
  const std::string only = argc > 3 ? argv[3] : "";
  if (only == "one" || only == "pass") {
    for (int i = 0; i < repeats; ++i) {
      if (only == "one") sink += qnnv::validate(text, o, *data).summary.passed;
      else qnnv::validate_socs(text, o, socs, *data, [&](size_t, const qnnv::Report& r) { sink += r.summary.passed; });
    }
    return sink == 0 ? 1 : 0;
  }
  // Interleaved rounds (one of each per round), so that a burst of load from elsewhere hits both alike.
  std::vector<double> one_ms, pass_ms;
  for (int i = 0; i < repeats; ++i) {
    one_ms.push_back(best_ms(1, [&] { sink += qnnv::validate(text, o, *data).summary.passed; }));
    pass_ms.push_back(best_ms(1, [&] {
      qnnv::validate_socs(text, o, socs, *data, [&](size_t, const qnnv::Report& r) { sink += r.summary.passed; });
    }));
  }
  std::sort(one_ms.begin(), one_ms.end());
  std::sort(pass_ms.begin(), pass_ms.end());
  const double one = one_ms.front(), pass = pass_ms.front();
  const double one_med = one_ms[one_ms.size() / 2], pass_med = pass_ms[pass_ms.size() / 2];
  const double each = best_ms(1, [&] {
    for (const auto& s : socs) {
      qnnv::Options one_soc = o;
      one_soc.soc = s;
      sink += qnnv::validate(text, one_soc, *data).summary.passed;
    }
  });
  std::printf("%zu bytes, %zu HTP SoCs\n", text.size(), socs.size());
  std::printf("%d interleaved rounds; min (median)\n", repeats);
  std::printf("one SoC (validate)          %9.1f ms (%.1f)\n", one, one_med);
  std::printf("all SoCs, one pass          %9.1f ms (%.1f)   %.2fx one SoC (%.2fx)\n", pass, pass_med, pass / one,
              pass_med / one_med);
  std::printf("all SoCs, one validate each %9.1f ms   %.2fx one SoC\n", each, each / one);
  return sink == 0 ? 1 : 0;
}
