"""Tests of the installed qnnv package (python/): import, validate a JSON file without torch, validate
inside a (fake) prepare_pt2e flow, verdicts on replayed annotation structures across quant configs, the fix
plan, and source lines.

The package must be installed for the interpreter running the tests (scripts/test.sh does it:
/usr/bin/python3 -m pip install --no-build-isolation --break-system-packages ./python); without it these
tests fail, by design, and say so.
"""

import json
import logging
import os
import subprocess
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)

import standins as S  # noqa: E402

try:
    import qnnv
except ImportError as e:  # pragma: no cover
    raise ImportError("the qnnv package is not installed for %s: run /usr/bin/python3 -m pip install "
                      "--no-build-isolation --break-system-packages ./python (docs/python.md)" % sys.executable) from e

try:
    import torch
    import torch.fx
    from torch.fx.passes.shape_prop import ShapeProp
except ImportError:  # pragma: no cover
    torch = None

needs_torch = unittest.skipIf(torch is None, "torch is not importable by %s" % sys.executable)
aten = torch.ops.aten if torch is not None else None
LPBQ = os.path.join(ROOT, "web", "examples", "lpbq_on_sm8350.json")
DECODER = os.path.join(ROOT, "tests", "fixtures", "tiny_decoder__16a4w_block.json")
DECODER_16A8W = os.path.join(ROOT, "tests", "fixtures", "configs", "decoder__16a8w.json")


def cli():
    return os.environ.get("QNNV_CLI") or os.path.join(ROOT, "build", "native", "qnnv")


class Installed(unittest.TestCase):
    def test_the_installed_package_and_its_extension_are_imported(self):
        self.assertFalse(os.path.abspath(qnnv.__file__).startswith(os.path.join(ROOT, "python") + os.sep),
                         "imported the source tree, not the installed package: %s" % qnnv.__file__)
        from qnnv import _qnnv
        self.assertEqual(_qnnv.version(), qnnv.__version__)
        self.assertTrue(_qnnv.data_version())

    def test_validating_a_file_needs_no_torch(self):
        code = ("import sys; sys.modules['torch'] = None\n"
                "import qnnv\n"
                "r = qnnv.validate(sys.argv[1], soc_model='SM8350')\n"
                "print(r.summary.failed, [f.rule for f in r.findings])\n"
                "assert 'torch' not in [m for m in sys.modules if sys.modules[m] is not None]\n")
        out = subprocess.run([sys.executable, "-c", code, LPBQ], capture_output=True, text=True, timeout=120)
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertEqual(out.stdout.strip(), "1 ['soc.lpbq-min-arch']")


class ValidateFile(unittest.TestCase):
    def test_report_fields_and_findings(self):
        r = qnnv.validate(LPBQ, soc_model="SM8350")
        self.assertFalse(r.ok)
        self.assertEqual((r.backend, r.soc_model, r.arch, r.strict), ("htp", "SM8350", "v68", True))
        self.assertEqual(r.summary.failed, 1)
        node = r.failing[0]
        self.assertEqual((node.node, node.target, node.status), ("linear", "aten.linear.default", "fail"))
        f = node.findings[0]
        self.assertEqual((f.rule, f.port, f.severity, f.expected), ("soc.lpbq-min-arch", "in[1]", "error", ">= v69"))
        self.assertIn("SM8350", f.actual)
        self.assertTrue(f.hint and f.source)
        self.assertEqual(r.node("linear").ports[1].encoding, "BLOCKWISE_EXPANSION")
        ok = qnnv.validate(LPBQ, soc_model="QcomChipset.SM8750")  # ExecuTorch's enum spelling is accepted
        self.assertTrue(ok.ok)
        self.assertEqual(qnnv.validate(LPBQ, soc_model="SM8350", strict=False).failing[0].findings[0].severity,
                         "warning")

    def test_renderings_are_the_clis(self):
        r = qnnv.validate(LPBQ, soc_model="SM8350")
        sarif = json.loads(r.to_sarif("model.json"))
        self.assertEqual(sarif["runs"][0]["results"][0]["ruleId"], "soc.lpbq-min-arch")
        self.assertIn("linear", r.to_text())
        self.assertIn("<testsuite", r.to_junit())
        if os.access(cli(), os.X_OK):
            out = subprocess.run([cli(), "validate", LPBQ, "--soc", "SM8350", "--format", "json"],
                                 capture_output=True, text=True, timeout=60)
            self.assertEqual(out.stdout, r.to_json() + "\n")
            out = subprocess.run([cli(), "validate", LPBQ, "--soc", "SM8350", "--format", "sarif"],
                                 capture_output=True, text=True, timeout=60)
            self.assertEqual(out.stdout, r.to_sarif(LPBQ) + "\n")

    def test_inputs_text_bytes_dict_and_errors(self):
        with open(LPBQ) as f:
            text = f.read()
        for graph in (text, text.encode(), json.loads(text)):
            self.assertEqual(qnnv.validate(graph, soc_model="SM8350").summary.failed, 1)
        with self.assertRaises(qnnv.InputError) as e:
            qnnv.validate('{"format": "qnnv.graph", "version": 1, "nodes": [', soc_model="SM8350")
        self.assertEqual(e.exception.code, "json.syntax")
        self.assertEqual(e.exception.line, 1)
        with self.assertRaises(qnnv.InputError) as e:
            qnnv.validate(LPBQ, soc_model="SM0000")
        self.assertEqual(e.exception.code, "options.unknown-soc")
        self.assertIsInstance(e.exception, ValueError)

    def test_qnn_sdk_selects_the_facts_of_that_sdk_and_the_report_records_it(self):
        # Block-wise (LPBQ) weights need QNN SDK 2.30 or newer (the data's sdk.lpbq-min-sdk gate).
        newest = qnnv.validate(DECODER, soc_model="SM8750")
        self.assertEqual(newest.summary.failed, 0)
        old = qnnv.validate(DECODER, soc_model="SM8750", qnn_sdk="2.28")
        self.assertEqual(old.qnn_sdk, "2.28")
        self.assertGreater(old.summary.failed, 0)
        self.assertIn("sdk.lpbq-min-sdk", {f.rule for n in old.failing for f in n.findings})
        self.assertNotEqual(newest.qnn_sdk, "2.28")
        with self.assertRaises(qnnv.InputError) as e:
            qnnv.validate(DECODER, qnn_sdk="latest")
        self.assertEqual(e.exception.code, "options.bad-qnn-sdk")


class FixPlanFromPython(unittest.TestCase):
    def test_fix_plan_of_a_file_and_of_a_report(self):
        plan = qnnv.validate(DECODER_16A8W, soc_model="SM8350").fix_plan()
        self.assertEqual((plan.failing_before, plan.failing_after, plan.verified), (3, 0, True))
        self.assertEqual([(c.target, c.quant_dtype, c.granularity) for c in plan.changes],
                         [("aten.layer_norm.default", "use_8a8w", "PER_TENSOR"),
                          ("aten.matmul.default", "use_8a8w", "PER_TENSOR")])
        self.assertEqual(plan.changes[1].nodes, ("matmul", "matmul_1"))
        self.assertIn("QuantDtype.use_8a8w", plan.snippet)
        compile(plan.snippet, "<snippet>", "exec")  # the snippet is valid Python
        self.assertEqual(json.loads(plan.to_json())["format"], "qnnv.fix-plan")
        self.assertEqual(qnnv.fix_plan(LPBQ, soc_model="SM8350").changes[0].quant_dtype, "use_16a4w")


# ---- graphs from torch, annotated with the structures the real quantizer builds ----------------------

if torch is not None:
    class ConvNet(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.conv = torch.nn.Conv2d(32, 8, 1)

        def forward(self, x):
            return aten.conv2d.default(x, self.conv.weight, self.conv.bias, [1, 1], [0, 0], [1, 1], 1)

    class LinearViewSigmoid(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.fc = torch.nn.Linear(64, 32)

        def forward(self, x):
            y = aten.linear.default(x, self.fc.weight, self.fc.bias)
            return aten.sigmoid.default(aten.view.default(y, [4, 16]))


def traced(module, *inputs):
    gm = torch.fx.symbolic_trace(module)
    ShapeProp(gm).propagate(*inputs)
    return gm


def calls(gm):
    return [n for n in gm.graph.nodes if n.op == "call_function"]


def annotate_weighted(node, act, weight, per_channel_bias):
    x, w, b = node.args[:3]
    bias = S.derived_bias(torch, x, w, node) if per_channel_bias else S.bias_int32(torch)
    S.annotate(node, [(x, act), (w, weight), (b, bias)], act)


def weight_per_channel(bits):
    q = {16: (torch.int16, 32767), 8: (torch.int8, 127), 4: (torch.int8, 7)}[bits]
    return S.QuantizationSpec(dtype=q[0], quant_min=-q[1], quant_max=q[1], qscheme=torch.per_channel_symmetric,
                              ch_axis=0, observer_or_fake_quant_ctr=S.with_args(S.PerChannelParamObserver,
                                                                               eps=S.EPS_16BIT))


class StandInsAreTorchaosShape(unittest.TestCase):
    """The replays below are only as real as the stand-ins: their fields must be torchao's, in order
    (pytorch/ao@36027d82 torchao/quantization/pt2e/quantizer/quantizer.py; shared/research/graph_format.md 1.1)."""

    def test_dataclass_fields(self):
        import dataclasses
        fields = {
            S.QuantizationSpec: ["dtype", "observer_or_fake_quant_ctr", "quant_min", "quant_max", "qscheme",
                                 "ch_axis", "is_dynamic"],
            S.FixedQParamsQuantizationSpec: ["dtype", "scale", "zero_point", "quant_min", "quant_max", "qscheme",
                                             "is_dynamic"],
            S.SharedQuantizationSpec: ["edge_or_node"],
            S.DerivedQuantizationSpec: ["derived_from", "derive_qparams_fn", "dtype", "quant_min", "quant_max",
                                        "qscheme", "ch_axis", "is_dynamic"],
            S.QuantizationAnnotation: ["input_qspec_map", "output_qspec", "allow_implicit_sharing", "_annotated"],
        }
        for cls, names in fields.items():
            self.assertEqual([f.name for f in dataclasses.fields(cls)], names, cls.__name__)
        self.assertTrue(S.QuantizationSpec.__dataclass_params__.frozen)  # frozen and hashable, as torchao's


@needs_torch
class Verdicts(unittest.TestCase):
    """Verdicts on GraphModules annotated with torchao-shaped specs, validated in memory (qnnv.validate(gm))."""

    def verdict(self, gm, soc, node):
        r = qnnv.validate(gm, soc_model=soc).node(node)
        return r.status, sorted({f.rule for f in r.findings})

    def test_quant_configs_on_conv(self):
        cases = [  # (name, activation, weight, derived bias, soc, expected status, expected rules)
            ("8a8w", S.act_8bit(torch), weight_per_channel(8), True, "SM8350", "pass", []),
            ("16a8w", S.act_16bit(torch), weight_per_channel(8), True, "SM8350", "pass", []),
            ("16a4w", S.act_16bit(torch), weight_per_channel(4), True, "SM8350", "pass", []),
            ("16a16w v68", S.act_16bit(torch), weight_per_channel(16), True, "SM8350", "fail",
             ["soc.16a16w-min-arch"]),
            ("16a16w v73", S.act_16bit(torch), weight_per_channel(16), True, "SM8550", "pass", []),
        ]
        for name, act, weight, derived, soc, status, rules in cases:
            with self.subTest(name):
                gm = traced(ConvNet(), torch.zeros(1, 32, 4, 4))
                annotate_weighted(calls(gm)[0], act, weight, derived)
                self.assertEqual(self.verdict(gm, soc, "conv2d_default"), (status, rules))

    def test_block_wise_through_a_shared_partial_chain(self):
        # QnnQuantizer writes block_size into the weight ctr's partial, shared by every user of the config,
        # after building it; the ctr is a with_args() chain. The export reads the partial at that moment.
        weight = S.weight_block_int4(torch)
        weight = S.QuantizationSpec(dtype=weight.dtype, quant_min=weight.quant_min, quant_max=weight.quant_max,
                                    qscheme=weight.qscheme, ch_axis=0,
                                    observer_or_fake_quant_ctr=weight.observer_or_fake_quant_ctr.with_args(eps=1e-6))
        gm = traced(ConvNet(), torch.zeros(1, 32, 4, 4))
        annotate_weighted(calls(gm)[0], S.act_16bit(torch), weight, True)
        self.assertEqual(self.verdict(gm, "SM8350", "conv2d_default"), ("pass", []))  # no block_size yet
        weight.observer_or_fake_quant_ctr.p.func.p.keywords["block_size"] = (1, 32, 1, 1)  # the inner partial
        self.assertEqual(self.verdict(gm, "SM8350", "conv2d_default"), ("fail", ["soc.lpbq-min-arch"]))
        self.assertEqual(self.verdict(gm, "SM8450", "conv2d_default"), ("pass", []))

    def test_shared_object_identity_fixed_and_shared_specs(self):
        gm = traced(LinearViewSigmoid(), torch.zeros(2, 64))
        lin, view, sig = calls(gm)
        act = S.act_16bit(torch)  # one object for every activation, as a QuantizationConfig holds it
        annotate_weighted(lin, act, weight_per_channel(8), True)
        S.annotate(view, [(lin, act)], S.SharedQuantizationSpec((lin, view)))
        S.annotate(sig, [(view, act)], S.fixed_output(torch, 1.0 / 65536, 0, torch.int32, 0, 65535))
        r = qnnv.validate(gm, soc_model="SM8650")
        self.assertTrue(r.ok, r.to_text())
        # the view's output shares the (linear -> view) edge, whose spec equals linear's output spec: with
        # allow_implicit_sharing, prepare gives both one observer, so the root is linear's output
        self.assertEqual(r.node("view_default").ports[-1].shared_with, "linear_default")
        # a 16-bit sigmoid with the 8-bit fixed scale, and a view with its own output qparams
        S.annotate(sig, [(view, act)], S.fixed_output(torch, 1.0 / 256, 0, torch.int32, 0, 65535))
        S.annotate(view, [(lin, act)], act)
        self.assertEqual(self.verdict(gm, "SM8650", "sigmoid_default"), ("fail", ["encoding.fixed-qparams"]))
        self.assertEqual(self.verdict(gm, "SM8650", "view_default"), ("fail", ["encoding.math-invariant"]))

    def test_fixed_qparams_spec_class_and_fake_quantize_form(self):
        gm = traced(LinearViewSigmoid(), torch.zeros(2, 64))
        lin, view, sig = calls(gm)
        act = S.act_8bit(torch)
        annotate_weighted(lin, act, weight_per_channel(8), True)
        S.annotate(view, [(lin, S.SharedQuantizationSpec(lin))], S.SharedQuantizationSpec(lin))
        fixed = S.FixedQParamsQuantizationSpec(dtype=torch.uint8, scale=1.0 / 256, zero_point=0, quant_min=0,
                                               quant_max=255, qscheme=torch.per_tensor_affine)
        S.annotate(sig, [(view, act)], fixed)
        self.assertEqual(self.verdict(gm, "SM8750", "sigmoid_default"), ("pass", []))
        fq = S.with_args(S.FixedQParamsFakeQuantize, observer=S.with_args(S.FixedQParamsObserver, scale=1.0 / 128,
                                                                          zero_point=0))
        S.annotate(sig, [(view, act)], S.QuantizationSpec(dtype=torch.uint8, quant_min=0, quant_max=255,
                                                          qscheme=torch.per_tensor_affine,
                                                          observer_or_fake_quant_ctr=fq))
        self.assertEqual(self.verdict(gm, "SM8750", "sigmoid_default"), ("fail", ["encoding.fixed-qparams"]))


# ---- inside the flow ----------------------------------------------------------------------------------

class BlockQuantizer:
    """Annotates every aten.linear with 16-bit activations and a block-wise 4-bit weight, as QnnQuantizer's
    use_16a4w_block does; its own validate() records that it ran (ExecuTorch's without a QNN SDK does nothing)."""

    def __init__(self):
        self.validated = 0

    def transform_for_annotation(self, gm):
        return gm

    def annotate(self, gm):
        weight = S.weight_block_int4(torch)
        weight.observer_or_fake_quant_ctr.p.keywords.update({"block_size": (1, 16)})
        for n in calls(gm):
            if n.target is aten.linear.default:
                annotate_weighted(n, S.act_16bit(torch), weight, True)
        return gm

    def validate(self, gm):
        self.validated += 1


def prepare(gm, quantizer):  # torchao's prepare_pt2e order, up to observer insertion
    gm = quantizer.transform_for_annotation(gm)
    quantizer.annotate(gm)
    quantizer.validate(gm)
    return gm


@needs_torch
class InTheFlow(unittest.TestCase):
    def graph(self):
        return traced(LinearViewSigmoid(), torch.zeros(2, 64))

    def test_strict_raises_value_error_naming_nodes_and_rules(self):
        q = qnnv.capture(BlockQuantizer(), validate=True, soc_model="SM8350")
        with self.assertRaises(ValueError) as e:
            prepare(self.graph(), q)
        self.assertIn("linear_default (aten.linear.default)", str(e.exception))
        self.assertIn("soc.lpbq-min-arch", str(e.exception))
        self.assertEqual(e.exception.report.summary.failed, 1)
        self.assertEqual(e.exception.report.fix_plan().changes[0].quant_dtype, "use_16a4w")
        self.assertEqual(q.validated, 0)  # strict stops before the quantizer's own validate, as upstream's raise

    def test_non_strict_logs_warnings_and_goes_on(self):
        q = qnnv.capture(BlockQuantizer(), validate=True, soc_model="SM8350", strict=False)
        with self.assertLogs("qnnv", level=logging.WARNING) as logs:
            prepare(self.graph(), q)
        self.assertTrue(any("linear_default" in m and "soc.lpbq-min-arch" in m for m in logs.output), logs.output)
        self.assertEqual(q.validated, 1)
        self.assertTrue(q.qnnv_report.ok)  # non-strict: findings are warnings, as in the CLI's --no-strict
        self.assertEqual(q.qnnv_report.summary.failed, 1)

    def test_strict_follows_the_quantizers_own_flag_unless_given(self):
        lenient = BlockQuantizer()
        lenient.strict = False  # QnnQuantizer(strict=False)
        with self.assertLogs("qnnv", level=logging.WARNING):
            prepare(self.graph(), qnnv.capture(lenient, validate=True, soc_model="SM8350"))
        with self.assertRaises(ValueError):
            prepare(self.graph(), qnnv.capture(BlockQuantizer(), validate=True, soc_model="SM8350", strict=True))

    def test_passing_graph_and_file_written_too(self):
        import tempfile
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "g.json")
            q = qnnv.capture(BlockQuantizer(), path, validate=True, soc_model="SM8750")
            prepare(self.graph(), q)
            self.assertTrue(q.qnnv_report.ok)
            self.assertEqual(q.validated, 1)
            with open(path) as f:
                doc = json.load(f)
            self.assertTrue(all("stack_trace" not in n.get("meta", {}) for n in doc["nodes"]))
        with self.assertRaises(TypeError):
            qnnv.capture(BlockQuantizer())

    def test_findings_name_the_source_line(self):
        gm = self.graph()
        q = qnnv.capture(BlockQuantizer(), validate=True, soc_model="SM8350", strict=False)
        line = sys._getframe().f_lineno + 1
        lin = calls(gm)[0]
        lin.meta["stack_trace"] = ('  File "%s", line %d, in test_findings_name_the_source_line\n    lin = x\n'
                                   % (__file__, line))
        with self.assertLogs("qnnv", level=logging.WARNING):
            prepare(gm, q)
        r = q.qnnv_report.node("linear_default")
        if not r.source_file:
            self.skipTest("this build's loader does not fill NodeResult.source_file from meta.stack_trace yet")
        self.assertEqual((r.source_file, r.source_line), (__file__, line))
        self.assertEqual(r.findings[0].location, "%s:%d" % (__file__, line))


if __name__ == "__main__":
    unittest.main()
