// The rule catalog (rule_catalog.h): one row per rule id, generated from docs/rules.src.md.
#include "rule_catalog.h"

#include <iterator>

// The project's home (repository) URL, set once in the top-level CMakeLists.txt (QNNV_HOME_URL).
#ifndef QNNV_HOME_URL
#error "QNNV_HOME_URL must be defined by the build (CMakeLists.txt)"
#endif

namespace qnnv::detail {
namespace {

constexpr std::string_view kGenericFix =
    "See the rule's entry on the rules page; change the node's quantization spec in the quantizer config.";

// The rows come from docs/rules.src.md, the one source of the rules page too (scripts/gen_rules.mjs).
constexpr RuleInfo kRules[] = {
#include "rule_catalog.inc"
};

}  // namespace

std::vector<RuleInfo> rule_catalog() { return {std::begin(kRules), std::end(kRules)}; }

RuleInfo rule_info(std::string_view id) {
  for (const RuleInfo& r : kRules)
    if (r.id == id) return r;
  return {id, "qnnv rule", "A constraint from the constraint data in use (see the finding's source).", kGenericFix,
          "correctness"};
}

std::string_view home_url() { return QNNV_HOME_URL; }

std::string_view docs_url() {
  static const std::string docs = std::string(QNNV_HOME_URL) + "/blob/main/docs";
  return docs;
}

std::string rule_help_uri(std::string_view id) {
  std::string uri(docs_url());
  uri += "/rules.md#";
  for (char ch : id) {  // ids are [a-z0-9.-]; anything else is percent-encoded to keep the URI valid
    const bool plain = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
                       ch == '.' || ch == '-' || ch == '_';
    if (plain) {
      uri += ch;
    } else {
      static constexpr char kHex[] = "0123456789ABCDEF";
      const auto b = static_cast<unsigned char>(ch);
      uri += '%';
      uri += kHex[b >> 4];
      uri += kHex[b & 15];
    }
  }
  return uri;
}

}  // namespace qnnv::detail
