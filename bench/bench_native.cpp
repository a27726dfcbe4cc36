// Times qnnv's validation against nlohmann::json's DOM parse of the same file.
//   qnnv_bench time FILE [REPEATS]   wall time of: DOM parse, validate (load + checks), validate + JSON, and
//                                  the loader's JSON reader alone over the file (every value read, nothing
//                                  kept: the floor under any loader built on it), run in interleaved rounds
//                                  (one of each per round, so a burst of load from elsewhere hits all four
//                                  alike); prints the median and the minimum
//   qnnv_bench loop FILE [N] [core]  N validates + JSON renders (with `core`: validates only) and nothing
//                                  else (for profilers)
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

#include "json_reader.h"  // internal (core/src): the floor figure reads the file with the loader's reader
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
double elapsed_ms(F&& f) {
  const auto start = std::chrono::steady_clock::now();
  f();
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

struct Times {
  std::vector<double> ms;
  double median() {
    std::sort(ms.begin(), ms.end());
    return ms[ms.size() / 2];
  }
  double min() { return *std::min_element(ms.begin(), ms.end()); }
};

long peak_rss_kib() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

// A JSON reader handler that counts the values and keeps nothing.
struct CountValues {
  size_t n = 0;
  void null() { ++n; }
  void boolean(bool) { ++n; }
  void number_integer(int64_t) { ++n; }
  void number_unsigned(uint64_t) { ++n; }
  void number_float(double) { ++n; }
  void string_view_value(std::string_view) { ++n; }
  void key_view(std::string_view) {}
  void start_object(size_t) { ++n; }
  void end_object() {}
  void start_array(size_t) { ++n; }
  void end_array() {}
};

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
    Times parse, validate, with_json, read_only;
    for (int i = 0; i < repeats; ++i) {
      parse.ms.push_back(elapsed_ms([&] { sink = sink + nlohmann::json::parse(text).size(); }));
      validate.ms.push_back(elapsed_ms([&] {
        qnnv::Report r = qnnv::validate(text, options, *data);
        results = r.results.size();
        nodes = r.summary.nodes;
      }));
      with_json.ms.push_back(elapsed_ms([&] {
        sink = sink + qnnv::report_to_json(qnnv::validate(text, options, *data), -1).size();
      }));
      read_only.ms.push_back(elapsed_ms([&] {
        CountValues values;
        qnnv::detail::json_reader::Reader reader(text);
        sink = sink + (reader.parse(values) ? values.n : 0);
      }));
    }
    const double v_med = validate.median(), v_min = validate.min(), p_med = parse.median(), p_min = parse.min();
    std::printf("{\"file_bytes\": %zu, \"call_function_nodes\": %zu, \"runs\": %d, \"dom_parse_ms\": %.2f, "
                "\"validate_ms\": %.2f, \"validate_plus_json_ms\": %.2f, \"dom_parse_min_ms\": %.2f, "
                "\"validate_min_ms\": %.2f, \"validate_plus_json_min_ms\": %.2f, \"ratio_validate_to_parse\": %.3f, "
                "\"ratio_validate_to_parse_min\": %.3f, \"validate_ns_per_node\": %.0f, \"read_only_ms\": %.2f, "
                "\"read_only_min_ms\": %.2f, \"ratio_read_only_to_parse\": %.3f}\n",
                text.size(), nodes, repeats, p_med, v_med, with_json.median(), p_min, v_min, with_json.min(),
                v_med / p_med, v_min / p_min, v_med * 1e6 / double(results), read_only.median(), read_only.min(),
                read_only.median() / p_med);
    return 0;
  }
  if (argc >= 3 && std::string(argv[1]) == "loop") {
    const std::string text = read(argv[2]);
    const int n = argc > 3 ? std::stoi(argv[3]) : 5;
    const auto data = qnnv::builtin_data();
    const qnnv::Options options = bench_options();
    const bool json = !(argc > 4 && std::string(argv[4]) == "core");
    size_t bytes = 0;
    for (int i = 0; i < n; ++i) {
      const qnnv::Report r = qnnv::validate(text, options, *data);
      bytes += json ? qnnv::report_to_json(r, -1).size() : r.results.size();
    }
    std::printf("{\"runs\": %d, \"%s\": %zu}\n", n, json ? "report_bytes" : "results", bytes / size_t(n > 0 ? n : 1));
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
