// qnnv — reads qnnv.data documents (docs/data-format.md) into ConstraintData: the built-in files of
// core/data and user files (e.g. from scripts/import_backend_opinfo.py). Every error is an InputError
// "data.*" with the JSON pointer of the offending value; nothing here may crash on a bad file.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <mutex>
#include <set>
#include <utility>

#include "conditions.h"
#include "data_reader.h"
#include "embedded_data.h"
#include "graph.h"
#include "qnnv/qnnv.h"
#include "text.h"

namespace qnnv {
namespace {

using detail::at;
using detail::json;
using detail::ProvenanceDefaults;
using detail::quote_text;
using detail::Reader;
using detail::type_name;

bool valid_port_ref(const std::string& s) {
  if (s == "*") return true;
  size_t pre = s.rfind("in[", 0) == 0 ? 3 : s.rfind("out[", 0) == 0 ? 4 : 0;
  if (pre == 0 || s.size() < pre + 2 || s.back() != ']') return false;
  for (size_t i = pre; i + 1 < s.size(); ++i)
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
  return true;
}

double parse_scale(const Reader& r, const json& v, const std::string& ptr) {
  double x = 0;
  if (v.is_number()) {
    x = v.get<double>();
  } else if (v.is_string()) {
    // "1/65536" keeps exact fractions reviewable
    std::string s = v.get<std::string>();
    auto slash = s.find('/');
    char* end = nullptr;
    if (slash == std::string::npos) {
      x = std::strtod(s.c_str(), &end);
      if (end != s.c_str() + s.size() || s.empty()) r.error("data.bad-value", "scale \"" + s + "\" is not a number", ptr);
    } else {
      std::string a = s.substr(0, slash), b = s.substr(slash + 1);
      char* e1 = nullptr;
      char* e2 = nullptr;
      double num = std::strtod(a.c_str(), &e1), den = std::strtod(b.c_str(), &e2);
      if (a.empty() || b.empty() || e1 != a.c_str() + a.size() || e2 != b.c_str() + b.size() || den == 0)
        r.error("data.bad-value", "scale \"" + s + "\" is not a number or a fraction a/b", ptr);
      x = num / den;
    }
  } else {
    r.error("data.type", std::string("scale must be a number or a fraction string, got ") + type_name(v), ptr);
  }
  if (!(x > 0) || !std::isfinite(x)) r.error("data.bad-value", "scale must be positive", ptr);
  return x;
}

QuantConstraint parse_constraint(const Reader& r, const json& c, const std::string& ptr) {
  r.expect_object(c, ptr, "constraint");
  r.check_keys(c, {"encodings", "symmetric", "math_invariant", "scale", "offset", "axis", "hint", "sdk_from", "sdk_until",
                  "source", "basis", "note"},
               ptr);
  QuantConstraint q;
  q.encodings = r.encodings(r.required(c, "encodings", ptr), at(ptr, "encodings"), false);
  q.symmetric = r.opt_bool(c, "symmetric", ptr);
  q.math_invariant = r.opt_bool(c, "math_invariant", ptr);
  if (const json* s = r.optional(c, "scale"); s && !s->is_null()) q.scale = parse_scale(r, *s, at(ptr, "scale"));
  if (const json* o = r.optional(c, "offset"); o && !o->is_null())
    q.offset = r.int_value(*o, at(ptr, "offset"), INT32_MIN, INT32_MAX);
  if (const json* a = r.optional(c, "axis"); a && !a->is_null()) q.axis = r.int_list(*a, at(ptr, "axis"), -8, 8);
  q.hint = r.opt_string(c, "hint", ptr);
  q.sdk = r.sdk_range(c, ptr);
  if (r.optional(c, "source") || r.optional(c, "basis")) q.provenance = r.provenance(c, ptr, nullptr, true);
  return q;
}

// One side of a comparison (docs/data-format.md, Comparisons): {"port", "measure": "rank" | "dim",
// "dim"}, {"arg" and/or "kwarg", "measure": "value" | "length" | "product", "element"} or {"constant"}.
ConditionOperand parse_operand(const Reader& r, const json& o, const std::string& op) {
  r.expect_object(o, op, "comparison operand");
  r.check_keys(o, {"port", "arg", "kwarg", "measure", "dim", "element", "constant"}, op);
  ConditionOperand x;
  using M = ConditionOperand::Measure;
  const bool has_port = r.optional(o, "port") != nullptr;
  const bool has_arg = r.optional(o, "arg") != nullptr || r.optional(o, "kwarg") != nullptr;
  const bool has_constant = r.optional(o, "constant") != nullptr;
  if (int(has_port) + int(has_arg) + int(has_constant) != 1)
    r.error("data.bad-value", "an operand is a \"port\", an argument (\"arg\" and/or \"kwarg\") or a \"constant\"", op);
  const std::string measure = r.opt_string(o, "measure", op, has_port ? "" : "value");
  if (has_constant) {
    if (r.optional(o, "measure") || r.optional(o, "dim") || r.optional(o, "element"))
      r.error("data.bad-value", "a constant operand has no \"measure\", \"dim\" or \"element\"", op);
    x.constant = r.int_value(o["constant"], at(op, "constant"), INT64_MIN, INT64_MAX);
    return x;
  }
  if (has_port) {
    x.port = r.opt_string(o, "port", op);
    if (x.port == "*" || !valid_port_ref(x.port))
      r.error("data.bad-value", "port must be \"in[N]\" or \"out[N]\", got \"" + x.port + "\"", at(op, "port"));
    if (measure == "rank") {
      x.measure = M::rank;
    } else if (measure == "dim") {
      x.measure = M::dim;
      x.dim = static_cast<int>(r.int_value(r.required(o, "dim", op), at(op, "dim"), -127, 126));
    } else {
      r.error("data.bad-value", "a port operand measures \"rank\" or \"dim\", got \"" + measure + "\"",
              r.optional(o, "measure") ? at(op, "measure") : op);
    }
    if (x.measure != M::dim && r.optional(o, "dim"))
      r.error("data.bad-value", "\"dim\" goes with \"measure\": \"dim\"", at(op, "dim"));
    if (r.optional(o, "element")) r.error("data.bad-value", "\"element\" belongs to argument operands", at(op, "element"));
    return x;
  }
  x.arg = r.opt_int(o, "arg", op, -1, 0, 1000);
  x.kwarg = r.opt_string(o, "kwarg", op);
  if (measure == "value") {
    x.measure = M::value;
  } else if (measure == "length") {
    x.measure = M::length;
  } else if (measure == "product") {
    x.measure = M::product;
  } else {
    r.error("data.bad-value",
            "an argument operand measures \"value\", \"length\" or \"product\", got \"" + measure + "\"",
            at(op, "measure"));
  }
  if (r.optional(o, "dim")) r.error("data.bad-value", "\"dim\" belongs to port operands", at(op, "dim"));
  x.element = r.opt_int(o, "element", op, -1, 0, 64);
  if (x.element >= 0 && x.measure != M::value)
    r.error("data.bad-value", "\"element\" picks one value of a list: it goes with \"measure\": \"value\"", at(op, "element"));
  return x;
}

// A condition of a variant's "when", a SoC rule's or a check's (docs/data-format.md, Conditions). Port
// conditions name a port; argument conditions name args[arg] and/or a kwarg; comparisons two operands.
Condition parse_condition(const Reader& r, const json& c, const std::string& cp) {
  r.expect_object(c, cp, "condition");
  r.check_keys(c, {"port", "encodings", "dtypes", "bits", "value_bits", "quantized", "symmetric", "fixed_qparams",
                   "present", "rank_min", "rank_max", "arg", "kwarg", "element", "any_element", "values", "not_values", "absent",
                   "axis_of", "last_axis", "strings", "not_strings", "torch_dtypes", "dim", "compare", "relation",
                   "targets", "any"},
               cp);
  Condition k;
  // The kinds that stand alone: a comparison, a target list, alternatives.
  auto only = [&](const char* kind, std::initializer_list<const char*> keys) {
    for (auto it = c.begin(); it != c.end(); ++it) {
      bool ok = it.key() == "$comment";
      for (const char* key : keys) ok = ok || it.key() == key;
      if (!ok) r.error("data.bad-value", std::string("a condition with \"") + kind + "\" holds no \"" + it.key() + "\"", at(cp, it.key()));
    }
  };
  if (const json* cmp = r.optional(c, "compare")) {
    only("compare", {"compare", "relation"});
    const std::string p = at(cp, "compare");
    r.expect_array(*cmp, p, "compare");
    if (cmp->size() != 2) r.error("data.bad-value", "\"compare\" lists exactly two operands", p);
    for (size_t i = 0; i < 2; ++i) k.compare.push_back(parse_operand(r, (*cmp)[i], at(p, i)));
    const std::string relation = r.opt_string(c, "relation", cp, "equal");
    const std::optional<Relation> known = detail::parse_relation(relation);
    if (!known)
      r.error("data.bad-value", "relation is " + detail::relation_names_listed() + ", got " +
                                    quote_text(relation), at(cp, "relation"));
    k.relation = *known;
    return k;
  }
  if (r.optional(c, "relation")) r.error("data.bad-value", "\"relation\" belongs to comparisons (\"compare\")", at(cp, "relation"));
  if (r.optional(c, "targets")) {
    only("targets", {"targets"});
    k.targets = r.opt_strings(c, "targets", cp);
    if (k.targets.empty()) r.error("data.bad-value", "\"targets\" lists at least one aten target", at(cp, "targets"));
    return k;
  }
  if (const json* alternatives = r.optional(c, "any")) {
    only("any", {"any"});
    const std::string p = at(cp, "any");
    r.expect_array(*alternatives, p, "any");
    if (alternatives->size() < 2) r.error("data.bad-value", "\"any\" lists at least two conditions", p);
    for (size_t i = 0; i < alternatives->size(); ++i) {
      const json& alt = (*alternatives)[i];
      // one level only: an "any" inside an "any" says nothing that one flat list cannot
      if (alt.is_object() && alt.contains("any"))
        r.error("data.bad-value", "a condition in \"any\" holds no \"any\"", at(at(p, i), "any"));
      k.any.push_back(parse_condition(r, alt, at(p, i)));
    }
    return k;
  }
  k.port = r.opt_string(c, "port", cp);
  if (r.optional(c, "port") && !valid_port_ref(k.port))
    r.error("data.bad-value", "port must be \"in[N]\", \"out[N]\" or \"*\", got \"" + k.port + "\"", at(cp, "port"));
  if (const json* e = r.optional(c, "encodings")) k.encodings = r.encodings(*e, at(cp, "encodings"), true);
  if (const json* d = r.optional(c, "dtypes")) k.dtypes = r.dtypes(*d, at(cp, "dtypes"));
  k.bits = r.opt_int(c, "bits", cp, 0, 0, 64);
  k.value_bits = r.opt_int(c, "value_bits", cp, 0, 0, 64);
  k.any_element = r.opt_bool(c, "any_element", cp);
  k.axis_of = r.opt_string(c, "axis_of", cp);
  if (r.optional(c, "axis_of") && (k.axis_of == "*" || !valid_port_ref(k.axis_of)))
    r.error("data.bad-value", "axis_of must be \"in[N]\" or \"out[N]\"", at(cp, "axis_of"));
  if (r.optional(c, "last_axis")) k.last_axis = r.opt_bool(c, "last_axis", cp);
  if (k.last_axis.has_value() != !k.axis_of.empty())
    r.error("data.bad-value", "axis_of and last_axis go together", cp);
  for (auto [key, field] : {std::pair{"present", &k.present}, std::pair{"quantized", &k.quantized},
                            std::pair{"symmetric", &k.symmetric}, std::pair{"fixed_qparams", &k.fixed_qparams}})
    if (r.optional(c, key)) *field = r.opt_bool(c, key, cp);
  k.rank_min = r.opt_int(c, "rank_min", cp, 0, 0, 64);
  k.rank_max = r.opt_int(c, "rank_max", cp, INT_MAX, 0, 64);
  k.arg = r.opt_int(c, "arg", cp, -1, 0, 1000);
  k.kwarg = r.opt_string(c, "kwarg", cp);
  k.element = r.opt_int(c, "element", cp, -1, 0, 64);
  if (const json* d = r.optional(c, "dim")) k.dim = static_cast<int>(r.int_value(*d, at(cp, "dim"), -127, 126));
  auto int64_list = [&](const char* key, std::vector<int64_t>& out) {
    if (const json* v = r.optional(c, key)) {
      r.expect_array(*v, at(cp, key), key);
      for (size_t i = 0; i < v->size(); ++i) out.push_back(r.int_value((*v)[i], at(at(cp, key), i), INT64_MIN, INT64_MAX));
    }
  };
  int64_list("values", k.values);
  int64_list("not_values", k.not_values);
  k.strings = r.opt_strings(c, "strings", cp);
  k.not_strings = r.opt_strings(c, "not_strings", cp);
  k.torch_dtypes = r.opt_strings(c, "torch_dtypes", cp);
  for (size_t i = 0; i < k.torch_dtypes.size(); ++i) {
    const detail::TorchDtype t = detail::parse_torch_dtype(k.torch_dtypes[i]);
    if (t == detail::TorchDtype::unknown || t == detail::TorchDtype::none)
      r.error("data.bad-value", "unknown torch dtype " + quote_text(k.torch_dtypes[i]), at(at(cp, "torch_dtypes"), i));
  }
  if (const json* a = r.optional(c, "absent")) k.absent = r.int_value(*a, at(cp, "absent"), INT64_MIN, INT64_MAX);
  const bool port_part = r.optional(c, "port") != nullptr;
  const bool arg_part = k.arg >= 0 || !k.kwarg.empty();
  const bool text_part = !k.strings.empty() || !k.not_strings.empty() || !k.torch_dtypes.empty();
  if (port_part == arg_part)
    r.error("data.bad-value", "a condition names either a \"port\", an argument (\"arg\" and/or \"kwarg\") or a comparison (\"compare\")", cp);
  if (arg_part && k.values.empty() && k.not_values.empty() && !k.last_axis && !text_part)
    r.error("data.bad-value",
            "an argument condition needs \"values\", \"not_values\", \"last_axis\", \"strings\", \"not_strings\" or \"torch_dtypes\"", cp);
  if (arg_part && text_part && (!k.values.empty() || !k.not_values.empty() || k.last_axis || k.absent))
    r.error("data.bad-value", "strings, not_strings and torch_dtypes do not go with values, not_values, absent or axis_of", cp);
  if (port_part && (k.absent || k.element >= 0 || k.any_element || k.last_axis || text_part))
    r.error("data.bad-value",
            "absent, element, any_element, axis_of, strings, not_strings and torch_dtypes belong to argument conditions", cp);
  if (port_part && (!k.values.empty() || !k.not_values.empty()) != k.dim.has_value())
    r.error("data.bad-value", "a port condition takes \"values\" or \"not_values\" with \"dim\" (a size of its shape), and \"dim\" with one of them", cp);
  if (arg_part && k.dim) r.error("data.bad-value", "\"dim\" belongs to port conditions", at(cp, "dim"));
  if (k.dim && k.port == "*") r.error("data.bad-value", "\"dim\" names one port, not \"*\"", at(cp, "dim"));
  if (k.rank_min > k.rank_max) r.error("data.bad-value", "rank_min is greater than rank_max", at(cp, "rank_max"));
  if (k.present && k.port == "*") r.error("data.bad-value", "\"present\" names one port, not \"*\"", at(cp, "present"));
  return k;
}

std::vector<Condition> parse_conditions(const Reader& r, const json& when, const std::string& ptr) {
  r.expect_array(when, ptr, "when");
  std::vector<Condition> out;
  for (size_t k = 0; k < when.size(); ++k) out.push_back(parse_condition(r, when[k], at(ptr, k)));
  return out;
}

PortSpec parse_port_object(const Reader& r, const json& p, const std::string& ptr) {
  r.check_keys(p, {"name", "dtype", "repeat", "optional", "constraints", "$ref"}, ptr);
  PortSpec port;
  port.name = r.opt_string(p, "name", ptr);
  port.dtypes = r.dtypes(r.required(p, "dtype", ptr), at(ptr, "dtype"));
  port.repeat = r.opt_bool(p, "repeat", ptr);
  port.optional = r.opt_bool(p, "optional", ptr);
  if (const json* cs = r.optional(p, "constraints")) {
    r.expect_array(*cs, at(ptr, "constraints"), "constraints");
    for (size_t i = 0; i < cs->size(); ++i)
      port.constraints.push_back(parse_constraint(r, (*cs)[i], at(at(ptr, "constraints"), i)));
  }
  return port;
}

struct Templates {
  const json* obj = nullptr;  // the backend's "port_templates"
  std::string ptr;
};

PortSpec parse_port(const Reader& r, const json& p, const std::string& ptr, const Templates& t) {
  json merged;
  std::string ref;
  bool opt_suffix = false, rep_suffix = false;
  if (p.is_string()) {
    ref = p.get<std::string>();
    while (!ref.empty() && (ref.back() == '?' || ref.back() == '*')) {
      (ref.back() == '?' ? opt_suffix : rep_suffix) = true;
      ref.pop_back();
    }
    merged = json::object();
  } else if (p.is_object()) {
    merged = p;
    if (const json* rv = r.optional(p, "$ref")) ref = r.string_value(*rv, at(ptr, "$ref"));
  } else {
    r.error("data.type", std::string("port must be an object or a template name, got ") + type_name(p), ptr);
  }
  if (!ref.empty() || p.is_string()) {
    if (!t.obj || !t.obj->contains(ref))
      r.error("data.unknown-ref", "unknown port template " + quote_text(ref), p.is_string() ? ptr : at(ptr, "$ref"));
    json base = (*t.obj)[ref];
    for (auto it = merged.begin(); it != merged.end(); ++it)
      if (it.key() != "$ref") base[it.key()] = it.value();
    merged = std::move(base);
  }
  PortSpec port = parse_port_object(r, merged, ptr);
  if (opt_suffix) port.optional = true;
  if (rep_suffix) port.repeat = true;
  return port;
}

std::vector<PortSpec> parse_ports(const Reader& r, const json& arr, const std::string& ptr, const Templates& t,
                                  bool outputs) {
  r.expect_array(arr, ptr, outputs ? "outputs" : "inputs");
  std::vector<PortSpec> ports;
  for (size_t i = 0; i < arr.size(); ++i) {
    PortSpec port = parse_port(r, arr[i], at(ptr, i), t);
    if (port.name.empty()) port.name = std::string(outputs ? "out[" : "in[") + std::to_string(i) + "]";
    if (port.repeat && i + 1 != arr.size())
      r.error("data.bad-value", "only the last port may repeat", at(ptr, i));
    if (!outputs && !port.optional && i > 0 && ports.back().optional)
      r.error("data.bad-value", "a required input port may not follow an optional one", at(ptr, i));
    // An output without a qspec does not take part in matching: outputs are always optional.
    if (outputs) port.optional = true;
    ports.push_back(std::move(port));
  }
  return ports;
}

Variant parse_variant(const Reader& r, const json& v, const std::string& ptr, const Templates& t,
                      const ProvenanceDefaults* def) {
  r.expect_object(v, ptr, "variant");
  r.check_keys(v, {"name", "inputs", "outputs", "min_arch", "max_arch", "sdk_from", "sdk_until", "when", "source",
                   "basis", "note"},
               ptr);
  Variant out;
  out.name = r.req_string(v, "name", ptr);
  out.inputs = parse_ports(r, r.required(v, "inputs", ptr), at(ptr, "inputs"), t, false);
  out.outputs = parse_ports(r, r.required(v, "outputs", ptr), at(ptr, "outputs"), t, true);
  out.min_arch = r.opt_int(v, "min_arch", ptr, 0);
  out.max_arch = r.opt_int(v, "max_arch", ptr, INT_MAX);
  if (out.min_arch > out.max_arch)
    r.error("data.bad-value", "min_arch is greater than max_arch", at(ptr, "max_arch"));
  out.sdk = r.sdk_range(v, ptr);
  if (const json* w = r.optional(v, "when")) out.when = parse_conditions(r, *w, at(ptr, "when"));
  out.provenance = r.provenance(v, ptr, def, true);
  return out;
}

OpData parse_op(const Reader& r, const std::string& name, const json& o, const std::string& ptr, const Templates& t) {
  r.expect_object(o, ptr, "op");
  r.check_keys(o, {"description", "variants", "source", "basis", "note"}, ptr);
  OpData op;
  op.name = name;
  op.description = r.opt_string(o, "description", ptr);
  const ProvenanceDefaults def = r.defaults(o, ptr);
  const json& vs = r.required(o, "variants", ptr);
  r.expect_array(vs, at(ptr, "variants"), "variants");
  for (size_t i = 0; i < vs.size(); ++i)
    op.variants.push_back(parse_variant(r, vs[i], at(at(ptr, "variants"), i), t, &def));
  return op;
}

void parse_rules(const Reader& r, const json& arr, const std::string& ptr, BackendData& b) {
  r.expect_array(arr, ptr, "rules");
  for (size_t i = 0; i < arr.size(); ++i) {
    const json& g = arr[i];
    std::string gp = at(ptr, i);
    r.expect_object(g, gp, "rule");
    r.check_keys(g, {"class", "target", "targets", "qnn_op", "reason", "input_order", "source", "basis", "note"}, gp);
    RuleEntry e;
    e.rule_class = r.opt_string(g, "class", gp);
    const json& op = r.required(g, "qnn_op", gp);
    if (!op.is_null()) {
      e.qnn_op = r.string_value(op, at(gp, "qnn_op"));
      if (e.qnn_op->empty()) r.error("data.bad-value", "qnn_op must not be empty (use null)", at(gp, "qnn_op"));
    }
    e.reason = r.opt_string(g, "reason", gp);
    if (!e.qnn_op && e.reason.empty())
      r.error("data.missing-field", "a rule with qnn_op null needs a \"reason\"", gp);
    if (const json* io = r.optional(g, "input_order")) e.input_order = r.int_list(*io, at(gp, "input_order"), 0, 1000);
    e.provenance = r.provenance(g, gp, nullptr, true);
    std::vector<std::pair<std::string, std::string>> targets;  // (target, pointer)
    const json* one = r.optional(g, "target");
    const json* many = r.optional(g, "targets");
    if (one && many) r.error("data.bad-value", "give either \"target\" or \"targets\", not both", gp);
    if (one) {
      targets.emplace_back(r.string_value(*one, at(gp, "target")), at(gp, "target"));
    } else if (many) {
      r.expect_array(*many, at(gp, "targets"), "targets");
      if (many->empty()) r.error("data.bad-value", "targets must not be empty", at(gp, "targets"));
      for (size_t k = 0; k < many->size(); ++k)
        targets.emplace_back(r.string_value((*many)[k], at(at(gp, "targets"), k)), at(at(gp, "targets"), k));
    } else {
      r.error("data.missing-field", "missing required field \"targets\"", gp);
    }
    for (auto& [target, tp] : targets) {
      std::string tname = target;
      if (tname.rfind("torch.ops.", 0) == 0) tname = tname.substr(10);
      if (tname.empty()) r.error("data.bad-value", "empty target", tp);
      RuleEntry copy = e;
      copy.target = tname;
      if (!b.rules.emplace(tname, std::move(copy)).second)
        r.error("data.duplicate", "target \"" + tname + "\" is listed twice", tp);
    }
  }
}

void parse_soc_rules(const Reader& r, const json& arr, const std::string& ptr, BackendData& b) {
  r.expect_array(arr, ptr, "soc_rules");
  std::set<std::string> ids;
  for (size_t i = 0; i < arr.size(); ++i) {
    const json& s = arr[i];
    std::string sp = at(ptr, i);
    r.expect_object(s, sp, "SoC rule");
    r.check_keys(s, {"id", "ops", "when", "min_arch", "requires_fp16", "sdk_from", "sdk_until", "message", "hint", "port",
                     "source", "basis", "note"},
                 sp);
    SocRule rule;
    rule.id = r.req_string(s, "id", sp);
    if (!ids.insert(rule.id).second) r.error("data.duplicate", "SoC rule \"" + rule.id + "\" is listed twice", at(sp, "id"));
    rule.ops = r.opt_strings(s, "ops", sp);
    if (const json* when = r.optional(s, "when")) rule.when = parse_conditions(r, *when, at(sp, "when"));
    rule.min_arch = r.opt_int(s, "min_arch", sp, 0);
    rule.requires_fp16 = r.opt_bool(s, "requires_fp16", sp);
    rule.sdk = r.sdk_range(s, sp);
    if (rule.min_arch == 0 && !rule.requires_fp16)
      r.error("data.bad-value", "a SoC rule needs \"min_arch\" or \"requires_fp16\"", sp);
    rule.message = r.req_string(s, "message", sp);
    rule.hint = r.opt_string(s, "hint", sp);
    rule.port = r.opt_string(s, "port", sp);
    if (!rule.port.empty() && (rule.port == "*" || !valid_port_ref(rule.port)))
      r.error("data.bad-value", "port must be \"in[N]\" or \"out[N]\"", at(sp, "port"));
    rule.provenance = r.provenance(s, sp, nullptr, true);
    b.soc_rules.push_back(std::move(rule));
  }
}

// Data checks (docs/data-format.md, Checks): attribute, cross-port and accuracy rules with their own ids.
void parse_checks(const Reader& r, const json& arr, const std::string& ptr, BackendData& b) {
  r.expect_array(arr, ptr, "checks");
  std::set<std::string> ids;
  for (size_t i = 0; i < arr.size(); ++i) {
    const json& s = arr[i];
    std::string sp = at(ptr, i);
    r.expect_object(s, sp, "check");
    r.check_keys(s, {"id", "severity", "ops", "when", "min_arch", "max_arch", "sdk_from", "sdk_until", "message",
                     "expected", "hint", "port", "source", "basis", "note"},
                 sp);
    OpCheck check;
    check.id = r.req_string(s, "id", sp);
    if (!ids.insert(check.id).second) r.error("data.duplicate", "check \"" + check.id + "\" is listed twice", at(sp, "id"));
    const std::string severity = r.opt_string(s, "severity", sp, "error");
    if (severity != "error" && severity != "accuracy")
      r.error("data.bad-value", "severity must be \"error\" or \"accuracy\", got \"" + severity + "\"", at(sp, "severity"));
    check.severity = severity == "error" ? CheckSeverity::error : CheckSeverity::accuracy;
    // The id says the kind, so that a report reader can tell an accuracy warning from a constraint.
    const bool accuracy_id = check.id.rfind("accuracy.", 0) == 0;
    if (accuracy_id != (check.severity == CheckSeverity::accuracy))
      r.error("data.bad-value", "a check with severity \"accuracy\" has an id starting \"accuracy.\", and only such a check",
              at(sp, "id"));
    check.ops = r.opt_strings(s, "ops", sp);
    check.when = parse_conditions(r, r.required(s, "when", sp), at(sp, "when"));
    if (check.when.empty()) r.error("data.bad-value", "a check needs at least one condition", at(sp, "when"));
    check.min_arch = r.opt_int(s, "min_arch", sp, 0);
    check.max_arch = r.opt_int(s, "max_arch", sp, INT_MAX);
    if (check.min_arch > check.max_arch)
      r.error("data.bad-value", "min_arch is greater than max_arch", at(sp, "max_arch"));
    check.sdk = r.sdk_range(s, sp);
    check.message = r.req_string(s, "message", sp);
    check.expected = r.opt_string(s, "expected", sp);
    check.hint = r.opt_string(s, "hint", sp);
    check.port = r.opt_string(s, "port", sp);
    if (!check.port.empty() && (check.port == "*" || !valid_port_ref(check.port)))
      r.error("data.bad-value", "port must be \"in[N]\" or \"out[N]\"", at(sp, "port"));
    check.provenance = r.provenance(s, sp, nullptr, true);
    b.checks.push_back(std::move(check));
  }
}

BackendData parse_backend(const Reader& r, const std::string& name, const json& o, const std::string& ptr,
                          const std::string& data_version) {
  r.expect_object(o, ptr, "backend");
  r.check_keys(o, {"version", "complete", "note", "port_templates", "rules", "ops", "soc_rules", "checks"}, ptr);
  BackendData b;
  b.name = name;
  b.version = r.opt_string(o, "version", ptr, data_version);
  b.complete = r.opt_bool(o, "complete", ptr);
  b.origin = r.origin();
  Templates t;
  if (const json* tp = r.optional(o, "port_templates")) {
    t.ptr = at(ptr, "port_templates");
    r.expect_object(*tp, t.ptr, "port_templates");
    for (auto it = tp->begin(); it != tp->end(); ++it) {
      r.expect_object(it.value(), at(t.ptr, it.key()), "port template");
      if (it.value().contains("$ref"))
        r.error("data.bad-value", "port templates may not use $ref", at(at(t.ptr, it.key()), "$ref"));
      parse_port_object(r, it.value(), at(t.ptr, it.key()));  // validates the template where it is written
    }
    t.obj = tp;
  }
  if (const json* ops = r.optional(o, "ops")) {
    std::string op_ptr = at(ptr, "ops");
    r.expect_object(*ops, op_ptr, "ops");
    for (auto it = ops->begin(); it != ops->end(); ++it) {
      if (it.key().empty()) r.error("data.bad-value", "empty op name", op_ptr);
      b.ops.emplace(it.key(), parse_op(r, it.key(), it.value(), at(op_ptr, it.key()), t));
    }
  }
  if (const json* rules = r.optional(o, "rules")) parse_rules(r, *rules, at(ptr, "rules"), b);
  if (const json* sr = r.optional(o, "soc_rules")) parse_soc_rules(r, *sr, at(ptr, "soc_rules"), b);
  if (const json* ck = r.optional(o, "checks")) parse_checks(r, *ck, at(ptr, "checks"), b);
  return b;
}

SocInfo parse_soc(const Reader& r, const json& s, const std::string& ptr) {
  r.expect_object(s, ptr, "SoC");
  r.check_keys(s, {"model", "id", "htp_arch", "vtcm_mb", "lpai_version", "fp16", "name", "aliases", "source", "basis", "note"},
               ptr);
  SocInfo soc;
  soc.model = r.req_string(s, "model", ptr);
  soc.id = r.opt_int(s, "id", ptr, 0);
  r.required(s, "htp_arch", ptr);
  soc.htp_arch = r.opt_int(s, "htp_arch", ptr, 0, 0, 1000);
  soc.vtcm_mb = r.opt_int(s, "vtcm_mb", ptr, 0, 0, 1 << 20);
  soc.lpai_version = r.opt_int(s, "lpai_version", ptr, 0, 0, 1000);
  soc.fp16 = r.opt_bool(s, "fp16", ptr);
  soc.name = r.opt_string(s, "name", ptr);
  soc.aliases = r.opt_strings(s, "aliases", ptr);
  for (size_t i = 0; i < soc.aliases.size(); ++i)
    if (soc.aliases[i].empty()) r.error("data.bad-value", "empty alias", at(at(ptr, "aliases"), i));
  soc.provenance = r.provenance(s, ptr, nullptr, true);
  return soc;
}

bool same_model(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::toupper(static_cast<unsigned char>(a[i])) != std::toupper(static_cast<unsigned char>(b[i]))) return false;
  return true;
}

// Applies one document onto `into`: backends it defines replace whole backends, SoCs replace by model.
void apply_document(std::string_view text, const std::string& origin, ConstraintData& into) {
  json doc = detail::parse_data_document(text, origin);
  Reader pre(origin, nullptr);
  pre.expect_object(doc, "", "a qnnv.data document");
  const json& fmt = pre.required(doc, "format", "");
  if (!fmt.is_string() || fmt.get<std::string>() != "qnnv.data")
    pre.error("data.format", "not a qnnv.data document (\"format\" must be \"qnnv.data\")", "/format");
  const json& ver = pre.required(doc, "version", "");
  if (!ver.is_number_integer() || ver.get<int64_t>() != 1)
    pre.error("data.version", "unsupported qnnv.data version (this build reads version 1)", "/version");
  pre.check_keys(doc, {"format", "version", "data_version", "sources", "note", "qnn_sdk", "qnn_sdk_versions", "socs",
                       "backends"},
                 "");
  const json* sources = pre.optional(doc, "sources");
  if (sources) {
    pre.expect_object(*sources, "/sources", "sources");
    for (auto it = sources->begin(); it != sources->end(); ++it) pre.string_value(it.value(), at("/sources", it.key()));
  }
  Reader r(origin, sources);
  std::string data_version = r.req_string(doc, "data_version", "");
  if (const json* v = r.optional(doc, "qnn_sdk_versions")) {
    r.expect_array(*v, "/qnn_sdk_versions", "qnn_sdk_versions");
    for (size_t i = 0; i < v->size(); ++i) r.sdk_version((*v)[i], at("/qnn_sdk_versions", i));
  }
  int read_from_sdk = 0;
  if (const json* v = r.optional(doc, "qnn_sdk")) read_from_sdk = r.sdk_version(*v, "/qnn_sdk");

  std::vector<SocInfo> socs;
  if (const json* s = r.optional(doc, "socs")) {
    r.expect_array(*s, "/socs", "socs");
    for (size_t i = 0; i < s->size(); ++i) {
      SocInfo soc = parse_soc(r, (*s)[i], at("/socs", i));
      for (const auto& other : socs)
        if (same_model(other.model, soc.model) || std::any_of(other.aliases.begin(), other.aliases.end(), [&](const std::string& a) {
              return same_model(a, soc.model);
            }))
          r.error("data.duplicate", "SoC \"" + soc.model + "\" is listed twice", at(at("/socs", i), "model"));
      socs.push_back(std::move(soc));
    }
  }
  std::vector<BackendData> backends;
  if (const json* b = r.optional(doc, "backends")) {
    r.expect_object(*b, "/backends", "backends");
    for (auto it = b->begin(); it != b->end(); ++it) {
      if (it.key() != "htp" && it.key() != "lpai")
        r.error("data.unknown-backend", "unknown backend \"" + it.key() + "\" (expected htp or lpai)", at("/backends", it.key()));
      backends.push_back(parse_backend(r, it.key(), it.value(), at("/backends", it.key()), data_version));
    }
  }
  // Only now modify `into`: a failing document leaves it untouched.
  into.version = data_version;
  if (read_from_sdk) into.read_from_sdk = read_from_sdk;
  for (auto& soc : socs) {
    auto it = std::find_if(into.socs.begin(), into.socs.end(),
                           [&](const SocInfo& s) { return same_model(s.model, soc.model); });
    if (it != into.socs.end()) *it = std::move(soc);
    else into.socs.push_back(std::move(soc));
  }
  for (auto& b : backends) {
    std::string name = b.name;
    into.backends[name] = std::move(b);
  }
  std::set<int> sdks(into.sdk_versions.begin(), into.sdk_versions.end());
  sdks.insert(r.sdk_seen().begin(), r.sdk_seen().end());
  into.sdk_versions.assign(sdks.begin(), sdks.end());
}

}  // namespace

const SocInfo* ConstraintData::find_soc(std::string_view model) const {
  for (const auto& s : socs)
    if (same_model(s.model, model)) return &s;
  for (const auto& s : socs)
    for (const auto& a : s.aliases)
      if (same_model(a, model)) return &s;
  return nullptr;
}

std::optional<int> parse_sdk_version(std::string_view text) {
  // MAJOR.MINOR, optionally followed by .PATCH (ignored): the data's facts are per minor release.
  int part[2] = {0, 0};
  size_t i = 0;
  for (int k = 0; k < 2; ++k) {
    const size_t start = i;
    while (i < text.size() && i - start < 4 && std::isdigit(static_cast<unsigned char>(text[i])))
      part[k] = part[k] * 10 + (text[i++] - '0');
    if (i == start) return std::nullopt;
    if (k == 0 && (i >= text.size() || text[i++] != '.')) return std::nullopt;
  }
  if (i < text.size()) {
    if (text[i++] != '.' || i == text.size()) return std::nullopt;
    for (; i < text.size(); ++i)
      if (!std::isdigit(static_cast<unsigned char>(text[i]))) return std::nullopt;
  }
  if (part[1] > 999) return std::nullopt;
  return part[0] * 1000 + part[1];
}

std::string sdk_version_text(int v) { return std::to_string(v / 1000) + "." + std::to_string(v % 1000); }

const BackendData* ConstraintData::find_backend(std::string_view name) const {
  auto it = backends.find(std::string(name));
  return it == backends.end() ? nullptr : &it->second;
}

int ConstraintData::arch_of(const SocInfo& soc, std::string_view backend) {
  if (backend == "htp") return soc.htp_arch;
  if (backend == "lpai") return soc.lpai_version;
  return 0;
}

std::shared_ptr<const ConstraintData> builtin_data() {
  static std::once_flag once;
  static std::shared_ptr<const ConstraintData> data;
  static std::optional<InputError> failure;
  std::call_once(once, [] {
    try {
      auto d = std::make_shared<ConstraintData>();
      std::string version;
      for (const auto& f : detail::embedded_data_files()) {
        apply_document(f.text, "built-in " + std::string(f.name), *d);
        if (!version.empty() && d->version != version)
          detail::data_fail("data.version-mismatch", "built-in " + std::string(f.name),
                            "data_version \"" + d->version + "\" differs from \"" + version + "\" of the other built-in files",
                            "/data_version");
        version = d->version;
      }
      for (auto& [name, b] : d->backends) b.origin = "built-in";
      d->origin = "built-in";
      data = std::move(d);
    } catch (const InputError& e) {
      failure.emplace(e);
    }
  });
  if (failure) throw *failure;
  return data;
}

std::shared_ptr<const ConstraintData> load_data(std::string_view json_text, std::string_view origin,
                                                const ConstraintData* base) {
  auto d = base ? std::make_shared<ConstraintData>(*base) : std::make_shared<ConstraintData>();
  apply_document(json_text, std::string(origin), *d);
  d->origin = std::string(origin);
  return d;
}

}  // namespace qnnv