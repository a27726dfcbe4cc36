"""Tests of scripts/qnnv_export.py: field-by-field export checks on real torch.fx graphs annotated
through stand-ins of the PT2E classes, a golden rebuild of a real ExecuTorch export, capture() inside
a fake prepare_pt2e, and round trips through the native CLI.

Run from the repository root:  /usr/bin/python3 -m unittest discover -s tests/python -v
Round trips need the CLI at $QNNV_CLI (default build/native/qnnv); without it they fail, by design.
"""

import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SCRIPT = os.path.join(ROOT, "scripts", "qnnv_export.py")
FIXTURES = os.path.join(ROOT, "tests", "fixtures")
sys.path.insert(0, os.path.join(ROOT, "scripts"))
sys.path.insert(0, HERE)

import qnnv_export as qe  # noqa: E402  (importable without torch: that is part of what is tested)
import standins as S  # noqa: E402

try:
    import torch
    import torch.fx
    from torch.fx.passes.shape_prop import ShapeProp
except ImportError:  # pragma: no cover - depends on the interpreter
    torch = None

needs_torch = unittest.skipIf(torch is None, "torch is not importable by %s; run with /usr/bin/python3 "
                                             "(Debian's python3-torch)" % sys.executable)
aten = torch.ops.aten if torch is not None else None


def strict_loads(text):
    """json.loads that rejects NaN/Infinity literals, as a browser's JSON.parse would."""
    def bad(name):
        raise ValueError("non-standard JSON constant %s" % name)
    return json.loads(text, parse_constant=bad)


def export_text(gm, **kw):
    buf = io.StringIO()
    qe.export_graph(gm, buf, **kw)
    return buf.getvalue()


def export_doc(gm, **kw):
    return strict_loads(export_text(gm, **kw))


def by_name(doc):
    return {n["name"]: n for n in doc["nodes"]}


def resolve(doc, ref):
    return None if ref is None else doc["qspecs"][ref]


# ---- small models, traced with ATen targets -----------------------------------------------------

if torch is not None:
    class ConvNet(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.conv = torch.nn.Conv2d(3, 8, 3, padding=1)

        def forward(self, x):
            return aten.conv2d.default(x, self.conv.weight, self.conv.bias, [1, 1], [1, 1], [1, 1], 1)

    class SigmoidNet(torch.nn.Module):
        def forward(self, x):
            return aten.sigmoid.default(x)

    class LinearNet(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.fc = torch.nn.Linear(64, 32)

        def forward(self, x):
            return aten.linear.default(x, self.fc.weight, self.fc.bias)


def traced(module, *inputs):
    gm = torch.fx.symbolic_trace(module)
    ShapeProp(gm).propagate(*inputs)
    return gm


def node(gm, name):
    return next(n for n in gm.graph.nodes if n.name == name)


def conv_8a8w():
    """conv2d with 8-bit activations, per-channel int8 weights and a derived bias (ExecuTorch 8a8w)."""
    gm = traced(ConvNet(), torch.zeros(1, 3, 8, 8))
    conv = next(n for n in gm.graph.nodes if n.op == "call_function")
    x, w, b = conv.args[:3]
    act = S.act_8bit(torch)
    S.annotate(conv, [(x, act), (w, S.weight_per_channel_int8(torch)), (b, S.derived_bias(torch, x, w, conv))], act)
    return gm


def sigmoid_8bit(scale):
    gm = traced(SigmoidNet(), torch.zeros(1, 16))
    sig = next(n for n in gm.graph.nodes if n.op == "call_function")
    out = S.fixed_output(torch, scale, 0, torch.uint8, 0, 255)
    S.annotate(sig, [(sig.args[0], S.act_8bit(torch))], out)
    return gm


def linear_16a4w_block(block_size=(1, 16)):
    gm = traced(LinearNet(), torch.zeros(1, 64))
    lin = next(n for n in gm.graph.nodes if n.op == "call_function")
    x, w, b = lin.args
    act = S.act_16bit(torch)
    weight = S.weight_block_int4(torch)
    weight.observer_or_fake_quant_ctr.p.keywords.update({"block_size": block_size})
    S.annotate(lin, [(x, act), (w, weight), (b, S.derived_bias(torch, x, w, lin))], act)
    return gm


# ---- tests that need no torch -------------------------------------------------------------------

class CommandLineWithoutTorch(unittest.TestCase):
    # sys.modules["torch"] = None makes every `import torch` raise ImportError, whatever is installed.
    BLOCK_TORCH = ("import runpy, sys; sys.modules['torch'] = None; sys.argv = [sys.argv[1]] + sys.argv[2:]; "
                   "runpy.run_path(sys.argv[0], run_name='__main__')")

    def run_blocked(self, *args):
        return subprocess.run([sys.executable, "-c", self.BLOCK_TORCH, SCRIPT] + list(args),
                              capture_output=True, text=True, timeout=60)

    def test_help_works_without_torch(self):
        r = self.run_blocked("--help")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("usage:", r.stdout)
        self.assertIn("--selftest", r.stdout)
        self.assertIn("capture(", r.stdout)

    def test_version_works_without_torch(self):
        r = self.run_blocked("--version")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout.strip(), "qnnv-export %s (format qnnv.graph v1)" % qe.__version__)

    def test_selftest_without_torch_is_a_clear_error(self):
        r = self.run_blocked("--selftest")
        self.assertEqual(r.returncode, 2)
        self.assertIn("needs torch", r.stderr)

    def test_help_on_an_interpreter_that_has_no_torch(self):
        # The pyenv python3 first on PATH here has no torch; any such interpreter will do.
        for candidate in (shutil.which("python3"), shutil.which("python")):
            if not candidate:
                continue
            probe = subprocess.run([candidate, "-c", "import torch"], capture_output=True, timeout=120)
            if probe.returncode != 0:
                r = subprocess.run([candidate, SCRIPT, "--help"], capture_output=True, text=True, timeout=60)
                self.assertEqual(r.returncode, 0, r.stderr)
                self.assertIn("usage:", r.stdout)
                return
        self.skipTest("every python on PATH has torch; the sys.modules-blocked tests cover this case")

    def test_hints_are_checked_and_normalised(self):
        import enum

        class QuantDtype(enum.IntEnum):  # ExecuTorch's enum shape
            use_16a4w_block = 3

        class QnnExecuTorchBackendType(enum.IntEnum):
            kHtpBackend = 2

        self.assertEqual(qe._normalize_hints({"quant_dtype": QuantDtype.use_16a4w_block, "soc_model": "SM8650",
                                              "backend": QnnExecuTorchBackendType.kHtpBackend}),
                         {"backend": "htp", "soc_model": "SM8650", "quant_dtype": "use_16a4w_block"})
        self.assertIsNone(qe._normalize_hints({"soc_model": None}))
        with self.assertRaises(TypeError):
            qe._normalize_hints({"soc": "SM8650"})


# ---- export, field by field ---------------------------------------------------------------------

@needs_torch
class ExportFields(unittest.TestCase):
    def test_conv_graph_every_node_and_field(self):
        gm = conv_8a8w()
        doc = export_doc(gm, hints={"backend": "htp", "soc_model": "SM8750", "quant_dtype": "use_8a8w"})
        self.assertEqual(doc["format"], "qnnv.graph")
        self.assertEqual(doc["version"], 1)
        self.assertEqual(doc["producer"]["name"], "qnnv-export")
        self.assertEqual(doc["producer"]["version"], qe.__version__)
        self.assertEqual(doc["producer"]["torch"], torch.__version__)
        self.assertNotIn("notes", doc["producer"])
        self.assertEqual(doc["hints"], {"backend": "htp", "soc_model": "SM8750", "quant_dtype": "use_8a8w"})
        self.assertEqual([(n["name"], n["op"]) for n in doc["nodes"]],
                         [(n.name, n.op) for n in gm.graph.nodes])
        x, w, b, conv, out = doc["nodes"]
        self.assertEqual(x, {"name": "x", "op": "placeholder", "target": "x",
                             "val": {"dtype": "float32", "shape": [1, 3, 8, 8]}})
        self.assertEqual(w, {"name": "conv_weight", "op": "get_attr", "target": "conv.weight",
                             "val": {"dtype": "float32", "shape": [8, 3, 3, 3]}})
        self.assertEqual(b["val"], {"dtype": "float32", "shape": [8]})
        self.assertEqual(conv["target"], "aten.conv2d.default")
        self.assertEqual(conv["args"], [{"node": "x"}, {"node": "conv_weight"}, {"node": "conv_bias"},
                                        [1, 1], [1, 1], [1, 1], 1])
        self.assertNotIn("kwargs", conv)
        self.assertEqual(conv["val"], {"dtype": "float32", "shape": [1, 8, 8, 8]})
        ann = conv["annotation"]
        self.assertEqual([e["arg"] for e in ann["input_qspec_map"]], ["x", "conv_weight", "conv_bias"])
        self.assertEqual(ann["allow_implicit_sharing"], True)
        self.assertEqual(ann["annotated"], True)
        act, weight, bias = (resolve(doc, e["qspec"]) for e in ann["input_qspec_map"])
        self.assertEqual(act, {"kind": "quant", "dtype": "uint8", "quant_min": 0, "quant_max": 255,
                               "qscheme": "per_tensor_affine", "ch_axis": None, "is_dynamic": False,
                               "observer": "MovingAverageMinMaxObserver", "observer_kwargs": {"eps": S.EPS_8BIT}})
        self.assertEqual(weight, {"kind": "quant", "dtype": "int8", "quant_min": -127, "quant_max": 127,
                                  "qscheme": "per_channel_symmetric", "ch_axis": 0, "is_dynamic": False,
                                  "observer": "PerChannelParamObserver", "observer_kwargs": {"eps": S.EPS_8BIT}})
        self.assertEqual(bias, {"kind": "derived",
                                "derived_from": [{"edge": ["x", "conv2d_default"]},
                                                 {"edge": ["conv_weight", "conv2d_default"]}],
                                "dtype": "int32", "quant_min": S.INT32_MIN, "quant_max": S.INT32_MAX,
                                "qscheme": "per_channel_symmetric", "ch_axis": 0, "is_dynamic": False})
        # the output spec is the same as the input activation's: one table entry, referenced twice
        self.assertEqual(ann["output_qspec"], ann["input_qspec_map"][0]["qspec"])
        self.assertEqual(len(doc["qspecs"]), 3)
        self.assertEqual(out, {"name": "output", "op": "output", "target": "output",
                               "args": [{"node": "conv2d_default"}],
                               "val": {"dtype": "float32", "shape": [1, 8, 8, 8]}})

    def test_input_qspec_map_keeps_insertion_order_not_argument_order(self):
        gm = conv_8a8w()
        conv = node(gm, "conv2d_default")
        old = conv.meta[S.ANNOTATION_KEY].input_qspec_map
        x, w, b = conv.args[:3]
        conv.meta[S.ANNOTATION_KEY].input_qspec_map = {b: old[b], x: old[x], w: None}
        ann = by_name(export_doc(gm))["conv2d_default"]["annotation"]
        self.assertEqual([e["arg"] for e in ann["input_qspec_map"]], ["conv_bias", "x", "conv_weight"])
        self.assertIsNone(ann["input_qspec_map"][2]["qspec"])  # an explicit None stays, as null

    def test_unannotated_graph_has_no_annotation_and_empty_table(self):
        doc = export_doc(traced(SigmoidNet(), torch.zeros(2)))
        self.assertEqual(doc["qspecs"], [])
        self.assertTrue(all("annotation" not in n for n in doc["nodes"]))

    def test_make_fx_aten_targets_fake_vals_and_symbolic_dims(self):
        from torch.fx.experimental.proxy_tensor import make_fx

        def f(x, w, b):
            return torch.nn.functional.linear(x, w, b).sigmoid()

        gm = make_fx(f, tracing_mode="symbolic")(torch.zeros(2, 4), torch.zeros(3, 4), torch.zeros(3))
        self.assertTrue(any(type(n.meta.get("val")).__name__ == "FakeTensor" for n in gm.graph.nodes))
        doc = export_doc(gm)
        targets = [n.get("target") for n in doc["nodes"] if n["op"] == "call_function"]
        self.assertIn("aten.addmm.default", targets)
        self.assertIn("aten.sigmoid.default", targets)
        addmm = next(n for n in doc["nodes"] if n.get("target") == "aten.addmm.default")
        self.assertEqual(addmm["val"]["dtype"], "float32")
        # symbolic sizes are strings (their sympy text), never numbers
        self.assertTrue(all(isinstance(d, str) for d in addmm["val"]["shape"]), addmm["val"])

    def test_make_fx_convolution_target(self):
        from torch.fx.experimental.proxy_tensor import make_fx

        def f(x, w):
            return torch.nn.functional.conv2d(x, w, stride=2)

        doc = export_doc(make_fx(f, tracing_mode="fake")(torch.zeros(1, 3, 8, 8), torch.zeros(4, 3, 3, 3)))
        conv = next(n for n in doc["nodes"] if n.get("target") == "aten.convolution.default")
        self.assertEqual(conv["args"][2:], [None, [2, 2], [0, 0], [1, 1], False, [0, 0], 1])
        self.assertEqual(conv["val"], {"dtype": "float32", "shape": [1, 4, 3, 3]})

    def test_multi_output_val_and_getitem(self):
        class TopK(torch.nn.Module):
            def forward(self, x):
                r = aten.topk.default(x, 2)  # indexing, not unpacking: 1.13's Proxy can't unpack on 3.11
                return r[0], r[1]

        doc = export_doc(traced(TopK(), torch.zeros(3, 5)))
        nodes = by_name(doc)
        topk = nodes["topk_default"]
        self.assertEqual(topk["val"], [{"dtype": "float32", "shape": [3, 2]}, {"dtype": "int64", "shape": [3, 2]}])
        getitems = [n for n in doc["nodes"] if n.get("target") == "_operator.getitem"]
        self.assertEqual([g["args"] for g in getitems], [[{"node": "topk_default"}, 0], [{"node": "topk_default"}, 1]])
        self.assertEqual(getitems[1]["val"], {"dtype": "int64", "shape": [3, 2]})

    def test_arg_encodings(self):
        g = torch.fx.Graph()
        x = g.placeholder("x")
        y = g.placeholder("y")
        g.call_function(aten.clamp.default, (x, float("-inf"), float("inf")))
        g.call_function(aten.mul.Scalar, (x, float("nan")))
        g.call_function(aten.cat.default, ([x, y], -1))
        g.call_function(aten._to_copy.default, (x,), {"dtype": torch.float16, "layout": torch.strided,
                                                      "device": torch.device("cpu"), "pin_memory": None,
                                                      "memory_format": torch.channels_last})
        g.call_method("__getitem__", (x, (slice(None, 2, None), Ellipsis, None)))
        g.call_function(aten.mul.Tensor, (x, torch.tensor(0.5)))
        g.call_function(aten.add.Tensor, (x, torch.ones(4)))
        g.output((x,))
        doc = export_doc(g)
        c = [n for n in doc["nodes"] if n["op"] in ("call_function", "call_method")]
        self.assertEqual(c[0]["args"], [{"node": "x"}, "-inf", "inf"])
        self.assertEqual(c[1]["args"], [{"node": "x"}, "nan"])
        self.assertEqual(c[2]["args"], [[{"node": "x"}, {"node": "y"}], -1])
        self.assertEqual(c[3]["kwargs"], {"dtype": {"dtype": "float16"}, "layout": "strided", "device": "cpu",
                                          "pin_memory": None, "memory_format": "channels_last"})
        self.assertEqual(c[4]["target"], "__getitem__")
        self.assertEqual(c[4]["args"], [{"node": "x"}, ["slice(None, 2, None)", "...", None]])
        self.assertEqual(c[5]["args"], [{"node": "x"}, 0.5])
        # a 4-element tensor literal cannot be represented: null in place, and a note saying where
        self.assertEqual(c[6]["args"], [{"node": "x"}, None])
        self.assertEqual(len(doc["producer"]["notes"]), 1)
        self.assertIn("add_tensor args[1]", doc["producer"]["notes"][0])
        self.assertEqual(doc["nodes"][-1]["args"], [[{"node": "x"}]])

    def test_string_and_dtype_arguments_the_data_conditions_read(self):
        # a pad mode (attr.pad-circular) and a Cast's target dtype (sdk.cast-int16-to-int32), positional
        g = torch.fx.Graph()
        x = g.placeholder("x")
        g.call_function(aten.pad.default, (x, [1, 1, 1, 1], "circular"))
        g.call_function(aten.to.dtype, (x, torch.int32))
        g.output((x,))
        c = [n for n in export_doc(g)["nodes"] if n["op"] == "call_function"]
        self.assertEqual(c[0]["args"], [{"node": "x"}, [1, 1, 1, 1], "circular"])
        self.assertEqual(c[1]["args"], [{"node": "x"}, {"dtype": "int32"}])

    def test_nn_module_stack_and_stack_trace(self):
        gm = conv_8a8w()
        conv = node(gm, "conv2d_default")
        conv.meta["nn_module_stack"] = {"L__self___features": ("features", object),
                                        "L__self___features_0": ("features.0", object)}
        conv.meta["stack_trace"] = 'File "model.py", line 3, in forward'
        self.assertEqual(by_name(export_doc(gm))["conv2d_default"]["meta"], {"module": "features.0"})
        self.assertEqual(by_name(export_doc(gm, include_stack_trace=True))["conv2d_default"]["meta"],
                         {"module": "features.0", "stack_trace": 'File "model.py", line 3, in forward'})
        conv.meta["nn_module_stack"] = {"features.0": object}  # the older {path: class} form
        self.assertEqual(by_name(export_doc(gm))["conv2d_default"]["meta"], {"module": "features.0"})

    def test_get_attr_val_from_the_module_when_meta_is_missing(self):
        gm = torch.fx.symbolic_trace(ConvNet())  # no ShapeProp: no meta at all
        self.assertEqual(by_name(export_doc(gm))["conv_weight"]["val"], {"dtype": "float32", "shape": [8, 3, 3, 3]})
        self.assertNotIn("val", by_name(export_doc(gm))["x"])

    def test_output_is_deterministic_and_strict_json(self):
        gm = conv_8a8w()
        a, b = export_text(gm), export_text(gm)
        self.assertEqual(a, b)
        strict_loads(a)
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "g.json")
            qe.export_graph(gm, path)
            with open(path) as f:
                self.assertEqual(f.read(), a)
            self.assertEqual(os.listdir(d), ["g.json"])  # no temporary file left behind


@needs_torch
class QSpecKinds(unittest.TestCase):
    def _sig(self):
        gm = traced(SigmoidNet(), torch.zeros(1, 16))
        return gm, next(n for n in gm.graph.nodes if n.op == "call_function"), node(gm, "x")

    def _export_output_spec(self, spec):
        gm, sig, x = self._sig()
        S.annotate(sig, [(x, S.act_8bit(torch))], spec)
        doc = export_doc(gm)
        return resolve(doc, by_name(doc)[sig.name]["annotation"]["output_qspec"]), doc

    def test_fixed_qparams_spec(self):
        spec = S.FixedQParamsQuantizationSpec(dtype=torch.uint8, scale=1.0 / 256, zero_point=0, quant_min=0,
                                              quant_max=255, qscheme=torch.per_tensor_affine)
        enc, _ = self._export_output_spec(spec)
        self.assertEqual(enc, {"kind": "fixed", "dtype": "uint8", "scale": 0.00390625, "zero_point": 0,
                               "quant_min": 0, "quant_max": 255, "qscheme": "per_tensor_affine",
                               "is_dynamic": False})

    def test_fixed_qparams_spec_without_is_dynamic_field(self):
        # torch.ao's older FixedQParamsQuantizationSpec had no is_dynamic: matched by name, written False
        class FixedQParamsQuantizationSpec:
            def __init__(self):
                self.dtype, self.scale, self.zero_point = torch.uint8, 1.0 / 256, 0
                self.quant_min, self.quant_max, self.qscheme = 0, 255, torch.per_tensor_affine
        enc, _ = self._export_output_spec(FixedQParamsQuantizationSpec())
        self.assertEqual(enc["kind"], "fixed")
        self.assertIs(enc["is_dynamic"], False)

    def test_fixed_qparams_observer_keywords(self):
        enc, _ = self._export_output_spec(S.fixed_output(torch, 1.0 / 256, 0, torch.uint8, 0, 255))
        self.assertEqual(enc["observer"], "FixedQParamsObserver")
        self.assertEqual(list(enc["observer_kwargs"].items()),
                         [("scale", 0.00390625), ("zero_point", 0), ("dtype", "uint8"),
                          ("qscheme", "per_tensor_affine"), ("quant_max", 255), ("quant_min", 0)])

    def test_fixed_qparams_fake_quantize_with_nested_observer_and_tensor_qparams(self):
        obs = S.with_args(S.FixedQParamsObserver, scale=torch.tensor([1.0 / 65536]), zero_point=torch.tensor(0),
                          dtype=torch.int32, quant_min=0, quant_max=65535)
        ctr = S.with_args(S.FixedQParamsFakeQuantize, observer=obs)
        spec = S.QuantizationSpec(dtype=torch.int32, quant_min=0, quant_max=65535, qscheme=torch.per_tensor_affine,
                                  observer_or_fake_quant_ctr=ctr)
        enc, _ = self._export_output_spec(spec)
        self.assertEqual(enc["observer"], "FixedQParamsFakeQuantize")
        self.assertEqual(enc["observer_kwargs"], {"observer": {
            "observer": "FixedQParamsObserver",
            "observer_kwargs": {"scale": 1.52587890625e-05, "zero_point": 0, "dtype": "int32",
                                "quant_min": 0, "quant_max": 65535}}})

    def test_real_torch_observers_and_chained_with_args(self):
        from torch.ao.quantization.fake_quantize import FakeQuantize
        from torch.ao.quantization.observer import MinMaxObserver, PerChannelMinMaxObserver
        chained = MinMaxObserver.with_args(eps=1e-5, dtype=torch.qint8).with_args(dtype=torch.quint8)
        spec = S.QuantizationSpec(dtype=torch.uint8, quant_min=0, quant_max=255, qscheme=torch.per_tensor_affine,
                                  observer_or_fake_quant_ctr=chained)
        enc, _ = self._export_output_spec(spec)
        self.assertEqual(enc["observer"], "MinMaxObserver")
        self.assertEqual(enc["observer_kwargs"], {"eps": 1e-5, "dtype": "quint8"})  # outer with_args wins
        fq = FakeQuantize.with_args(observer=PerChannelMinMaxObserver.with_args(ch_axis=0),
                                    quant_min=-8, quant_max=7, qscheme=torch.per_channel_symmetric)
        spec = S.QuantizationSpec(dtype=torch.int8, quant_min=-8, quant_max=7, qscheme=torch.per_channel_symmetric,
                                  ch_axis=0, observer_or_fake_quant_ctr=fq)
        enc, _ = self._export_output_spec(spec)
        self.assertEqual(enc["observer"], "FakeQuantize")
        self.assertEqual(enc["observer_kwargs"], {
            "observer": {"observer": "PerChannelMinMaxObserver", "observer_kwargs": {"ch_axis": 0}},
            "quant_min": -8, "quant_max": 7, "qscheme": "per_channel_symmetric"})
        # a bare class as the constructor: its name and no keywords
        spec = S.QuantizationSpec(dtype=torch.uint8, observer_or_fake_quant_ctr=MinMaxObserver)
        enc, _ = self._export_output_spec(spec)
        self.assertEqual((enc["observer"], enc["observer_kwargs"]), ("MinMaxObserver", {}))

    def test_block_size_tuple_becomes_list(self):
        doc = export_doc(linear_16a4w_block((1, 32)))
        w = resolve(doc, by_name(doc)["linear_default"]["annotation"]["input_qspec_map"][1]["qspec"])
        self.assertEqual(w["observer"], "PerBlockParamObserver")
        self.assertEqual(w["observer_kwargs"], {"eps": S.EPS_16BIT, "block_size": [1, 32]})
        self.assertEqual((w["dtype"], w["quant_min"], w["quant_max"], w["qscheme"], w["ch_axis"]),
                         ("int8", -7, 7, "per_channel_symmetric", 0))

    def test_shared_specs_node_and_edge(self):
        class Cat(torch.nn.Module):
            def forward(self, x, y):
                r = aten.relu.default(x)
                return aten.cat.default([r, y], 1)

        gm = traced(Cat(), torch.zeros(1, 2), torch.zeros(1, 2))
        r, cat, y = node(gm, "relu_default"), node(gm, "cat_default"), node(gm, "y")
        act = S.act_8bit(torch)
        S.annotate(r, [(r.args[0], act)], act)
        S.annotate(cat, [(r, act), (y, S.SharedQuantizationSpec((r, cat)))], S.SharedQuantizationSpec(r))
        doc = export_doc(gm)
        ann = by_name(doc)["cat_default"]["annotation"]
        self.assertEqual(resolve(doc, ann["input_qspec_map"][1]["qspec"]),
                         {"kind": "shared", "edge": ["relu_default", "cat_default"]})
        self.assertEqual(resolve(doc, ann["output_qspec"]), {"kind": "shared", "node": "relu_default"})
        self.assertEqual(by_name(doc)["cat_default"]["args"], [[{"node": "relu_default"}, {"node": "y"}], 1])

    def test_derived_from_nodes_and_edges(self):
        gm = linear_16a4w_block()
        lin = node(gm, "linear_default")
        x, w, b = lin.args
        spec = S.DerivedQuantizationSpec(derived_from=[(x, lin), w], derive_qparams_fn=S._derive_qparams,
                                         dtype=torch.int32, quant_min=S.INT32_MIN, quant_max=S.INT32_MAX,
                                         qscheme=torch.per_tensor_symmetric)
        lin.meta[S.ANNOTATION_KEY].input_qspec_map[b] = spec
        doc = export_doc(gm)
        enc = resolve(doc, by_name(doc)["linear_default"]["annotation"]["input_qspec_map"][2]["qspec"])
        self.assertEqual(enc["derived_from"], [{"edge": ["x", "linear_default"]}, {"node": "fc_weight"}])
        self.assertEqual(enc["qscheme"], "per_tensor_symmetric")
        self.assertIsNone(enc["ch_axis"])
        self.assertNotIn("derive_qparams_fn", enc)  # a function: not part of the format

    def test_qspecs_are_deduplicated_by_content_in_first_use_order(self):
        gm = conv_8a8w()
        conv = node(gm, "conv2d_default")
        ann = conv.meta[S.ANNOTATION_KEY]
        x = conv.args[0]
        # a distinct but equal object, and one that differs only in an observer keyword
        ann.input_qspec_map[x] = S.act_8bit(torch)
        ann.output_qspec = S.act_8bit(torch, observer=S.MinMaxObserver)
        doc = export_doc(gm)
        a = by_name(doc)["conv2d_default"]["annotation"]
        self.assertEqual([e["qspec"] for e in a["input_qspec_map"]] + [a["output_qspec"]], [0, 1, 2, 3])
        ann.output_qspec = S.act_8bit(torch)
        a = by_name(export_doc(gm))["conv2d_default"]["annotation"]
        self.assertEqual(a["output_qspec"], 0)

    def test_unrepresentable_kwargs_are_dropped_with_a_note(self):
        gm, sig, x = self._sig()
        ctr = S.with_args(S.ConcatObserver, eps=S.EPS_8BIT, graph=gm.graph, fn=lambda t: t,
                          table=torch.ones(4), node=x)
        spec = S.QuantizationSpec(dtype=torch.uint8, quant_min=0, quant_max=255, qscheme=torch.per_tensor_affine,
                                  observer_or_fake_quant_ctr=ctr)
        S.annotate(sig, [(x, spec)], spec)  # used twice: one table entry, one set of notes
        doc = export_doc(gm)
        self.assertEqual(len(doc["qspecs"]), 1)
        self.assertEqual(doc["qspecs"][0]["observer"], "ConcatObserver")
        self.assertEqual(doc["qspecs"][0]["observer_kwargs"], {"eps": S.EPS_8BIT})
        notes = doc["producer"]["notes"]
        self.assertEqual(len(notes), 4, notes)
        for key in ("graph", "fn", "table", "node"):
            self.assertTrue(any(n.startswith("qspecs[0]:") and ("observer_kwargs.%s:" % key) in n for n in notes),
                            (key, notes))

    def test_unknown_qspec_class_is_null_with_a_note(self):
        class SomethingElse:
            pass

        gm, sig, x = self._sig()
        S.annotate(sig, [(x, SomethingElse())], None)
        doc = export_doc(gm)
        self.assertEqual(by_name(doc)[sig.name]["annotation"]["input_qspec_map"], [{"arg": "x", "qspec": None}])
        self.assertEqual(len(doc["producer"]["notes"]), 1)
        self.assertIn("SomethingElse", doc["producer"]["notes"][0])


# ---- capture(): the validate() hook ---------------------------------------------------------------

class FakeQuantizer:
    """Annotates every aten.linear with one shared block-wise weight config, like ExecuTorch."""

    def __init__(self, strict_failure=False):
        self.weight = S.weight_block_int4(torch)
        self.act = S.act_16bit(torch)
        self.validated = []
        self.strict_failure = strict_failure

    def transform_for_annotation(self, gm):
        return gm

    def annotate(self, gm):
        for n in gm.graph.nodes:
            if n.op == "call_function" and n.target is aten.linear.default:
                S.annotate(n, [(n.args[0], self.act), (n.args[1], self.weight)], self.act)
        # after annotating, the shared partial is mutated: only an export at validate time sees this
        self.weight.observer_or_fake_quant_ctr.p.keywords.update({"block_size": (1, 16)})
        return gm

    def validate(self, gm):
        self.validated.append(gm)
        if self.strict_failure:
            raise ValueError("Validation failed for node linear_default")
        return "validated"


def fake_prepare_pt2e(gm, quantizer):
    """torchao's order: transform_for_annotation -> annotate -> validate -> prepare."""
    gm = quantizer.transform_for_annotation(gm)
    quantizer.annotate(gm)
    result = quantizer.validate(gm)
    # "prepare": the next graph's annotation reuses the same config and rewrites the shared partial
    quantizer.weight.observer_or_fake_quant_ctr.p.keywords.update({"block_size": (1, 64)})
    return gm, result


@needs_torch
class Capture(unittest.TestCase):
    def _block_size(self, path):
        with open(path) as f:
            doc = strict_loads(f.read())
        ann = by_name(doc)["linear_default"]["annotation"]
        return doc, resolve(doc, ann["input_qspec_map"][1]["qspec"])["observer_kwargs"].get("block_size")

    def test_capture_writes_the_annotations_as_validate_sees_them(self):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "g.json")
            q = FakeQuantizer()
            self.assertIs(qe.capture(q, path, soc_model="SM8650", quant_dtype="use_16a4w_block"), q)
            gm, result = fake_prepare_pt2e(traced(LinearNet(), torch.zeros(1, 64)), q)
            self.assertEqual(result, "validated")  # the quantizer's own validate still runs, result passed on
            self.assertEqual(q.validated, [gm])
            doc, block = self._block_size(path)
            self.assertEqual(block, [1, 16])  # not absent (annotate time), not [1, 64] (after prepare)
            self.assertEqual(doc["hints"], {"soc_model": "SM8650", "quant_dtype": "use_16a4w_block"})
            # an export made now shows the later state, which is why capture() must export in validate()
            self.assertEqual(resolve(export_doc(gm), 1)["observer_kwargs"]["block_size"], [1, 64])

    def test_capture_writes_before_a_strict_validate_raises(self):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "g.json")
            q = qe.capture(FakeQuantizer(strict_failure=True), path)
            with self.assertRaises(ValueError):
                fake_prepare_pt2e(traced(LinearNet(), torch.zeros(1, 64)), q)
            self.assertEqual(self._block_size(path)[1], [1, 16])

    def test_capture_numbers_files_per_call(self):
        with tempfile.TemporaryDirectory() as d:
            q = qe.capture(FakeQuantizer(), os.path.join(d, "graph_{n}.json"))
            fake_prepare_pt2e(traced(LinearNet(), torch.zeros(1, 64)), q)
            fake_prepare_pt2e(traced(SigmoidNet(), torch.zeros(1, 64)), q)
            self.assertEqual(sorted(os.listdir(d)), ["graph_0.json", "graph_1.json"])
            with open(os.path.join(d, "graph_1.json")) as f:
                self.assertIn("sigmoid_default", [n["name"] for n in strict_loads(f.read())["nodes"]])

    def test_capture_rejects_an_unknown_hint_at_once(self):
        with self.assertRaises(TypeError):
            qe.capture(FakeQuantizer(), "unused.json", soc="SM8650")


@needs_torch
class SelfTest(unittest.TestCase):
    def test_selftest_exports_a_traced_model(self):
        r = subprocess.run([sys.executable, SCRIPT, "--selftest"], capture_output=True, text=True, timeout=300)
        self.assertEqual(r.returncode, 0, r.stderr)
        doc = strict_loads(r.stdout)
        self.assertEqual([n["op"] for n in doc["nodes"]],
                         ["placeholder", "call_module", "call_function", "call_method", "output"])
        self.assertEqual(by_name(doc)["clamp"]["kwargs"], {"max": "inf"})
        self.assertIn("selftest ok", r.stderr)


# ---- golden: rebuild the real ExecuTorch export ---------------------------------------------------

@needs_torch
class GoldenTinyDecoder(unittest.TestCase):
    FIXTURE = os.path.join(FIXTURES, "tiny_decoder__16a4w_block.json")
    HINTS = {"backend": "htp", "soc_model": "SM8750", "quant_dtype": "use_16a4w_block"}

    @classmethod
    def setUpClass(cls):
        import tiny_decoder
        cls.gm = tiny_decoder.annotate_16a4w_block(tiny_decoder.build_graph())
        cls.doc = export_doc(cls.gm, hints=cls.HINTS)
        with open(cls.FIXTURE) as f:
            cls.fixture = json.load(f)

    def test_matches_the_fixture_except_producer_and_meta(self):
        def comparable(doc):
            doc = dict(doc)
            doc.pop("producer")
            doc["nodes"] = [{k: v for k, v in n.items() if k != "meta"} for n in doc["nodes"]]
            return doc

        ours, theirs = comparable(self.doc), comparable(self.fixture)
        self.assertEqual(ours["qspecs"], theirs["qspecs"])
        for a, b in zip(ours["nodes"], theirs["nodes"]):
            self.assertEqual(a, b)
        self.assertEqual(len(ours["nodes"]), len(theirs["nodes"]))
        self.assertEqual(ours, theirs)
        self.assertNotIn("notes", self.doc["producer"])

    def test_the_block_size_came_from_the_shared_partial(self):
        # Every linear's weight is the one spec object; block_size was written into its partial.
        specs = [e["qspec"] for n in self.doc["nodes"] if n.get("target") == "aten.linear.default"
                 for e in n["annotation"]["input_qspec_map"][1:2]]
        self.assertEqual(len(specs), 15)
        self.assertEqual(set(specs), {4})


# ---- round trips through the native CLI -----------------------------------------------------------

def cli_path():
    return os.environ.get("QNNV_CLI") or os.path.join(ROOT, "build", "native", "qnnv")


class CliMixin:
    def validate_file(self, path, soc):
        cli = cli_path()
        if not (os.path.isfile(cli) and os.access(cli, os.X_OK)):
            self.fail("qnnv CLI not found at %s: build it first (the test script does) or point QNNV_CLI at it"
                      % cli)
        r = subprocess.run([cli, "validate", path, "--format", "json", "--soc", soc],
                           capture_output=True, text=True, timeout=120)
        self.assertIn(r.returncode, (0, 1), "exit %d, stderr: %s" % (r.returncode, r.stderr))
        report = json.loads(r.stdout)
        self.assertEqual(report["format"], "qnnv.report")
        self.assertEqual(r.returncode == 0, report["ok"])
        return report

    def validate_gm(self, gm, soc, **hints):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "graph.json")
            qe.export_graph(gm, path, hints=hints or None)
            return self.validate_file(path, soc)

    @staticmethod
    def result(report, name):
        return next(r for r in report["results"] if r["node"] == name)

    @staticmethod
    def rules(result):
        return [f["rule"] for f in result.get("findings", [])]


@needs_torch
class RoundTrip(CliMixin, unittest.TestCase):
    def test_conv_8a8w_per_channel_with_derived_bias_passes_on_sm8750(self):
        report = self.validate_gm(conv_8a8w(), "SM8750")
        r = self.result(report, "conv2d_default")
        self.assertEqual(r["target"], "aten.conv2d.default")
        self.assertEqual(r["status"], "pass", r)
        self.assertTrue(report["ok"])

    def test_sigmoid_with_a_wrong_fixed_scale_fails(self):
        good = self.result(self.validate_gm(sigmoid_8bit(1.0 / 256), "SM8750"), "sigmoid_default")
        self.assertEqual(good["status"], "pass", good)
        report = self.validate_gm(sigmoid_8bit(1.0 / 128), "SM8750")
        bad = self.result(report, "sigmoid_default")
        self.assertEqual(bad["status"], "fail", bad)
        self.assertIn("encoding.fixed-qparams", self.rules(bad))
        self.assertFalse(report["ok"])

    def test_block_wise_linear_needs_v69(self):
        old = self.result(self.validate_gm(linear_16a4w_block(), "SM8350"), "linear_default")
        self.assertEqual(old["status"], "fail", old)
        self.assertIn("soc.lpbq-min-arch", self.rules(old))
        new = self.result(self.validate_gm(linear_16a4w_block(), "SM8750"), "linear_default")
        self.assertNotIn("soc.lpbq-min-arch", self.rules(new))

    def test_golden_export_validates_exactly_like_the_fixture(self):
        import tiny_decoder
        gm = tiny_decoder.annotate_16a4w_block(tiny_decoder.build_graph())
        for soc in ("SM8750", "SM8350"):
            ours = self.validate_gm(gm, soc, **GoldenTinyDecoder.HINTS)
            theirs = self.validate_file(GoldenTinyDecoder.FIXTURE, soc)
            self.assertEqual(ours["summary"], theirs["summary"], soc)
            self.assertEqual([(r["node"], r["status"], self.rules(r)) for r in ours["results"]],
                             [(r["node"], r["status"], self.rules(r)) for r in theirs["results"]], soc)
            if soc == "SM8350":  # the LPBQ linears must be caught on v68, or the comparison is vacuous
                self.assertIn("soc.lpbq-min-arch", [x for r in ours["results"] for x in self.rules(r)])


if __name__ == "__main__":
    unittest.main()
