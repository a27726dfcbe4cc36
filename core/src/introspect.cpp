// qnnv — introspection of the constraint data: SoC list, rule tables, coverage and "explain" for one op
// on one SoC. JSON for the wasm module and the page, text for the CLI; both come from the same walk.
#include <algorithm>
#include <cstdio>
#include <map>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "conditions.h"
#include "qnnv/qnnv.h"
#include "text.h"

namespace qnnv {
namespace {

using ojson = nlohmann::ordered_json;

std::string basis_name(const Provenance& p) { return p.read ? "read" : "inferred"; }

void put_provenance(ojson& j, const Provenance& p) {
  j["source"] = p.source;
  j["basis"] = basis_name(p);
  if (!p.note.empty()) j["note"] = p.note;
}

std::string arch_label(std::string_view /*backend*/, int arch) {
  if (arch <= 0) return "none";
  return "v" + std::to_string(arch);
}

std::vector<std::string> backend_names(const ConstraintData& d, std::string_view backend) {
  std::vector<std::string> out;
  if (backend.empty()) {
    for (const auto& [name, b] : d.backends) out.push_back(name);
    return out;
  }
  if (!d.find_backend(backend))
    throw InputError("options.unknown-backend", "unknown backend \"" + std::string(backend) + "\" (known: htp, lpai)");
  out.emplace_back(backend);
  return out;
}

std::string fmt_double(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.10g", v);
  return buf;
}

void put_sdk(ojson& j, const SdkRange& r) {
  if (r.from) j["sdk_from"] = sdk_version_text(r.from);
  if (r.until != INT_MAX) j["sdk_until"] = sdk_version_text(r.until);
}

ojson operand_json(const ConditionOperand& o) {
  using M = ConditionOperand::Measure;
  ojson j;
  if (o.measure == M::constant) {
    j["constant"] = o.constant;
    return j;
  }
  if (!o.port.empty()) j["port"] = o.port;
  if (o.arg >= 0) j["arg"] = o.arg;
  if (!o.kwarg.empty()) j["kwarg"] = o.kwarg;
  if (o.element >= 0) j["element"] = o.element;
  static constexpr const char* kMeasures[] = {"value", "length", "product", "rank", "dim"};
  j["measure"] = kMeasures[static_cast<int>(o.measure)];
  if (o.measure == M::dim) j["dim"] = o.dim;
  return j;
}

ojson condition_json(const Condition& c) {
  ojson j;
  if (c.is_comparison()) {
    j["compare"] = ojson::array({operand_json(c.compare[0]), operand_json(c.compare[1])});
    j["relation"] = std::string(detail::relation_name(c.relation));
    return j;
  }
  if (!c.targets.empty()) {
    j["targets"] = c.targets;
    return j;
  }
  if (!c.any.empty()) {
    j["any"] = ojson::array();
    for (const Condition& alt : c.any) j["any"].push_back(condition_json(alt));
    return j;
  }
  if (!c.is_argument()) j["port"] = c.port;
  if (c.dim) j["dim"] = *c.dim;
  if (c.arg >= 0) j["arg"] = c.arg;
  if (!c.kwarg.empty()) j["kwarg"] = c.kwarg;
  if (c.element >= 0) j["element"] = c.element;
  if (!c.encodings.empty()) {
    ojson e = ojson::array();
    for (Encoding en : c.encodings) e.push_back(std::string(to_string(en)));
    j["encodings"] = e;
  }
  if (!c.dtypes.empty()) {
    ojson e = ojson::array();
    for (DataType t : c.dtypes) e.push_back(std::string(to_string(t)));
    j["dtypes"] = e;
  }
  if (c.bits) j["bits"] = c.bits;
  if (c.value_bits) j["value_bits"] = c.value_bits;
  if (c.any_element) j["any_element"] = true;
  if (c.last_axis) {
    j["axis_of"] = c.axis_of;
    j["last_axis"] = *c.last_axis;
  }
  if (c.present) j["present"] = *c.present;
  if (c.quantized) j["quantized"] = *c.quantized;
  if (c.symmetric) j["symmetric"] = *c.symmetric;
  if (c.fixed_qparams) j["fixed_qparams"] = *c.fixed_qparams;
  if (c.rank_min) j["rank_min"] = c.rank_min;
  if (c.rank_max != INT_MAX) j["rank_max"] = c.rank_max;
  if (!c.values.empty()) j["values"] = c.values;
  if (!c.not_values.empty()) j["not_values"] = c.not_values;
  if (c.absent) j["absent"] = *c.absent;
  if (!c.strings.empty()) j["strings"] = c.strings;
  if (!c.not_strings.empty()) j["not_strings"] = c.not_strings;
  if (!c.torch_dtypes.empty()) j["torch_dtypes"] = c.torch_dtypes;
  return j;
}

// "in[1] rank", "args[1]/normalized_shape length", "2".
std::string operand_text(const ojson& o) {
  if (o.contains("constant")) return std::to_string(o["constant"].get<int64_t>());
  std::string s;
  if (o.contains("port")) s = o["port"].get<std::string>();
  if (o.contains("arg")) s = "args[" + std::to_string(o["arg"].get<int>()) + "]";
  if (o.contains("kwarg")) s += (s.empty() ? "" : "/") + o["kwarg"].get<std::string>();
  if (o.contains("element")) s += "[" + std::to_string(o["element"].get<int>()) + "]";
  const std::string measure = o["measure"].get<std::string>();
  if (measure == "dim") return s + " size[" + std::to_string(o["dim"].get<int>()) + "]";
  return measure == "value" ? s : s + " " + measure;
}

// One line per condition, for the text form: "in[1] BLOCKWISE_EXPANSION", "args[6]/groups in {1}".
std::string condition_text(const ojson& c) {
  if (c.contains("compare")) {
    const Relation relation = *detail::parse_relation(c["relation"].get<std::string>());
    const std::string symbol = " " + std::string(detail::relation_symbol(relation)) + " ";
    return operand_text(c["compare"][0]) + symbol + operand_text(c["compare"][1]);
  }
  if (c.contains("targets")) {
    std::string s = "target in {";
    for (size_t i = 0; i < c["targets"].size(); ++i) s += (i ? "," : "") + c["targets"][i].get<std::string>();
    return s + "}";
  }
  if (c.contains("any")) {
    std::string s = "any of (";
    for (size_t i = 0; i < c["any"].size(); ++i) s += (i ? "; " : "") + condition_text(c["any"][i]);
    return s + ")";
  }
  std::string s;
  if (c.contains("port")) s = c["port"].get<std::string>();
  if (c.contains("dim")) s += " size[" + std::to_string(c["dim"].get<int>()) + "]";
  else {
    if (c.contains("arg")) s = "args[" + std::to_string(c["arg"].get<int>()) + "]";
    if (c.contains("kwarg")) s += (s.empty() ? "" : "/") + c["kwarg"].get<std::string>();
    if (c.contains("element")) s += "[" + std::to_string(c["element"].get<int>()) + "]";
    if (c.contains("any_element")) s += "[any]";
    if (c.contains("last_axis"))
      s += std::string(c["last_axis"].get<bool>() ? " is" : " is not") + " the last axis of " +
           c["axis_of"].get<std::string>();
  }
  for (const char* list : {"encodings", "dtypes"})
    if (c.contains(list)) {
      s += " ";
      for (size_t i = 0; i < c[list].size(); ++i) s += (i ? "|" : "") + c[list][i].get<std::string>();
    }
  if (c.contains("bits")) s += " " + std::to_string(c["bits"].get<int>()) + "-bit";
  if (c.contains("value_bits")) s += " " + std::to_string(c["value_bits"].get<int>()) + "-bit values";
  for (const char* flag : {"present", "quantized", "symmetric", "fixed_qparams"})
    if (c.contains(flag)) s += std::string(c[flag].get<bool>() ? " " : " not ") + flag;
  if (c.contains("rank_min") || c.contains("rank_max"))
    s += " rank " + (c.contains("rank_min") ? std::to_string(c["rank_min"].get<int>()) : std::string("0")) + ".." +
         (c.contains("rank_max") ? std::to_string(c["rank_max"].get<int>()) : std::string(""));
  auto ints = [](const ojson& a) {
    std::string t;
    for (size_t i = 0; i < a.size(); ++i) t += (i ? "," : "") + std::to_string(a[i].get<int64_t>());
    return t;
  };
  if (c.contains("values")) s += " in {" + ints(c["values"]) + "}";
  if (c.contains("not_values")) s += " not in {" + ints(c["not_values"]) + "}";
  if (c.contains("absent")) s += " (absent = " + std::to_string(c["absent"].get<int64_t>()) + ")";
  auto texts = [](const ojson& a) {
    std::string t;
    for (size_t i = 0; i < a.size(); ++i) t += (i ? "," : "") + detail::quote_text(a[i].get<std::string>());
    return t;
  };
  if (c.contains("strings")) s += " in {" + texts(c["strings"]) + "}";
  if (c.contains("not_strings")) s += " not in {" + texts(c["not_strings"]) + "}";
  if (c.contains("torch_dtypes")) s += " dtype in {" + texts(c["torch_dtypes"]) + "}";
  return s;
}

std::string sdk_text(const ojson& j) {
  if (!j.contains("sdk_from") && !j.contains("sdk_until")) return "";
  std::string s = " [QNN SDK ";
  if (j.contains("sdk_from")) s += j["sdk_from"].get<std::string>() + "+";
  if (j.contains("sdk_until")) s += std::string(j.contains("sdk_from") ? ", " : "") + "before " + j["sdk_until"].get<std::string>();
  return s + "]";
}

ojson port_json(const PortSpec& p) {
  ojson j;
  j["name"] = p.name;
  ojson dt = ojson::array();
  for (DataType t : p.dtypes) dt.push_back(std::string(to_string(t)));
  j["dtypes"] = dt;
  if (p.repeat) j["repeat"] = true;
  if (p.optional) j["optional"] = true;
  ojson cs = ojson::array();
  for (const auto& c : p.constraints) {
    ojson cj;
    ojson enc = ojson::array();
    for (Encoding e : c.encodings) enc.push_back(std::string(to_string(e)));
    cj["encodings"] = enc;
    if (c.symmetric) cj["symmetric"] = true;
    if (c.math_invariant) cj["math_invariant"] = true;
    if (c.scale) cj["scale"] = *c.scale;
    if (c.offset) cj["offset"] = *c.offset;
    if (!c.axis.empty()) cj["axis"] = c.axis;
    if (!c.hint.empty()) cj["hint"] = c.hint;
    put_sdk(cj, c.sdk);
    if (c.provenance) put_provenance(cj, *c.provenance);
    cs.push_back(cj);
  }
  j["constraints"] = cs;
  return j;
}

ojson rule_json(const RuleEntry& r) {
  ojson j;
  j["target"] = r.target;
  j["qnn_op"] = r.qnn_op ? ojson(*r.qnn_op) : ojson(nullptr);
  if (!r.reason.empty()) j["reason"] = r.reason;
  if (!r.rule_class.empty()) j["class"] = r.rule_class;
  if (!r.input_order.empty()) j["input_order"] = r.input_order;
  put_provenance(j, r.provenance);
  return j;
}

std::vector<const RuleEntry*> sorted_rules(const BackendData& b) {
  std::vector<const RuleEntry*> v;
  for (const auto& [t, r] : b.rules) v.push_back(&r);
  std::sort(v.begin(), v.end(), [](const RuleEntry* a, const RuleEntry* c) { return a->target < c->target; });
  return v;
}

ojson soc_json(const SocInfo& s) {
  ojson j;
  j["model"] = s.model;
  j["id"] = s.id;
  j["name"] = s.name;
  j["htp_arch"] = s.htp_arch;
  j["vtcm_mb"] = s.vtcm_mb;
  j["lpai_version"] = s.lpai_version;
  j["fp16"] = s.fp16;
  if (!s.aliases.empty()) j["aliases"] = s.aliases;
  put_provenance(j, s.provenance);
  return j;
}

std::vector<const SocInfo*> socs_for(const ConstraintData& d, std::string_view backend) {
  std::vector<const SocInfo*> v;
  for (const auto& s : d.socs)
    if (backend.empty() || ConstraintData::arch_of(s, backend) > 0) v.push_back(&s);
  std::string key = backend.empty() ? "htp" : std::string(backend);
  std::stable_sort(v.begin(), v.end(), [&](const SocInfo* a, const SocInfo* b) {
    int x = ConstraintData::arch_of(*a, key), y = ConstraintData::arch_of(*b, key);
    return x != y ? x > y : a->model < b->model;
  });
  return v;
}

ojson socs_doc(const ConstraintData& d, std::string_view backend) {
  if (!backend.empty()) backend_names(d, backend);  // validates
  ojson j;
  j["format"] = "qnnv.socs";
  j["version"] = 1;
  j["data_version"] = d.version;
  j["origin"] = d.origin;
  j["backend"] = std::string(backend);
  ojson arr = ojson::array();
  ojson groups = ojson::object();
  std::string key = backend.empty() ? "htp" : std::string(backend);
  for (const SocInfo* s : socs_for(d, backend)) {
    ojson sj = soc_json(*s);
    sj["arch"] = arch_label(key, ConstraintData::arch_of(*s, key));
    arr.push_back(sj);
    groups[arch_label(key, ConstraintData::arch_of(*s, key))].push_back(s->model);
  }
  j["socs"] = arr;
  j["by_arch"] = groups;
  return j;
}

ojson ops_doc(const ConstraintData& d, std::string_view backend) {
  ojson j;
  j["format"] = "qnnv.ops";
  j["version"] = 1;
  j["data_version"] = d.version;
  j["origin"] = d.origin;
  ojson bs = ojson::object();
  for (const auto& name : backend_names(d, backend)) {
    const BackendData& b = *d.find_backend(name);
    ojson bj;
    bj["version"] = b.version;
    bj["origin"] = b.origin;
    bj["complete"] = b.complete;
    ojson rules = ojson::array();
    std::map<std::string, std::vector<std::string>> targets_of;
    for (const RuleEntry* r : sorted_rules(b)) {
      rules.push_back(rule_json(*r));
      if (r->qnn_op) targets_of[*r->qnn_op].push_back(r->target);
    }
    bj["rules"] = rules;
    ojson ops = ojson::array();
    std::set<std::string> names;
    for (const auto& [n, op] : b.ops) names.insert(n);
    for (const auto& [n, t] : targets_of) names.insert(n);
    for (const auto& n : names) {
      ojson oj;
      oj["name"] = n;
      auto it = b.ops.find(n);
      oj["has_data"] = it != b.ops.end();
      oj["description"] = it != b.ops.end() ? it->second.description : "";
      ojson vs = ojson::array();
      if (it != b.ops.end())
        for (const auto& v : it->second.variants) vs.push_back(v.name);
      oj["variants"] = vs;
      oj["targets"] = targets_of.count(n) ? ojson(targets_of[n]) : ojson::array();
      ops.push_back(oj);
    }
    bj["ops"] = ops;
    bs[name] = bj;
  }
  j["backends"] = bs;
  return j;
}

ojson coverage_doc(const ConstraintData& d) {
  ojson j;
  j["format"] = "qnnv.coverage";
  j["version"] = 1;
  j["data_version"] = d.version;
  j["origin"] = d.origin;
  j["socs"] = d.socs.size();
  ojson bs = ojson::object();
  for (const auto& [name, b] : d.backends) {
    size_t variants = 0, read = 0, mapped = 0, none = 0;
    std::set<std::string> named;
    for (const auto& [t, r] : b.rules) {
      if (r.qnn_op) {
        ++mapped;
        named.insert(*r.qnn_op);
      } else {
        ++none;
      }
    }
    for (const auto& [n, op] : b.ops)
      for (const auto& v : op.variants) {
        ++variants;
        if (v.provenance.read) ++read;
      }
    ojson missing = ojson::array();
    for (const auto& n : named)
      if (!b.ops.count(n)) missing.push_back(n);
    // Read vs inferred per QNN SDK version the data knows: the variants, SoC rules and checks that hold
    // in that version.
    ojson by_sdk = ojson::object();
    for (int sdk : d.sdk_versions) {
      size_t v_all = 0, v_read = 0, facts = 0, facts_read = 0;
      for (const auto& [n, op] : b.ops)
        for (const auto& v : op.variants)
          if (v.sdk.holds(sdk)) ++v_all, v_read += v.provenance.read;
      for (const auto& r : b.soc_rules)
        if (r.sdk.holds(sdk)) ++facts, facts_read += r.provenance.read;
      for (const auto& k : b.checks)
        if (k.sdk.holds(sdk)) ++facts, facts_read += k.provenance.read;
      ojson sj;
      sj["variants"] = v_all;
      sj["variants_read"] = v_read;
      sj["variants_inferred"] = v_all - v_read;
      sj["rules_and_checks"] = facts;
      sj["rules_and_checks_read"] = facts_read;
      by_sdk[sdk_version_text(sdk)] = sj;
    }
    size_t checks_read = 0, accuracy = 0;
    for (const auto& k : b.checks) checks_read += k.provenance.read, accuracy += k.severity == CheckSeverity::accuracy;
    ojson bj;
    bj["version"] = b.version;
    bj["origin"] = b.origin;
    bj["complete"] = b.complete;
    bj["ops"] = b.ops.size();
    bj["ops_named_by_rules"] = named.size();
    bj["ops_without_data"] = missing;
    bj["variants"] = variants;
    bj["variants_read"] = read;
    bj["variants_inferred"] = variants - read;
    bj["targets"] = b.rules.size();
    bj["targets_mapped"] = mapped;
    bj["targets_none"] = none;
    bj["soc_rules"] = b.soc_rules.size();
    bj["checks"] = b.checks.size();
    bj["checks_read"] = checks_read;
    bj["checks_accuracy"] = accuracy;
    bj["by_qnn_sdk"] = by_sdk;
    bs[name] = bj;
  }
  j["backends"] = bs;
  return j;
}

bool rule_names_op(const std::vector<std::string>& ops, const std::string& op) {
  return ops.empty() || std::find(ops.begin(), ops.end(), op) != ops.end();
}

ojson explain_doc(const ConstraintData& d, std::string_view backend_in, std::string_view query_in,
                  std::string_view soc_in) {
  std::string backend(backend_in.empty() ? kDefaultBackend : backend_in);  // qnnv.h's defaults
  const BackendData* b = d.find_backend(backend);
  if (!b) throw InputError("options.unknown-backend", "unknown backend \"" + backend + "\" (known: htp, lpai)");
  std::string soc_name(soc_in.empty() ? kDefaultSoc : soc_in);
  const SocInfo* soc = d.find_soc(soc_name);
  if (!soc) throw InputError("options.unknown-soc", "unknown SoC \"" + soc_name + "\" (see `qnnv socs`)");
  std::string query(query_in);
  if (query.rfind("torch.ops.", 0) == 0) query = query.substr(10);

  std::vector<const RuleEntry*> rules;
  std::string op_name;
  if (auto it = b->rules.find(query); it != b->rules.end()) {
    rules.push_back(&it->second);
    if (it->second.qnn_op) op_name = *it->second.qnn_op;
  } else {
    for (const RuleEntry* r : sorted_rules(*b))
      if (r->qnn_op && *r->qnn_op == query) rules.push_back(r);
    if (b->ops.count(query) || !rules.empty()) op_name = query;
  }
  if (rules.empty() && op_name.empty())
    throw InputError("options.unknown-op", "\"" + std::string(query_in) + "\" is neither an aten target nor a QNN op of the " +
                                               backend + " backend (see `qnnv ops`)");

  const int arch = ConstraintData::arch_of(*soc, backend);
  ojson j;
  j["format"] = "qnnv.explain";
  j["version"] = 1;
  j["data_version"] = d.version;
  j["origin"] = d.origin;
  j["backend"] = backend;
  j["backend_origin"] = b->origin;
  j["backend_complete"] = b->complete;
  j["query"] = std::string(query_in);
  ojson sj = soc_json(*soc);
  sj["arch"] = arch_label(backend, arch);
  j["soc"] = sj;
  j["qnn_op"] = op_name.empty() ? ojson(nullptr) : ojson(op_name);
  ojson rj = ojson::array();
  std::set<std::string> sources;
  for (const RuleEntry* r : rules) {
    rj.push_back(rule_json(*r));
    sources.insert(r->provenance.source);
  }
  j["rules"] = rj;
  ojson vs = ojson::array();
  size_t other_arch = 0;
  bool has_data = false;
  if (!op_name.empty()) {
    auto it = b->ops.find(op_name);
    if (it != b->ops.end()) {
      has_data = true;
      j["description"] = it->second.description;
      for (const Variant& v : it->second.variants) {
        if (arch < v.min_arch || arch > v.max_arch) {
          ++other_arch;
          continue;
        }
        ojson vj;
        vj["name"] = v.name;
        if (v.min_arch) vj["min_arch"] = v.min_arch;
        if (v.max_arch != INT_MAX) vj["max_arch"] = v.max_arch;
        put_sdk(vj, v.sdk);
        if (!v.when.empty()) {
          ojson w = ojson::array();
          for (const auto& c : v.when) w.push_back(condition_json(c));
          vj["when"] = w;
        }
        ojson in = ojson::array(), out = ojson::array();
        for (const auto& p : v.inputs) in.push_back(port_json(p));
        for (const auto& p : v.outputs) out.push_back(port_json(p));
        vj["inputs"] = in;
        vj["outputs"] = out;
        put_provenance(vj, v.provenance);
        sources.insert(v.provenance.source);
        for (const auto* ports : {&v.inputs, &v.outputs})
          for (const auto& p : *ports)
            for (const auto& c : p.constraints)
              if (c.provenance) sources.insert(c.provenance->source);
        vs.push_back(vj);
      }
    }
  }
  j["has_data"] = has_data;
  j["variants"] = vs;
  j["variants_other_arch"] = other_arch;
  ojson srs = ojson::array();
  if (!op_name.empty()) {
    for (const SocRule& r : b->soc_rules) {
      if (!rule_names_op(r.ops, op_name)) continue;
      ojson x;
      x["id"] = r.id;
      if (r.min_arch) x["min_arch"] = r.min_arch;
      if (r.requires_fp16) x["requires_fp16"] = true;
      bool ok = arch >= r.min_arch && (!r.requires_fp16 || soc->fp16);
      x["soc_meets"] = ok;
      ojson when = ojson::array();
      for (const auto& c : r.when) when.push_back(condition_json(c));
      x["when"] = when;
      put_sdk(x, r.sdk);
      x["message"] = r.message;
      if (!r.hint.empty()) x["hint"] = r.hint;
      put_provenance(x, r.provenance);
      sources.insert(r.provenance.source);
      srs.push_back(x);
    }
  }
  j["soc_rules"] = srs;
  // Data checks on this op: attribute and cross-port constraints, accuracy warnings.
  ojson cks = ojson::array();
  if (!op_name.empty()) {
    for (const OpCheck& k : b->checks) {
      if (!rule_names_op(k.ops, op_name)) continue;
      ojson x;
      x["id"] = k.id;
      x["severity"] = k.severity == CheckSeverity::accuracy ? "accuracy" : "error";
      if (k.min_arch) x["min_arch"] = k.min_arch;
      if (k.max_arch != INT_MAX) x["max_arch"] = k.max_arch;
      x["applies_on_soc"] = arch >= k.min_arch && arch <= k.max_arch;
      put_sdk(x, k.sdk);
      ojson when = ojson::array();
      for (const auto& c : k.when) when.push_back(condition_json(c));
      x["when"] = when;
      std::string message = k.message;  // the op is known here; SoC, node and SDK are filled in at validation
      for (size_t pos; (pos = message.find("{op}")) != std::string::npos;) message.replace(pos, 4, op_name);
      x["message"] = message;
      if (!k.expected.empty()) x["expected"] = k.expected;
      if (!k.hint.empty()) x["hint"] = k.hint;
      put_provenance(x, k.provenance);
      sources.insert(k.provenance.source);
      cks.push_back(x);
    }
  }
  j["checks"] = cks;
  j["sources"] = sources;
  return j;
}

// ------------------------------------------------------------------------------------------ text
std::string port_text(const ojson& p, bool output) {
  std::string s = p["name"].get<std::string>() + ": ";
  const auto& dt = p["dtypes"];
  for (size_t i = 0; i < dt.size(); ++i) s += (i ? "|" : "") + dt[i].get<std::string>();
  if (p.contains("repeat")) s += " (repeats)";
  if (p.contains("optional") && !output) s += " (optional)";
  for (const auto& c : p["constraints"]) {
    s += "\n          ";
    const auto& e = c["encodings"];
    for (size_t i = 0; i < e.size(); ++i) s += (i ? "," : "") + e[i].get<std::string>();
    if (c.contains("symmetric")) s += " symmetric";
    if (c.contains("math_invariant")) s += " math-invariant (shared with input)";
    if (c.contains("scale")) s += " scale=" + fmt_double(c["scale"].get<double>());
    if (c.contains("offset")) s += " offset=" + std::to_string(c["offset"].get<int64_t>());
    if (c.contains("axis")) {
      s += " axis=";
      for (size_t i = 0; i < c["axis"].size(); ++i) s += (i ? "," : "") + std::to_string(c["axis"][i].get<int>());
    }
    s += sdk_text(c);
  }
  return s;
}

}  // namespace

std::string socs_json(const ConstraintData& d, std::string_view backend) { return socs_doc(d, backend).dump(2); }
std::string ops_json(const ConstraintData& d, std::string_view backend) { return ops_doc(d, backend).dump(2); }
std::string coverage_json(const ConstraintData& d) { return coverage_doc(d).dump(2); }
std::string explain_json(const ConstraintData& d, std::string_view backend, std::string_view op_or_target,
                         std::string_view soc) {
  return explain_doc(d, backend, op_or_target, soc).dump(2);
}

std::string socs_text(const ConstraintData& d, std::string_view backend) {
  ojson j = socs_doc(d, backend);
  std::ostringstream o;
  std::string key = backend.empty() ? "htp" : std::string(backend);
  o << "SoCs (data " << d.version << ", " << d.origin << ")" << (backend.empty() ? "" : " with a " + key + " backend")
    << "\n";
  char line[256];
  std::snprintf(line, sizeof line, "%-10s %-4s %5s %6s %5s %4s  %s\n", "model", "id", key == "lpai" ? "lpai" : "htp",
                "vtcm", "lpai", "fp16", "name");
  o << line;
  for (const auto& s : j["socs"]) {
    std::string name = s["name"].get<std::string>();
    if (s.contains("aliases")) {
      name += name.empty() ? "(also " : " (also ";
      for (size_t i = 0; i < s["aliases"].size(); ++i) name += (i ? ", " : "") + s["aliases"][i].get<std::string>();
      name += ")";
    }
    std::snprintf(line, sizeof line, "%-10s %-4d %5s %4dMB %5s %4s  %s\n", s["model"].get<std::string>().c_str(),
                  s["id"].get<int>(), s["arch"].get<std::string>().c_str(), s["vtcm_mb"].get<int>(),
                  s["lpai_version"].get<int>() ? ("v" + std::to_string(s["lpai_version"].get<int>())).c_str() : "-",
                  s["fp16"].get<bool>() ? "yes" : "no", name.c_str());
    o << line;
  }
  return o.str();
}

std::string ops_text(const ConstraintData& d, std::string_view backend) {
  ojson j = ops_doc(d, backend);
  std::ostringstream o;
  for (const auto& [name, b] : j["backends"].items()) {
    o << name << " backend (" << b["origin"].get<std::string>() << ", data " << b["version"].get<std::string>()
      << (b["complete"].get<bool>() ? ", complete op list" : "") << ")\n";
    o << "  QNN ops:\n";
    for (const auto& op : b["ops"]) {
      o << "    " << op["name"].get<std::string>();
      if (!op["has_data"].get<bool>()) o << "  [no constraint data]";
      o << "  <- ";
      const auto& t = op["targets"];
      for (size_t i = 0; i < t.size(); ++i) o << (i ? ", " : "") << t[i].get<std::string>();
      o << "\n";
    }
    o << "  aten targets with no QNN op (not validated):\n";
    for (const auto& r : b["rules"])
      if (r["qnn_op"].is_null())
        o << "    " << r["target"].get<std::string>() << ": " << r.value("reason", std::string()) << "\n";
  }
  return o.str();
}

std::string coverage_text(const ConstraintData& d) {
  ojson j = coverage_doc(d);
  std::ostringstream o;
  o << "constraint data " << d.version << " (" << d.origin << "), " << d.socs.size() << " SoCs\n";
  for (const auto& [name, b] : j["backends"].items()) {
    o << name << ": " << b["ops"].get<size_t>() << " QNN ops with data (" << b["ops_named_by_rules"].get<size_t>()
      << " named by rules), " << b["variants"].get<size_t>() << " variants (" << b["variants_read"].get<size_t>()
      << " read, " << b["variants_inferred"].get<size_t>() << " inferred), " << b["targets"].get<size_t>()
      << " aten targets (" << b["targets_mapped"].get<size_t>() << " mapped, " << b["targets_none"].get<size_t>()
      << " none), " << b["soc_rules"].get<size_t>() << " SoC rules" << (b["complete"].get<bool>() ? ", complete" : "")
      << "\n";
    o << "  checks: " << b["checks"].get<size_t>() << " (" << b["checks_read"].get<size_t>() << " read, "
      << b["checks_accuracy"].get<size_t>() << " accuracy warnings)\n";
    for (const auto& [sdk, s] : b["by_qnn_sdk"].items())
      o << "  QNN SDK " << sdk << ": " << s["variants"].get<size_t>() << " variants (" << s["variants_read"].get<size_t>()
        << " read, " << s["variants_inferred"].get<size_t>() << " inferred), " << s["rules_and_checks"].get<size_t>()
        << " SoC rules and checks (" << s["rules_and_checks_read"].get<size_t>() << " read)\n";
    if (!b["ops_without_data"].empty()) {
      o << "  ops without data:";
      for (const auto& n : b["ops_without_data"]) o << " " << n.get<std::string>();
      o << "\n";
    }
  }
  return o.str();
}

std::string explain_text(const ConstraintData& d, std::string_view backend, std::string_view op_or_target,
                         std::string_view soc) {
  ojson j = explain_doc(d, backend, op_or_target, soc);
  std::ostringstream o;
  const auto& s = j["soc"];
  o << j["query"].get<std::string>() << " on " << s["model"].get<std::string>() << " ("
    << j["backend"].get<std::string>() << " " << s["arch"].get<std::string>() << ", data " << d.version << ", "
    << j["backend_origin"].get<std::string>() << ")\n";
  o << "rules:\n";
  for (const auto& r : j["rules"]) {
    o << "  " << r["target"].get<std::string>() << " -> "
      << (r["qnn_op"].is_null() ? std::string("none") : r["qnn_op"].get<std::string>());
    if (r.contains("reason")) o << " (" << r["reason"].get<std::string>() << ")";
    o << "  [" << r["basis"].get<std::string>() << ": " << r["source"].get<std::string>() << "]\n";
  }
  if (!j["qnn_op"].is_null()) {
    if (!j["has_data"].get<bool>()) {
      o << "no constraint data for " << j["qnn_op"].get<std::string>() << "\n";
    } else {
      o << "variants of " << j["qnn_op"].get<std::string>() << " on " << s["arch"].get<std::string>()
        << " (tried in this order):\n";
      for (const auto& v : j["variants"]) {
        o << "  " << v["name"].get<std::string>() << "  [" << v["basis"].get<std::string>() << "]" << sdk_text(v) << "\n";
        if (v.contains("when"))
          for (const auto& c : v["when"]) o << "      when " << condition_text(c) << "\n";
        for (const auto& p : v["inputs"]) o << "      in  " << port_text(p, false) << "\n";
        for (const auto& p : v["outputs"]) o << "      out " << port_text(p, true) << "\n";
        o << "      source: " << v["source"].get<std::string>() << "\n";
        if (v.contains("note")) o << "      note: " << v["note"].get<std::string>() << "\n";
      }
      if (j["variants"].empty()) o << "  (none on this arch)\n";
      if (j["variants_other_arch"].get<size_t>())
        o << "  (" << j["variants_other_arch"].get<size_t>() << " more variants exist on other archs)\n";
    }
  }
  if (!j["soc_rules"].empty()) {
    o << "SoC rules:\n";
    for (const auto& r : j["soc_rules"]) {
      o << "  " << r["id"].get<std::string>() << ": " << (r["soc_meets"].get<bool>() ? "met by " : "NOT met by ")
        << s["model"].get<std::string>();
      if (r.contains("min_arch")) o << " (needs v" << r["min_arch"].get<int>() << "+)";
      if (r.contains("requires_fp16")) o << " (needs FP16)";
      o << sdk_text(r) << "  [" << r["basis"].get<std::string>() << ": " << r["source"].get<std::string>() << "]\n";
      for (const auto& c : r["when"]) o << "      when " << condition_text(c) << "\n";
    }
  }
  if (!j["checks"].empty()) {
    o << "checks (attribute, cross-port and accuracy):\n";
    for (const auto& k : j["checks"]) {
      o << "  " << k["id"].get<std::string>() << " (" << k["severity"].get<std::string>() << ")"
        << (k["applies_on_soc"].get<bool>() ? "" : " (not on this SoC)") << sdk_text(k) << ": "
        << k["message"].get<std::string>() << "\n";
      for (const auto& c : k["when"]) o << "      when " << condition_text(c) << "\n";
      o << "      [" << k["basis"].get<std::string>() << ": " << k["source"].get<std::string>() << "]\n";
    }
  }
  return o.str();
}

}  // namespace qnnv
