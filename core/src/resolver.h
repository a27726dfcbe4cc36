// The shared-spec resolver: the spec that really carries the qparams of each node output and input
// edge, once every shared spec is followed to it (internal; the rules it follows are in resolver.cpp).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "graph.h"

namespace qnnv::detail {

// A place a spec can be attached to: the output of a node, or one input edge of a node.
// Ids: [0, nodes) are node outputs; nodes + k is the k-th input_qspec_map entry of the whole graph.
using LocationId = uint32_t;

enum class ResolveState : uint8_t { unquantized, resolved, cycle, dangling, too_long };

struct ResolvedSpec {
  ResolveState state = ResolveState::unquantized;
  uint32_t own_qspec = kNone;   // the spec written at the port
  uint32_t root_qspec = kNone;  // the concrete spec (quant / fixed / derived) it resolves to
  LocationId root = kNone;      // where that concrete spec is attached (identity of the observer)
  uint32_t root_node = kNone;   // node owning `root` (producer for an output, consumer for an edge)
  uint32_t hops = 0;            // shared-spec links followed from the port to `root`
};

// Follows shared specs through the graph with memoization: every location is resolved once, so resolving
// all ports of a graph is linear in its size. Cycles are reported, not followed forever; a port whose own
// chain is longer than the limit is reported as too long (judged per port: a location near the end of a
// long chain has a short chain of its own).
class SpecResolver {
 public:
  SpecResolver(const Graph& graph, size_t max_chain);

  ResolvedSpec output(uint32_t node) const;                  // spec of node's output
  ResolvedSpec input(uint32_t consumer, uint32_t arg) const;  // spec of the edge arg -> consumer
  // The node the cycle/dangling chain was detected at (for messages).
  uint32_t problem_node(LocationId) const;

 private:
  struct Memo {
    ResolveState state = ResolveState::unquantized;
    uint8_t visiting = 0;
    uint32_t root_qspec = kNone;
    LocationId root = kNone;
    uint32_t problem = kNone;
    uint32_t hops = 0;
  };
  struct Frame {  // one step of the chain being resolved
    LocationId loc;
    uint32_t concrete;  // kNone: a shared hop; else an edge with this concrete spec (implicit-sharing test)
  };
  ResolvedSpec resolve(LocationId loc) const;
  LocationId edge_location(uint32_t consumer, uint32_t producer) const;  // kNone when no map entry
  uint32_t spec_at(LocationId loc) const;
  uint32_t node_of(LocationId loc) const;

  const Graph& graph_;
  size_t max_chain_;
  std::vector<uint32_t> entry_base_;     // first global entry index of each node
  std::vector<uint32_t> entry_node_;     // consumer node of each global entry
  std::vector<uint64_t> edge_keys_;      // sorted (consumer << 32 | producer)
  std::vector<uint32_t> edge_entries_;   // global entry index for each key, same order
  mutable std::vector<Memo> memo_;
  mutable std::vector<Frame> path_;      // resolve()'s scratch, kept between calls (no allocation per port)
};

}  // namespace qnnv::detail
