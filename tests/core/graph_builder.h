// Test helpers: build qnnv.graph v1 documents and small constraint tables in code, so that each test shows
// exactly the annotation it is about.
#pragma once

#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "qnnv/qnnv.h"

namespace qnnv::testing {

using json = nlohmann::ordered_json;

// Common qspecs, written the way ExecuTorch's QnnQuantizer writes them.
inline json act_u8() {
  return {{"kind", "quant"}, {"dtype", "uint8"}, {"quant_min", 0}, {"quant_max", 255},
          {"qscheme", "per_tensor_affine"}, {"observer", "MovingAverageMinMaxObserver"}};
}
inline json act_u16() {
  return {{"kind", "quant"}, {"dtype", "int32"}, {"quant_min", 0}, {"quant_max", 65535},
          {"qscheme", "per_tensor_affine"}, {"observer", "MovingAverageMinMaxObserver"}};
}
inline json weight_s8_per_channel() {
  return {{"kind", "quant"}, {"dtype", "int8"}, {"quant_min", -127}, {"quant_max", 127},
          {"qscheme", "per_channel_symmetric"}, {"ch_axis", 0}, {"observer", "PerChannelParamObserver"}};
}
inline json weight_s4_block() {
  return {{"kind", "quant"}, {"dtype", "int8"}, {"quant_min", -7}, {"quant_max", 7},
          {"qscheme", "per_channel_symmetric"}, {"ch_axis", 0}, {"observer", "PerBlockParamObserver"},
          {"observer_kwargs", {{"block_size", {1, 32}}}}};
}
inline json weight_s16() {
  return {{"kind", "quant"}, {"dtype", "int16"}, {"quant_min", -32767}, {"quant_max", 32767},
          {"qscheme", "per_tensor_symmetric"}, {"observer", "MinMaxObserver"}};
}
inline json bias_s32(const std::string& act, const std::string& weight, const std::string& consumer) {
  return {{"kind", "derived"},
          {"derived_from", {{{"edge", {act, consumer}}}, {{"edge", {weight, consumer}}}}},
          {"dtype", "int32"}, {"quant_min", -2147483648LL}, {"quant_max", 2147483647LL},
          {"qscheme", "per_channel_symmetric"}, {"ch_axis", 0}};
}
inline json fixed_observer(double scale, int zero_point, int qmin, int qmax) {
  return {{"kind", "quant"}, {"dtype", "int32"}, {"quant_min", qmin}, {"quant_max", qmax},
          {"qscheme", "per_tensor_affine"}, {"observer", "FixedQParamsObserver"},
          {"observer_kwargs", {{"scale", scale}, {"zero_point", zero_point}}}};
}
inline json shared_node(const std::string& n) { return {{"kind", "shared"}, {"node", n}}; }
inline json shared_edge(const std::string& p, const std::string& c) { return {{"kind", "shared"}, {"edge", {p, c}}}; }
inline json tensor(const std::string& dtype = "float32") { return {{"dtype", dtype}, {"shape", {1, 8}}}; }

class GraphBuilder {
 public:
  GraphBuilder() { doc_ = {{"format", "qnnv.graph"}, {"version", 1}, {"nodes", json::array()}}; }

  GraphBuilder& hints(const std::string& backend, const std::string& soc) {
    doc_["hints"] = {{"backend", backend}, {"soc_model", soc}};
    return *this;
  }
  GraphBuilder& input(const std::string& name, const std::string& dtype = "float32") {
    doc_["nodes"].push_back({{"name", name}, {"op", "placeholder"}, {"target", name}, {"val", tensor(dtype)}});
    return *this;
  }
  GraphBuilder& weight(const std::string& name) {
    doc_["nodes"].push_back({{"name", name}, {"op", "get_attr"}, {"target", name}, {"val", tensor()}});
    return *this;
  }
  // A call_function node. `inputs` are (arg name, qspec or null) in order; args are the arg names.
  GraphBuilder& op(const std::string& name, const std::string& target,
                   const std::vector<std::pair<std::string, json>>& inputs, const json& output_qspec,
                   json val = tensor()) {
    json args = json::array(), map = json::array();
    for (const auto& [arg, qspec] : inputs) {
      args.push_back({{"node", arg}});
      if (!qspec.is_discarded()) map.push_back({{"arg", arg}, {"qspec", qspec}});
    }
    json node = {{"name", name}, {"op", "call_function"}, {"target", target}, {"args", args}, {"val", val}};
    node["annotation"] = {{"input_qspec_map", map}, {"output_qspec", output_qspec}};
    doc_["nodes"].push_back(node);
    return *this;
  }
  // An unannotated call_function node.
  GraphBuilder& plain(const std::string& name, const std::string& target, const std::vector<std::string>& args) {
    json a = json::array();
    for (const auto& arg : args) a.push_back({{"node", arg}});
    doc_["nodes"].push_back({{"name", name}, {"op", "call_function"}, {"target", target}, {"args", a}, {"val", tensor()}});
    return *this;
  }
  json& doc() { return doc_; }
  std::string str() const { return doc_.dump(); }

 private:
  json doc_;
};

inline json unannotated() { return json(json::value_t::discarded); }

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline std::string fixture(const std::string& name) { return std::string(QNNV_TESTS_DIR) + "/fixtures/" + name; }

inline const NodeResult* find_result(const Report& r, const std::string& node) {
  for (const auto& x : r.results)
    if (x.node == node) return &x;
  return nullptr;
}

inline bool has_rule(const NodeResult* r, const std::string& rule) {
  if (!r) return false;
  for (const auto& f : r->findings)
    if (f.rule == rule) return true;
  return false;
}

}  // namespace qnnv::testing
