// Rendering of input errors: the qnnv.error JSON object and the one-line text form.
#include <nlohmann/json.hpp>

#include "qnnv/error.h"

namespace qnnv {

std::string error_to_json(const ErrorInfo& e) {
  // ordered_json keeps the documented key order, which makes the output easy to read and to diff.
  nlohmann::ordered_json err;
  err["code"] = e.code;
  err["message"] = e.message;
  // Unknown location parts are left out rather than written as "" / 0: an empty JSON pointer would
  // mean "the whole document", and line 0 is no line at all.
  if (!e.pointer.empty()) err["pointer"] = e.pointer;
  if (e.line > 0) {
    err["line"] = e.line;
    if (e.column > 0) err["column"] = e.column;
  }
  nlohmann::ordered_json doc;
  doc["format"] = "qnnv.error";
  doc["version"] = 1;
  doc["error"] = std::move(err);
  // Messages quote user text, which the loader has already checked to be UTF-8; replace rather than
  // throw in case some other caller hands us bytes that are not.
  return doc.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

std::string error_to_text(const ErrorInfo& e, std::string_view file) {
  // Compiler style, so that editors and CI logs can jump to the place.
  std::string out;
  out.append(file);
  if (e.line > 0) {
    if (!out.empty()) out += ':';
    out += std::to_string(e.line);
    if (e.column > 0) out += ':' + std::to_string(e.column);
  }
  if (!out.empty()) out += ": ";
  out += e.message;
  out += " [" + e.code + "]";
  if (!e.pointer.empty()) out += " (at " + e.pointer + ")";
  return out;
}

}  // namespace qnnv
