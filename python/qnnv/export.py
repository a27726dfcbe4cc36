#!/usr/bin/env python3
"""Write a PT2E-annotated torch.fx graph as qnnv graph JSON (format "qnnv.graph", version 1).

Two entry points (import them from the qnnv package, or from scripts/qnnv_export.py, which loads this file):

    from qnnv import capture
    prepared = prepare_pt2e(model, capture(QnnQuantizer(...), "model.qnnv.json", soc_model="SM8650"))
    prepared = prepare_pt2e(model, capture(QnnQuantizer(...), validate=True, soc_model="SM8350"))

    from qnnv import export_graph
    export_graph(annotated_graph_module, "model.qnnv.json")

`capture` hooks the quantizer's `validate()`, which PT2E calls right after `annotate()` and before
observers are inserted, so the file holds exactly what the annotator produced. The module needs only
torch and the standard library, and imports torch lazily so that `--help` works without it.
"""

import argparse
import functools
import json
import logging
import math
import os
import sys
import tempfile
import types

__version__ = "0.1.0"

FORMAT = "qnnv.graph"
FORMAT_VERSION = 1
ANNOTATION_KEY = "quantization_annotation"  # torch.ao and torchao both use this literal
HINT_KEYS = ("backend", "soc_model", "quant_dtype")

__all__ = ["export_graph", "capture", "graph_to_dict", "ValidationFailed", "__version__"]


class _Unrepresentable(Exception):
    """Raised by the encoders for a value that JSON cannot carry; the caller drops it with a note."""


# --------------------------------------------------------------------------------------------------
# small helpers that need no torch


def _mro_names(obj):
    return {c.__name__ for c in type(obj).__mro__}


def _is_fx_node(obj):
    # Duck-typed so that the stand-ins of tests and any torch version's Node are treated alike.
    return type(obj).__name__ == "Node" and hasattr(obj, "op") and hasattr(obj, "name") and hasattr(obj, "graph")


def _number(x):
    """JSON number for a finite float; the strings "inf", "-inf", "nan" otherwise (JSON has none)."""
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    return x


def _torch_name(obj):
    # str(torch.int8) == "torch.int8", str(torch.per_tensor_affine) == "torch.per_tensor_affine".
    s = str(obj)
    return s[len("torch."):] if s.startswith("torch.") else s


def _qualified_name(fn):
    module = getattr(fn, "__module__", None)
    if isinstance(fn, types.BuiltinFunctionType):
        # C functions: torch.relu's __qualname__ is "_VariableFunctionsClass.relu", its name is enough
        name = getattr(fn, "__name__", None)
    else:
        name = getattr(fn, "__qualname__", None) or getattr(fn, "__name__", None)
    if name is None:
        raise _Unrepresentable(type(fn).__name__)
    if module is None and hasattr(fn, "__objclass__"):
        module = getattr(fn.__objclass__, "__module__", None)  # method descriptors, torch.Tensor.add
    if module is None:
        # Some C builtins (torch's functions bound from C) carry no __module__; their __self__ does.
        owner = getattr(fn, "__self__", None)
        module = getattr(owner, "__name__", None) if owner is not None else None
    return "%s.%s" % (module, name) if module else name


def _target_string(target):
    if isinstance(target, str):
        return target
    names = _mro_names(target)
    if names & {"OpOverload", "OpOverloadPacket"}:
        # str() gives "aten.conv2d.default" on torch 1.13 and 2.x; strip the prefix some builds add.
        s = str(target)
        return s[len("torch.ops."):] if s.startswith("torch.ops.") else s
    if "HigherOrderOperator" in names:
        return "higher_order." + str(getattr(target, "_name", None) or getattr(target, "__name__", "unknown"))
    return _qualified_name(target)


def _hint_value(v):
    # ExecuTorch passes enums (QuantDtype.use_16a4w_block, QcomChipset.SM8650); the file wants names.
    name = getattr(v, "name", None)
    if name is not None and not isinstance(v, str) and type(v).__module__ != "builtins":
        v = name
    v = str(v)
    if v.startswith("k") and v.endswith("Backend") and len(v) > 8:
        v = v[1:-len("Backend")].lower()  # QnnExecuTorchBackendType.kHtpBackend -> "htp"
    return v


def _normalize_hints(hints):
    if not hints:
        return None
    unknown = sorted(set(hints) - set(HINT_KEYS))
    if unknown:
        raise TypeError("unknown hint(s) %s; known: %s" % (", ".join(unknown), ", ".join(HINT_KEYS)))
    out = {}
    for key in HINT_KEYS:  # fixed order keeps the output deterministic
        if hints.get(key) is not None:
            out[key] = _hint_value(hints[key])
    return out or None


def _package_version(dist, module_name):
    try:
        from importlib import metadata
        return metadata.version(dist)
    except Exception:
        pass
    mod = sys.modules.get(module_name)  # only if the user already imported it; never import it here
    return getattr(mod, "__version__", None) if mod is not None else None


# --------------------------------------------------------------------------------------------------
# the encoder


class _Encoder:
    def __init__(self, torch, include_stack_trace):
        self.torch = torch
        self.include_stack_trace = include_stack_trace
        self.notes = []
        self.qspecs = []
        self._qspec_index = {}

    def note(self, where, what):
        self.notes.append("%s: %s" % (where, what))

    # ---- values shared by args and observer kwargs

    def _scalar_tensor(self, t):
        if t.numel() != 1:
            raise _Unrepresentable("a tensor of shape %s (only single-element tensors become numbers)"
                                   % list(t.shape))
        v = t.item()
        return _number(v) if isinstance(v, float) else v

    # ---- node args and kwargs

    def arg(self, v, where):
        torch = self.torch
        if v is None or isinstance(v, (bool, str)):
            return v
        if isinstance(v, int):
            return v
        if isinstance(v, float):
            return _number(v)
        if _is_fx_node(v):
            return {"node": v.name}
        if isinstance(v, torch.dtype):
            return {"dtype": _torch_name(v)}
        if isinstance(v, (torch.device,)):
            return str(v)
        if isinstance(v, (torch.memory_format, torch.layout, torch.qscheme)):
            return _torch_name(v)
        if type(v).__name__ in ("SymInt", "SymIntNode", "SymFloat", "SymFloatNode", "SymBool", "SymBoolNode"):
            return str(v)
        if isinstance(v, slice):
            return "slice(%s, %s, %s)" % tuple(
                (x.name if _is_fx_node(x) else repr(x)) for x in (v.start, v.stop, v.step))
        if v is Ellipsis:
            return "..."
        if isinstance(v, (list, tuple)):  # immutable_list and torch.Size are subclasses
            return [self._arg_item(x, "%s[%d]" % (where, i)) for i, x in enumerate(v)]
        if isinstance(v, dict):
            return {str(k): self._arg_item(x, "%s.%s" % (where, k)) for k, x in v.items()}
        if isinstance(v, torch.Tensor):
            return self._scalar_tensor(v)
        raise _Unrepresentable("a %s" % type(v).__name__)

    def _arg_item(self, v, where):
        try:
            return self.arg(v, where)
        except _Unrepresentable as e:
            # null keeps the positions of the other arguments intact
            self.note(where, "written as null, %s cannot be represented" % e)
            return None

    # ---- tensor meta

    def val(self, v):
        torch = self.torch
        if v is None:
            return None
        if hasattr(v, "shape") and hasattr(v, "dtype") and isinstance(getattr(v, "dtype"), torch.dtype):
            # Tensor, FakeTensor and fx's TensorMetadata (a NamedTuple, hence tested before tuple)
            shape = []
            for d in v.shape:
                shape.append(d if isinstance(d, int) and not isinstance(d, bool) else str(d))
            return {"dtype": _torch_name(v.dtype), "shape": shape}
        if isinstance(v, (list, tuple)):
            return [self.val(x) for x in v]
        return None  # SymInt / int / float results: not a tensor, no tensor meta

    def node_val(self, node, gm):
        meta = node.meta
        if meta.get("val") is not None:
            return self.val(meta["val"])
        if meta.get("tensor_meta") is not None:
            return self.val(meta["tensor_meta"])
        if node.op == "get_attr" and gm is not None:
            # Graphs traced without fake tensors (symbolic_trace) still own the attribute itself.
            obj = gm
            try:
                for part in str(node.target).split("."):
                    obj = getattr(obj, part)
            except AttributeError:
                return None
            if isinstance(obj, self.torch.Tensor):
                return self.val(obj)
        return None

    # ---- observer constructors

    def _unwrap_ctr(self, ctr, where):
        """(class name, kwargs) of an observer/fake-quant constructor.

        Handles a class, functools.partial, torch's _PartialWrapper (.p) and chains of with_args().
        Keywords are read now: ExecuTorch's annotator writes block_size into a partial shared by many
        specs, so a later read could show another node's value.
        """
        layers = []
        extra = []
        seen = 0
        while seen < 64:
            seen += 1
            if isinstance(ctr, functools.partial):
                layers.append(ctr.keywords or {})
                if ctr.args:
                    extra.append("%d positional argument(s) of the partial dropped" % len(ctr.args))
                ctr = ctr.func
            elif isinstance(getattr(ctr, "p", None), functools.partial):  # torch's _PartialWrapper
                if getattr(ctr, "callable_args", None):
                    extra.append("callable args %s dropped (evaluated only when the observer is built)"
                                 % ", ".join(sorted(map(str, ctr.callable_args))))
                ctr = ctr.p
            else:
                break
        name = ctr.__name__ if isinstance(ctr, type) else getattr(ctr, "__name__", type(ctr).__name__)
        kwargs = {}
        for layer in reversed(layers):  # innermost first, outer with_args() overrides: partial's rule
            kwargs.update(layer)
        for e in extra:
            self.note(where, e)
        return name, kwargs

    def _is_ctr(self, v):
        return isinstance(v, (type, functools.partial)) or isinstance(getattr(v, "p", None), functools.partial)

    def observer_kwargs(self, kwargs, where):
        out = {}
        for k, v in kwargs.items():
            try:
                out[str(k)] = self.kwarg(v, "%s.%s" % (where, k))
            except _Unrepresentable as e:
                self.note("%s.%s" % (where, k), "dropped, %s cannot be represented" % e)
        return out

    def kwarg(self, v, where):
        torch = self.torch
        if v is None or isinstance(v, (bool, str, int)):
            return v
        if isinstance(v, float):
            return _number(v)
        if isinstance(v, (torch.dtype, torch.qscheme, torch.memory_format, torch.layout)):
            return _torch_name(v)  # in a qspec a dtype is a plain name, unlike in node args
        if isinstance(v, torch.device):
            return str(v)
        if isinstance(v, torch.Tensor):
            return self._scalar_tensor(v)
        if isinstance(v, (list, tuple)):  # block_size arrives as a tuple
            return [self.kwarg(x, "%s[%d]" % (where, i)) for i, x in enumerate(v)]
        if self._is_ctr(v):  # FakeQuantize(observer=...): the nested observer and its own kwargs
            name, kw = self._unwrap_ctr(v, where)
            return {"observer": name, "observer_kwargs": self.observer_kwargs(kw, where + ".observer_kwargs")}
        if _is_fx_node(v):
            raise _Unrepresentable("a graph node (%s)" % v.name)
        raise _Unrepresentable("a %s.%s" % (type(v).__module__, type(v).__qualname__))

    # ---- qspecs

    @staticmethod
    def _edge_or_node(x):
        if isinstance(x, tuple) and len(x) == 2 and all(_is_fx_node(n) for n in x):
            return {"edge": [x[0].name, x[1].name]}
        if _is_fx_node(x):
            return {"node": x.name}
        raise _Unrepresentable("an edge_or_node of type %s" % type(x).__name__)

    def _common(self, spec, fields, where):
        out = {}
        for f in fields:
            v = getattr(spec, f, None)
            if f == "is_dynamic":
                v = bool(v)  # torch.ao's older Fixed/Derived specs have no is_dynamic: it means False
            out[f] = self.kwarg(v, "%s.%s" % (where, f))
        return out

    def qspec(self, spec, where):
        """(encoded dict or None, notes that belong to it)."""
        saved, self.notes = self.notes, []
        try:
            enc = self._qspec(spec, where)
            return enc, self.notes
        finally:
            self.notes = saved

    def _qspec(self, spec, where):
        names = _mro_names(spec)
        has = lambda f: hasattr(spec, f)  # noqa: E731
        try:
            if "SharedQuantizationSpec" in names or (has("edge_or_node") and not has("derived_from")):
                out = {"kind": "shared"}
                out.update(self._edge_or_node(spec.edge_or_node))
                return out
            if "DerivedQuantizationSpec" in names or has("derived_from"):
                out = {"kind": "derived",
                       "derived_from": [self._edge_or_node(x) for x in spec.derived_from]}
                out.update(self._common(spec, ("dtype", "quant_min", "quant_max", "qscheme", "ch_axis",
                                               "is_dynamic"), where))
                return out
            if "FixedQParamsQuantizationSpec" in names or (
                    has("scale") and has("zero_point") and not has("observer_or_fake_quant_ctr")):
                out = {"kind": "fixed"}
                out.update(self._common(spec, ("dtype", "scale", "zero_point", "quant_min", "quant_max",
                                               "qscheme", "is_dynamic"), where))
                return out
            if "QuantizationSpec" in names or has("observer_or_fake_quant_ctr"):
                out = {"kind": "quant"}
                out.update(self._common(spec, ("dtype", "quant_min", "quant_max", "qscheme", "ch_axis",
                                               "is_dynamic"), where))
                ctr = getattr(spec, "observer_or_fake_quant_ctr", None)
                if ctr is not None:
                    name, kw = self._unwrap_ctr(ctr, where)
                    out["observer"] = name
                    out["observer_kwargs"] = self.observer_kwargs(kw, where + ".observer_kwargs")
                return out
        except _Unrepresentable as e:
            self.note(where, "qspec written as null, %s cannot be represented" % e)
            return None
        self.note(where, "qspec written as null, unknown qspec class %s" % type(spec).__name__)
        return None

    def qspec_ref(self, spec, where):
        """Index into the deduplicated qspecs table, or None for an explicit None."""
        if spec is None:
            return None
        enc, notes = self.qspec(spec, where)
        if enc is None:
            self.notes.extend(notes)
            return None
        key = json.dumps(enc, allow_nan=False)
        idx = self._qspec_index.get(key)
        if idx is None:
            idx = len(self.qspecs)
            self._qspec_index[key] = idx
            self.qspecs.append(enc)
            # Notes are made once per table entry, not once per use: LLM graphs reuse a spec thousands
            # of times. The location inside names the first use.
            self.notes.extend("qspecs[%d]: %s" % (idx, n) for n in notes)
        return idx

    def annotation(self, node):
        a = node.meta.get(ANNOTATION_KEY)
        if a is None:
            return None
        where = "node %s" % node.name
        entries = []
        qmap = getattr(a, "input_qspec_map", None) or {}
        for arg_node, spec in qmap.items():  # dict order = insertion order, which ET's validator uses
            arg_name = arg_node.name if _is_fx_node(arg_node) else str(arg_node)
            entries.append({"arg": arg_name,
                            "qspec": self.qspec_ref(spec, "%s input_qspec_map[%s]" % (where, arg_name))})
        return {
            "input_qspec_map": entries,
            "output_qspec": self.qspec_ref(getattr(a, "output_qspec", None), where + " output_qspec"),
            "allow_implicit_sharing": bool(getattr(a, "allow_implicit_sharing", True)),
            "annotated": bool(getattr(a, "_annotated", False)),
        }

    def module_path(self, node):
        stack = node.meta.get("nn_module_stack")
        if not stack:
            return None
        key, value = list(stack.items())[-1]
        # torch 2.x: {key: (fqn, class)}; older make_fx/dynamo: {fqn: class}
        if isinstance(value, (tuple, list)) and value and isinstance(value[0], str):
            return value[0]
        return str(key)

    def node(self, node, gm):
        where = "node %s" % node.name
        out = {"name": node.name, "op": node.op}
        try:
            out["target"] = _target_string(node.target)
        except _Unrepresentable as e:
            self.note(where + " target", "written as null, %s has no name" % e)
            out["target"] = None
        if node.args:
            out["args"] = [self._arg_item(a, "%s args[%d]" % (where, i)) for i, a in enumerate(node.args)]
        if node.kwargs:
            out["kwargs"] = {str(k): self._arg_item(v, "%s kwargs.%s" % (where, k)) for k, v in node.kwargs.items()}
        v = self.node_val(node, gm)
        if v is not None:
            out["val"] = v
        ann = self.annotation(node)
        if ann is not None:
            out["annotation"] = ann
        meta = {}
        module = self.module_path(node)
        if module:
            meta["module"] = module
        if self.include_stack_trace and node.meta.get("stack_trace"):
            meta["stack_trace"] = str(node.meta["stack_trace"])
        if meta:
            out["meta"] = meta
        return out


def graph_to_dict(gm, *, hints=None, include_stack_trace=False):
    """The format-v1 document for `gm` (a torch.fx GraphModule, or a bare torch.fx Graph) as a dict."""
    import torch

    graph = getattr(gm, "graph", gm)
    module = gm if graph is not gm else getattr(graph, "owning_module", None)
    enc = _Encoder(torch, include_stack_trace)
    nodes = [enc.node(n, module) for n in graph.nodes]  # graph.nodes is topological order

    producer = {"name": "qnnv-export", "version": __version__, "torch": str(torch.__version__)}
    for dist, mod in (("torchao", "torchao"), ("executorch", "executorch")):
        v = _package_version(dist, mod)
        if v:
            producer[dist] = str(v)
    if enc.notes:
        producer["notes"] = enc.notes
    doc = {"format": FORMAT, "version": FORMAT_VERSION, "producer": producer}
    h = _normalize_hints(hints)
    if h:
        doc["hints"] = h
    doc["qspecs"] = enc.qspecs
    doc["nodes"] = nodes
    return doc


def _write(doc, path_or_file):
    text = json.dumps(doc, allow_nan=False, separators=(",", ":")) + "\n"
    if hasattr(path_or_file, "write"):
        path_or_file.write(text)
        return
    path = os.fspath(path_or_file)
    directory = os.path.dirname(os.path.abspath(path))
    # Write beside the target and rename: an interrupted export never leaves half a file behind.
    fd, tmp = tempfile.mkstemp(prefix=".qnnv-export-", suffix=".json", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def export_graph(gm, path_or_file, *, hints=None, include_stack_trace=False):
    """Write `gm` (annotated by any PT2E quantizer) as qnnv graph JSON to a path or a text file object.

    hints: optional {"backend", "soc_model", "quant_dtype"}; they preselect the validator's choices.
    Returns the written document (a dict).
    """
    doc = graph_to_dict(gm, hints=hints, include_stack_trace=include_stack_trace)
    _write(doc, path_or_file)
    return doc


class ValidationFailed(ValueError):
    """Raised by capture(..., validate=True, strict=True) when nodes fail: a ValueError, the type ExecuTorch's
    QnnQuantizer(strict=True) raises, whose message names every failing node and rule. `.report` is the
    qnnv.Report (report.fix_plan() says what to change)."""

    def __init__(self, message, report):
        super().__init__(message)
        self.report = report


_log = logging.getLogger("qnnv")


def _strip_stack_traces(doc):
    nodes = []
    for n in doc["nodes"]:
        meta = n.get("meta")
        if meta and "stack_trace" in meta:
            n = dict(n)
            rest = {k: v for k, v in meta.items() if k != "stack_trace"}
            if rest:
                n["meta"] = rest
            else:
                del n["meta"]
        nodes.append(n)
    return dict(doc, nodes=nodes)


def _run_validation(quantizer, doc, hints, strict):
    """qnnv's verdict where the quantizer's validate() runs: strict raises, otherwise warnings are logged."""
    import importlib
    report_module = importlib.import_module("qnnv.report")  # absolute: this file also runs as a script
    report = report_module.validate(json.dumps(doc, allow_nan=False), backend=hints.get("backend"),
                                    soc_model=hints.get("soc_model"), strict=strict)
    quantizer.qnnv_report = report
    if not report.failing:
        return report
    head = "qnnv: validation failed for %d node(s) on %s (%s %s)" % (
        len(report.failing), report.soc_model, report.backend, report.arch)
    if strict:
        raise ValidationFailed(head + ":\n" + report.failure_message() +
                               "\n(the exception's .report has every finding; .report.fix_plan() says what to change)",
                               report)
    for r in report.failing:  # as upstream: a warning per node, through logging
        where = (" at %s:%d" % (r.source_file, r.source_line)) if r.source_file and r.source_line else ""
        for f in r.findings:
            _log.warning("Validation failed for node %s with target %s%s: [%s] %s %s", r.node, r.target, where,
                         f.rule, f.port, f.message)
    return report


def capture(quantizer, path=None, *, include_stack_trace=False, validate=False, strict=None, run_original=True,
            **hints):
    """Hook the quantizer's validate(), which prepare_pt2e calls right after annotate(); returns the quantizer.

    path: write the annotated graph there (qnnv graph JSON). If it contains "{n}", each call writes a new
      file (0, 1, ...), e.g. for prefill and decode graphs. The file is written before any validation runs,
      because strict validation raises on the very graphs a user wants to inspect.
    validate=True: run qnnv's validation there too (backend/soc_model from the hints): with strict=True a
      failing node raises ValidationFailed (a ValueError naming the nodes and rules), otherwise each
      finding is logged as a warning on the "qnnv" logger. strict=None takes the quantizer's own `strict`
      (QnnQuantizer(strict=...)), else True. The report is kept as quantizer.qnnv_report.
      It needs no QNN SDK; the quantizer's own validate() still runs afterwards (run_original=False skips it).
    hints: backend, soc_model, quant_dtype (ExecuTorch enums are accepted and stored by name).
    """
    _normalize_hints(hints)  # reject a misspelt hint now, not inside prepare_pt2e
    if path is None and not validate:
        raise TypeError("capture() needs a path to write, or validate=True")
    original = quantizer.validate
    counter = [0]
    if strict is None:
        strict = bool(getattr(quantizer, "strict", True))

    @functools.wraps(original)
    def hooked_validate(model, *args, **kwargs):
        # Stack traces make findings name the user's source lines; the file gets them only on request.
        doc = graph_to_dict(model, hints=hints, include_stack_trace=include_stack_trace or validate)
        if path is not None:
            target = path
            if isinstance(path, (str, os.PathLike)) and "{n}" in os.fspath(path):
                target = os.fspath(path).replace("{n}", str(counter[0]))
            _write(doc if include_stack_trace or not validate else _strip_stack_traces(doc), target)
        counter[0] += 1
        if validate:
            _run_validation(quantizer, doc, _normalize_hints(hints) or {}, strict)
        return original(model, *args, **kwargs) if run_original else None

    hooked_validate.__qnnv_original__ = original
    quantizer.validate = hooked_validate  # an instance attribute shadows the class's method
    return quantizer


# --------------------------------------------------------------------------------------------------
# command line


def _selftest(out):
    import torch
    import torch.fx

    class Tiny(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.fc = torch.nn.Linear(4, 3)

        def forward(self, x):
            return torch.relu(self.fc(x)).clamp(max=float("inf"))

    gm = torch.fx.symbolic_trace(Tiny())
    from torch.fx.passes.shape_prop import ShapeProp
    ShapeProp(gm).propagate(torch.zeros(2, 4))
    doc = graph_to_dict(gm)
    # Re-read what was produced: it must be strict JSON of this format with every node present.
    text = json.dumps(doc, allow_nan=False, separators=(",", ":"))
    back = json.loads(text)
    names = [n.name for n in gm.graph.nodes]
    problems = []
    if back.get("format") != FORMAT or back.get("version") != FORMAT_VERSION:
        problems.append("format/version")
    if [n["name"] for n in back["nodes"]] != names:
        problems.append("node order")
    if problems:
        sys.stderr.write("qnnv-export selftest FAILED: %s\n" % ", ".join(problems))
        return 1
    if out:
        _write(doc, out)
    else:
        sys.stdout.write(text + "\n")
    sys.stderr.write("qnnv-export selftest ok: %d nodes, torch %s\n" % (len(names), torch.__version__))
    return 0


def main(argv=None):
    p = argparse.ArgumentParser(
        prog="qnnv_export.py",
        description="Export a PT2E-annotated torch.fx graph as qnnv graph JSON (qnnv.graph v1). "
                    "Use it from Python: capture(quantizer, 'graph.json', soc_model='SM8650') before "
                    "prepare_pt2e(model, quantizer), or export_graph(graph_module, 'graph.json'). "
                    "Then: qnnv validate graph.json --soc SM8650.")
    p.add_argument("--version", action="version", version="qnnv-export %s (format %s v%d)"
                   % (__version__, FORMAT, FORMAT_VERSION))
    p.add_argument("--selftest", action="store_true",
                   help="trace a tiny model (no annotations), export it and check the result; needs torch")
    p.add_argument("-o", "--output", help="with --selftest: write the JSON here instead of stdout")
    a = p.parse_args(argv)
    if not a.selftest:
        p.print_help()
        return 0
    try:
        import torch  # noqa: F401
    except ImportError:
        sys.stderr.write("qnnv-export: --selftest needs torch, which this Python (%s) cannot import\n"
                         % sys.executable)
        return 2
    return _selftest(a.output)


if __name__ == "__main__":
    sys.exit(main())
