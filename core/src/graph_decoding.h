// What the decoders of a graph's units share (internal): the Graph under construction, the JSON pointer
// and the label ('node "conv2d"', 'qspec /qspecs/3') of what is being decoded, the references, the
// state of the "qspecs" table, and the policy for errors: the first error found before "format" and
// "version" were both read and accepted waits (a document that is not a qnnv graph at all should be
// reported as such, not by its first odd node); once they are, an error is thrown at once.
#pragma once

#include <array>
#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "graph.h"
#include "graph_references.h"
#include "json_unit_reader.h"
#include "string_hash.h"
#include "text.h"

namespace qnnv::detail {

// A JSON pointer under construction, cheap to push and pop; rendered only when an error needs it.
class Ptr {
 public:
  void clear() { segs_.clear(); }
  void key(std::string_view k) { segs_.push_back({k, 0, true}); }
  void index(size_t i) { segs_.push_back({{}, i, false}); }
  void pop() { segs_.pop_back(); }
  size_t size() const { return segs_.size(); }
  void resize(size_t n) { segs_.resize(n); }
  std::string str() const {
    std::string out;
    for (const Seg& s : segs_) {
      if (s.is_key) {
        append_pointer_token(out, s.key);
      } else {
        char buf[24];
        buf[0] = '/';
        const auto end = std::to_chars(buf + 1, buf + sizeof buf, s.index).ptr;
        out.append(buf, static_cast<size_t>(end - buf));
      }
    }
    return out;
  }

 private:
  struct Seg {
    std::string_view key;  // literals, input views or arena strings: alive while the unit is decoded
    size_t index;
    bool is_key;
  };
  std::vector<Seg> segs_;
};

// Pushes a pointer segment for the duration of a scope (errors unwind through it).
class Seg {
 public:
  Seg(Ptr& p, std::string_view key) : p_(p) { p_.key(key); }
  Seg(Ptr& p, size_t index) : p_(p) { p_.index(index); }
  ~Seg() { p_.pop(); }
  Seg(const Seg&) = delete;
  Seg& operator=(const Seg&) = delete;

 private:
  Ptr& p_;
};

// Thrown by DecodeContext::raise() to abandon the unit being decoded after its error has been recorded.
struct StopUnit {};

class DecodeContext {
 public:
  DecodeContext(std::string_view input, const Limits& limits) : input(input), limits(limits) {}

  std::string_view input;  // the document: views into it live as long as the load
  const Limits& limits;
  Graph graph;
  GraphReferences refs;
  Ptr path;
  const JItem* items = nullptr;  // the tree of the unit being decoded
  const JItem* children(const JItem& c) const { return items + c.first; }

  // Who a message is about: 'node "conv2d"', 'qspec /qspecs/3', 'the node at /nodes/7'. A node's label is
  // written out only when a message asks for it (label()): nearly every node is decoded without one.
  struct Label {
    std::string text;       // the label, unless node != kNone
    uint32_t node = kNone;  // else: the node being decoded, named by index...
    bool named = false;     // ... or by `name` once it is read
    std::string_view name;  // (in graph.text)
  };
  Label label_;
  const std::string& label();
  void set_label(std::string text) {
    label_.text = std::move(text);
    label_.node = kNone;
  }

  // s as a view into graph.text, stored on first use (targets, kwarg names, string arguments: a handful
  // of distinct ones), and its id in graph.interned (0: the empty string).
  uint32_t intern_id(std::string_view s) {
    if (s.empty()) return 0;
    auto it = interned_.find(s);
    if (it == interned_.end()) {
      const std::string_view kept = graph.text.store(s);
      it = interned_.emplace(kept, static_cast<uint32_t>(graph.interned.size())).first;
      graph.interned.push_back(kept);
    }
    return it->second;
  }
  std::string_view intern(std::string_view s) { return graph.interned[intern_id(s)]; }

  // Per node: where its inputs, outputs and input_qspec_map start in the Graph's flat arrays (the
  // arrays grow while loading, so the spans get their pointers at the end).
  std::vector<std::array<uint32_t, 3>> node_first;
  // Per node: the byte offset of its object's '{' (UINT32_MAX: unknown); turned into line:column in one
  // pass at the end.
  std::vector<uint32_t> node_offsets;
  // Table qspecs go to graph.qspecs as they are read; so do inline ones once the table is complete (the
  // usual order). Inline qspecs read before the table ends wait in side_qspecs and are appended at the end.
  std::vector<QSpec> side_qspecs;
  size_t table_size = 0;  // valid once table_done
  bool table_done = false;
  uint32_t table_qspec_index = kNone;  // the table qspec being decoded, if one is

  bool format_seen = false, format_ok = false, version_seen = false, version_ok = false, nodes_seen = false;
  std::optional<ErrorInfo> first_error;
  bool stopped = false;  // an error is pending: decode nothing more (except to finish that error)

  // Records or throws an error (see the header comment). Once an error is pending, later ones are
  // dropped: the first in document order is reported.
  void soft_raise(ErrorInfo e);
  // soft_raise at the current path, then abandon the unit.
  [[noreturn]] void raise(std::string code, std::string message);
  [[noreturn]] void type_error(const JItem& v, std::string_view what, std::string_view expected);
  std::optional<int64_t> get_int(const JItem& v, std::string_view what);
  std::optional<std::string_view> get_string(const JItem& v, std::string_view what);

 private:
  std::unordered_map<std::string_view, uint32_t, StringHash> interned_;  // text -> graph.interned id
};

}  // namespace qnnv::detail
