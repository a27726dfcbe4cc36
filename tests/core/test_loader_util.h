// Helpers shared by the graph loader tests.
#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "graph.h"

namespace qnnv::detail::loader_test {

inline std::string read_fixture(const std::string& relative) {
  const std::string path = std::string(QNNV_TESTS_DIR) + "/" + relative;
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << "cannot open " << path;
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline Graph load(const std::string& text, const Limits& limits = {}) { return load_graph(text, limits); }

// A complete document around a nodes list (and an optional qspecs table).
inline std::string doc(const std::string& nodes, const std::string& qspecs = "[]") {
  return R"({"format": "qnnv.graph", "version": 1, "qspecs": )" + qspecs + R"(, "nodes": )" + nodes + "}";
}

inline uint32_t index_of(const Graph& g, const std::string& name) {
  for (size_t i = 0; i < g.nodes.size(); ++i) {
    if (g.nodes[i].name == name) return static_cast<uint32_t>(i);
  }
  ADD_FAILURE() << "no node " << name;
  return kNone;
}

// Loads `text`, which must fail; returns the error (code "none" when it loaded).
inline ErrorInfo error_of(const std::string& text, const Limits& limits = {}) {
  try {
    load_graph(text, limits);
  } catch (const InputError& e) {
    return e.info();
  }
  return ErrorInfo{"none", "loaded without error", "", 0, 0};
}

}  // namespace qnnv::detail::loader_test
