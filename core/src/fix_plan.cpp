// The fix plan: what to change in the ExecuTorch quantizer so that the failing nodes pass, checked by
// re-annotating the loaded graph and validating it again.
//
// How it works:
// * The failing nodes are grouped by target, the rule ids of their findings and their current config
//   (activation bits, weight bits, block-wise or not). A graph has few such groups however large it is,
//   and each group costs at most (rule forms x candidate configs) validations, so the plan stays linear in
//   the graph size.
// * For a group, each way QuantRecipe can reach those nodes (add_node_target: every node of the target;
//   add_regex: every node under the nodes' module paths) is tried with each candidate QuantDtype, nearest
//   to the current config first (same activation bits before fewer weight bits). A try re-annotates every
//   node the rule reaches as QnnQuantizer's annotator would for that config (annotator_model below), then
//   validates the whole graph: it is accepted when the group's nodes pass and no other node starts failing.
//   Accepted changes stay applied, so later groups are planned on top of them.
// * The spec shapes are those of ExecuTorch's qconfig.py (pytorch/executorch@cff6f4dd, 2026-08-22):
//   get_ptq_per_channel_quant_config / get_ptq_per_block_quant_config for conv and linear (QuantRecipe
//   builds its ModuleQConfig per-channel), the plain config for the other ops, and the annotator quirks of
//   annotators/htp_rules.py (MatMul in[1] and the LayerNorm weight are int16 under 16-bit activations;
//   sigmoid, hardsigmoid and 16-bit tanh outputs get fixed qparams).
#include <algorithm>
#include <cctype>
#include <cstdint>
#include <limits>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "api_internal.h"
#include "graph.h"
#include "qnnv/qnnv.h"
#include "validator.h"

namespace qnnv {
namespace {

using detail::Graph;
using detail::kNone;
using detail::Node;
using detail::QScheme;
using detail::QSpec;
using detail::QSpecKind;
using detail::TorchDtype;

// ---------------------------------------------------------------------------------------------------
// What the annotator does per target: which node reference (position among the node's inputs) is the
// weight, the bias, or a second activation that becomes int16 under 16-bit activations.

enum class OutputKind { activation, fixed_unit_range, fixed_tanh16 };

struct AnnotatorModel {
  std::string_view target;
  int weight = -1;       // inputs[k] carries the weight (per-channel/per-block in QuantRecipe)
  int bias = -1;         // inputs[k] carries the bias
  int int16_input = -1;  // inputs[k] is int16 symmetric under 16-bit activations, else the activation spec
  int weight_axis = 0;   // ModuleQConfig.op_axis_dict
  OutputKind output = OutputKind::activation;
};

constexpr AnnotatorModel kAnnotators[] = {
    {"aten.conv1d.default", 1, 2, -1, 0},
    {"aten.conv2d.default", 1, 2, -1, 0},
    {"aten.conv3d.default", 1, 2, -1, 0},
    {"aten.conv_transpose2d.input", 1, 2, -1, 1},
    {"aten.conv_transpose3d.input", 1, 2, -1, 1},
    {"aten.linear.default", 1, 2, -1, 0},
    {"aten.layer_norm.default", -1, 2, 1, 0},
    {"aten.matmul.default", -1, -1, 1, 0},
    {"aten.bmm.default", -1, -1, 1, 0},
    {"aten.sigmoid.default", -1, -1, -1, 0, OutputKind::fixed_unit_range},
    {"aten.hardsigmoid.default", -1, -1, -1, 0, OutputKind::fixed_unit_range},
    {"aten.tanh.default", -1, -1, -1, 0, OutputKind::fixed_tanh16},
};

const AnnotatorModel* annotator_model(std::string_view target) {
  for (const AnnotatorModel& m : kAnnotators)
    if (m.target == target) return &m;
  return nullptr;
}

// Ops every node-ref input of which the generic annotators (single in/out, binary) give the activation
// spec: the model is exact for them only when no input is a weight. Everything else is approximate.
bool generic_model_is_exact(const Graph& g, const Node& n) {
  for (uint32_t in : n.inputs)
    if (g.nodes[in].op == detail::NodeOp::get_attr) return false;
  return true;
}

// ---------------------------------------------------------------------------------------------------
// Configs

struct Config {
  std::string_view quant_dtype;  // QuantDtype name
  int act_bits;
  int weight_bits;
  bool block;
};

constexpr Config kCandidates[] = {
    {"use_16a16w", 16, 16, false}, {"use_16a8w", 16, 8, false}, {"use_16a4w", 16, 4, false},
    {"use_16a4w_block", 16, 4, true}, {"use_8a8w", 8, 8, false}, {"use_8a4w", 8, 4, false},
};

// The node's config as the ports show it: activation bits at in[0], weight bits at the weight input.
struct CurrentConfig {
  int act_bits = 0;     // 0 = not a fixed-point activation (float, or unknown)
  int weight_bits = 0;  // 0 = no weight input
  bool block = false;
  std::vector<int64_t> block_size;
  std::string_view act_observer;
};

std::string quant_dtype_name(const CurrentConfig& c, bool weighted) {
  if (c.act_bits == 0) return "";
  if (!weighted) return "";
  for (const Config& k : kCandidates)
    if (k.act_bits == c.act_bits && k.weight_bits == c.weight_bits && k.block == c.block)
      return std::string(k.quant_dtype);
  if (c.act_bits == 16 && c.weight_bits == 2) return "use_16a2w";
  return "";
}

int distance(const CurrentConfig& from, const Config& to, bool weighted) {
  int d = from.act_bits == to.act_bits ? 0 : 100;
  if (weighted) {
    auto log2 = [](int bits) { return bits >= 16 ? 4 : bits >= 8 ? 3 : bits >= 4 ? 2 : 1; };
    d += 10 * std::abs(log2(from.weight_bits) - log2(to.weight_bits)) + (from.block != to.block ? 1 : 0);
  }
  return d;
}

// ---------------------------------------------------------------------------------------------------
// Re-annotation of one node, as QnnQuantizer's annotator would write it for `config`

constexpr int64_t kInt32Min = std::numeric_limits<int32_t>::min();
constexpr int64_t kInt32Max = std::numeric_limits<int32_t>::max();

struct Reannotator {
  Graph& g;

  uint32_t add(QSpec q) {
    g.qspecs.push_back(std::move(q));
    return static_cast<uint32_t>(g.qspecs.size() - 1);
  }
  // Observer names are literals or views into Graph::text already: nothing to store per re-annotation.

  QSpec activation(int bits, std::string_view observer) {
    QSpec q;  // qconfig.py: 16-bit activations are int32 0..65535 (torch had no uint16 observer dtype)
    q.dtype = bits == 16 ? TorchDtype::int32 : TorchDtype::uint8;
    q.quant_min = 0;
    q.quant_max = bits == 16 ? 65535 : 255;
    q.qscheme = QScheme::per_tensor_affine;
    q.observer = observer;
    return q;
  }
  QSpec weight(const Config& c, int axis, const std::vector<int64_t>& block_size) {
    QSpec q;
    q.dtype = c.weight_bits == 16 ? TorchDtype::int16 : TorchDtype::int8;
    q.quant_max = c.weight_bits == 16 ? 32767 : c.weight_bits == 8 ? 127 : 7;
    q.quant_min = -*q.quant_max;
    q.qscheme = QScheme::per_channel_symmetric;
    q.ch_axis = axis;
    q.observer = c.block ? std::string_view("PerBlockParamObserver") : std::string_view("PerChannelParamObserver");
    if (c.block) {
      q.block_size = block_size;
      q.has_block_size = true;
    }
    return q;
  }
  QSpec int16_weight() {  // get_16a16w_qnn_ptq_config().weight
    QSpec q;
    q.dtype = TorchDtype::int16;
    q.quant_min = -32767;
    q.quant_max = 32767;
    q.qscheme = QScheme::per_tensor_symmetric;
    q.ch_axis = 0;
    q.observer = std::string_view("MinMaxObserver");
    return q;
  }
  QSpec plain_bias() {
    QSpec q;
    q.dtype = TorchDtype::int32;
    q.quant_min = kInt32Min;
    q.quant_max = kInt32Max;
    q.qscheme = QScheme::per_tensor_symmetric;
    q.observer = std::string_view("MinMaxObserver");
    return q;
  }
  QSpec derived_bias(uint32_t act, uint32_t weight, uint32_t node) {  // _derived_bias_quant_spec
    QSpec q;
    q.kind = QSpecKind::derived;
    q.dtype = TorchDtype::int32;
    q.quant_min = kInt32Min;
    q.quant_max = kInt32Max;
    q.qscheme = QScheme::per_channel_symmetric;
    q.ch_axis = 0;
    q.derived_from = {{act, node}, {weight, node}};
    return q;
  }
  QSpec fixed_output(int bits, double scale, int64_t zero_point) {  // FixedQParamsObserver.with_args(...)
    QSpec q = activation(bits, "FixedQParamsObserver");
    q.scale = scale;
    q.zero_point = zero_point;
    return q;
  }
};

// Undo log of one try: entries and outputs overwritten, and the qspec table's size before it.
struct Edits {
  std::vector<std::pair<size_t, uint32_t>> entries;  // (index in node_input_specs, old qspec)
  std::vector<std::pair<uint32_t, uint32_t>> outputs;  // (node, old output_qspec)
  std::vector<uint32_t> discarded;                     // nodes whose `annotated` was cleared
  size_t qspecs_before = 0;

  void undo(Graph& g) {
    for (auto it = entries.rbegin(); it != entries.rend(); ++it) g.node_input_specs[it->first].qspec = it->second;
    for (auto it = outputs.rbegin(); it != outputs.rend(); ++it) g.nodes[it->first].output_qspec = it->second;
    for (uint32_t n : discarded) g.nodes[n].annotated = true;
    g.qspecs.resize(qspecs_before);
  }
};

bool is_concrete(const QSpec& q) { return q.kind == QSpecKind::quant || q.kind == QSpecKind::fixed; }

std::string_view activation_observer(const Graph& g, const Node& n) {
  for (const detail::InputSpecEntry& e : n.input_qspec_map)
    if (e.qspec != kNone && g.qspecs[e.qspec].kind == QSpecKind::quant && g.qspecs[e.qspec].scale == std::nullopt &&
        !g.qspecs[e.qspec].observer.empty() && !g.qspecs[e.qspec].has_block_size)
      return g.qspecs[e.qspec].observer;
  return "MovingAverageMinMaxObserver";  // qconfig.py's default act_observer
}

// Re-annotates node `index` for `config`; returns false when the model is approximate for it.
bool reannotate(Graph& g, uint32_t index, const Config& config, Edits& edits) {
  Reannotator r{g};
  const Node& n = g.nodes[index];
  const AnnotatorModel* m = annotator_model(n.target);
  const std::string_view act_observer = activation_observer(g, n);
  auto input_at = [&](int k) { return k >= 0 && size_t(k) < n.inputs.size() ? n.inputs[size_t(k)] : kNone; };
  const uint32_t act_node = input_at(0);
  const uint32_t weight_node = m ? input_at(m->weight) : kNone;
  const uint32_t bias_node = m ? input_at(m->bias) : kNone;
  const uint32_t int16_node = m ? input_at(m->int16_input) : kNone;
  const bool per_channel = m && m->weight >= 0;  // QuantRecipe's ModuleQConfig: conv/linear per-channel

  const size_t base = static_cast<size_t>(n.input_qspec_map.ptr - g.node_input_specs.data());
  for (size_t k = 0; k < n.input_qspec_map.size(); ++k) {
    const detail::InputSpecEntry& e = g.node_input_specs[base + k];
    if (e.qspec == kNone) continue;
    const QSpec old = g.qspecs[e.qspec];
    uint32_t replacement = kNone;
    if (e.arg == bias_node && bias_node != kNone) {
      replacement = per_channel && weight_node != kNone ? r.add(r.derived_bias(act_node, weight_node, index))
                                                        : r.add(r.plain_bias());
    } else if (!is_concrete(old)) {
      continue;  // shared and derived specs keep their structure: they follow what they point at
    } else if (e.arg == weight_node && weight_node != kNone) {
      const Config c = config.block && !old.has_block_size ? Config{config.quant_dtype, config.act_bits,
                                                                    config.weight_bits, false}
                                                           : config;
      replacement = r.add(r.weight(c, m->weight_axis, old.block_size));
    } else if (e.arg == int16_node && int16_node != kNone) {
      replacement = config.act_bits == 16 ? r.add(r.int16_weight()) : r.add(r.activation(8, act_observer));
    } else {
      replacement = r.add(r.activation(config.act_bits, old.observer.empty() || old.scale ? act_observer : old.observer));
    }
    edits.entries.emplace_back(base + k, e.qspec);
    g.node_input_specs[base + k].qspec = replacement;
  }
  if (n.output_qspec != kNone && is_concrete(g.qspecs[n.output_qspec])) {
    const QSpec& old = g.qspecs[n.output_qspec];
    const OutputKind kind = m ? m->output : OutputKind::activation;
    uint32_t replacement;
    if (kind == OutputKind::fixed_unit_range)  // htp_rules: scale 1/(qmax - qmin + 1), zero_point 0
      replacement = r.add(r.fixed_output(config.act_bits, 1.0 / (config.act_bits == 16 ? 65536.0 : 256.0), 0));
    else if (kind == OutputKind::fixed_tanh16 && config.act_bits == 16)
      replacement = r.add(r.fixed_output(16, 1.0 / 32768.0, 32768));
    else
      replacement = r.add(r.activation(config.act_bits, old.observer.empty() || old.scale ? act_observer : old.observer));
    edits.outputs.emplace_back(index, n.output_qspec);
    g.nodes[index].output_qspec = replacement;
  }
  return m != nullptr || generic_model_is_exact(g, n);
}

// ---------------------------------------------------------------------------------------------------
// Planning

struct NodeFacts {
  uint32_t index = kNone;        // graph node
  size_t result = 0;             // position in Report::results
  std::string_view module;       // NodeResult::module ("" when the export carries none)
};

struct Group {
  std::string target;
  std::vector<std::string> rules;
  CurrentConfig current;
  bool weighted = false;
  std::vector<uint32_t> nodes;  // graph indices
};

CurrentConfig current_config(const Graph& g, const Report& report, const NodeResult& r, uint32_t index) {
  CurrentConfig c;
  const Node& n = g.nodes[index];
  const AnnotatorModel* m = annotator_model(n.target);
  const std::string_view weight_name =
      m && m->weight >= 0 && size_t(m->weight) < n.inputs.size() ? g.nodes[n.inputs[size_t(m->weight)]].name
                                                                  : std::string_view();
  for (const PortReport& p : r.ports) {
    if (p.output) continue;
    const int bits = is_fixed_point(p.dtype) ? bit_width(p.dtype) : 0;
    if (p.index == 0) c.act_bits = bits;
    if (!weight_name.empty() && report.name(p.node) == weight_name) {
      c.weight_bits = bits;
      c.block = p.encoding == Encoding::BLOCKWISE_EXPANSION;
    }
  }
  // 4- and 2-bit weights are int8 ports with a narrow range (-7..7, -2..1): the bits come from the range.
  const uint32_t weight_node = !weight_name.empty() ? n.inputs[size_t(m->weight)] : kNone;
  for (const detail::InputSpecEntry& e : n.input_qspec_map) {
    if (e.arg != weight_node || e.qspec == kNone) continue;
    const QSpec& q = g.qspecs[e.qspec];
    if (c.weight_bits > 0 && q.quant_min && q.quant_max) {
      const int64_t values = *q.quant_max - *q.quant_min + 1;
      c.weight_bits = values <= 4 ? 2 : values <= 16 ? 4 : c.weight_bits;
    }
    if (q.has_block_size) c.block_size = q.block_size;
  }
  c.act_observer = activation_observer(g, n);
  return c;
}

std::string join(const std::vector<std::string>& v, std::string_view sep) {
  std::string out;
  for (size_t i = 0; i < v.size(); ++i) out += (i ? std::string(sep) : "") + v[i];
  return out;
}

bool under_module(std::string_view module, const std::set<std::string>& paths) {
  for (const std::string& p : paths)
    if (module == p || (module.size() > p.size() && module.substr(0, p.size()) == p && module[p.size()] == '.'))
      return true;
  return false;
}

struct Planner {
  Graph& g;
  const Options& options;
  const ConstraintData& data;
  std::vector<NodeFacts> calls;                      // every call_function node, graph order
  std::unordered_map<uint32_t, size_t> call_of;      // graph index -> position in calls
  std::vector<bool> failing;                         // by position in calls, for the current state
  Report report;

  void evaluate() {
    report = detail::validate_loaded(g, options, data);
    failing.assign(calls.size(), false);
    for (size_t i = 0; i < calls.size(); ++i) failing[i] = report.results[calls[i].result].status == Status::fail;
  }
  size_t failing_count() const { return size_t(std::count(failing.begin(), failing.end(), true)); }
};

std::string py_string(std::string_view s) {  // a double-quoted Python literal
  std::string out = "\"";
  for (char ch : s) {
    if (ch == '"' || ch == '\\') out += '\\';
    if (ch == '\n') {
      out += "\\n";
      continue;
    }
    out += ch;
  }
  return out + "\"";
}

std::string regex_for_module(std::string_view path) {  // ByNameRegex uses re.search over each stack level
  std::string out = "^";
  for (char ch : path) {
    const bool plain = std::isalnum(static_cast<unsigned char>(ch)) || ch == '_';
    if (!plain) out += '\\';
    out += ch;
  }
  return out + "$";
}

std::string torch_op(std::string_view target) { return "torch.ops." + std::string(target); }

std::string granularity_of(const Config& c, bool weighted) {
  if (!weighted) return "PER_TENSOR";
  return c.block ? "PER_BLOCK" : "PER_CHANNEL";
}

}  // namespace

FixPlan fix_plan(std::string_view graph_json, const Options& options, const ConstraintData& data) {
  Graph graph = detail::load_graph(graph_json, options.limits);
  Planner p{graph, options, data, {}, {}, {}, {}};
  p.report = detail::validate_loaded(graph, options, data);
  {
    size_t r = 0;
    for (uint32_t i = 0; i < graph.nodes.size(); ++i) {
      if (graph.nodes[i].op != detail::NodeOp::call_function) continue;
      p.call_of[i] = p.calls.size();
      p.calls.push_back({i, r, {}});
      ++r;
    }
  }
  // Module paths are copied out of the first report: later reports are rebuilt.
  std::vector<std::string> modules(p.calls.size());
  for (size_t i = 0; i < p.calls.size(); ++i) modules[i] = p.report.results[p.calls[i].result].module;
  p.failing.assign(p.calls.size(), false);
  for (size_t i = 0; i < p.calls.size(); ++i)
    p.failing[i] = p.report.results[p.calls[i].result].status == Status::fail;

  FixPlan plan;
  plan.backend = p.report.backend;
  plan.soc_model = p.report.soc_model;
  plan.arch = p.report.arch;
  plan.failing_before = p.failing_count();

  // Groups, in order of first failing node.
  std::vector<Group> groups;
  std::map<std::string, size_t> group_of;
  for (size_t i = 0; i < p.calls.size(); ++i) {
    if (!p.failing[i]) continue;
    const uint32_t index = p.calls[i].index;
    const NodeResult& r = p.report.results[p.calls[i].result];
    std::set<std::string> rule_set;
    for (const Finding& f : r.findings) rule_set.insert(f.rule);
    const AnnotatorModel* m = annotator_model(graph.nodes[index].target);
    const CurrentConfig current = current_config(graph, p.report, r, index);
    const bool weighted = m && m->weight >= 0 && current.weight_bits > 0;
    std::string key = r.target + "|" + std::to_string(current.act_bits) + "a" + std::to_string(current.weight_bits) +
                      (current.block ? "b|" : "|");
    for (const std::string& id : rule_set) key += id + ",";
    auto [it, added] = group_of.emplace(key, groups.size());
    if (added) groups.push_back({r.target, {rule_set.begin(), rule_set.end()}, current, weighted, {}});
    groups[it->second].nodes.push_back(index);
  }

  bool any_approximate = false;
  std::set<std::string> observers;           // observer classes the snippet imports
  std::vector<std::string> change_observers;  // the act_observer of each change (the nodes' own)
  for (Group& grp : groups) {
    // Planned on top of the changes already accepted: some nodes may pass by now.
    std::vector<uint32_t> still;
    for (uint32_t n : grp.nodes)
      if (p.failing[p.call_of[n]]) still.push_back(n);
    if (still.empty()) continue;
    grp.nodes = still;

    if (grp.current.act_bits == 0) {  // float (fp16a8w) or unknown activations
      std::vector<std::string> names;
      for (uint32_t n : grp.nodes) names.emplace_back(graph.nodes[n].name);
      plan.notes.push_back(join(names, ", ") + " (" + grp.target + ", " + join(grp.rules, ", ") +
                           ") have no fixed-point activations to switch from; quantizing them (use_8a8w or "
                           "use_16a8w) is not simulated: the export lacks the activation entries the annotator "
                           "would add");
      continue;
    }

    // The rule forms QuantRecipe offers, with the annotated nodes each reaches.
    struct Form {
      std::string rule;
      std::set<std::string> modules;
      std::vector<uint32_t> reach;
    };
    std::vector<Form> forms;
    {
      Form by_target{"node_target", {}, {}};
      for (const NodeFacts& c : p.calls)
        if (graph.nodes[c.index].annotated && graph.nodes[c.index].target == grp.target)
          by_target.reach.push_back(c.index);
      forms.push_back(std::move(by_target));
      Form by_module{"regex", {}, {}};
      bool all_known = true;
      for (uint32_t n : grp.nodes) {
        const std::string& mod = modules[p.call_of[n]];
        if (mod.empty()) all_known = false;
        else by_module.modules.insert(mod);
      }
      if (all_known) {
        for (size_t i = 0; i < p.calls.size(); ++i)
          if (graph.nodes[p.calls[i].index].annotated && under_module(modules[i], by_module.modules))
            by_module.reach.push_back(p.calls[i].index);
        forms.push_back(std::move(by_module));
      }
      std::stable_sort(forms.begin(), forms.end(),
                       [](const Form& a, const Form& b) { return a.reach.size() < b.reach.size(); });
    }
    const bool only_soc_rules = std::all_of(grp.rules.begin(), grp.rules.end(),
                                            [](const std::string& id) { return id.rfind("soc.", 0) == 0; });
    std::vector<const Config*> candidates;
    for (const Config& c : kCandidates) {
      if (c.block && grp.current.block_size.empty()) continue;  // no block size to keep
      if (!grp.weighted && c.weight_bits != 8) continue;        // only the activation bits matter there
      // Distance 0 (the config the node has) stays: re-annotating with it fixes specs that a custom
      // annotation wrote differently from QnnQuantizer (a wrong fixed scale, an own spec on a view). A SoC
      // gate (soc.*) alone never goes away that way, so the try is skipped for those.
      if (distance(grp.current, c, grp.weighted) == 0 && only_soc_rules) continue;
      candidates.push_back(&c);
    }
    std::stable_sort(candidates.begin(), candidates.end(), [&](const Config* a, const Config* b) {
      const int da = distance(grp.current, *a, grp.weighted), db = distance(grp.current, *b, grp.weighted);
      if (da != db) return da < db;
      return a->weight_bits > b->weight_bits;
    });

    const std::vector<bool> failing_before = p.failing;
    bool accepted = false;
    for (const Form& form : forms) {
      for (const Config* cand : candidates) {
        Edits edits;
        edits.qspecs_before = graph.qspecs.size();
        bool faithful = true;
        for (uint32_t n : form.reach) faithful = reannotate(graph, n, *cand, edits) && faithful;
        p.evaluate();
        bool fixed = true;
        for (uint32_t n : grp.nodes) fixed = fixed && !p.failing[p.call_of[n]];
        for (size_t i = 0; i < p.calls.size() && fixed; ++i) fixed = !(p.failing[i] && !failing_before[i]);
        if (!fixed) {
          edits.undo(graph);
          p.failing = failing_before;
          continue;
        }
        FixChange ch;
        ch.rule = form.rule;
        for (uint32_t n : grp.nodes) ch.nodes.emplace_back(graph.nodes[n].name);
        ch.modules.assign(form.modules.begin(), form.modules.end());
        if (ch.modules.empty()) {
          std::set<std::string> mods;
          for (uint32_t n : grp.nodes)
            if (!modules[p.call_of[n]].empty()) mods.insert(modules[p.call_of[n]]);
          ch.modules.assign(mods.begin(), mods.end());
        }
        if (ch.modules.size() == 1) ch.module = ch.modules[0];
        ch.target = grp.target;
        ch.quant_dtype = std::string(cand->quant_dtype);
        ch.from_quant_dtype = quant_dtype_name(grp.current, grp.weighted);
        ch.granularity = granularity_of(*cand, grp.weighted);
        ch.fixes = grp.rules;
        ch.matched = form.reach.size();
        ch.faithful = faithful;
        any_approximate = any_approximate || !faithful;
        ch.simulation = faithful ? "every reached node re-annotated with the specs QnnQuantizer writes for " +
                                       ch.quant_dtype
                                 : "approximate: some reached nodes have an annotator qnnv does not model; their "
                                   "concrete activation specs were replaced by the config's activation spec";
        const std::string what = grp.current.act_bits ? (ch.from_quant_dtype.empty()
                                                             ? std::to_string(grp.current.act_bits) + "-bit activations"
                                                             : ch.from_quant_dtype)
                                                      : "float";
        const bool same = distance(grp.current, *cand, grp.weighted) == 0;
        ch.summary = "annotate " + std::to_string(ch.nodes.size()) + " " + grp.target + " node" +
                     (ch.nodes.size() == 1 ? "" : "s") + (ch.module.empty() ? "" : " in " + ch.module) +
                     " with " + ch.quant_dtype +
                     (same ? " as QnnQuantizer's own annotator does (their specs differ from what it writes)"
                           : " instead of " + what) +
                     " (fixes " + join(ch.fixes, ", ") + ")";
        observers.insert(std::string(grp.current.act_observer));
        change_observers.emplace_back(grp.current.act_observer);
        plan.changes.push_back(std::move(ch));
        accepted = true;
        break;
      }
      if (accepted) break;
    }
    if (!accepted) {
      std::vector<std::string> names;
      for (uint32_t n : grp.nodes) names.emplace_back(graph.nodes[n].name);
      plan.notes.push_back("no QuantDtype makes " + join(names, ", ") + " (" + grp.target + ", " +
                           join(grp.rules, ", ") + ") pass on " + plan.soc_model +
                           ": leave them unannotated (quantizer.add_discard_nodes) so they run outside the QNN "
                           "graph, or target a newer SoC");
    }
  }

  p.evaluate();
  plan.failing_after = p.failing_count();
  plan.verified = plan.failing_after == 0;
  for (size_t i = 0; i < p.calls.size(); ++i)
    if (p.failing[i]) plan.unresolved.emplace_back(graph.nodes[p.calls[i].index].name);
  if (!plan.changes.empty())
    plan.notes.push_back("simulated on the exported graph: each change re-annotates the nodes its rule reaches the "
                         "way QnnQuantizer's annotators do (qconfig.py and htp_rules.py as of pytorch/executorch@"
                         "cff6f4dd) and the whole graph is validated again; calibration, observers and custom "
                         "annotations are outside the simulation");
  if (any_approximate)
    plan.notes.push_back("some changes are approximate (\"faithful\": false): they reach ops whose annotator qnnv "
                         "does not model; re-export after applying them and validate again");
  bool modules_missing = false;
  for (const FixChange& ch : plan.changes) modules_missing = modules_missing || (ch.rule == "node_target" && ch.modules.empty());
  if (modules_missing)
    plan.notes.push_back("the export has no module paths (meta.module from nn_module_stack), so rules can only match "
                         "by target, which reaches every node of that target");

  // The snippet: QuantRecipe strategies, ahead of the user's own (priority 10 > the default 1).
  std::string s;
  s += "# qnnv fix plan for " + plan.soc_model + " (" + plan.backend + " " + plan.arch + "): " +
       std::to_string(plan.failing_before) + " failing node(s) -> " + std::to_string(plan.failing_after) +
       " after these changes (simulated)\n";
  if (plan.changes.empty()) {
    s += "# nothing to change" + std::string(plan.failing_before ? ": no QuantDtype fixes the failing nodes" : "") + "\n";
  } else {
    s += "import torch\n";
    s += "from executorch.backends.qualcomm.quantizer.quant_recipe import QuantGranularity, QuantRecipe\n";
    s += "from executorch.backends.qualcomm.quantizer.quantizer import QuantDtype\n";
    observers.insert("MovingAverageMinMaxObserver");
    s += "from torchao.quantization.pt2e import " + join({observers.begin(), observers.end()}, ", ") + "\n\n";
    const std::string default_dtype = graph.hint_quant_dtype.empty() ? "use_8a8w" : graph.hint_quant_dtype;
    s += "# Add the strategies below to your QuantRecipe (the first line stands for yours";
    s += graph.hint_quant_dtype.empty() ? "; the export names no quant_dtype" : "";
    s += "), then quantizer.set_recipe(recipe).\n";
    s += "recipe = (\n    QuantRecipe(QuantDtype." + default_dtype + ", False, act_observer=MovingAverageMinMaxObserver, "
         "granularity=QuantGranularity.PER_CHANNEL)\n";
    for (const FixChange& ch : plan.changes) {
      std::string what;
      if (ch.rule == "node_target") {
        what = "add_node_target(\n        {" + torch_op(ch.target) + "},";
      } else {
        std::vector<std::string> pats;
        for (const std::string& m : ch.modules) pats.push_back(py_string(regex_for_module(m)));
        what = "add_regex(\n        {" + join(pats, ", ") + "},";
      }
      const std::string& observer = change_observers[&ch - plan.changes.data()];
      s += "    # " + ch.summary + "\n";
      s += "    ." + what + "\n        QuantDtype." + ch.quant_dtype + ",\n        False,\n" +
           "        act_observer=" + observer + ",\n        granularity=QuantGranularity." +
           ch.granularity + ",\n        priority=10,\n        note=" +
           py_string("qnnv: " + join(ch.fixes, ", ") + " on " + plan.soc_model) + ",\n    )\n";
    }
    s += ")\nquantizer.set_recipe(recipe)\n";
  }
  plan.snippet = std::move(s);
  return plan;
}

std::string fix_plan_to_json(const FixPlan& plan, int indent) {
  nlohmann::ordered_json j;
  j["format"] = "qnnv.fix-plan";
  j["version"] = 1;
  j["backend"] = plan.backend;
  j["soc_model"] = plan.soc_model;
  j["arch"] = plan.arch;
  j["failing_before"] = plan.failing_before;
  j["failing_after"] = plan.failing_after;
  j["verified"] = plan.verified;
  nlohmann::ordered_json changes = nlohmann::ordered_json::array();
  for (const FixChange& ch : plan.changes) {
    nlohmann::ordered_json c;
    c["summary"] = ch.summary;
    c["rule"] = ch.rule;
    c["nodes"] = ch.nodes;
    c["module"] = ch.module;
    c["modules"] = ch.modules;
    c["target"] = ch.target;
    c["quant_dtype"] = ch.quant_dtype;
    c["from_quant_dtype"] = ch.from_quant_dtype;
    c["granularity"] = ch.granularity;
    c["fixes"] = ch.fixes;
    c["matched"] = ch.matched;
    c["faithful"] = ch.faithful;
    c["simulation"] = ch.simulation;
    changes.push_back(std::move(c));
  }
  j["changes"] = std::move(changes);
  j["unresolved"] = plan.unresolved;
  j["notes"] = plan.notes;
  j["snippet"] = plan.snippet;
  return j.dump(indent);
}

std::string fix_plan_to_text(const FixPlan& plan) {
  std::string out = "qnnv fix plan for " + plan.soc_model + " (" + plan.backend + " " + plan.arch + "): " +
                    std::to_string(plan.failing_before) + " failing node(s) -> " +
                    std::to_string(plan.failing_after) + " after the changes" +
                    (plan.changes.empty() ? "" : plan.verified ? " (verified on the re-annotated graph)"
                                                               : " (NOT all fixed)") +
                    "\n";
  for (size_t i = 0; i < plan.changes.size(); ++i) {
    const FixChange& ch = plan.changes[i];
    out += "\n" + std::to_string(i + 1) + ". " + ch.summary + "\n";
    out += "   rule: " + std::string(ch.rule == "node_target" ? "QuantRecipe.add_node_target" : "QuantRecipe.add_regex") +
           ", " + ch.granularity + ", reaches " + std::to_string(ch.matched) + " annotated node(s)" +
           (ch.faithful ? "" : " (simulation approximate)") + "\n";
    out += "   nodes: " + join(ch.nodes, ", ") + "\n";
  }
  if (!plan.unresolved.empty()) out += "\nstill failing: " + join(plan.unresolved, ", ") + "\n";
  for (const std::string& n : plan.notes) out += "\nnote: " + n + "\n";
  out += "\n" + plan.snippet;
  return out;
}

}  // namespace qnnv
