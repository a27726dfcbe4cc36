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

}  // namespace
}  // namespace qnnv::testing
