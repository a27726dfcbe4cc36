// The native CLI as a user runs it: exit codes, formats, located errors on stderr.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "graph_builder.h"

namespace qnnv::testing {
namespace {

struct CliRun {
  int code = -1;
  std::string out, err;
};

CliRun cli(const std::string& args, const std::string& stdin_text = "") {
  namespace fs = std::filesystem;
  static int counter = 0;
  const fs::path dir = fs::temp_directory_path() / ("qnnv_cli_test_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const std::string base = (dir / std::to_string(counter++)).string();
  std::string cmd = std::string("'") + QNNV_CLI_PATH + "' " + args;
  if (!stdin_text.empty()) {
    std::ofstream(base + ".in", std::ios::binary) << stdin_text;
    cmd += " < '" + base + ".in'";
  } else {
    cmd += " < /dev/null";
  }
  cmd += " > '" + base + ".out' 2> '" + base + ".err'";
  const int status = std::system(cmd.c_str());
  CliRun r;
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = read_file(base + ".out");
  r.err = read_file(base + ".err");
  return r;
}

std::string sample(const std::string& name) { return "'" + fixture(name) + "'"; }

TEST(Cli, OkGraphExitsZeroWithAJsonReport) {
  CliRun r = cli("validate " + sample("tiny_decoder__16a4w_block.json") + " --format json");
  ASSERT_EQ(r.code, 0) << r.err;
  json report = json::parse(r.out);
  EXPECT_EQ(report["format"], "qnnv.report");
  EXPECT_EQ(report["target"]["soc_model"], "SM8750");
  EXPECT_EQ(report["target"]["soc_from"], "hints");
  EXPECT_EQ(report["ok"], true);
  EXPECT_EQ(r.out.back(), '\n');
}

TEST(Cli, FindingsExitOneInStrictModeAndZeroOtherwise) {
  CliRun strict = cli("validate " + sample("tiny_decoder__16a4w_block.json") + " --soc SM8350 --format json");
  EXPECT_EQ(strict.code, 1) << strict.err;
  EXPECT_EQ(json::parse(strict.out)["ok"], false);
  CliRun lenient = cli("validate " + sample("tiny_decoder__16a4w_block.json") + " --soc SM8350 --no-strict --format json");
  EXPECT_EQ(lenient.code, 0) << lenient.err;
  json report = json::parse(lenient.out);
  EXPECT_EQ(report["ok"], true);
  EXPECT_GT(report["summary"]["failed"].get<int>(), 0);
}

TEST(Cli, TextReportNamesTargetAndVerdict) {
  CliRun r = cli("validate " + sample("tiny_decoder__16a4w_block.json") + " --soc SM8350");
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.out.find("SM8350"), std::string::npos);
  EXPECT_NE(r.out.find("soc.lpbq-min-arch"), std::string::npos);
  EXPECT_EQ(r.out.find("\x1b["), std::string::npos) << "no colour when not a terminal";
}

TEST(Cli, SarifAndJunitAndOutputFile) {
  CliRun s = cli("validate " + sample("tiny_decoder__16a4w_block.json") + " --soc SM8350 --format sarif");
  EXPECT_EQ(s.code, 1);
  json sarif = json::parse(s.out);
  EXPECT_EQ(sarif["version"], "2.1.0");
  EXPECT_FALSE(sarif["runs"][0]["results"].empty());
  CliRun j = cli("validate " + sample("mobilenet_v2__8a8w.json") + " --format junit");
  EXPECT_EQ(j.code, 0);
  EXPECT_NE(j.out.find("<testsuite"), std::string::npos);
  const std::string out = (std::filesystem::temp_directory_path() / "qnnv_cli_out.json").string();
  CliRun o = cli("validate " + sample("mobilenet_v2__8a8w.json") + " --format json -o '" + out + "'");
  EXPECT_EQ(o.code, 0);
  EXPECT_TRUE(o.out.empty());
  EXPECT_EQ(json::parse(read_file(out))["format"], "qnnv.report");
}

TEST(Cli, ReadsStandardInput) {
  CliRun r = cli("validate - --format json", read_file(fixture("mobilenet_v2__8a8w.json")));
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(json::parse(r.out)["ok"], true);
}

TEST(Cli, SyntaxErrorIsLocatedAndExitsTwo) {
  CliRun r = cli("validate -", "{\"format\": \"qnnv.graph\",\n  \"version\": 1,\n  \"nodes\": [ }");
  EXPECT_EQ(r.code, 2);
  EXPECT_TRUE(r.out.empty());
  EXPECT_NE(r.err.find("<stdin>:3:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("json.syntax"), std::string::npos) << r.err;
}

TEST(Cli, UsageAndInputErrorsExitTwo) {
  EXPECT_EQ(cli("validate /nonexistent/graph.json").code, 2);
  EXPECT_EQ(cli("validate").code, 2);
  EXPECT_EQ(cli("frobnicate").code, 2);
  EXPECT_EQ(cli("validate x.json --bogus").code, 2);
  EXPECT_EQ(cli("validate x.json --format yaml").code, 2);
  CliRun soc = cli("validate " + sample("mobilenet_v2__8a8w.json") + " --soc SM9999");
  EXPECT_EQ(soc.code, 2);
  EXPECT_NE(soc.err.find("options.unknown-soc"), std::string::npos) << soc.err;
  EXPECT_EQ(cli("").code, 2);
}

// A write that fails (here: a full device) is an io.write error for every output format, never exit 0
// with nothing written. (The text formats used to go through an unchecked stream.)
TEST(Cli, FailedWriteExitsTwoForEveryFormat) {
  if (!std::filesystem::exists("/dev/full")) GTEST_SKIP() << "no /dev/full on this system";
  for (const char* format : {"json", "text", "sarif", "junit"}) {
    CliRun r = cli("validate " + sample("mobilenet_v2__8a8w.json") + " --format " + format + " -o /dev/full");
    EXPECT_EQ(r.code, 2) << format;
    EXPECT_NE(r.err.find("[io.write]"), std::string::npos) << format << ": " << r.err;
  }
  CliRun socs = cli("socs -o /dev/full");
  EXPECT_EQ(socs.code, 2);
  EXPECT_NE(socs.err.find("[io.write]"), std::string::npos) << socs.err;
}

TEST(Cli, VersionHelpAndIntrospection) {
  CliRun v = cli("--version");
  EXPECT_EQ(v.code, 0);
  EXPECT_EQ(v.out.rfind("qnnv " + std::string(qnnv::version()), 0), 0u) << v.out;
  EXPECT_NE(v.out.find(builtin_data()->version), std::string::npos);
  CliRun h = cli("--help");
  EXPECT_EQ(h.code, 0);
  EXPECT_NE(h.out.find("validate"), std::string::npos);
  CliRun socs = cli("socs --format json");
  EXPECT_EQ(socs.code, 0) << socs.err;
  EXPECT_NE(socs.out.find("SM8650"), std::string::npos);
  CliRun ops = cli("ops --backend htp");
  EXPECT_EQ(ops.code, 0) << ops.err;
  EXPECT_NE(ops.out.find("Conv2d"), std::string::npos);
  CliRun ex = cli("explain Sigmoid --soc SM8650");
  EXPECT_EQ(ex.code, 0) << ex.err;
  EXPECT_NE(ex.out.find("Sigmoid"), std::string::npos);
  EXPECT_EQ(cli("explain NoSuchOp").code, 2);
}

// Every output format gives the exit code of the report: 1 for findings in strict mode, 0 with --no-strict
// (where JUnit then has no <failure> and SARIF no error-level result), and 0 for a clean graph.
TEST(Cli, ExitCodeOfEveryFormatStrictAndNot) {
  for (const char* format : {"text", "json", "sarif", "junit"}) {
    const std::string base = "validate " + sample("tiny_decoder__16a4w_block.json") + " --soc SM8350 --format " + format;
    CliRun strict = cli(base);
    EXPECT_EQ(strict.code, 1) << format << strict.err;
    CliRun lax = cli(base + " --no-strict");
    EXPECT_EQ(lax.code, 0) << format << lax.err;
    if (std::string(format) == "junit") {
      EXPECT_NE(strict.out.find("<failure"), std::string::npos);
      EXPECT_EQ(lax.out.find("<failure"), std::string::npos) << "non-strict findings are not failures";
    }
    if (std::string(format) == "sarif") {
      EXPECT_NE(strict.out.find("\"level\": \"error\""), std::string::npos);
      EXPECT_EQ(lax.out.find("\"level\": \"error\""), std::string::npos);
    }
    CliRun clean = cli("validate " + sample("mobilenet_v2__8a8w.json") + " --format " + format);
    EXPECT_EQ(clean.code, 0) << format << clean.err;
  }
}

TEST(Cli, SeveralFilesAndGlobsGiveAReportEachAndOneExitCode) {
  const std::string dir = std::string(QNNV_TESTS_DIR) + "/fixtures";
  CliRun two = cli("validate '" + dir + "/*.json' --soc SM8350 --format json");  // quoted: qnnv expands it
  EXPECT_EQ(two.code, 1) << two.err;
  json all = json::parse(two.out);
  EXPECT_EQ(all["format"], "qnnv.reports");
  ASSERT_EQ(all["files"].size(), 2u);
  EXPECT_EQ(all["files"][0]["file"], dir + "/mobilenet_v2__8a8w.json");  // sorted
  EXPECT_EQ(all["files"][0]["report"]["ok"], true);
  EXPECT_EQ(all["files"][1]["report"]["ok"], false);
  CliRun recursive = cli("validate '" + dir + "/configs/**/*.json' --format junit --no-strict");
  EXPECT_EQ(recursive.code, 0) << recursive.err;
  size_t suites = 0;
  for (size_t p = recursive.out.find("<testsuite "); p != std::string::npos; p = recursive.out.find("<testsuite ", p + 1))
    ++suites;
  size_t files = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir + "/configs")) files += e.path().extension() == ".json";
  EXPECT_EQ(suites, files);
  // one unreadable file: its error on stderr, the others still reported, exit 2
  CliRun mixed = cli("validate " + sample("mobilenet_v2__8a8w.json") + " /nonexistent.json --format sarif");
  EXPECT_EQ(mixed.code, 2);
  EXPECT_NE(mixed.err.find("/nonexistent.json: cannot read"), std::string::npos) << mixed.err;
  EXPECT_EQ(json::parse(mixed.out)["version"], "2.1.0");
  CliRun none = cli("validate '" + dir + "/*.nothing'");
  EXPECT_EQ(none.code, 2);
  EXPECT_NE(none.err.find("no file matches"), std::string::npos) << none.err;
}

TEST(Cli, MaxWarningsFailOnAndQuiet) {
  const std::string decoder = sample("tiny_decoder__16a4w_block.json");
  // the decoder has nodes that cannot be validated: their findings are warnings
  CliRun lax = cli("validate " + decoder + " --format json");
  ASSERT_EQ(lax.code, 0) << lax.err;
  const size_t not_validated = json::parse(lax.out)["summary"]["not_validated"];
  ASSERT_GT(not_validated, 0u);
  EXPECT_EQ(cli("validate " + decoder + " --max-warnings 1000").code, 0);
  CliRun over = cli("validate " + decoder + " --max-warnings 0");
  EXPECT_EQ(over.code, 1);
  EXPECT_NE(over.err.find("--max-warnings 0"), std::string::npos) << over.err;
  CliRun nv = cli("validate " + decoder + " --fail-on not_validated");
  EXPECT_EQ(nv.code, 1);
  EXPECT_NE(nv.err.find(std::to_string(not_validated) + " node(s) could not be validated"), std::string::npos) << nv.err;
  EXPECT_EQ(cli("validate " + sample("mobilenet_v2__8a8w.json") + " --fail-on not_validated").code, 0);
  EXPECT_EQ(cli("validate " + decoder + " --fail-on everything").code, 2);
  EXPECT_EQ(cli("validate " + decoder + " --max-warnings many").code, 2);
  CliRun quiet_ok = cli("validate " + decoder + " --quiet");
  EXPECT_EQ(quiet_ok.code, 0);
  EXPECT_TRUE(quiet_ok.out.empty()) << quiet_ok.out;
  CliRun quiet_bad = cli("validate " + decoder + " --quiet --soc SM8350");
  EXPECT_EQ(quiet_bad.code, 1);
  EXPECT_NE(quiet_bad.out.find("soc.lpbq-min-arch"), std::string::npos);
}

TEST(Cli, SocMatrixAsTextAndJson) {
  const std::string decoder = sample("tiny_decoder__16a4w_block.json");
  CliRun all = cli("validate " + decoder + " --soc all --format json");
  EXPECT_EQ(all.code, 1) << all.err;  // v68 SoCs fail
  json m = json::parse(all.out);
  EXPECT_EQ(m["format"], "qnnv.matrix");
  const auto socs = socs_with_backend(*builtin_data(), "htp");
  ASSERT_EQ(m["socs"].size(), socs.size());
  for (size_t i = 0; i < socs.size(); ++i) {
    EXPECT_EQ(m["socs"][i]["soc_model"], socs[i]);
    // the column equals that SoC's own report
    json one = json::parse(cli("validate " + decoder + " --soc " + socs[i] + " --format json").out);
    EXPECT_EQ(m["socs"][i]["summary"], one["summary"]) << socs[i];
    EXPECT_EQ(m["socs"][i]["ok"], one["ok"]) << socs[i];
    for (size_t n = 0; n < one["results"].size(); ++n)
      EXPECT_EQ(m["nodes"][n]["status"][i], one["results"][n]["status"]) << socs[i];
  }
  CliRun two = cli("validate " + decoder + " --soc SM8650,SM8750");
  EXPECT_EQ(two.code, 0) << two.err;
  EXPECT_NE(two.out.find("2 SoCs"), std::string::npos) << two.out;
  EXPECT_NE(two.out.find("Every node has the same result on every SoC."), std::string::npos) << two.out;
  CliRun text = cli("validate " + decoder + " --soc SM8350,SM8750");
  EXPECT_EQ(text.code, 1);
  EXPECT_NE(text.out.find("SM8350: fail [soc.lpbq-min-arch]"), std::string::npos) << text.out;
  EXPECT_EQ(cli("validate " + decoder + " --soc all --format sarif").code, 2);
  EXPECT_EQ(cli("validate " + decoder + " --soc SM8650,,SM8750").code, 2);
  EXPECT_EQ(cli("validate " + decoder + " --soc SM8650,SM0000").code, 2);
}

TEST(Cli, UsageTextComesFromTheFlagTable) {
  CliRun h = cli("--help");
  ASSERT_EQ(h.code, 0);
  EXPECT_EQ(h.out, cli_usage());
  for (const char* flag : {"--backend", "--soc", "--format", "--output", "--data", "--color", "--max-warnings",
                           "--fail-on", "--quiet", "--coverage", "--strict", "--no-strict"})
    EXPECT_NE(h.out.find(flag), std::string::npos) << flag;
  EXPECT_NE(h.out.find(std::string(kDefaultSoc)), std::string::npos);
  CliRun wrong = cli("socs --soc SM8650");
  EXPECT_EQ(wrong.code, 2);
  EXPECT_NE(wrong.err.find("--soc does not apply to socs"), std::string::npos) << wrong.err;
}

}  // namespace
}  // namespace qnnv::testing
