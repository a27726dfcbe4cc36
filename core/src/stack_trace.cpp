// Innermost user frame of a torch.fx stack trace (see stack_trace.h).
#include "stack_trace.h"

#include <algorithm>

namespace qnnv::detail {

bool is_library_path(std::string_view path) {
  if (!path.empty() && path.front() == '<') return true;
  constexpr std::string_view kLibraryDirs[] = {"torch", "executorch", "torchao", "site-packages", "dist-packages"};
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find_first_of("/\\", start);
    if (end == std::string_view::npos) break;  // the last component is the file itself
    const std::string_view dir = path.substr(start, end - start);
    if (std::find(std::begin(kLibraryDirs), std::end(kLibraryDirs), dir) != std::end(kLibraryDirs)) return true;
    start = end + 1;
  }
  return false;
}

SourceFrame innermost_user_frame(std::string_view trace) {
  constexpr std::string_view kFile = "File \"", kLine = "\", line ";
  SourceFrame found;
  size_t at = 0;
  while ((at = trace.find(kFile, at)) != std::string_view::npos) {
    // A frame line: only spaces before "File" on its line.
    size_t bol = at;
    while (bol > 0 && trace[bol - 1] == ' ') --bol;
    const bool starts_line = bol == 0 || trace[bol - 1] == '\n';
    const size_t path_begin = at + kFile.size();
    at = path_begin;
    if (!starts_line) continue;
    const size_t eol = std::min(trace.find('\n', path_begin), trace.size());
    const size_t path_end = trace.substr(0, eol).find(kLine, path_begin);
    if (path_end == std::string_view::npos) continue;
    uint32_t line = 0;
    size_t d = path_end + kLine.size();
    for (; d < eol && trace[d] >= '0' && trace[d] <= '9' && line < 100'000'000; ++d) line = line * 10 + (trace[d] - '0');
    if (line == 0) continue;
    const std::string_view path = trace.substr(path_begin, path_end - path_begin);
    if (!path.empty() && !is_library_path(path)) found = {path, line};
  }
  return found;
}

}  // namespace qnnv::detail
