// Glob operands of the command line (see cli_globs.h).
#include "cli_globs.h"

#include <algorithm>
#include <string_view>

#include "text.h"

namespace qnnv::detail {
namespace {

bool has_glob(std::string_view s) { return s.find_first_of("*?[") != std::string_view::npos; }

bool match_segment(std::string_view pat, std::string_view name) {
  size_t p = 0, n = 0, star = std::string_view::npos, mark = 0;
  while (n < name.size()) {
    if (p < pat.size() && pat[p] == '[') {
      const size_t close = pat.find(']', p + 1);
      if (close != std::string_view::npos) {
        const std::string_view set = pat.substr(p + 1, close - p - 1);
        const bool negate = !set.empty() && set[0] == '!';
        bool hit = false;
        for (size_t k = negate; k < set.size(); ++k) {
          if (k + 2 < set.size() && set[k + 1] == '-') {
            hit = hit || (name[n] >= set[k] && name[n] <= set[k + 2]);
            k += 2;
          } else {
            hit = hit || name[n] == set[k];
          }
        }
        if (hit != negate) {
          p = close + 1;
          ++n;
          continue;
        }
      }
    } else if (p < pat.size() && (pat[p] == '?' || pat[p] == name[n])) {
      ++p, ++n;
      continue;
    } else if (p < pat.size() && pat[p] == '*') {
      star = p++;
      mark = n;
      continue;
    }
    if (star == std::string_view::npos) return false;
    p = star + 1;
    n = ++mark;
  }
  while (p < pat.size() && pat[p] == '*') ++p;
  return p == pat.size();
}

void expand(CliHost& host, const std::string& dir, const std::vector<std::string>& segs, size_t i,
            std::vector<std::string>& out) {
  const auto join = [&](const std::string& name) { return dir.empty() ? name : dir == "/" ? "/" + name : dir + "/" + name; };
  if (i == segs.size()) {
    out.push_back(dir);
    return;
  }
  const std::string& seg = segs[i];
  if (!has_glob(seg)) {
    expand(host, join(seg), segs, i + 1, out);
    return;
  }
  std::vector<std::string> names = host.list_dir(dir);
  std::sort(names.begin(), names.end());
  if (seg == "**") {
    expand(host, dir, segs, i + 1, out);  // zero folders
    for (const std::string& n : names)
      if (n[0] != '.' && !host.list_dir(join(n)).empty()) expand(host, join(n), segs, i, out);
    return;
  }
  for (const std::string& n : names) {
    if (n[0] == '.' && seg[0] != '.') continue;  // as the shell: hidden files only when asked for
    if (match_segment(seg, n)) expand(host, join(n), segs, i + 1, out);
  }
}

}  // namespace

std::vector<std::string> expand_operands(CliHost& host, const std::vector<std::string>& operands) {
  std::vector<std::string> files;
  for (const std::string& op : operands) {
    if (!has_glob(op)) {
      files.push_back(op);
      continue;
    }
    std::vector<std::string> segs;
    std::string dir;
    size_t pos = 0;
    if (!op.empty() && op[0] == '/') dir = "/", pos = 1;
    while (pos <= op.size()) {
      size_t end = op.find('/', pos);
      if (end == std::string::npos) end = op.size();
      if (end > pos) segs.push_back(op.substr(pos, end - pos));
      pos = end + 1;
    }
    std::vector<std::string> found;
    expand(host, dir, segs, 0, found);
    std::sort(found.begin(), found.end());
    found.erase(std::unique(found.begin(), found.end()), found.end());
    // only files: a match that is a folder (it lists names) is left out
    size_t kept = 0;
    for (const std::string& f : found)
      if (host.list_dir(f).empty()) files.push_back(f), ++kept;
    if (kept == 0) throw InputError("io.read", "no file matches " + quote_text(op));
  }
  return files;
}

}  // namespace qnnv::detail
