// Times qnnv's validation against nlohmann::json's DOM parse of the same file.
//   qnnv_bench time FILE [REPEATS]   median wall time of: DOM parse, validate (load + checks), validate + JSON
//   qnnv_bench loop FILE [N]         N validates + JSON renders and nothing else (for profilers)
//   qnnv_bench rss validate|owned|parse FILE   peak resident set size after one validate (the caller
//                                  keeps the text), one validate_owned (the text is freed once loaded,
//                                  as the CLI does) or one DOM parse
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "qnnv/qnnv.h"

namespace {

// The file in a string of exactly its size (as the CLI reads it).
std::string read(const char* path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  std::string text(size_t(in.tellg()), '\0');
  in.seekg(0);
  in.read(text.data(), std::streamsize(text.size()));
  return text;
}

template <class F>
double median_ms(int repeats, F&& f) {
  std::vector<double> t;
  for (int i = 0; i < repeats; ++i) {
    auto start = std::chrono::steady_clock::now();
    f();
    t.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
  }
  std::sort(t.begin(), t.end());
  return t[t.size() / 2];
}

long peak_rss_kib() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

// What every benchmark validates against: the built-in data, SoC SM8750 (the samples' own target).
qnnv::Options bench_options() {
  qnnv::Options options;
  options.soc = "SM8750";
  return options;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc >= 3 && std::string(argv[1]) == "time") {
    const std::string text = read(argv[2]);
    const int repeats = argc > 3 ? std::stoi(argv[3]) : 7;
    const auto data = qnnv::builtin_data();
    const qnnv::Options options = bench_options();
    size_t nodes = 0, results = 0;
    volatile size_t sink = 0;
    // One untimed validate first: a wasm engine compiles hot code in tiers, and the first call would
    // measure the baseline tier.
    sink = sink + qnnv::validate(text, options, *data).results.size();
    const double parse = median_ms(repeats, [&] { sink = sink + nlohmann::json::parse(text).size(); });
    const double validate = median_ms(repeats, [&] {
      qnnv::Report r = qnnv::validate(text, options, *data);
      results = r.results.size();
      nodes = r.summary.nodes;
    });
    const double with_json = median_ms(repeats, [&] {
      sink = sink + qnnv::report_to_json(qnnv::validate(text, options, *data), -1).size();
    });
    std::printf("{\"file_bytes\": %zu, \"call_function_nodes\": %zu, \"dom_parse_ms\": %.2f, \"validate_ms\": %.2f, "
                "\"validate_plus_json_ms\": %.2f, \"ratio_validate_to_parse\": %.3f, \"validate_ns_per_node\": %.0f}\n",
                text.size(), nodes, parse, validate, with_json, validate / parse, validate * 1e6 / double(results));
    return 0;
  }
  if (argc >= 3 && std::string(argv[1]) == "loop") {
    const std::string text = read(argv[2]);
    const int n = argc > 3 ? std::stoi(argv[3]) : 5;
    const auto data = qnnv::builtin_data();
    const qnnv::Options options = bench_options();
    size_t bytes = 0;
    for (int i = 0; i < n; ++i) bytes += qnnv::report_to_json(qnnv::validate(text, options, *data), -1).size();
    std::printf("{\"runs\": %d, \"report_bytes\": %zu}\n", n, bytes / size_t(n > 0 ? n : 1));
    return 0;
  }
  if (argc == 4 && std::string(argv[1]) == "rss") {
    const std::string mode = argv[2];
    std::string text = read(argv[3]);
    const size_t bytes = text.size();
    const long before = peak_rss_kib();
    size_t n = 0;
    const qnnv::Options options = bench_options();
    if (mode == "parse") {
      n = nlohmann::json::parse(text).size();
    } else if (mode == "owned") {
      n = qnnv::validate_owned(std::move(text), options, *qnnv::builtin_data()).results.size();
    } else {
      n = qnnv::validate(text, options, *qnnv::builtin_data()).results.size();
    }
    std::printf("{\"mode\": \"%s\", \"file_bytes\": %zu, \"peak_rss_kib\": %ld, \"rss_before_kib\": %ld, \"items\": %zu}\n",
                mode.c_str(), bytes, peak_rss_kib(), before, n);
    return 0;
  }
  std::fprintf(stderr, "usage: qnnv_bench time FILE [REPEATS] | loop FILE [N] | rss validate|owned|parse FILE\n");
  return 2;
}
