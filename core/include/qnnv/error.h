// qnnv — input errors: everything that stops a graph (or a data file, or an option) from being read.
// They are not reports: the CLI prints them and exits 2, the JS API returns them as a qnnv.error object.
#pragma once

#include <stdexcept>
#include <string>

namespace qnnv {

struct ErrorInfo {
  std::string code;       // stable id, e.g. "json.syntax", "graph.dangling-ref" (docs/errors.md)
  std::string message;    // what is wrong and what was expected
  std::string pointer;    // JSON pointer of the offending value, or empty
  int line = 0;           // 1-based; 0 = unknown
  int column = 0;         // 1-based; 0 = unknown
};

class InputError : public std::runtime_error {
 public:
  explicit InputError(ErrorInfo info) : std::runtime_error(info.message), info_(std::move(info)) {}
  InputError(std::string code, std::string message, std::string pointer = {}, int line = 0, int column = 0)
      : InputError(ErrorInfo{std::move(code), std::move(message), std::move(pointer), line, column}) {}
  const ErrorInfo& info() const { return info_; }

 private:
  ErrorInfo info_;
};

// {"format":"qnnv.error","version":1,"error":{...}}
std::string error_to_json(const ErrorInfo&);
// "file:line:column: message [code] (at /pointer)"
std::string error_to_text(const ErrorInfo&, std::string_view file);

}  // namespace qnnv
