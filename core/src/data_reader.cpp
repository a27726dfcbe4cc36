// qnnv — data_reader.h: the text-level limits and the duplicate-key-aware parse of a qnnv.data document.
#include "data_reader.h"

#include <cstring>
#include <utility>

namespace qnnv::detail {

namespace {

constexpr size_t kMaxDataBytes = size_t(64) << 20;
constexpr int kMaxDataDepth = 64;

// --- text-level checks before parsing: size, nesting depth (the DOM parser is recursive) -------------
void precheck(std::string_view text, const std::string& origin) {
  if (text.size() > kMaxDataBytes)
    data_fail("data.limit-size", origin, "data file larger than 64 MiB", "");
  // nlohmann stops reading at a NUL byte as if the input ended there: whatever follows would go unread.
  if (const void* nul = std::memchr(text.data(), '\0', text.size())) {
    const TextPos tp = text_pos(text, static_cast<size_t>(static_cast<const char*>(nul) - text.data()));
    data_fail("data.syntax", origin, "invalid JSON: a NUL byte is not allowed in a data file", "", tp.line, tp.column);
  }
  int depth = 0;
  bool in_string = false, escape = false;
  for (char c : text) {
    if (in_string) {
      if (escape) escape = false;
      else if (c == '\\') escape = true;
      else if (c == '"') in_string = false;
      continue;
    }
    if (c == '"') in_string = true;
    else if (c == '{' || c == '[') {
      if (++depth > kMaxDataDepth)
        data_fail("data.limit-depth", origin, "data file nested deeper than 64 levels", "");
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
}

}  // namespace

void data_fail(std::string code, const std::string& origin, const std::string& message, std::string pointer,
               int line, int column) {
  std::string msg = origin.empty() ? message : origin + ": " + message;
  throw InputError(std::move(code), std::move(msg), std::move(pointer), line, column);
}

std::string at(const std::string& base, std::string_view key) {
  std::string out = base;
  append_pointer_token(out, key);
  return out;
}
std::string at(const std::string& base, size_t index) { return base + "/" + std::to_string(index); }

// Parses, rejecting duplicate object keys (nlohmann would keep the last one silently).
json parse_data_document(std::string_view text, const std::string& origin) {
  precheck(text, origin);
  struct Frame {
    bool is_array = false;
    long index = -1;
    std::set<std::string> keys;
    std::string key;
  };
  std::vector<Frame> stack;
  std::string dup_pointer, dup_key;
  auto cb = [&](int, json::parse_event_t ev, json& parsed) -> bool {
    switch (ev) {
      case json::parse_event_t::object_start:
      case json::parse_event_t::array_start:
        if (!stack.empty() && stack.back().is_array) ++stack.back().index;
        stack.push_back(Frame{ev == json::parse_event_t::array_start, -1, {}, {}});
        break;
      case json::parse_event_t::object_end:
      case json::parse_event_t::array_end:
        if (!stack.empty()) stack.pop_back();
        break;
      case json::parse_event_t::key: {
        if (stack.empty()) break;
        std::string k = parsed.is_string() ? parsed.get<std::string>() : std::string();
        stack.back().key = k;
        if (!stack.back().keys.insert(k).second && dup_pointer.empty()) {
          std::string p;
          for (size_t i = 0; i + 1 < stack.size(); ++i)
            p = stack[i].is_array ? at(p, static_cast<size_t>(stack[i].index)) : at(p, stack[i].key);
          dup_pointer = at(p, k);
          dup_key = k;
        }
        break;
      }
      case json::parse_event_t::value:
        if (!stack.empty() && stack.back().is_array) ++stack.back().index;
        break;
    }
    return true;
  };
  json doc;
  try {
    doc = json::parse(text.begin(), text.end(), cb, /*allow_exceptions=*/true, /*ignore_comments=*/false);
  } catch (const json::parse_error& e) {
    // nlohmann's byte count includes the offending byte
    const TextPos tp = text_pos(text, e.byte > 0 ? e.byte - 1 : 0);
    std::string what = e.what();
    auto pos = what.find("syntax error");
    data_fail("data.syntax", origin, "invalid JSON: " + (pos == std::string::npos ? what : what.substr(pos)), "",
         tp.line, tp.column);
  } catch (const json::exception& e) {
    data_fail("data.syntax", origin, std::string("invalid JSON: ") + e.what(), "");
  }
  if (!dup_pointer.empty())
    data_fail("data.duplicate", origin, "duplicate key " + quote_text(dup_key), dup_pointer);
  return doc;
}

}  // namespace qnnv::detail
