// The hostile corpus (tests/hostile/manifest.json) through the native CLI, the fuzz regressions through the
// library in-process, explicit limits, and determinism of the JSON report.
//
// Big corpus entries are generated at test time by tests/hostile/generate.py into a temporary folder
// (they are too large to commit); python3 must be on PATH.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "qnnv/qnnv.h"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const fs::path kTests = QNNV_TESTS_DIR;
const fs::path kHostile = kTests / "hostile";

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

fs::path scratch_dir() {
  static const fs::path dir = [] {
    fs::path d = fs::temp_directory_path() / ("qnnv_hostile_" + std::to_string(::getpid()));
    fs::create_directories(d);
    return d;
  }();
  return dir;
}

// Generated entries are shared by all test processes of one run (generate.py writes atomically).
fs::path generated(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / "qnnv_hostile_generated";
  const fs::path path = dir / name;
  const std::string cmd = "python3 '" + (kHostile / "generate.py").string() + "' '" + dir.string() + "' '" + name + "'";
  const int status = std::system(cmd.c_str());
  if (status != 0 || !fs::exists(path)) throw std::runtime_error("generate.py failed for " + name);
  return path;
}

struct Entry {
  std::string label;
  json spec;
};

void PrintTo(const Entry& e, std::ostream* os) { *os << e.label; }

std::vector<Entry> manifest_entries() {
  std::vector<Entry> out;
  const json doc = json::parse(slurp(kHostile / "manifest.json"));
  std::set<std::string> used;
  for (const json& e : doc.at("entries")) {
    std::string label = e.at("file").get<std::string>();
    for (const json& a : e.at("args")) label += "_" + a.get<std::string>();
    for (char& c : label)
      if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
    while (!used.insert(label).second) label += "_";
    out.push_back({label, e});
  }
  return out;
}

fs::path entry_path(const json& e) {
  const std::string file = e.at("file");
  if (e.value("generated", false)) return generated(file);
  return kHostile / "files" / file;
}

struct CliRun {
  int code = -1;
  std::string out, err;
};

CliRun run_cli(const std::vector<std::string>& args) {
  static int counter = 0;
  const std::string base = (scratch_dir() / std::to_string(counter++)).string();
  std::string cmd = std::string("'") + QNNV_CLI_PATH + "'";
  for (const std::string& a : args) cmd += " '" + a + "'";
  cmd += " < /dev/null > '" + base + ".out' 2> '" + base + ".err'";
  const int status = std::system(cmd.c_str());
  CliRun r;
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1000 - (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
  r.out = slurp(base + ".out");
  r.err = slurp(base + ".err");
  fs::remove(base + ".out");
  fs::remove(base + ".err");
  return r;
}

// "FILE:LINE:COLUMN: message [code] (at /pointer)" (error_to_text).
std::string error_code_of(const std::string& err) {
  static const std::regex code(R"(\[([a-z0-9.\-]+)\])");
  std::smatch m;
  std::string last;
  for (auto it = std::sregex_iterator(err.begin(), err.end(), code); it != std::sregex_iterator(); ++it) {
    last = (*it)[1];
  }
  return last;
}

bool code_matches(const std::string& want, const std::string& got);
bool code_matches(const json& want, const std::string& got) {
  if (want.is_array()) {
    for (const json& w : want)
      if (code_matches(w.get<std::string>(), got)) return true;
    return false;
  }
  return code_matches(want.get<std::string>(), got);
}

bool code_matches(const std::string& want, const std::string& got) {
  if (want.size() > 2 && want.compare(want.size() - 2, 2, ".*") == 0) {
    return got.compare(0, want.size() - 1, want, 0, want.size() - 1) == 0;
  }
  return want == got;
}

// What the CLI writes to standard error is safe for a terminal, whatever the input held: valid UTF-8
// and no control character but newline and tab (an ESC[2J from a graph would clear the user's screen).
// Returns "" or what is wrong.
std::string terminal_unsafe(const std::string& s) {
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F) return "control byte at " + std::to_string(i);
      ++i;
      continue;
    }
    const size_t n = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c < 0xE0 ? 2 : 0;
    if (n == 0 || i + n > s.size()) return "invalid UTF-8 at " + std::to_string(i);
    for (size_t k = 1; k < n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return "invalid UTF-8 at " + std::to_string(i);
    if (c == 0xC2 && static_cast<unsigned char>(s[i + 1]) < 0xA0) return "C1 control at " + std::to_string(i);
    i += n;
  }
  return "";
}

// The entry's output format: the value of its last --format argument, else json.
std::string format_of(const json& e) {
  std::string format = "json";
  const json& args = e.at("args");
  for (size_t i = 0; i + 1 < args.size(); ++i)
    if (args[i] == "--format") format = args[i + 1].get<std::string>();
  return format;
}

class Hostile : public ::testing::TestWithParam<Entry> {};

TEST_P(Hostile, NativeCliGivesTheExpectedOutcome) {
  const json& e = GetParam().spec;
  if (e.contains("bug")) {
    std::cerr << "known bug (the expectation is the correct behaviour): " << e["bug"].get<std::string>() << "\n";
  }
  const fs::path path = entry_path(e);
  std::vector<std::string> args = {"validate", path.string(), "--format", "json"};
  for (const json& a : e.at("args")) args.push_back(a);
  const CliRun r = run_cli(args);
  const int want_exit = e.at("exit");
  ASSERT_EQ(r.code, want_exit) << "stderr: " << r.err.substr(0, 2000) << "\nstdout: " << r.out.substr(0, 2000);
  EXPECT_EQ(terminal_unsafe(r.err), "") << r.err.substr(0, 2000);

  if (want_exit == 2) {
    EXPECT_TRUE(r.out.empty()) << "an input error is not a report";
    ASSERT_TRUE(e.at("error_code").is_string() || e.at("error_code").is_array());
    const std::string code = error_code_of(r.err);
    EXPECT_TRUE(code_matches(e["error_code"], code)) << "expected [" << e["error_code"] << "], got: " << r.err.substr(0, 2000);
    EXPECT_EQ(r.err.find("internal error"), std::string::npos) << r.err.substr(0, 2000);
    EXPECT_LT(r.err.size(), 65536u) << "an error message must stay readable: " << r.err.substr(0, 300);
    // Located errors: "<path>:LINE:COLUMN: ".
    if (e.contains("located")) {
      const std::string prefix = path.string() + ":";
      ASSERT_EQ(r.err.compare(0, prefix.size(), prefix), 0) << r.err;
      std::smatch m;
      const std::string rest = r.err.substr(prefix.size());
      ASSERT_TRUE(std::regex_search(rest, m, std::regex(R"(^(\d+):(\d+): )"))) << "no line:column in: " << r.err;
      if (e["located"].is_array()) {
        EXPECT_EQ(std::stoi(m[1]), e["located"][0].get<int>()) << r.err;
        EXPECT_EQ(std::stoi(m[2]), e["located"][1].get<int>()) << r.err;
      }
    }
    if (e.contains("pointer")) {
      EXPECT_NE(r.err.find("(at " + e["pointer"].get<std::string>() + ")"), std::string::npos) << r.err;
    }
    if (e.contains("message")) {
      EXPECT_NE(r.err.find(e["message"].get<std::string>()), std::string::npos) << r.err.substr(0, 2000);
    }
    return;
  }

  // Another format (the last --format wins): written, and within limit.report-size's bound; the report's
  // contents are checked through JSON by the entry without --format.
  if (const std::string format = format_of(e); format != "json") {
    EXPECT_FALSE(r.out.empty()) << format;
    const qnnv::Limits limits;
    EXPECT_LE(r.out.size(), limits.max_report_base_bytes + limits.max_report_ratio * fs::file_size(path)) << format;
    return;
  }

  // A report: well-formed, the contract's shape, consistent with the exit code.
  const json report = json::parse(r.out);
  EXPECT_EQ(report.at("format"), "qnnv.report");
  EXPECT_EQ(report.at("ok").get<bool>(), want_exit == 0);
  const json& s = report.at("summary");
  EXPECT_EQ(s.at("nodes").get<size_t>(), report.at("results").size());
  EXPECT_EQ(s.at("passed").get<size_t>() + s.at("failed").get<size_t>() + s.at("not_validated").get<size_t>() +
                s.at("skipped").get<size_t>(),
            s.at("nodes").get<size_t>());
  if (e.contains("summary")) {
    for (const auto& [key, value] : e["summary"].items()) EXPECT_EQ(s.at(key), value) << "summary." << key;
  }
  if (e.at("rule").is_string()) {
    size_t with_rule = 0;
    for (const json& n : report["results"])
      for (const json& f : n["findings"])
        if (f["rule"] == e["rule"]) ++with_rule;
    EXPECT_GT(with_rule, 0u) << "no finding " << e["rule"];
  }
  if (e.contains("absent_results")) {
    for (const json& name : e["absent_results"])
      for (const json& n : report["results"]) EXPECT_NE(n["node"], name) << "a result for an unchecked node";
  }
}

INSTANTIATE_TEST_SUITE_P(Manifest, Hostile, ::testing::ValuesIn(manifest_entries()),
                         [](const ::testing::TestParamInfo<Entry>& info) { return info.param.label; });

// Every small committed corpus file is listed in the manifest (a file nobody checks proves nothing).
TEST(HostileManifest, ListsEveryCommittedFile) {
  std::set<std::string> listed;
  for (const Entry& e : manifest_entries()) listed.insert(e.spec.at("file").get<std::string>());
  for (const auto& f : fs::directory_iterator(kHostile / "files")) {
    EXPECT_TRUE(listed.count(f.path().filename().string())) << f.path() << " is not in manifest.json";
  }
}

// --- in-process: the library itself, on the corpus and on the fuzz regressions ---------------------

// What the API may do with any input (as a graph, a data file, a saved report): return a report, or throw
// InputError with a code. Anything else (another exception type, a crash under the sanitizers) fails.
void expect_only_input_error(const std::string& text, const std::string& what) {
  static const auto data = qnnv::builtin_data();
  try {
    const qnnv::Report r = qnnv::validate(text, {}, *data);
    (void)qnnv::report_to_json(r);
    (void)qnnv::report_to_text(r, false);
    (void)qnnv::report_to_sarif(r, "x.json");
    (void)qnnv::report_to_junit(r, "x");
  } catch (const qnnv::InputError& e) {
    EXPECT_FALSE(e.info().code.empty()) << what;
  } catch (const std::exception& e) {
    ADD_FAILURE() << what << ": validate threw a non-InputError: " << e.what();
  }
  try {
    (void)qnnv::load_data(text, "x.json", data.get());
  } catch (const qnnv::InputError& e) {
    EXPECT_FALSE(e.info().code.empty()) << what;
  } catch (const std::exception& e) {
    ADD_FAILURE() << what << ": load_data threw a non-InputError: " << e.what();
  }
  // As a saved report (fuzz_render's input: what toText and the other re-renderers read).
  try {
    const qnnv::Report r = qnnv::report_from_json(text);
    (void)qnnv::report_to_text(r, false);
    (void)qnnv::report_to_sarif(r, "x.json");
    // fuzz_render's bound on the estimate (escapes can make a text up to 6 times its size)
    EXPECT_LE(qnnv::report_to_json(r, 2).size(), qnnv::report_json_size(r, 2) * 6) << what;
  } catch (const qnnv::InputError& e) {
    EXPECT_FALSE(e.info().code.empty()) << what;
  } catch (const std::exception& e) {
    ADD_FAILURE() << what << ": report_from_json threw a non-InputError: " << e.what();
  }
}

// Every file of `dir` (README.md aside) through expect_only_input_error; how many there were. Stops after a
// few failures, so that a change that breaks a whole corpus does not print thousands of them.
size_t replay_folder(const fs::path& dir) {
  const auto failures = [] { return ::testing::UnitTest::GetInstance()->current_test_info()->result()->total_part_count(); };
  const int before = failures();
  size_t files = 0;
  if (!fs::exists(dir)) return files;
  for (const auto& f : fs::directory_iterator(dir)) {
    if (!f.is_regular_file() || f.path().filename() == "README.md") continue;
    expect_only_input_error(slurp(f.path()), f.path().string());
    ++files;
    if (failures() > before + 5) break;
  }
  return files;
}

TEST(HostileInProcess, FuzzRegressionsAndCorpusGiveReportsOrInputErrors) {
  const size_t files = replay_folder(kTests / "fuzz" / "regressions") + replay_folder(kHostile / "files");
  EXPECT_GT(files, 40u);  // the committed corpus alone has more
}

// The hand-made fuzz seeds (tests/fuzz/edge_seeds.py): generated into a scratch folder per target and replayed
// like the corpus. Their point is to reach the UTF-8 echo and duplicate-key branches; the families whose
// outcome is fixed by construction are checked too, so that a seed which stopped reaching its branch (the
// reader changed under it) shows here, not as a quiet loss of fuzzing coverage.
TEST(HostileInProcess, EdgeSeedsGiveReportsOrInputErrors) {
  const auto data = qnnv::builtin_data();
  for (const char* target : {"fuzz_graph", "fuzz_data"}) {
    SCOPED_TRACE(target);
    const fs::path dir = scratch_dir() / (std::string("edge_seeds_") + target);
    const std::string cmd = "python3 '" + (kTests / "fuzz" / "edge_seeds.py").string() + "' " + target + " '" +
                            dir.string() + "' >/dev/null";
    ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
    EXPECT_GT(replay_folder(dir), 100u);
  }
  const fs::path graphs = scratch_dir() / "edge_seeds_fuzz_graph";
  const auto graph_error = [&](const std::string& name) {
    try {
      (void)qnnv::validate(slurp(graphs / ("seed-edge-" + name + ".json")), {}, *data);
    } catch (const qnnv::InputError& e) {
      return e.info().code;
    }
    return std::string("(a report)");
  };
  // Every duplicate-key seed and every malformed-UTF-8 node name, whatever the generator's lists hold.
  size_t dups = 0, malformed = 0;
  for (const auto& f : fs::directory_iterator(graphs)) {
    const std::string name = f.path().stem().string().substr(std::string("seed-edge-").size());
    if (name.rfind("dup-", 0) == 0) {
      EXPECT_EQ(graph_error(name), "json.duplicate-key") << name;
      ++dups;
    } else if (name.rfind("node-name-malformed-", 0) == 0) {
      EXPECT_EQ(graph_error(name), "json.encoding") << name;
      ++malformed;
    }
  }
  EXPECT_GT(dups, 0u);
  EXPECT_GT(malformed, 0u);
  EXPECT_EQ(graph_error("node-name-every-class"), "(a report)");
  EXPECT_EQ(graph_error("number-0"), "graph.number");
  // Observer kwargs: a scale that is not finite is a number error, a value of the wrong kind a type error,
  // wherever it sits (docs/graph-format.md, Qspecs).
  for (const char* name : {"scale-inf", "scale-minus-inf", "scale-nan", "block-size-u64"}) {
    EXPECT_EQ(graph_error(std::string("observer-kwargs-") + name), "graph.number") << name;
  }
  for (const char* name : {"scale-string", "scale-object", "scale-list", "scale-bool", "zero-point-fraction",
                           "zero-point-string", "block-size-not-list", "block-size-null-item", "block-size-fraction"}) {
    EXPECT_EQ(graph_error(std::string("observer-kwargs-") + name), "graph.type") << name;
  }
  // A nested "observer_kwargs" that is not an object is not read (a FakeQuantize keyword qnnv does not know).
  EXPECT_EQ(graph_error("observer-kwargs-nested-kwargs-not-object"), "(a report)");
  // ...and what is read: the outer value wins over a nested one; a wrapped observer three deep is named
  // with each class it wraps.
  const auto port_qspec = [&](const std::string& name) {
    const qnnv::Report r = qnnv::validate(slurp(graphs / ("seed-edge-" + name + ".json")), {}, *data);
    return r.results.empty() || r.results[0].ports.empty() ? std::string("(no port)") : r.qspec_text(r.results[0].ports[0]);
  };
  EXPECT_EQ(port_qspec("observer-kwargs-outer-wins"),
            "uint8 [0, 255] per_tensor_affine block_size [1, 8] scale 0.5 zero_point 1 FakeQuantize");
  EXPECT_EQ(port_qspec("observer-kwargs-nested-three-deep"),
            "uint8 [0, 255] per_tensor_affine block_size [1, 32] scale 0.125 FakeQuantize(A(B(C)))");
  EXPECT_EQ(port_qspec("observer-kwargs-nested-partial"),
            "uint8 [0, 255] per_tensor_affine block_size [1, 16] scale 0.25 FakeQuantize(PerBlockParamObserver)");
  // The data seeds echo the string in the error of an unknown top-level field, escaped: a C0 control,
  // a C1 control and a bidirectional override come out as \u escapes, the rest as it was.
  try {
    (void)qnnv::load_data(slurp(scratch_dir() / "edge_seeds_fuzz_data" / "seed-edge-top-key-every-class.json"), "x.json",
                          data.get());
    ADD_FAILURE() << "an unknown top-level field was accepted";
  } catch (const qnnv::InputError& e) {
    EXPECT_EQ(e.info().code, "data.unknown-field");
    const std::string& m = e.info().message;
    for (const char* escaped : {"\\u0001", "\\u0085", "\\u202a", "\\u2069"}) EXPECT_NE(m.find(escaped), std::string::npos) << escaped;
    EXPECT_NE(m.find("\xf4\x8f\xbf\xbf"), std::string::npos);  // U+10FFFF, the last code point, shown as is
  }
  // Each constraint and condition seed: those labelled "ok-" load; every other one is refused with a data
  // error located in that constraint or condition, not elsewhere in the document.
  size_t accepted = 0, refused = 0;
  for (const auto& f : fs::directory_iterator(scratch_dir() / "edge_seeds_fuzz_data")) {
    const std::string name = f.path().stem().string().substr(std::string("seed-edge-").size());
    const bool constraint = name.rfind("constraint-", 0) == 0;
    if (!constraint && name.rfind("condition-", 0) != 0) continue;
    SCOPED_TRACE(name);
    const bool ok = name.compare(name.find('-') + 1, 3, "ok-") == 0;  // the label after "constraint-"/"condition-"
    try {
      (void)qnnv::load_data(slurp(f.path()), "x.json", data.get());
      EXPECT_TRUE(ok) << "accepted";
      ++accepted;
    } catch (const qnnv::InputError& e) {
      EXPECT_FALSE(ok) << e.what();
      EXPECT_EQ(e.info().code.rfind("data.", 0), 0u) << e.info().code;
      const std::string where = constraint ? "/backends/htp/port_templates/t/constraints/0" : "/backends/htp/ops/Relu/variants/0/when/0";
      EXPECT_EQ(e.info().pointer.rfind(where, 0), 0u) << e.info().pointer;
      ++refused;
    }
  }
  EXPECT_GT(accepted, 0u);
  EXPECT_GT(refused, 0u);
}

// The committed fuzz corpus (tests/fuzz/corpus/<target>.tar.xz, unpacked by tests/CMakeLists.txt): every input
// a fuzzer kept, as a graph, a data file and a saved report. The fuzzers check more (their invariants,
// tests/fuzz/README.md); this keeps what they reached from quietly breaking between fuzz runs.
TEST(HostileInProcess, CommittedFuzzCorpusGivesReportsOrInputErrors) {
  const fs::path unpacked = QNNV_FUZZ_CORPUS_DIR;
  for (const char* target : {"fuzz_graph", "fuzz_data", "fuzz_json_reader", "fuzz_render"}) {
    SCOPED_TRACE(target);
    EXPECT_TRUE(fs::exists(kTests / "fuzz" / "corpus" / (std::string(target) + ".tar.xz")));
    const size_t files = replay_folder(unpacked / target);
    EXPECT_GT(files, 0u) << "nothing unpacked from tests/fuzz/corpus/" << target << ".tar.xz";
  }
}

std::string chain_graph(size_t nodes, bool shared_chain) {
  // x -> r0 -> r1 ...; with shared_chain each output shares the next node's output, the last is concrete.
  std::string g = R"({"format":"qnnv.graph","version":1,"qspecs":[{"kind":"quant","dtype":"uint8","quant_min":0,)"
                  R"("quant_max":255,"qscheme":"per_tensor_affine"}],"nodes":[{"name":"x","op":"placeholder",)"
                  R"("val":{"dtype":"float32","shape":[8]}})";
  for (size_t i = 0; i < nodes; ++i) {
    const std::string prev = i == 0 ? "x" : "r" + std::to_string(i - 1);
    std::string out = "0";
    if (shared_chain && i + 1 < nodes) out = R"({"kind":"shared","node":"r)" + std::to_string(i + 1) + "\"}";
    g += R"(,{"name":"r)" + std::to_string(i) + R"(","op":"call_function","target":"aten.relu.default","args":[{"node":")" +
         prev + R"("}],"val":{"dtype":"float32","shape":[8]},"annotation":{"input_qspec_map":[{"arg":")" + prev +
         R"(","qspec":0}],"output_qspec":)" + out + "}}";
  }
  return g + "]}";
}

std::string error_code_for(const std::string& text, const qnnv::Options& options) {
  try {
    (void)qnnv::validate(text, options, *qnnv::builtin_data());
  } catch (const qnnv::InputError& e) {
    return e.info().code;
  }
  return "";
}

// A reader that goes away (EPIPE: `qnnv validate g.json | head -1`) is no error (docs/errors.md, "Broken
// pipe"): nothing on standard error, and the exit status is the validation's. Each output is larger than a
// pipe holds (64 KiB) and the reader (`true`) reads nothing, so the write surely fails.
TEST(HostileCli, AReaderThatGoesAwayIsNoErrorAndTheStatusIsTheValidations) {
  const std::string tiny = (kTests / "fixtures" / "tiny_decoder__16a4w_block.json").string();
  const std::string mobilenet = (kTests / "fixtures" / "mobilenet_v2__8a8w.json").string();
  const fs::path chain = scratch_dir() / "epipe_chain.json";
  std::ofstream(chain) << chain_graph(3000, false);
  struct Case {
    std::vector<std::string> args;
    int exit;
  };
  const Case cases[] = {{{mobilenet, "--format", "json"}, 0},                   // 106 KB
                        {{tiny, "--soc", "SM8350", "--format", "json"}, 1},     // 73 KB, findings
                        {{chain.string(), "--format", "text"}, 0},              // about 250 KB
                        {{chain.string(), "--format", "junit"}, 0}};
  for (const Case& c : cases) {
    const fs::path base = scratch_dir() / "epipe";
    std::string cmd = std::string("{ '") + QNNV_CLI_PATH + "' validate";
    for (const std::string& a : c.args) cmd += " '" + a + "'";
    cmd += " 2> '" + base.string() + ".err'; echo $? > '" + base.string() + ".status'; } | true";
    ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
    EXPECT_EQ(slurp(base.string() + ".err"), "") << c.args[0];
    EXPECT_EQ(std::stoi(slurp(base.string() + ".status")), c.exit) << c.args[0];
  }
  // Every other write failure is still io.write, exit 2.
  const CliRun full = run_cli({"validate", mobilenet, "--format", "json", "-o", "/dev/full"});
  EXPECT_EQ(full.code, 2);
  EXPECT_EQ(error_code_of(full.err), "io.write") << full.err;
}

// report_size is what each renderer writes: exactly, for text (coloured), SARIF and JUnit (the renderer run
// over a byte count), and at least the JSON's size (an estimate).
TEST(HostileInProcess, ReportSizeIsWhatEachFormatWrites) {
  const auto data = qnnv::builtin_data();
  size_t reports = 0, with_findings = 0;
  for (const fs::path dir : {kTests / "fixtures", kHostile / "files"}) {
    for (const auto& f : fs::directory_iterator(dir)) {
      if (f.path().extension() != ".json") continue;
      qnnv::Report r;
      try {
        r = qnnv::validate(slurp(f.path()), {}, *data);
      } catch (const qnnv::InputError&) {
        continue;
      }
      using qnnv::ReportFormat;
      const std::string what = f.path().string();
      EXPECT_EQ(qnnv::report_size(r, ReportFormat::text), qnnv::report_to_text(r, true).size()) << what;
      EXPECT_LE(qnnv::report_to_text(r, false).size(), qnnv::report_size(r, ReportFormat::text)) << what;
      EXPECT_EQ(qnnv::report_size(r, ReportFormat::sarif, "a dir/g #1.json"),
                qnnv::report_to_sarif(r, "a dir/g #1.json").size()) << what;
      EXPECT_EQ(qnnv::report_size(r, ReportFormat::sarif), qnnv::report_to_sarif(r, "").size()) << what;
      EXPECT_EQ(qnnv::report_size(r, ReportFormat::junit, "suite <1>"), qnnv::report_to_junit(r, "suite <1>").size())
          << what;
      EXPECT_GE(qnnv::report_size(r, ReportFormat::json), qnnv::report_to_json(r, 2).size()) << what;
      ++reports;
      for (const auto& res : r.results) with_findings += !res.findings.empty();
    }
  }
  EXPECT_GT(reports, 10u);
  EXPECT_GT(with_findings, 0u);  // SARIF with results, not only empty logs
}

// The JSON estimate counts the target's texts too. It left them out, which holds for what validate() writes
// (backend and SoC names of a few bytes) but not for a saved report being re-rendered, nor for SoCs named in
// a data file: fuzz_render found a report whose 7,026-byte arch made its JSON over 6 times the estimate
// (tests/fuzz/regressions/fuzz_render-crash-f81a562b1b3d).
TEST(HostileInProcess, ReportJsonSizeCountsTheTargetTexts) {
  const auto data = qnnv::builtin_data();
  qnnv::Report r = qnnv::validate(slurp(kTests / "fixtures" / "tiny_decoder__16a4w_block.json"), {}, *data);
  for (std::string* text : {&r.backend, &r.soc_model, &r.arch, &r.backend_from, &r.soc_from, &r.qnn_sdk,
                            &r.qnn_sdk_from}) {
    *text = std::string(100000, 'v');
    EXPECT_GE(qnnv::report_size(r, qnnv::ReportFormat::json), qnnv::report_to_json(r, 2).size());
    const qnnv::Report saved = qnnv::report_from_json(qnnv::report_to_json(r, 2));
    EXPECT_GE(qnnv::report_json_size(saved, 2), qnnv::report_to_json(saved, 2).size());
  }
}

// x, then `big` (a relu with a long name), then `users` relus whose outputs share big's spec: each user's
// output port names big as shared_with in the JSON; the text names big once, in a cell cut to 40 columns.
std::string shared_name_graph(size_t name_bytes, size_t users) {
  const std::string big(name_bytes, 'n');
  const std::string relu = R"(,"op":"call_function","target":"aten.relu.default","args":[{"node":"x"}],)"
                           R"("val":{"dtype":"float32","shape":[8]},"annotation":{"input_qspec_map":[{"arg":"x","qspec":0}],)";
  std::string g = R"({"format":"qnnv.graph","version":1,"qspecs":[{"kind":"quant","dtype":"uint8","quant_min":0,)"
                  R"("quant_max":255,"qscheme":"per_tensor_affine"},{"kind":"shared","node":")" + big +
                  R"("}],"nodes":[{"name":"x","op":"placeholder","val":{"dtype":"float32","shape":[8]}})";
  g += R"(,{"name":")" + big + "\"" + relu + R"("output_qspec":0}})";
  for (size_t i = 0; i < users; ++i) g += R"(,{"name":"u)" + std::to_string(i) + "\"" + relu + R"("output_qspec":1}})";
  return g + "]}";
}

// limit.report-size bounds what the chosen format writes (issue 15: a graph whose JSON report is 1,000 times
// its size was refused for --format text too, whose output is small).
TEST(HostileLimits, ReportSizeIsCheckedForTheFormatWritten) {
  const std::string g = shared_name_graph(64 << 10, 200);
  qnnv::Options o;
  o.limits.max_report_base_bytes = 0;
  o.limits.max_report_ratio = 4;
  EXPECT_EQ(error_code_for(g, o), "limit.report-size");  // JSON, the default
  o.report_format = qnnv::ReportFormat::text;
  EXPECT_EQ(error_code_for(g, o), "");
  o.report_format = qnnv::ReportFormat::junit;  // one test case named big
  EXPECT_EQ(error_code_for(g, o), "");
  o.report_format = std::nullopt;
  const qnnv::Report r = qnnv::validate(g, o, *qnnv::builtin_data());
  EXPECT_EQ(r.summary.passed, 201u);
  EXPECT_NO_THROW(qnnv::check_report_size(r, qnnv::ReportFormat::text, "", g.size(), o.limits));
  EXPECT_LT(qnnv::report_to_text(r, false).size(), 4 * g.size());
  EXPECT_GT(qnnv::report_to_json(r).size(), 50 * g.size());
  try {
    qnnv::check_report_size(r, qnnv::ReportFormat::json, "", g.size(), o.limits);
    ADD_FAILURE() << "the JSON report was not refused";
  } catch (const qnnv::InputError& e) {
    EXPECT_EQ(e.info().code, "limit.report-size");
    EXPECT_NE(e.info().message.find("the JSON report would be about"), std::string::npos) << e.info().message;
  }
  // The bound is the limit itself: text just at it is accepted, one byte less refuses it.
  const uint64_t text = qnnv::report_size(r, qnnv::ReportFormat::text);
  o.limits.max_report_ratio = 0;
  o.limits.max_report_base_bytes = text;
  EXPECT_NO_THROW(qnnv::check_report_size(r, qnnv::ReportFormat::text, "", g.size(), o.limits));
  o.limits.max_report_base_bytes = text - 1;
  EXPECT_THROW(qnnv::check_report_size(r, qnnv::ReportFormat::text, "", g.size(), o.limits), qnnv::InputError);
}

TEST(HostileLimits, EachCountLimitIsAnInputErrorJustPastIt) {
  const std::string g = chain_graph(10, false);  // 11 nodes, 1 qspec
  qnnv::Options o;
  EXPECT_EQ(error_code_for(g, o), "");
  o.limits.max_nodes = 11;
  EXPECT_EQ(error_code_for(g, o), "");
  o.limits.max_nodes = 10;
  EXPECT_EQ(error_code_for(g, o), "limit.nodes");
  o = {};
  o.limits.max_input_bytes = g.size();
  EXPECT_EQ(error_code_for(g, o), "");
  o.limits.max_input_bytes = g.size() - 1;
  EXPECT_EQ(error_code_for(g, o), "limit.input-size");
  o = {};
  o.limits.max_qspecs = 1;
  EXPECT_EQ(error_code_for(g, o), "");
  o.limits.max_qspecs = 0;
  EXPECT_EQ(error_code_for(g, o), "limit.qspecs");
  o = {};
  o.limits.max_args_per_node = 0;
  EXPECT_EQ(error_code_for(g, o), "limit.args");
  o = {};
  o.limits.max_string_bytes = 17;  // the longest strings: "aten.relu.default", "per_tensor_affine"
  EXPECT_EQ(error_code_for(g, o), "");
  o.limits.max_string_bytes = 16;
  EXPECT_EQ(error_code_for(g, o), "limit.string");
  o = {};
  // The deepest containers are the input_qspec_map entries: document, nodes, node, annotation, map, entry.
  o.limits.max_depth = 6;
  EXPECT_EQ(error_code_for(g, o), "");
  o.limits.max_depth = 5;
  EXPECT_EQ(error_code_for(g, o), "limit.depth");
}

TEST(HostileLimits, SharedChainLongerThanTheLimitIsAFindingNotAHang) {
  const std::string g = chain_graph(50, true);
  qnnv::Options o;
  qnnv::Report r = qnnv::validate(g, o, *qnnv::builtin_data());
  EXPECT_TRUE(r.ok);
  o.limits.max_shared_chain = 10;
  r = qnnv::validate(g, o, *qnnv::builtin_data());
  EXPECT_FALSE(r.ok);
  ASSERT_EQ(r.results.size(), 50u);
  size_t limited = 0;
  for (size_t i = 0; i < r.results.size(); ++i) {
    const qnnv::NodeResult& n = r.results[i];
    for (const qnnv::Finding& f : n.findings) limited += f.rule == "qspec.shared-chain-limit";
    // r<i> reaches the concrete spec of r49 after 49 - i shared hops: past the limit it must not pass.
    if (49 - i > 10) EXPECT_NE(n.status, qnnv::Status::pass) << n.node << ": its chain was not followed to the end";
  }
  EXPECT_GT(limited, 0u);
}

// docs/rules.md: qspec.shared-chain-limit is about one port's chain. r<i> of a 16-node chain reaches the
// concrete spec of r15 after 15 - i hops, so with a limit of 10 the nodes r6..r15 are within it and must
// be checked like any other, whichever node was resolved first (a memo that marked every location of an
// over-long walk as too long failed r6..r9).
TEST(HostileLimits, SharedChainLimitIsJudgedPerPort) {
  const std::string g = chain_graph(16, true);
  qnnv::Options o;
  o.limits.max_shared_chain = 10;
  const qnnv::Report r = qnnv::validate(g, o, *qnnv::builtin_data());
  ASSERT_EQ(r.results.size(), 16u);
  for (size_t i = 0; i < 16; ++i) {
    bool limited = false;
    for (const qnnv::Finding& f : r.results[i].findings) limited |= f.rule == "qspec.shared-chain-limit";
    EXPECT_EQ(limited, 15 - i >= 10) << r.results[i].node << " (" << 15 - i << " shared hops)";
  }
}

// --- determinism ---------------------------------------------------------------------------------

TEST(HostileDeterminism, SameInputSameOptionsGiveByteIdenticalJsonReports) {
  const std::vector<std::vector<std::string>> cases = {
      {(kTests / "fixtures" / "mobilenet_v2__8a8w.json").string()},
      {(kTests / "fixtures" / "mobilenet_v2__8a8w.json").string(), "--soc", "SM8350", "--no-strict"},
      {(kTests / "fixtures" / "tiny_decoder__16a4w_block.json").string()},
      {(kTests / "fixtures" / "tiny_decoder__16a4w_block.json").string(), "--backend", "lpai", "--soc", "SM8750"},
      {(kHostile / "files" / "shared_cycle_10.json").string()},
      {(kHostile / "files" / "nul_in_name.json").string()},
  };
  for (const auto& c : cases) {
    std::vector<std::string> args = {"validate"};
    args.insert(args.end(), c.begin(), c.end());
    args.insert(args.end(), {"--format", "json"});
    const CliRun a = run_cli(args), b = run_cli(args);
    ASSERT_LE(a.code, 2) << c[0];
    EXPECT_EQ(a.code, b.code) << c[0];
    EXPECT_EQ(a.err, b.err) << c[0];
    ASSERT_FALSE(a.out.empty() && a.code != 2) << c[0];
    EXPECT_TRUE(a.out == b.out) << c[0] << ": two runs gave different reports";
  }
  // In-process: one instance validating the same text twice (memo and caches must not leak state).
  const std::string text = slurp(kTests / "fixtures" / "tiny_decoder__16a4w_block.json");
  const auto data = qnnv::builtin_data();
  const std::string first = qnnv::report_to_json(qnnv::validate(text, {}, *data));
  (void)qnnv::validate(slurp(kHostile / "files" / "shared_cycle_10.json"), {}, *data);
  EXPECT_EQ(qnnv::report_to_json(qnnv::validate(text, {}, *data)), first);
}

// Control characters in names (escaped NUL, ESC) come out escaped in the JSON report, never raw.
TEST(HostileDeterminism, ControlCharactersInNamesAreEscapedInTheReport) {
  const std::string g =
      R"({"format":"qnnv.graph","version":1,"nodes":[{"name":"x","op":"placeholder"},)"
      R"({"name":"a\u0000\u001b[31m\u2028","op":"call_function","target":"aten.relu.default","args":[{"node":"x"}]}]})";
  const std::string out = qnnv::report_to_json(qnnv::validate(g, {}, *qnnv::builtin_data()));
  EXPECT_EQ(out.find('\0'), std::string::npos);
  EXPECT_EQ(out.find('\x1b'), std::string::npos);
  const json back = json::parse(out);
  EXPECT_EQ(back["results"][0]["node"], std::string("a") + '\0' + "\x1b[31m\u2028");
}

}  // namespace

namespace {

// --- constraint-data files (qnnv::load_data, the CLI's --data) ------------------------------------

std::string data_error_code(const std::string& text) {
  try {
    (void)qnnv::load_data(text, "hostile.json", qnnv::builtin_data().get());
  } catch (const qnnv::InputError& e) {
    return e.info().code;
  }
  return "";
}

TEST(HostileData, DeepNestingIsALimitNotAStackOverflow) {
  const std::string socs = slurp(fs::path(QNNV_TESTS_DIR).parent_path() / "core" / "data" / "socs.json");
  ASSERT_EQ(data_error_code(socs), "");
  std::string deep = socs.substr(0, socs.rfind('}'));
  deep += ", \"note\": " + std::string(100000, '[') + std::string(100000, ']') + "}";
  EXPECT_EQ(data_error_code(deep), "data.limit-depth");
}

// nlohmann's lexer reads a raw NUL byte as the end of input: unless the loader rejects the byte, whatever
// follows it is never read and the file loads.
TEST(HostileData, BytesAfterARawNulAreNotIgnored) {
  const std::string socs = slurp(fs::path(QNNV_TESTS_DIR).parent_path() / "core" / "data" / "socs.json");
  std::string text = socs;
  text += '\0';
  text += "{ this is not JSON";
  EXPECT_EQ(data_error_code(text), "data.syntax");
}

}  // namespace

// ---- issue 15: failed writes, system errors, data-file errors, echoed values ----

// Runs `redirect`ed CLI (e.g. "> /dev/full"): the exit status and what it wrote to standard error.
CliRun run_cli_redirected(const std::vector<std::string>& args, const std::string& redirect) {
  static int counter = 0;
  const std::string err = (scratch_dir() / ("r" + std::to_string(counter++) + ".err")).string();
  std::string cmd = std::string("'") + QNNV_CLI_PATH + "'";
  for (const std::string& a : args) cmd += " '" + a + "'";
  cmd += " < /dev/null " + redirect + " 2> '" + err + "'";
  const int status = std::system(cmd.c_str());
  CliRun r;
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1000 - (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
  r.err = slurp(err);
  fs::remove(err);
  return r;
}

TEST(HostileWrites, AFailedWriteIsExit2WithOneIoWriteLine) {
  const std::string sample = (kHostile / "files" / "ok_sample.json").string();
  struct Case {
    std::vector<std::string> args;
    std::string redirect, reason;
  };
  const std::vector<Case> cases = {
      {{"validate", sample, "--format", "json"}, "> /dev/full", "No space left on device"},
      {{"validate", sample}, "> /dev/full", "No space left on device"},
      {{"validate", sample, "--format", "sarif"}, ">&-", "Bad file descriptor"},
      {{"validate", sample, "--format", "json"}, ">&-", "Bad file descriptor"},
      {{"socs"}, "> /dev/full", "No space left on device"},
      {{"--version"}, ">&-", "Bad file descriptor"},
  };
  for (const Case& c : cases) {
    const CliRun r = run_cli_redirected(c.args, c.redirect);
    EXPECT_EQ(r.code, 2) << c.redirect << ": " << r.err;
    EXPECT_EQ(r.err, "qnnv: cannot write standard output: " + c.reason + " [io.write]\n") << c.redirect;
  }
  // A file that cannot be written (a directory), through -o.
  const CliRun r = run_cli_redirected({"validate", sample, "-o", scratch_dir().string()}, "");
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, "qnnv: cannot write " + scratch_dir().string() + ": Is a directory [io.write]\n");
}

TEST(HostileWrites, SystemErrorsAreWordedFromTheCoreTable) {
  const fs::path dir = scratch_dir() / "syserr";
  fs::create_directories(dir);
  fs::remove(dir / "loop");
  fs::create_symlink("loop", dir / "loop");
  struct Case {
    std::string path, reason;
  };
  for (const Case& c : {Case{(dir / "loop").string(), "Too many levels of symbolic links"},
                        Case{dir.string(), "Is a directory"},
                        Case{(dir / "absent.json").string(), "No such file or directory"},
                        Case{(kHostile / "files" / "ok_sample.json" / "x").string(), "Not a directory"}}) {
    const CliRun r = run_cli({"validate", c.path});
    EXPECT_EQ(r.code, 2);
    EXPECT_EQ(r.err, c.path + ": cannot read " + c.path + ": " + c.reason + " [io.read]\n");
  }
  EXPECT_EQ(qnnv::system_error_text("ENOSPC"), "No space left on device");
  EXPECT_EQ(qnnv::system_error_text(ENOSPC), "No space left on device");
  EXPECT_EQ(qnnv::system_error_text("E\x1b[2J"), "system error E\\u001b[2J");
}

TEST(HostileData, DataFileErrorsAreLocatedInTheDataFileNamedOnce) {
  const fs::path dir = scratch_dir() / "data";
  fs::create_directories(dir);
  const std::string sample = (kHostile / "files" / "ok_sample.json").string();
  {
    std::ofstream(dir / "bad.json", std::ios::binary) << "{\"format\": \"qnnv.data\",\n  \"version\": \xff}";
  }
  const std::string bad = (dir / "bad.json").string();
  CliRun r = run_cli({"validate", sample, "--data", bad});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err.rfind(bad + ":2:", 0), 0u) << r.err;  // located in the data file, at its line
  EXPECT_EQ(r.err.find(bad, 1), std::string::npos) << "the path is named more than once: " << r.err;
  EXPECT_EQ(terminal_unsafe(r.err), "") << r.err;
  // A directory: the same wording as for a graph, and as the Node CLI's.
  r = run_cli({"validate", sample, "--data", dir.string()});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, "qnnv: cannot read " + dir.string() + ": Is a directory [io.read]\n");
}

TEST(HostileEcho, CliArgumentsAreEscapedAndCut) {
  const std::string sample = (kHostile / "files" / "ok_sample.json").string();
  const std::string big(100000, 'S');  // one argument may be at most 128 KiB (MAX_ARG_STRLEN)
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"validate", sample, "--soc", "\x1b[2J" + big},
        std::vector<std::string>{"validate", sample, "--backend", std::string("h\x1b]0;t\x07") + "\xff"},
        std::vector<std::string>{"\x1b[2Jvalidate"}, std::vector<std::string>{"validate", "--\x1b[31mx"},
        std::vector<std::string>{"validate", sample, "--color", big}}) {
    const CliRun r = run_cli(args);
    EXPECT_EQ(r.code, 2);
    EXPECT_EQ(terminal_unsafe(r.err), "") << r.err.substr(0, 300);
    EXPECT_LT(r.err.size(), 2000u) << r.err.substr(0, 300);
  }
  const CliRun r = run_cli({"validate", sample, "--soc", big});
  EXPECT_NE(r.err.find("\"" + std::string(200, 'S') + "\"... (100000 bytes)"), std::string::npos) << r.err.substr(0, 400);
}
