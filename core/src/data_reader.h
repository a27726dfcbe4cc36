// qnnv — the JSON layer under the data loader (data_loader.cpp): reads a qnnv.data document's text with
// its limits (size, nesting depth, duplicate keys) and gives typed accessors whose every error is an
// InputError "data.*" located by JSON pointer. What the fields mean is data_loader.cpp's business.
#pragma once

#include <algorithm>
#include <climits>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "qnnv/qnnv.h"
#include "text.h"

namespace qnnv::detail {

using json = nlohmann::json;

[[noreturn]] void data_fail(std::string code, const std::string& origin, const std::string& message,
                            std::string pointer, int line = 0, int column = 0);

// The JSON pointer of base's member `key` / element `index`.
std::string at(const std::string& base, std::string_view key);
std::string at(const std::string& base, size_t index);

inline const char* type_name(const json& v) { return json_type_name(v); }

// Parses a data document, rejecting what nlohmann would let through: more than 64 MiB, nesting deeper
// than 64, a NUL byte, duplicate object keys.
json parse_data_document(std::string_view text, const std::string& origin);

struct ProvenanceDefaults {
  std::optional<std::string> source;
  std::optional<bool> read;
};

// --- typed accessors ---------------------------------------------------------------------------------
class Reader {
 public:
  Reader(std::string origin, const json* sources) : origin_(std::move(origin)), sources_(sources) {}

  [[noreturn]] void error(const std::string& code, const std::string& msg, const std::string& ptr) const {
    data_fail(code, origin_, msg, ptr);
  }

  void expect_object(const json& v, const std::string& ptr, const char* what) const {
    if (!v.is_object()) error("data.type", std::string(what) + " must be an object, got " + type_name(v), ptr);
  }
  void expect_array(const json& v, const std::string& ptr, const char* what) const {
    if (!v.is_array()) error("data.type", std::string(what) + " must be an array, got " + type_name(v), ptr);
  }

  void check_keys(const json& obj, std::initializer_list<std::string_view> allowed, const std::string& ptr) const {
    for (auto it = obj.begin(); it != obj.end(); ++it) {
      const std::string& k = it.key();
      if (k == "$comment") continue;
      if (std::find(allowed.begin(), allowed.end(), k) == allowed.end())
        error("data.unknown-field", "unknown field " + quote_text(k), at(ptr, k));
    }
  }

  const json& required(const json& obj, std::string_view key, const std::string& ptr) const {
    auto it = obj.find(std::string(key));
    if (it == obj.end()) error("data.missing-field", "missing required field \"" + std::string(key) + "\"", ptr);
    return *it;
  }
  const json* optional(const json& obj, std::string_view key) const {
    auto it = obj.find(std::string(key));
    return it == obj.end() ? nullptr : &*it;
  }

  std::string string_value(const json& v, const std::string& ptr) const {
    if (!v.is_string()) error("data.type", std::string("expected a string, got ") + type_name(v), ptr);
    return v.get<std::string>();
  }
  std::string opt_string(const json& obj, std::string_view key, const std::string& ptr,
                         std::string def = {}) const {
    const json* v = optional(obj, key);
    return v ? string_value(*v, at(ptr, key)) : def;
  }
  // An optional list of strings ("ops", "aliases"); empty when the key is absent.
  std::vector<std::string> opt_strings(const json& obj, std::string_view key, const std::string& ptr) const {
    std::vector<std::string> out;
    const json* v = optional(obj, key);
    if (v == nullptr) return out;
    const std::string list = at(ptr, key);
    expect_array(*v, list, std::string(key).c_str());
    for (size_t k = 0; k < v->size(); ++k) out.push_back(string_value((*v)[k], at(list, k)));
    return out;
  }
  std::string req_string(const json& obj, std::string_view key, const std::string& ptr) const {
    std::string s = string_value(required(obj, key, ptr), at(ptr, key));
    if (s.empty()) error("data.bad-value", "\"" + std::string(key) + "\" must not be empty", at(ptr, key));
    return s;
  }
  bool opt_bool(const json& obj, std::string_view key, const std::string& ptr, bool def = false) const {
    const json* v = optional(obj, key);
    if (!v) return def;
    if (!v->is_boolean()) error("data.type", std::string("expected a boolean, got ") + type_name(*v), at(ptr, key));
    return v->get<bool>();
  }
  int64_t int_value(const json& v, const std::string& ptr, int64_t lo, int64_t hi) const {
    if (!v.is_number_integer()) error("data.type", std::string("expected an integer, got ") + type_name(v), ptr);
    if (v.is_number_unsigned() && v.get<uint64_t>() > uint64_t(INT64_MAX))
      error("data.bad-value", "integer out of range", ptr);
    int64_t x = v.get<int64_t>();
    if (x < lo || x > hi)
      error("data.bad-value", "integer " + std::to_string(x) + " out of range [" + std::to_string(lo) + ", " +
                                  std::to_string(hi) + "]", ptr);
    return x;
  }
  int opt_int(const json& obj, std::string_view key, const std::string& ptr, int def, int lo = 0,
              int hi = INT_MAX) const {
    const json* v = optional(obj, key);
    return v ? static_cast<int>(int_value(*v, at(ptr, key), lo, hi)) : def;
  }

  std::vector<DataType> dtypes(const json& v, const std::string& ptr) const {
    std::vector<DataType> out;
    auto one = [&](const json& x, const std::string& p) {
      std::string s = string_value(x, p);
      auto t = parse_datatype(s);
      if (!t) error("data.unknown-dtype", "unknown QNN datatype " + quote_text(s), p);
      if (std::find(out.begin(), out.end(), *t) == out.end()) out.push_back(*t);
    };
    if (v.is_string()) {
      one(v, ptr);
    } else if (v.is_array()) {
      if (v.empty()) error("data.bad-value", "datatype list must not be empty", ptr);
      for (size_t i = 0; i < v.size(); ++i) one(v[i], at(ptr, i));
    } else {
      error("data.type", std::string("dtype must be a string or an array of strings, got ") + type_name(v), ptr);
    }
    return out;
  }

  std::vector<Encoding> encodings(const json& v, const std::string& ptr, bool allow_empty) const {
    expect_array(v, ptr, "encodings");
    if (v.empty() && !allow_empty) error("data.bad-value", "encodings must not be empty", ptr);
    std::vector<Encoding> out;
    for (size_t i = 0; i < v.size(); ++i) {
      std::string s = string_value(v[i], at(ptr, i));
      auto e = parse_encoding(s);
      if (!e) error("data.unknown-encoding", "unknown QNN quantization encoding " + quote_text(s), at(ptr, i));
      out.push_back(*e);
    }
    return out;
  }

  std::vector<int> int_list(const json& v, const std::string& ptr, int lo, int hi) const {
    expect_array(v, ptr, "list");
    std::vector<int> out;
    for (size_t i = 0; i < v.size(); ++i) out.push_back(static_cast<int>(int_value(v[i], at(ptr, i), lo, hi)));
    return out;
  }

  // A source string: "KEY rest; KEY2 rest2" where KEY names an entry of the document's "sources" map.
  std::string expand_source(const std::string& s) const {
    if (!sources_ || !sources_->is_object()) return s;
    std::string out;
    size_t start = 0;
    while (start <= s.size()) {
      size_t end = s.find("; ", start);
      std::string seg = s.substr(start, end == std::string::npos ? std::string::npos : end - start);
      size_t sp = seg.find(' ');
      std::string key = seg.substr(0, sp);
      auto it = sources_->find(key);
      if (it != sources_->end() && it->is_string())
        seg = it->get<std::string>() + (sp == std::string::npos ? "" : seg.substr(sp));
      if (!out.empty()) out += "; ";
      out += seg;
      if (end == std::string::npos) break;
      start = end + 2;
    }
    return out;
  }

  // source + basis (+ note). Missing fields fall back to `def` (op-level defaults); required means the
  // result must have both.
  Provenance provenance(const json& obj, const std::string& ptr, const ProvenanceDefaults* def, bool required) const {
    Provenance p;
    bool has_source = false, has_basis = false;
    if (def && def->source) {
      p.source = *def->source;
      has_source = true;
    }
    if (def && def->read) {
      p.read = *def->read;
      has_basis = true;
    }
    if (const json* s = optional(obj, "source")) {
      p.source = expand_source(string_value(*s, at(ptr, "source")));
      if (p.source.empty()) error("data.bad-value", "\"source\" must not be empty", at(ptr, "source"));
      has_source = true;
    }
    if (const json* b = optional(obj, "basis")) {
      p.read = basis_value(*b, at(ptr, "basis"));
      has_basis = true;
    }
    p.note = opt_string(obj, "note", ptr);
    if (required && !has_source) error("data.missing-field", "missing required field \"source\"", ptr);
    if (required && !has_basis) error("data.missing-field", "missing required field \"basis\"", ptr);
    return p;
  }

  bool basis_value(const json& b, const std::string& ptr) const {
    std::string s = string_value(b, ptr);
    if (s != "read" && s != "inferred")
      error("data.bad-value", "basis must be \"read\" or \"inferred\", got " + quote_text(s), ptr);
    return s == "read";
  }

  ProvenanceDefaults defaults(const json& obj, const std::string& ptr) const {
    ProvenanceDefaults d;
    if (const json* s = optional(obj, "source")) d.source = expand_source(string_value(*s, at(ptr, "source")));
    if (const json* b = optional(obj, "basis")) d.read = basis_value(*b, at(ptr, "basis"));
    return d;
  }

  const std::string& origin() const { return origin_; }

  // "sdk_from" / "sdk_until" of an object: the QNN SDK versions a fact holds for. Every version written
  // is remembered: together they are the versions the data knows (ConstraintData::sdk_versions).
  int sdk_version(const json& v, const std::string& ptr) const {
    std::string s = string_value(v, ptr);
    auto x = parse_sdk_version(s);
    if (!x) error("data.bad-value", "a QNN SDK version is written MAJOR.MINOR (\"2.39\"), got \"" + s + "\"", ptr);
    sdk_seen_.insert(*x);
    return *x;
  }
  SdkRange sdk_range(const json& obj, const std::string& ptr) const {
    SdkRange range;
    if (const json* f = optional(obj, "sdk_from")) range.from = sdk_version(*f, at(ptr, "sdk_from"));
    if (const json* u = optional(obj, "sdk_until")) range.until = sdk_version(*u, at(ptr, "sdk_until"));
    if (range.from >= range.until)
      error("data.bad-value", "sdk_from must be an older version than sdk_until", at(ptr, "sdk_until"));
    return range;
  }
  const std::set<int>& sdk_seen() const { return sdk_seen_; }

 private:
  std::string origin_;
  const json* sources_;
  mutable std::set<int> sdk_seen_;
};

}  // namespace qnnv::detail
