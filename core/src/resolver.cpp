// Shared-spec resolution, after torch's PT2E prepare and ExecuTorch's _resolve_shared_qspec:
//  - shared(node N)      -> the output spec of N
//  - shared(edge P -> C) -> C's input_qspec_map entry for P if there is one, else P's output spec
//  - an input edge whose concrete spec equals its producer's output spec is implicitly shared with it
//    (prepare_pt2e merges the two observers when allow_implicit_sharing holds, which ExecuTorch leaves on).
// Each location is resolved once (memo), iteratively, so hostile chains and cycles cost linear time and
// constant stack.
#include <algorithm>
#include <unordered_map>

#include "resolver.h"

namespace qnnv::detail {

namespace {
constexpr size_t kScanLimit = 8;  // consumers with more map entries than this get a hashed lookup
}

SpecResolver::SpecResolver(const Graph& graph, size_t max_chain) : graph_(graph), max_chain_(max_chain) {
  const auto n = static_cast<uint32_t>(graph.nodes.size());
  entry_base_.resize(n + 1);
  uint32_t total = 0;
  for (uint32_t i = 0; i < n; ++i) {
    entry_base_[i] = total;
    total += static_cast<uint32_t>(graph.nodes[i].input_qspec_map.size());
  }
  entry_base_[n] = total;
  entry_node_.resize(total);
  for (uint32_t i = 0; i < n; ++i) {
    const auto& map = graph.nodes[i].input_qspec_map;
    for (uint32_t k = 0; k < map.size(); ++k) entry_node_[entry_base_[i] + k] = i;
    if (map.size() > kScanLimit) {
      for (uint32_t k = 0; k < map.size(); ++k) {
        edge_keys_.push_back((uint64_t(i) << 32) | map[k].arg);
        edge_entries_.push_back(entry_base_[i] + k);
      }
    }
  }
  // Only large consumers are indexed; sort them once (their total size bounds the cost).
  std::vector<size_t> order(edge_keys_.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return edge_keys_[a] < edge_keys_[b]; });
  std::vector<uint64_t> keys(order.size());
  std::vector<uint32_t> entries(order.size());
  for (size_t i = 0; i < order.size(); ++i) {
    keys[i] = edge_keys_[order[i]];
    entries[i] = edge_entries_[order[i]];
  }
  edge_keys_.swap(keys);
  edge_entries_.swap(entries);
  memo_.resize(n + total);
}

LocationId SpecResolver::edge_location(uint32_t consumer, uint32_t producer) const {
  const auto& map = graph_.nodes[consumer].input_qspec_map;
  if (map.size() <= kScanLimit) {
    for (uint32_t k = 0; k < map.size(); ++k)
      if (map[k].arg == producer) return static_cast<LocationId>(graph_.nodes.size()) + entry_base_[consumer] + k;
    return kNone;
  }
  const uint64_t key = (uint64_t(consumer) << 32) | producer;
  auto it = std::lower_bound(edge_keys_.begin(), edge_keys_.end(), key);
  if (it == edge_keys_.end() || *it != key) return kNone;
  return static_cast<LocationId>(graph_.nodes.size()) + edge_entries_[it - edge_keys_.begin()];
}

uint32_t SpecResolver::spec_at(LocationId loc) const {
  const auto n = graph_.nodes.size();
  if (loc < n) return graph_.nodes[loc].output_qspec;
  const uint32_t entry = loc - static_cast<uint32_t>(n);
  const uint32_t consumer = entry_node_[entry];
  return graph_.nodes[consumer].input_qspec_map[entry - entry_base_[consumer]].qspec;
}

uint32_t SpecResolver::node_of(LocationId loc) const {
  const auto n = graph_.nodes.size();
  if (loc < n) return loc;
  return entry_node_[loc - static_cast<uint32_t>(n)];
}

uint32_t SpecResolver::problem_node(LocationId loc) const { return memo_[loc].problem; }

ResolvedSpec SpecResolver::output(uint32_t node) const { return resolve(node); }

ResolvedSpec SpecResolver::input(uint32_t consumer, uint32_t arg) const {
  LocationId loc = edge_location(consumer, arg);
  if (loc == kNone) return {};
  return resolve(loc);
}

ResolvedSpec SpecResolver::resolve(LocationId start) const {
  std::vector<Frame>& path = path_;
  path.clear();
  Memo tail;
  LocationId cur = start;
  while (true) {
    Memo& m = memo_[cur];
    if (m.visiting) {
      tail = Memo{ResolveState::cycle, 0, kNone, kNone, node_of(cur), 0};
      break;
    }
    if (m.state != ResolveState::unquantized) {  // resolved before (only answers are stored)
      tail = m;
      break;
    }
    const uint32_t q = spec_at(cur);
    if (q == kNone) {
      tail = Memo{ResolveState::unquantized, 0, kNone, kNone, node_of(cur), 0};
      break;
    }
    const QSpec& spec = graph_.qspecs[q];
    const bool is_edge = cur >= graph_.nodes.size();
    if (spec.kind != QSpecKind::shared) {
      if (!is_edge) {
        tail = Memo{ResolveState::resolved, 0, q, cur, kNone, 0};
        break;
      }
      // Edge with a concrete spec: shared with the producer's output if the two specs are equal.
      const uint32_t consumer = node_of(cur);
      const uint32_t producer =
          graph_.nodes[consumer].input_qspec_map[cur - graph_.nodes.size() - entry_base_[consumer]].arg;
      m.visiting = 1;
      path.push_back({cur, q});
      cur = producer;
      continue;
    }
    m.visiting = 1;
    path.push_back({cur, kNone});
    const SpecRef& ref = spec.shared;
    LocationId next = kNone;
    if (ref.consumer != kNone) next = edge_location(ref.consumer, ref.producer);
    if (next == kNone) next = ref.producer;
    cur = next;
  }
  // Unwind: every location on the path gets its answer.
  for (size_t i = path.size(); i-- > 0;) {
    const Frame& f = path[i];
    Memo r = tail;
    if (f.concrete != kNone) {
      const bool merged = tail.state == ResolveState::resolved && tail.root_qspec == f.concrete;
      // An implicit merge is no shared-spec link of the user's: it adds no hop.
      if (!merged) r = Memo{ResolveState::resolved, 0, f.concrete, f.loc, kNone, 0};
    } else if (tail.state == ResolveState::unquantized) {
      r = Memo{ResolveState::dangling, 0, kNone, kNone, tail.problem, 0};
    } else {
      ++r.hops;
    }
    r.visiting = 0;
    memo_[f.loc] = r;
    tail = r;
  }
  ResolvedSpec out;
  out.own_qspec = spec_at(start);
  out.state = tail.state;
  if (path.empty() && tail.state == ResolveState::unquantized) return out;
  out.root_qspec = tail.root_qspec;
  out.root = tail.root;
  out.root_node = tail.root == kNone ? tail.problem : node_of(tail.root);
  out.hops = tail.hops;
  if (out.state == ResolveState::resolved && out.hops > max_chain_) out.state = ResolveState::too_long;
  return out;
}

}  // namespace qnnv::detail
