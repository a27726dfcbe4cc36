// validate_socs (every SoC in one pass): each report is identical to one validate() per SoC, on every
// fixture and sample, for every SoC of each backend, strict and not.
#include <gtest/gtest.h>

#include <filesystem>

#include "graph_builder.h"

namespace qnnv::testing {
namespace {

std::vector<std::string> graphs() {
  std::vector<std::string> files = {fixture("tiny_decoder__16a4w_block.json"), fixture("mobilenet_v2__8a8w.json")};
  for (const auto& e : std::filesystem::directory_iterator(std::string(QNNV_TESTS_DIR) + "/fixtures/configs"))
    if (e.path().extension() == ".json") files.push_back(e.path().string());
  std::sort(files.begin(), files.end());
  return files;
}

TEST(ValidateSocs, EveryReportEqualsOneValidationPerSoc) {
  const auto data = builtin_data();
  size_t compared = 0;
  for (const std::string& file : graphs()) {
    const std::string text = read_file(file);
    for (const char* backend : {"htp", "lpai"}) {
      for (const bool strict : {true, false}) {
        Options o;
        o.backend = backend;
        o.strict = strict;
        const std::vector<std::string> socs = socs_with_backend(*data, backend);
        ASSERT_FALSE(socs.empty()) << backend;
        const std::vector<Report> all = validate_socs(text, o, {}, *data);
        ASSERT_EQ(all.size(), socs.size()) << file;
        for (size_t i = 0; i < socs.size(); ++i) {
          Options one = o;
          one.soc = socs[i];
          const Report single = validate(text, one, *data);
          EXPECT_EQ(all[i].soc_model, socs[i]);
          EXPECT_EQ(report_to_json(all[i]), report_to_json(single)) << file << " " << socs[i];
          ++compared;
        }
      }
    }
  }
  EXPECT_GT(compared, 100u);
}

TEST(ValidateSocs, AListKeepsItsOrderAndAnUnknownSocFailsBeforeLoading) {
  const auto data = builtin_data();
  const std::string text = read_file(fixture("tiny_decoder__16a4w_block.json"));
  Options o;
  o.backend = "htp";
  const auto two = validate_socs(text, o, {"SM8650", "sm8350"}, *data);
  ASSERT_EQ(two.size(), 2u);
  EXPECT_EQ(two[0].soc_model, "SM8650");
  EXPECT_EQ(two[1].soc_model, "SM8350");
  EXPECT_TRUE(two[0].ok);
  EXPECT_FALSE(two[1].ok);
  try {
    validate_socs("not even json", o, {"SM8650", "SM0000"}, *data);
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(e.info().code, "options.unknown-soc");  // not json.syntax: the list is checked first
  }
}

}  // namespace
}  // namespace qnnv::testing
