// References between the parts of a graph (internal): the node name index, and the references that are
// read before what they name (qspec indices read before the "qspecs" table ends, input_qspec_map args,
// shared/derived references, and an args reference to a name not seen yet), resolved or reported when
// the document ends.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "graph.h"
#include "string_hash.h"
#include "text.h"

namespace qnnv::detail {

// Node name -> node index. Open addressing with linear probing over 8-byte slots (hash, node) in one
// array, the names themselves in a second one indexed by node: no allocation per name and few cache
// lines per lookup (a 100k-node graph is looked up some 300k times; std::unordered_map allocated a list
// node per name and followed two pointers per probe).
class NameIndex {
 public:
  std::optional<uint32_t> find(std::string_view name) const {
    if (slots_.empty()) return std::nullopt;
    const uint32_t h = hash(name);
    for (size_t i = h & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.node == kEmpty) return std::nullopt;
      if (s.hash == h && same(names_[s.node], name)) return s.node;  // same(): no memcmp call
    }
  }
  // `name` must not be in the index yet (the loader checks for duplicates first) and must outlive it.
  void insert(std::string_view name, uint32_t node);

 private:
  static constexpr uint32_t kEmpty = UINT32_MAX;
  struct Slot {
    uint32_t hash = 0;
    uint32_t node = kEmpty;
  };
  static uint32_t hash(std::string_view s) { return static_cast<uint32_t>(string_hash(s)); }
  void place(const Slot& x);
  void grow();
  std::vector<Slot> slots_;
  std::vector<std::string_view> names_;  // by node index
  size_t mask_ = 0;
  size_t size_ = 0;
};

// During loading, inline qspecs live in their own list (the "qspecs" table may come after the nodes in
// the file, so its size is unknown). References to them carry this bit until the lists are joined.
constexpr uint32_t kInlineTag = 0x80000000u;

class GraphReferences {
 public:
  NameIndex names;  // keys in the Graph's text

  // An args reference to a name not seen yet: an error either way (graph order is topological), but
  // whether the name comes later or nowhere is only known at the end. Later nodes are watched for it.
  void forward(std::string name, std::string pointer, std::string label) {
    forward_ = Forward{std::move(name), std::move(pointer), std::move(label), std::nullopt};
  }
  bool watching_forward() const { return forward_ && !forward_->found_at; }
  const std::string& forward_name() const { return forward_->name; }
  void forward_found(size_t node_json_index) { forward_->found_at = node_json_index; }

  // A qspec index read before the table's size was known (entry -1: output_qspec).
  void defer_index(uint32_t node, int32_t entry, uint64_t index) { indices_.push_back({node, entry, index}); }
  // An input_qspec_map "arg" naming a node not seen yet.
  void defer_arg(uint32_t node, uint32_t entry, std::string name) { args_.push_back({node, entry, std::move(name)}); }
  // A shared/derived reference to a node not seen yet, in qspec `qspec` (of side_qspecs if `side`, else
  // of the Graph's); slot -1 = shared, k = derived_from[k]; `edge`: {"edge": [P, C]} (consumer: C), else
  // {"node": N}. `name` must stay alive (a view into the input) or is copied. For a qspec of the table
  // (table_index, the common case: the table precedes the nodes) the error's pointer and label are
  // rebuilt if needed, and `place` is null; for the others they are given now, in `place`.
  struct ErrorPlace {
    std::string pointer, label;
  };
  struct SpecRefSite {
    bool side;
    uint32_t qspec;
    int32_t slot;
    bool consumer;
    bool edge;
    uint32_t table_index;  // kNone unless a table qspec
  };
  void defer_spec_ref(const SpecRefSite& site, std::string_view name, bool name_in_input,
                      std::unique_ptr<ErrorPlace> place);

  // At the end of the document, in this order: the pending args reference (an error, forward-ref or
  // dangling-ref); then, once the "nodes" list is known to be there, every other pending reference,
  // resolved into `graph` (and `side_qspecs`), or the first one that names nothing is thrown.
  void check_forward() const;
  void resolve(Graph& graph, std::vector<QSpec>& side_qspecs, size_t table_size,
               const std::vector<std::array<uint32_t, 3>>& node_first) const;

 private:
  struct Forward {
    std::string name, pointer, label;
    std::optional<size_t> found_at;
  };
  std::optional<Forward> forward_;
  struct PendingIndex {
    uint32_t node;
    int32_t entry;
    uint64_t index;
  };
  std::vector<PendingIndex> indices_;
  struct PendingArg {
    uint32_t node;
    uint32_t entry;
    std::string name;
  };
  std::vector<PendingArg> args_;
  // One per shared/derived reference of the qspec table, which comes before the nodes, so nearly every
  // such reference waits here until the end of the load, when the loader's memory peaks: the rare error
  // place stays out of line (48 bytes a reference rather than 104).
  struct PendingSpecRef {
    SpecRefSite site;
    std::string_view name;  // in the input, or in names_
    std::unique_ptr<ErrorPlace> place;  // null for a table qspec
  };
  std::vector<PendingSpecRef> spec_refs_;
  TextStore names_;  // names of pending references that are not views into the input
};

}  // namespace qnnv::detail
