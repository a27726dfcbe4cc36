// Constraint data: consistency of the built-in files, load_data merge semantics, located errors for bad
// data files, and the introspection outputs.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "embedded_data.h"
#include "qnnv/qnnv.h"

namespace {

using nlohmann::json;

const qnnv::ConstraintData& data() { return *qnnv::builtin_data(); }

const qnnv::BackendData& backend(const char* name) {
  const auto* b = data().find_backend(name);
  if (!b) throw std::runtime_error(std::string("no backend ") + name);
  return *b;
}

std::string read_file(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

qnnv::ErrorInfo load_error(const std::string& text, const qnnv::ConstraintData* base = nullptr) {
  try {
    qnnv::load_data(text, "test.json", base);
  } catch (const qnnv::InputError& e) {
    return e.info();
  }
  ADD_FAILURE() << "no error for: " << text;
  return {};
}

// A minimal valid document with one htp backend; `extra_op` is spliced into "ops".
std::string doc_with(const std::string& backend_body) {
  return R"({"format":"qnnv.data","version":1,"data_version":"test-1","backends":{"htp":)" + backend_body + "}}";
}

const std::string kGoodBackend = R"({
  "complete": true,
  "port_templates": {"a8": {"dtype": "UFIXED_POINT_8"}},
  "rules": [{"targets": ["aten.relu.default"], "qnn_op": "Relu", "source": "test", "basis": "read"}],
  "ops": {"Relu": {"source": "test", "basis": "inferred",
                   "variants": [{"name": "INT8", "inputs": ["a8"], "outputs": ["a8"]}]}}
})";

// ------------------------------------------------------------------------------------ built-in data

TEST(DataBuiltin, LoadsAllFilesWithOneVersion) {
  const auto& d = data();
  EXPECT_EQ(d.version, "2026.11");
  EXPECT_EQ(d.origin, "built-in");
  EXPECT_NE(d.find_backend("htp"), nullptr);
  EXPECT_NE(d.find_backend("lpai"), nullptr);
  EXPECT_EQ(d.find_backend("gpu"), nullptr);
  // Every embedded file is a qnnv.data document with the same data_version.
  ASSERT_GE(qnnv::detail::embedded_data_files().size(), 3u);
  for (const auto& f : qnnv::detail::embedded_data_files()) {
    json j = json::parse(f.text);
    EXPECT_EQ(j["format"], "qnnv.data") << f.name;
    EXPECT_EQ(j["data_version"], d.version) << f.name;
  }
}

TEST(DataBuiltin, RuleTablesCoverUpstream) {
  // htp_rules.py: 180 aten targets onto 80 QNN ops; lpai_rules.py: 135 targets (incl. the Embedding rule's
  // gather/index/index_select) onto 46 ops.
  const auto& h = backend("htp");
  const auto& l = backend("lpai");
  EXPECT_EQ(h.rules.size(), 180u);
  EXPECT_EQ(l.rules.size(), 135u);
  std::set<std::string> hops, lops;
  for (const auto& [t, r] : h.rules)
    if (r.qnn_op) hops.insert(*r.qnn_op);
  for (const auto& [t, r] : l.rules)
    if (r.qnn_op) lops.insert(*r.qnn_op);
  EXPECT_EQ(hops.size(), 82u);  // 80 + Batchnorm and InstanceNorm, which upstream leaves at qnn_op=None
  EXPECT_EQ(lops.size(), 46u);
  // spot checks from the brief and the samples
  EXPECT_EQ(h.rules.at("aten.hardtanh.default").qnn_op.value_or(""), "ReluMinMax");
  EXPECT_EQ(h.rules.at("aten.adaptive_avg_pool2d.default").qnn_op.value_or(""), "PoolAvg2d");
  EXPECT_EQ(h.rules.at("aten.flatten.using_ints").qnn_op.value_or(""), "Reshape");
  EXPECT_EQ(h.rules.at("aten.sort.default").qnn_op.value_or(""), "TopK");
  EXPECT_FALSE(h.rules.at("aten.embedding.default").qnn_op.has_value());
  EXPECT_FALSE(h.rules.at("aten.masked_fill.Tensor").qnn_op.has_value());
  EXPECT_FALSE(h.rules.at("aten.rsqrt.default").qnn_op.has_value());
  EXPECT_EQ(h.rules.count("aten.dropout.default"), 0u);
  // LPAI differences
  EXPECT_EQ(l.rules.count("aten.native_layer_norm.default"), 0u);
  EXPECT_EQ(l.rules.count("aten.squeeze.dims"), 0u);
  EXPECT_EQ(l.rules.count("aten.abs.default"), 0u);
  EXPECT_FALSE(l.rules.at("aten.index_select.default").qnn_op.has_value());
}

TEST(DataBuiltin, EveryNamedOpHasDataAndNoneRulesHaveReasons) {
  for (const auto& [bn, b] : data().backends) {
    for (const auto& [t, r] : b.rules) {
      EXPECT_EQ(r.target, t);
      if (r.qnn_op) {
        EXPECT_TRUE(b.ops.count(*r.qnn_op)) << bn << ": " << t << " names " << *r.qnn_op << " without data";
      } else {
        EXPECT_FALSE(r.reason.empty()) << bn << ": " << t;
      }
      EXPECT_FALSE(r.provenance.source.empty()) << bn << ": " << t;
    }
    // no op data nobody maps to (dangling the other way)
    std::set<std::string> named;
    for (const auto& [t, r] : b.rules)
      if (r.qnn_op) named.insert(*r.qnn_op);
    for (const auto& [n, op] : b.ops) EXPECT_TRUE(named.count(n)) << bn << ": op " << n << " is named by no rule";
  }
}

TEST(DataBuiltin, EveryVariantIsWellFormedAndSourced) {
  for (const auto& [bn, b] : data().backends) {
    for (const auto& [n, op] : b.ops) {
      ASSERT_FALSE(op.variants.empty()) << bn << "/" << n;
      std::set<std::string> names;
      for (const auto& v : op.variants) {
        EXPECT_TRUE(names.insert(v.name).second) << bn << "/" << n << ": duplicate variant " << v.name;
        EXPECT_FALSE(v.provenance.source.empty()) << bn << "/" << n << "/" << v.name;
        EXPECT_LE(v.min_arch, v.max_arch);
        EXPECT_FALSE(v.inputs.empty()) << bn << "/" << n << "/" << v.name;
        for (const auto* ports : {&v.inputs, &v.outputs})
          for (const auto& p : *ports) {
            EXPECT_FALSE(p.dtypes.empty());
            EXPECT_FALSE(p.name.empty());
            for (const auto& c : p.constraints) EXPECT_FALSE(c.encodings.empty());
          }
        for (const auto& p : v.outputs) EXPECT_TRUE(p.optional) << "outputs are implicitly optional";
      }
    }
    std::set<std::string> ids;
    for (const auto& r : b.soc_rules) {
      EXPECT_TRUE(ids.insert(r.id).second);
      EXPECT_FALSE(r.provenance.source.empty());
      for (const auto& op : r.ops) EXPECT_TRUE(b.ops.count(op)) << r.id << " names unknown op " << op;
    }
  }
}

TEST(DataBuiltin, SocTable) {
  const auto& d = data();
  std::set<std::string> models;
  std::set<int> ids;
  for (const auto& s : d.socs) {
    EXPECT_TRUE(models.insert(s.model).second) << s.model;
    EXPECT_TRUE(ids.insert(s.id).second) << s.model << " id " << s.id;
    EXPECT_GT(s.htp_arch, 0) << s.model;
    EXPECT_FALSE(s.provenance.source.empty()) << s.model;
  }
  for (const char* m : {"SM8350", "SM8450", "SM8475", "SM8550", "SM8650", "SM8750", "SM8850", "SM8845", "SA8295", "SA8255",
                        "SA8797", "SSG2115P", "SSG2125P", "SXR1230P", "SXR2230P", "SXR2330P", "QCS9100", "SAR2230P",
                        "SW6100", "QCM6490", "SM7675", "SM8635"})
    EXPECT_NE(d.find_soc(m), nullptr) << m;
  const auto* sm8750 = d.find_soc("sm8750");  // case-insensitive
  ASSERT_NE(sm8750, nullptr);
  EXPECT_EQ(sm8750->id, 69);
  EXPECT_EQ(sm8750->htp_arch, 79);
  EXPECT_TRUE(sm8750->fp16);
  EXPECT_EQ(sm8750->name, "Snapdragon 8 Elite");
  EXPECT_FALSE(d.find_soc("SM7675")->fp16);
  EXPECT_FALSE(d.find_soc("SM8635")->fp16);
  EXPECT_FALSE(d.find_soc("SM8350")->fp16);
  EXPECT_EQ(d.find_soc("SM8850")->lpai_version, 6);
  EXPECT_EQ(qnnv::ConstraintData::arch_of(*d.find_soc("SM8850"), "lpai"), 6);
  EXPECT_EQ(qnnv::ConstraintData::arch_of(*d.find_soc("SM8850"), "htp"), 81);
  EXPECT_EQ(qnnv::ConstraintData::arch_of(*d.find_soc("SM8750"), "lpai"), 0);
  EXPECT_EQ(d.find_soc("SM9999"), nullptr);
}

const qnnv::Variant* variant(const char* be, const char* op, const char* name) {
  for (const auto& v : backend(be).ops.at(op).variants)
    if (v.name == name) return &v;
  return nullptr;
}

TEST(DataBuiltin, CarriesTheRequiredFacts) {
  using qnnv::DataType;
  using qnnv::Encoding;
  auto fixed = [](const char* op, const char* var, double scale, int64_t offset) {
    const auto* v = variant("htp", op, var);
    ASSERT_NE(v, nullptr) << op << " " << var;
    ASSERT_FALSE(v->outputs[0].constraints.empty());
    const auto& c = v->outputs[0].constraints[0];
    ASSERT_TRUE(c.scale && c.offset) << op << " " << var;
    EXPECT_DOUBLE_EQ(*c.scale, scale) << op << " " << var;
    EXPECT_EQ(*c.offset, offset) << op << " " << var;
  };
  fixed("Sigmoid", "INT8", 1.0 / 256, 0);
  fixed("Sigmoid", "INT16", 1.0 / 65536, 0);
  fixed("ElementWiseNeuron", "INT8", 1.0 / 256, 0);
  fixed("ElementWiseNeuron", "INT16", 1.0 / 65536, 0);
  fixed("Tanh", "INT16", 1.0 / 32768, -32768);
  EXPECT_TRUE(variant("htp", "Tanh", "INT8")->outputs[0].constraints.empty());

  for (const char* op : {"Reshape", "Transpose", "DepthToSpace", "SpaceToDepth", "ChannelShuffle", "Tile", "Split", "UnPack",
                         "TopK"}) {
    const auto* v = variant("htp", op, "INT8");
    ASSERT_NE(v, nullptr) << op;
    ASSERT_FALSE(v->outputs[0].constraints.empty()) << op;
    EXPECT_TRUE(v->outputs[0].constraints[0].math_invariant) << op;
  }
  // MatMul: SFIXED_POINT_16 in[1] only with UFIXED_POINT_16 in[0], symmetric, per-tensor only
  for (const auto& v : backend("htp").ops.at("MatMul").variants) {
    if (v.inputs.size() < 2) continue;
    const auto& in1 = v.inputs[1];
    bool s16 = std::find(in1.dtypes.begin(), in1.dtypes.end(), DataType::SFIXED_POINT_16) != in1.dtypes.end();
    if (s16) {
      EXPECT_EQ(v.inputs[0].dtypes, std::vector<DataType>{DataType::UFIXED_POINT_16});
      ASSERT_EQ(in1.constraints.size(), 1u);
      EXPECT_TRUE(in1.constraints[0].symmetric);
      EXPECT_EQ(in1.constraints[0].encodings, std::vector<Encoding>{Encoding::SCALE_OFFSET});
    }
    for (const auto& c : in1.constraints)
      for (Encoding e : c.encodings) EXPECT_NE(e, Encoding::BLOCKWISE_EXPANSION) << "block-wise allowed on MatMul";
  }
  // Conv/Linear: block-wise allowed on int8 weights, 16-bit weights symmetric, int32 bias symmetric
  const auto* fc = variant("htp", "FullyConnected", "INT16 a16w8");
  ASSERT_NE(fc, nullptr);
  bool lpbq = false;
  for (const auto& c : fc->inputs[1].constraints)
    for (Encoding e : c.encodings)
      if (e == Encoding::BLOCKWISE_EXPANSION) lpbq = c.symmetric;
  EXPECT_TRUE(lpbq);
  EXPECT_TRUE(fc->inputs[2].optional);
  EXPECT_TRUE(fc->inputs[2].constraints[0].symmetric);
  EXPECT_TRUE(variant("htp", "Conv2d", "INT16 a16w16")->inputs[1].constraints[0].symmetric);
  EXPECT_EQ(variant("htp", "Conv3d", "INT16 a16w16"), nullptr) << "AIMET v75 lists no a16/w16 Conv3d";
  EXPECT_NE(variant("htp", "Conv2d", "FP16 W8"), nullptr);
  // SoC rules
  const auto& rules = backend("htp").soc_rules;
  auto rule = [&](const char* id) -> const qnnv::SocRule* {
    for (const auto& r : rules)
      if (r.id == id) return &r;
    return nullptr;
  };
  ASSERT_NE(rule("soc.lpbq-min-arch"), nullptr);
  EXPECT_EQ(rule("soc.lpbq-min-arch")->min_arch, 69);
  ASSERT_NE(rule("soc.16a16w-min-arch"), nullptr);
  EXPECT_EQ(rule("soc.16a16w-min-arch")->min_arch, 73);
  EXPECT_EQ(rule("soc.16a16w-min-arch")->when.size(), 2u);
  ASSERT_NE(rule("soc.fp16-unsupported"), nullptr);
  EXPECT_TRUE(rule("soc.fp16-unsupported")->requires_fp16);
  // LPAI has no float variants and its variants start at v5
  for (const auto& [n, op] : backend("lpai").ops)
    for (const auto& v : op.variants) {
      EXPECT_EQ(v.min_arch, 5) << n;
      for (const auto& p : v.inputs)
        for (DataType t : p.dtypes) EXPECT_FALSE(qnnv::is_float(t)) << n;
    }
}

// ------------------------------------------------------------------------------------ types

TEST(DataTypes, NamesValuesAndClasses) {
  using qnnv::DataType;
  EXPECT_EQ(qnnv::parse_datatype("UFIXED_POINT_16"), DataType::UFIXED_POINT_16);
  EXPECT_EQ(qnnv::parse_datatype("QNN_DATATYPE_SFIXED_POINT_8"), DataType::SFIXED_POINT_8);
  EXPECT_FALSE(qnnv::parse_datatype("UFIXED_8").has_value());
  EXPECT_FALSE(qnnv::parse_datatype("QNN_DATATYPE_").has_value());
  EXPECT_EQ(qnnv::to_string(DataType::BOOL_8), "BOOL_8");
  EXPECT_EQ(qnnv::to_qnn_value(DataType::UFIXED_POINT_8), 0x0408u);
  EXPECT_EQ(qnnv::to_qnn_value(DataType::SFIXED_POINT_32), 0x0332u);
  EXPECT_EQ(qnnv::to_qnn_value(DataType::FLOAT_16), 0x0216u);
  EXPECT_EQ(qnnv::to_qnn_value(DataType::UNDEFINED), 0x7FFFFFFFu);
  EXPECT_TRUE(qnnv::is_fixed_point(DataType::SFIXED_POINT_16));
  EXPECT_FALSE(qnnv::is_fixed_point(DataType::INT_16));
  EXPECT_TRUE(qnnv::is_float(DataType::FLOAT_32));
  EXPECT_FALSE(qnnv::is_float(DataType::UFIXED_POINT_8));
  EXPECT_EQ(qnnv::bit_width(DataType::UFIXED_POINT_16), 16);
  EXPECT_EQ(qnnv::bit_width(DataType::SFIXED_POINT_4), 4);
  EXPECT_EQ(qnnv::bit_width(DataType::STRING), 0);
  for (int i = 0; i <= static_cast<int>(DataType::UNDEFINED); ++i) {
    auto t = static_cast<DataType>(i);
    EXPECT_EQ(qnnv::parse_datatype(qnnv::to_string(t)), t);
  }
  using qnnv::Encoding;
  EXPECT_EQ(qnnv::parse_encoding("QNN_QUANTIZATION_ENCODING_BLOCKWISE_EXPANSION"), Encoding::BLOCKWISE_EXPANSION);
  EXPECT_EQ(qnnv::parse_encoding("BW_AXIS_SCALE_OFFSET"), Encoding::BW_AXIS_SCALE_OFFSET);
  EXPECT_FALSE(qnnv::parse_encoding("PER_CHANNEL").has_value());
  for (int i = 0; i <= static_cast<int>(Encoding::NONE); ++i) {
    auto e = static_cast<Encoding>(i);
    EXPECT_EQ(qnnv::parse_encoding(qnnv::to_string(e)), e);
  }
}

// ------------------------------------------------------------------------------------ merge semantics

TEST(DataMerge, BackendReplacedWholeRestKept) {
  auto d = qnnv::load_data(doc_with(kGoodBackend), "mine.json", &data());
  EXPECT_EQ(d->version, "test-1");
  EXPECT_EQ(d->origin, "mine.json");
  const auto* h = d->find_backend("htp");
  ASSERT_NE(h, nullptr);
  EXPECT_EQ(h->origin, "mine.json");
  EXPECT_TRUE(h->complete);
  EXPECT_EQ(h->ops.size(), 1u);  // the whole backend is replaced, not merged op by op
  EXPECT_EQ(h->rules.size(), 1u);
  EXPECT_TRUE(h->soc_rules.empty());
  EXPECT_EQ(h->version, "test-1");  // defaults to data_version
  // untouched: lpai backend and SoCs from the base
  ASSERT_NE(d->find_backend("lpai"), nullptr);
  EXPECT_EQ(d->find_backend("lpai")->ops.size(), data().find_backend("lpai")->ops.size());
  EXPECT_EQ(d->socs.size(), data().socs.size());
  // the base is not modified
  EXPECT_EQ(data().find_backend("htp")->ops.size(), 82u);
}

TEST(DataMerge, SocsReplaceByModelOrAdd) {
  std::string doc = R"({"format":"qnnv.data","version":1,"data_version":"x","socs":[
    {"model":"SM8750","id":69,"htp_arch":81,"fp16":false,"source":"t","basis":"inferred"},
    {"model":"SM9000","id":200,"htp_arch":85,"vtcm_mb":16,"fp16":true,"name":"Next","source":"t","basis":"read"}]})";
  auto d = qnnv::load_data(doc, "socs.json", &data());
  EXPECT_EQ(d->socs.size(), data().socs.size() + 1);
  EXPECT_EQ(d->find_soc("SM8750")->htp_arch, 81);
  EXPECT_FALSE(d->find_soc("SM8750")->fp16);
  EXPECT_EQ(d->find_soc("SM9000")->vtcm_mb, 16);
  EXPECT_EQ(d->find_backend("htp")->ops.size(), 82u);  // backends kept
  // without a base only the document's content exists
  auto alone = qnnv::load_data(doc, "socs.json", nullptr);
  EXPECT_EQ(alone->socs.size(), 2u);
  EXPECT_TRUE(alone->backends.empty());
}

TEST(DataMerge, TemplatesShorthandAndSourcesExpand) {
  std::string doc = R"({"format":"qnnv.data","version":1,"data_version":"x",
    "sources":{"SRC":"the full citation"},
    "backends":{"lpai":{"port_templates":{
        "w":{"name":"weight","dtype":["SFIXED_POINT_8","UFIXED_POINT_8"],"constraints":[{"encodings":["AXIS_SCALE_OFFSET"],"symmetric":true}]},
        "a":{"dtype":"UFIXED_POINT_16"}},
      "rules":[{"target":"torch.ops.aten.linear.default","qnn_op":"FullyConnected","input_order":[0,1,2],"source":"SRC (x); other","basis":"read"}],
      "ops":{"FullyConnected":{"variants":[{"name":"V","min_arch":6,"inputs":["a",{"$ref":"w","name":"w2"},"a?"],"outputs":["a*"],
                                             "source":"SRC","basis":"inferred"}]}}}}})";
  auto d = qnnv::load_data(doc, "t", nullptr);
  const auto& b = *d->find_backend("lpai");
  const auto& r = b.rules.at("aten.linear.default");  // "torch.ops." prefix dropped
  EXPECT_EQ(r.input_order, (std::vector<int>{0, 1, 2}));
  EXPECT_EQ(r.provenance.source, "the full citation (x); other");
  EXPECT_TRUE(r.provenance.read);
  const auto& v = b.ops.at("FullyConnected").variants.at(0);
  EXPECT_EQ(v.min_arch, 6);
  EXPECT_EQ(v.provenance.source, "the full citation");
  EXPECT_FALSE(v.provenance.read);
  ASSERT_EQ(v.inputs.size(), 3u);
  EXPECT_EQ(v.inputs[0].name, "in[0]");
  EXPECT_EQ(v.inputs[1].name, "w2");
  EXPECT_EQ(v.inputs[1].dtypes.size(), 2u);
  EXPECT_TRUE(v.inputs[1].constraints.at(0).symmetric);
  EXPECT_TRUE(v.inputs[2].optional);
  EXPECT_FALSE(v.inputs[0].optional);
  EXPECT_TRUE(v.outputs[0].repeat);
}

// ------------------------------------------------------------------------------------ located errors

struct BadCase {
  const char* name;
  std::string text;
  const char* code;
  const char* pointer;
};

TEST(DataErrors, LocatedErrorsForBadFiles) {
  const std::string op_prefix = R"({"port_templates":{"a8":{"dtype":"UFIXED_POINT_8"}},"ops":{"Relu":{"variants":[)";
  const std::string op_suffix = "]}}}";
  auto variant_doc = [&](const std::string& v) { return doc_with(op_prefix + v + op_suffix); };
  const std::vector<BadCase> cases = {
      {"syntax", R"({"format": "qnnv.data",)", "data.syntax", ""},
      {"not an object", "[1,2]", "data.type", ""},
      {"wrong format", R"({"format":"qnnv.graph","version":1,"data_version":"x"})", "data.format", "/format"},
      {"wrong version", R"({"format":"qnnv.data","version":2,"data_version":"x"})", "data.version", "/version"},
      {"missing data_version", R"({"format":"qnnv.data","version":1})", "data.missing-field", ""},
      {"unknown top field", R"({"format":"qnnv.data","version":1,"data_version":"x","bogus":1})", "data.unknown-field",
       "/bogus"},
      {"unknown backend", R"({"format":"qnnv.data","version":1,"data_version":"x","backends":{"gpu":{}}})",
       "data.unknown-backend", "/backends/gpu"},
      {"unknown dtype",
       variant_doc(R"({"name":"V","inputs":[{"dtype":"UFIXED_POINT_7"}],"outputs":[],"source":"s","basis":"read"})"),
       "data.unknown-dtype", "/backends/htp/ops/Relu/variants/0/inputs/0/dtype"},
      {"unknown dtype in list",
       variant_doc(R"({"name":"V","inputs":[{"dtype":["UFIXED_POINT_8","U16"]}],"outputs":[],"source":"s","basis":"read"})"),
       "data.unknown-dtype", "/backends/htp/ops/Relu/variants/0/inputs/0/dtype/1"},
      {"unknown encoding",
       variant_doc(R"({"name":"V","inputs":[{"dtype":"UFIXED_POINT_8","constraints":[{"encodings":["PER_TENSOR"]}]}],"outputs":[],"source":"s","basis":"read"})"),
       "data.unknown-encoding", "/backends/htp/ops/Relu/variants/0/inputs/0/constraints/0/encodings/0"},
      {"wrong type symmetric",
       variant_doc(R"({"name":"V","inputs":[{"dtype":"UFIXED_POINT_8","constraints":[{"encodings":["SCALE_OFFSET"],"symmetric":"yes"}]}],"outputs":[],"source":"s","basis":"read"})"),
       "data.type", "/backends/htp/ops/Relu/variants/0/inputs/0/constraints/0/symmetric"},
      {"bad scale",
       variant_doc(R"({"name":"V","inputs":["a8"],"outputs":[{"dtype":"UFIXED_POINT_8","constraints":[{"encodings":["SCALE_OFFSET"],"scale":"1/0"}]}],"source":"s","basis":"read"})"),
       "data.bad-value", "/backends/htp/ops/Relu/variants/0/outputs/0/constraints/0/scale"},
      {"inputs not array", variant_doc(R"({"name":"V","inputs":"a8","outputs":[],"source":"s","basis":"read"})"),
       "data.type", "/backends/htp/ops/Relu/variants/0/inputs"},
      {"missing source", variant_doc(R"({"name":"V","inputs":["a8"],"outputs":[],"basis":"read"})"),
       "data.missing-field", "/backends/htp/ops/Relu/variants/0"},
      {"missing basis", variant_doc(R"({"name":"V","inputs":["a8"],"outputs":[],"source":"s"})"),
       "data.missing-field", "/backends/htp/ops/Relu/variants/0"},
      {"bad basis", variant_doc(R"({"name":"V","inputs":["a8"],"outputs":[],"source":"s","basis":"guessed"})"),
       "data.bad-value", "/backends/htp/ops/Relu/variants/0/basis"},
      {"missing name", variant_doc(R"({"inputs":["a8"],"outputs":[],"source":"s","basis":"read"})"),
       "data.missing-field", "/backends/htp/ops/Relu/variants/0"},
      {"dangling template", variant_doc(R"({"name":"V","inputs":["a9"],"outputs":[],"source":"s","basis":"read"})"),
       "data.unknown-ref", "/backends/htp/ops/Relu/variants/0/inputs/0"},
      {"dangling $ref", variant_doc(R"({"name":"V","inputs":[{"$ref":"zz"}],"outputs":[],"source":"s","basis":"read"})"),
       "data.unknown-ref", "/backends/htp/ops/Relu/variants/0/inputs/0/$ref"},
      {"repeat not last", variant_doc(R"({"name":"V","inputs":["a8*","a8"],"outputs":[],"source":"s","basis":"read"})"),
       "data.bad-value", "/backends/htp/ops/Relu/variants/0/inputs/0"},
      {"required after optional",
       variant_doc(R"({"name":"V","inputs":["a8?","a8"],"outputs":[],"source":"s","basis":"read"})"), "data.bad-value",
       "/backends/htp/ops/Relu/variants/0/inputs/1"},
      {"arch range", variant_doc(R"({"name":"V","min_arch":75,"max_arch":73,"inputs":["a8"],"outputs":[],"source":"s","basis":"read"})"),
       "data.bad-value", "/backends/htp/ops/Relu/variants/0/max_arch"},
      {"unknown port field",
       variant_doc(R"({"name":"V","inputs":[{"dtype":"UFIXED_POINT_8","dtypes":"x"}],"outputs":[],"source":"s","basis":"read"})"),
       "data.unknown-field", "/backends/htp/ops/Relu/variants/0/inputs/0/dtypes"},
      {"duplicate op key",
       doc_with(R"({"ops":{"Relu":{"variants":[]},"Relu":{"variants":[]}}})"), "data.duplicate", "/backends/htp/ops/Relu"},
      {"duplicate target",
       doc_with(R"({"rules":[{"targets":["aten.relu.default"],"qnn_op":"Relu","source":"s","basis":"read"},
                             {"target":"aten.relu.default","qnn_op":null,"reason":"r","source":"s","basis":"read"}]})"),
       "data.duplicate", "/backends/htp/rules/1/target"},
      {"none rule without reason",
       doc_with(R"({"rules":[{"targets":["aten.x.default"],"qnn_op":null,"source":"s","basis":"read"}]})"),
       "data.missing-field", "/backends/htp/rules/0"},
      {"rule without qnn_op", doc_with(R"({"rules":[{"targets":["aten.x.default"],"source":"s","basis":"read"}]})"),
       "data.missing-field", "/backends/htp/rules/0"},
      {"soc rule bad port",
       doc_with(R"({"soc_rules":[{"id":"x","when":[{"port":"weight"}],"min_arch":69,"message":"m","source":"s","basis":"read"}]})"),
       "data.bad-value", "/backends/htp/soc_rules/0/when/0/port"},
      {"soc rule without requirement",
       doc_with(R"({"soc_rules":[{"id":"x","when":[],"message":"m","source":"s","basis":"read"}]})"), "data.bad-value",
       "/backends/htp/soc_rules/0"},
      {"duplicate soc",
       R"({"format":"qnnv.data","version":1,"data_version":"x","socs":[{"model":"A","htp_arch":69,"source":"s","basis":"read"},{"model":"a","htp_arch":73,"source":"s","basis":"read"}]})",
       "data.duplicate", "/socs/1/model"},
      {"soc without arch", R"({"format":"qnnv.data","version":1,"data_version":"x","socs":[{"model":"A","source":"s","basis":"read"}]})",
       "data.missing-field", "/socs/0"},
      {"soc arch wrong type",
       R"({"format":"qnnv.data","version":1,"data_version":"x","socs":[{"model":"A","htp_arch":"v79","source":"s","basis":"read"}]})",
       "data.type", "/socs/0/htp_arch"},
      {"too deep", std::string(200, '[') + std::string(200, ']'), "data.limit-depth", ""},
  };
  for (const auto& c : cases) {
    qnnv::ErrorInfo e = load_error(c.text, &data());
    EXPECT_EQ(e.code, c.code) << c.name << ": " << e.message;
    EXPECT_EQ(e.pointer, c.pointer) << c.name << ": " << e.message;
    EXPECT_NE(e.message.find("test.json"), std::string::npos) << c.name << ": message names the file";
  }
}

TEST(DataErrors, SyntaxErrorHasLineAndColumn) {
  qnnv::ErrorInfo e = load_error("{\n  \"format\": \"qnnv.data\",\n  \"version\": 1 1\n}");
  EXPECT_EQ(e.code, "data.syntax");
  EXPECT_EQ(e.line, 3);
  EXPECT_GT(e.column, 1);
}

// ------------------------------------------------------------------------------------ importer output

TEST(DataImporter, CheckedInImporterOutputLoads) {
  std::string text = read_file(std::string(QNNV_TESTS_DIR) + "/importer/expected_import.json");
  ASSERT_FALSE(text.empty());
  auto d = qnnv::load_data(text, "expected_import.json", &data());
  const auto* h = d->find_backend("htp");
  ASSERT_NE(h, nullptr);
  EXPECT_TRUE(h->complete);
  EXPECT_EQ(h->origin, "expected_import.json");
  EXPECT_EQ(h->rules.size(), 180u);  // rule table kept from the built-in data
  ASSERT_TRUE(h->ops.count("Conv2d"));
  // the fake SDK gives SM8450 (v69) no 16x16 Conv2d and SM8750 (v79) one: merged into an arch range
  bool ranged = false;
  for (const auto& v : h->ops.at("Conv2d").variants)
    if (v.min_arch == 79) ranged = true;
  EXPECT_TRUE(ranged);
  // an op only SM8450 has ends at v69
  ASSERT_TRUE(h->ops.count("ElementWiseAsin"));
  EXPECT_EQ(h->ops.at("ElementWiseAsin").variants.at(0).max_arch, 69);
}

TEST(DataDocs, OpsReferenceIsUpToDate) {
  std::string root = std::string(QNNV_TESTS_DIR) + "/..";
  if (std::system("python3 --version > /dev/null 2>&1") != 0) GTEST_SKIP() << "python3 not available";
  std::string cmd = "python3 '" + root + "/scripts/gen_ops_reference.py' --check > /dev/null 2>&1";
  EXPECT_EQ(std::system(cmd.c_str()), 0) << "docs/ops-reference.md is stale: run python3 scripts/gen_ops_reference.py";
}

// ------------------------------------------------------------------------------------ introspection

TEST(DataIntrospect, Socs) {
  json all = json::parse(qnnv::socs_json(data(), ""));
  EXPECT_EQ(all["format"], "qnnv.socs");
  EXPECT_EQ(all["data_version"], "2026.11");
  EXPECT_EQ(all["socs"].size(), data().socs.size());
  // sorted by arch, newest first
  EXPECT_EQ(all["socs"][0]["arch"], "v81");
  EXPECT_EQ(all["socs"].back()["arch"], "v68");
  bool named = false;
  for (const auto& s : all["socs"])
    if (s["model"] == "SM8750") named = s["name"] == "Snapdragon 8 Elite" && s["htp_arch"] == 79;
  EXPECT_TRUE(named);
  // SA8775P is the marketing id of SA8255 (same QNN id 52 in LiteRT's soc_table.h)
  ASSERT_NE(data().find_soc("SA8775P"), nullptr);
  EXPECT_EQ(data().find_soc("SA8775P")->model, "SA8255");
  EXPECT_TRUE(all["by_arch"]["v79"].is_array());
  json lpai = json::parse(qnnv::socs_json(data(), "lpai"));
  // SM8850, SAR2230P (v6, ExecuTorch and LiteRT) and SC8480XP (v5, LiteRT's soc_table.h and supported_soc.csv)
  EXPECT_EQ(lpai["socs"].size(), 3u);
  EXPECT_EQ(lpai["socs"][0]["arch"], "v6");
  std::string text = qnnv::socs_text(data(), "");
  EXPECT_NE(text.find("SM8750"), std::string::npos);
  EXPECT_NE(text.find("Snapdragon 8 Elite"), std::string::npos);
  try {
    qnnv::socs_json(data(), "gpu");
    ADD_FAILURE() << "no error";
  } catch (const qnnv::InputError& e) {
    EXPECT_EQ(e.info().code, "options.unknown-backend");
  }
}

TEST(DataIntrospect, OpsAndCoverage) {
  json ops = json::parse(qnnv::ops_json(data(), "htp"));
  ASSERT_TRUE(ops["backends"].contains("htp"));
  EXPECT_FALSE(ops["backends"].contains("lpai"));
  EXPECT_EQ(ops["backends"]["htp"]["rules"].size(), 180u);
  EXPECT_EQ(ops["backends"]["htp"]["ops"].size(), 82u);
  bool found = false;
  for (const auto& o : ops["backends"]["htp"]["ops"])
    if (o["name"] == "ReluMinMax") {
      found = true;
      EXPECT_NE(std::find(o["targets"].begin(), o["targets"].end(), "aten.hardtanh.default"), o["targets"].end());
    }
  EXPECT_TRUE(found);
  EXPECT_NE(qnnv::ops_text(data(), "").find("aten.masked_fill.Tensor"), std::string::npos);

  json cov = json::parse(qnnv::coverage_json(data()));
  const auto& h = cov["backends"]["htp"];
  EXPECT_EQ(h["ops"], 82);
  EXPECT_EQ(h["targets"], 180);
  EXPECT_EQ(h["targets_mapped"].get<int>() + h["targets_none"].get<int>(), 180);
  EXPECT_EQ(h["variants_read"].get<int>() + h["variants_inferred"].get<int>(), h["variants"].get<int>());
  EXPECT_GT(h["variants_read"].get<int>(), 0);
  EXPECT_TRUE(h["ops_without_data"].empty());
  EXPECT_NE(qnnv::coverage_text(data()).find("lpai"), std::string::npos);
}

TEST(DataIntrospect, ExplainTargetOnSoc) {
  json e = json::parse(qnnv::explain_json(data(), "htp", "aten.linear.default", "SM8450"));
  EXPECT_EQ(e["qnn_op"], "FullyConnected");
  EXPECT_EQ(e["soc"]["model"], "SM8450");
  EXPECT_EQ(e["soc"]["arch"], "v69");
  ASSERT_EQ(e["rules"].size(), 1u);
  EXPECT_EQ(e["rules"][0]["target"], "aten.linear.default");
  EXPECT_FALSE(e["variants"].empty());
  EXPECT_TRUE(e["variants"][0]["inputs"][1]["constraints"].is_array());
  EXPECT_FALSE(e["sources"].empty());
  std::map<std::string, bool> meets;
  for (const auto& r : e["soc_rules"]) meets[r["id"]] = r["soc_meets"];
  EXPECT_TRUE(meets.at("soc.lpbq-min-arch"));
  EXPECT_EQ(meets.count("soc.16a16w-min-arch"), 0u);  // FullyConnected is not gated: see the rule's note
  EXPECT_TRUE(meets.at("soc.fp16-unsupported"));
  json old = json::parse(qnnv::explain_json(data(), "htp", "FullyConnected", "SM8350"));
  for (const auto& r : old["soc_rules"])
    if (r["id"] == "soc.lpbq-min-arch" || r["id"] == "soc.fp16-unsupported") EXPECT_FALSE(r["soc_meets"]) << r["id"];
  // an op name lists all its targets
  json mm = json::parse(qnnv::explain_json(data(), "htp", "MatMul", "SM8750"));
  EXPECT_EQ(mm["rules"].size(), 3u);
  // a target mapped to none
  json mf = json::parse(qnnv::explain_json(data(), "htp", "torch.ops.aten.masked_fill.Tensor", "SM8750"));
  EXPECT_TRUE(mf["qnn_op"].is_null());
  EXPECT_FALSE(mf["rules"][0]["reason"].get<std::string>().empty());
  EXPECT_TRUE(mf["variants"].empty());
  std::string text = qnnv::explain_text(data(), "htp", "aten.sigmoid.default", "SM8750");
  EXPECT_NE(text.find("Sigmoid"), std::string::npos);
  EXPECT_NE(text.find("scale=0.00390625"), std::string::npos);
  EXPECT_NE(text.find("offset=0"), std::string::npos);
}

TEST(DataIntrospect, ExplainErrors) {
  auto code = [](const char* be, const char* op, const char* soc) {
    try {
      qnnv::explain_json(data(), be, op, soc);
    } catch (const qnnv::InputError& e) {
      return e.info().code;
    }
    return std::string("none");
  };
  EXPECT_EQ(code("htp", "aten.dropout.default", "SM8750"), "options.unknown-op");
  EXPECT_EQ(code("htp", "Conv2d", "SM0000"), "options.unknown-soc");
  EXPECT_EQ(code("dsp", "Conv2d", "SM8750"), "options.unknown-backend");
  EXPECT_EQ(code("lpai", "aten.abs.default", "SM8850"), "options.unknown-op");  // not an LPAI target
  EXPECT_EQ(code("htp", "Conv2d", "SM8750"), "none");
}

}  // namespace
