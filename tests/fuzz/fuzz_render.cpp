// libFuzzer target: the report renderers on arbitrary reports. Bytes are read as a saved report
// (report_from_json, what the JS API's toText/toSarif/toJUnit and `qnnv` re-renderers take from users);
// every report that reads is rendered by each renderer, and the renderers' invariants are checked:
//   - JSON: reads back (report_from_json) and renders to the same bytes again (a fixed point), in both the
//     indented and the compact form, and report_json_size never underestimates by more than escapes allow;
//   - text: valid UTF-8 with no control character (C0 but newline and tab, DEL, C1; ESC only when colour
//     was asked for), so a saved report cannot drive the terminal that shows it;
//   - SARIF: parses as JSON with version 2.1.0 and one result per finding;
//   - JSON and JUnit: valid UTF-8 without the C0 controls JSON and XML 1.0 forbid; every '<' in JUnit
//     opens a tag, a comment or a declaration;
//   - report_size (limit.report-size's measure) is the size of the text, SARIF and JUnit outputs exactly.
// Anything else than qnnv::InputError ("report.invalid") out of report_from_json is a bug, as is any
// exception out of a renderer.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "qnnv/qnnv.h"

namespace {

[[noreturn]] void fail(const char* what, const std::string& detail = "") {
  std::fprintf(stderr, "fuzz_render: %s %s\n", what, detail.substr(0, 400).c_str());
  std::abort();
}

// What a renderer may write: kTerminal = text for a terminal (no C0 but \n \t, no DEL, no C1); kColor =
// the same plus ESC (its colour sequences); kData = JSON or XML (no C0 but \n \t: JSON and XML 1.0 allow
// DEL and C1 as they are).
enum Allow { kTerminal, kColor, kData };

// "" or what is wrong: invalid UTF-8, or a control character `allow` does not allow.
std::string unsafe(std::string_view s, Allow allow) {
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      if ((c < 0x20 && c != '\n' && c != '\t' && !(allow == kColor && c == 0x1B)) || (c == 0x7F && allow != kData))
        return "control byte " + std::to_string(c) + " at " + std::to_string(i);
      ++i;
      continue;
    }
    size_t n = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
    if (n == 0 || i + n > s.size()) return "invalid UTF-8 at " + std::to_string(i);
    for (size_t k = 1; k < n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return "invalid UTF-8 at " + std::to_string(i);
    if (allow != kData && c == 0xC2 && static_cast<unsigned char>(s[i + 1]) < 0xA0)
      return "C1 control at " + std::to_string(i);
    i += n;
  }
  return "";
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  qnnv::Report report;
  try {
    report = qnnv::report_from_json(text);
  } catch (const qnnv::InputError& e) {
    if (e.info().code.empty()) fail("an InputError without a code");
    return 0;
  }
  try {
    // JSON: a fixed point after one read, indented and compact; the size estimate holds.
    const std::string json = qnnv::report_to_json(report, 2);
    const std::string again = qnnv::report_to_json(qnnv::report_from_json(json), 2);
    if (json != again) fail("JSON does not read back to the same bytes");
    const std::string compact = qnnv::report_to_json(report, -1);
    if (qnnv::report_to_json(qnnv::report_from_json(compact), 2) != json) fail("compact JSON reads back differently");
    if (!unsafe(json, kData).empty()) fail("JSON report:", unsafe(json, kData));
    // Escapes (\u00XX for a control byte, U+FFFD for a bad one) can make the text up to 6x a string's size.
    if (qnnv::report_json_size(report, 2) * 6 < json.size()) fail("report_json_size underestimates");

    const std::string plain = qnnv::report_to_text(report, false);
    if (!unsafe(plain, kTerminal).empty()) fail("text report:", unsafe(plain, kTerminal));
    const std::string colored = qnnv::report_to_text(report, true);
    if (!unsafe(colored, kColor).empty()) fail("coloured text report:", unsafe(colored, kColor));

    const std::string sarif = qnnv::report_to_sarif(report, "");
    const auto doc = nlohmann::json::parse(sarif);
    if (doc.at("version") != "2.1.0") fail("SARIF version");
    size_t findings = 0;
    for (const auto& r : report.results) findings += r.findings.size();
    if (doc.at("runs").at(0).at("results").size() != findings) fail("SARIF results != findings");

    const std::string junit = qnnv::report_to_junit(report, "qnnv");
    if (!unsafe(junit, kData).empty()) fail("JUnit:", unsafe(junit, kData));
    // limit.report-size's measure (report_size) is what the renderer writes, byte for byte.
    if (qnnv::report_size(report, qnnv::ReportFormat::text) != colored.size()) fail("report_size: text");
    if (qnnv::report_size(report, qnnv::ReportFormat::sarif) != sarif.size()) fail("report_size: SARIF");
    if (qnnv::report_size(report, qnnv::ReportFormat::junit, "qnnv") != junit.size()) fail("report_size: JUnit");
    if (qnnv::report_size(report, qnnv::ReportFormat::json) != qnnv::report_json_size(report, 2))
      fail("report_size: JSON");
    for (size_t i = junit.find('<'); i != std::string::npos; i = junit.find('<', i + 1)) {
      const char next = i + 1 < junit.size() ? junit[i + 1] : '\0';
      if (!(std::isalpha(static_cast<unsigned char>(next)) || next == '/' || next == '?' || next == '!'))
        fail("JUnit: a '<' that opens no tag at", std::to_string(i));
    }
  } catch (const std::exception& e) {
    fail("a renderer threw:", e.what());
  }
  return 0;
}
