// References between the parts of a graph (see graph_references.h).
#include "graph_references.h"

#include "string_hash.h"
#include "text.h"

namespace qnnv::detail {

void NameIndex::insert(std::string_view name, uint32_t node) {
  if ((size_ + 1) * 4 > slots_.size() * 3) grow();  // load factor <= 3/4
  if (node >= names_.size()) names_.resize(size_t(node) + 1);
  names_[node] = name;
  place({hash(name), node});
  ++size_;
}

void NameIndex::place(const Slot& x) {
  size_t i = x.hash & mask_;
  while (slots_[i].node != kEmpty) i = (i + 1) & mask_;
  slots_[i] = x;
}

void NameIndex::grow() {
  std::vector<Slot> old(std::max<size_t>(64, slots_.size() * 2));
  old.swap(slots_);
  mask_ = slots_.size() - 1;
  for (const Slot& x : old) {
    if (x.node != kEmpty) place(x);
  }
}

void GraphReferences::defer_spec_ref(const SpecRefSite& site, std::string_view name, bool name_in_input,
                                     std::unique_ptr<ErrorPlace> place) {
  const std::string_view kept = name_in_input ? name : names_.store(name);
  spec_refs_.push_back({site, kept, std::move(place)});
}

void GraphReferences::check_forward() const {
  if (!forward_) return;
  const Forward& p = *forward_;
  if (p.found_at) {
    throw InputError("graph.forward-ref",
                     p.label + " uses " + quote_text(p.name) + ", which is defined later (at /nodes/" +
                         std::to_string(*p.found_at) + "); nodes must be listed in graph (topological) order",
                     p.pointer);
  }
  throw InputError("graph.dangling-ref", p.label + " uses " + quote_text(p.name) + ", which is not a node of the graph",
                   p.pointer);
}

void GraphReferences::resolve(Graph& graph, std::vector<QSpec>& side_qspecs, size_t table_size,
                              const std::vector<std::array<uint32_t, 3>>& node_first) const {
  // The table is complete now: check the indices read before it.
  for (const PendingIndex& p : indices_) {
    if (p.index < table_size) continue;
    const Node& n = graph.nodes[p.node];
    std::string ptr = "/nodes/" + std::to_string(n.json_index) + "/annotation/";
    ptr += p.entry < 0 ? "output_qspec" : "input_qspec_map/" + std::to_string(p.entry) + "/qspec";
    throw InputError("graph.qspec-index",
                     "node " + quote_text(n.name) + ": qspec index " + std::to_string(p.index) +
                         " is out of range: \"qspecs\" has " + std::to_string(table_size) + " entries",
                     ptr);
  }
  for (const PendingArg& p : args_) {
    const Node& n = graph.nodes[p.node];
    const auto idx = names.find(p.name);
    if (!idx) {
      throw InputError("graph.dangling-ref",
                       "node " + quote_text(n.name) + ": input_qspec_map names " + quote_text(p.name) +
                           ", which is not a node of the graph",
                       "/nodes/" + std::to_string(n.json_index) + "/annotation/input_qspec_map/" +
                           std::to_string(p.entry) + "/arg");
    }
    graph.node_input_specs[node_first[p.node][2] + p.entry].arg = *idx;
  }
  for (const PendingSpecRef& p : spec_refs_) {
    const SpecRefSite& s = p.site;
    const auto idx = names.find(p.name);
    if (!idx) {
      std::string label, pointer;
      if (p.place) {
        label = p.place->label;
        pointer = p.place->pointer;
      } else {  // a table qspec: as the qspec decoder would have said
        pointer = "/qspecs/" + std::to_string(s.table_index);
        label = "qspec " + pointer;
        if (s.slot >= 0) pointer += "/derived_from/" + std::to_string(s.slot);
        pointer += !s.edge ? "/node" : s.consumer ? "/edge/1" : "/edge/0";
      }
      throw InputError("graph.dangling-ref",
                       label + " refers to " + quote_text(p.name) + ", which is not a node of the graph", pointer);
    }
    QSpec& q = (s.side ? side_qspecs : graph.qspecs)[s.qspec];
    SpecRef& r = s.slot < 0 ? q.shared : q.derived_from[static_cast<size_t>(s.slot)];
    (s.consumer ? r.consumer : r.producer) = *idx;
  }
}

}  // namespace qnnv::detail
