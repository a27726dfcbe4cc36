#!/usr/bin/env python3
"""Writes the verdict corpus: tests/verdicts/cases/<id>.json (one small qnnv.graph per piece of public
evidence of what QNN accepted or rejected) and tests/verdicts/manifest.json (what QNN did, the source, and
how to run qnnv on the case).

Every case is one annotated op (plus the placeholders and parameters it reads), written the way ExecuTorch's
QnnQuantizer writes annotations: 16-bit activations as int32 0..65535, 4-bit weights as int8 -7..7, block-wise
weights with `block_size` in the observer kwargs, biases as derived int32 specs, fixed outputs through
FixedQParamsObserver. Cases in other styles (signed activations, an asymmetric int16 weight) are written in the
same vocabulary, as another annotator (onnxruntime's, LiteRT's, AIMET's) would produce for the same QNN tensors.

The cases are data; this script is their only author. Run it after editing CASES and commit both outputs:
    /usr/bin/python3 tests/verdicts/gen.py            (write)
    /usr/bin/python3 tests/verdicts/gen.py --check    (exit 1 if the committed files differ)
"""
import json
import sys

sys.dont_write_bytecode = True  # cases.py is imported; keep tests/verdicts free of __pycache__
from pathlib import Path

HERE = Path(__file__).resolve().parent
EPS = 1.5259021896696422e-09

# ---------------------------------------------------------------------------------------------------------
# Quantization specs, by short name. QNN datatype follows from the range (see docs/graph-format.md).


def quant(dtype, qmin, qmax, qscheme, ch_axis=None, observer="MinMaxObserver", **observer_kwargs):
    kw = {"eps": EPS}
    kw.update(observer_kwargs)
    return {"kind": "quant", "dtype": dtype, "quant_min": qmin, "quant_max": qmax, "qscheme": qscheme,
            "ch_axis": ch_axis, "is_dynamic": False, "observer": observer, "observer_kwargs": kw}


def fixed(dtype, qmin, qmax, scale, zero_point):
    """A FixedQParamsObserver output spec (Sigmoid, Tanh, ...), as ExecuTorch writes it."""
    return {"kind": "quant", "dtype": dtype, "quant_min": qmin, "quant_max": qmax, "qscheme": "per_tensor_affine",
            "ch_axis": None, "is_dynamic": False, "observer": "FixedQParamsObserver",
            "observer_kwargs": {"scale": scale, "zero_point": zero_point, "dtype": dtype,
                                "qscheme": "per_tensor_affine", "quant_max": qmax, "quant_min": qmin}}


SPECS = {
    # activations
    "u8": quant("uint8", 0, 255, "per_tensor_affine", observer="MovingAverageMinMaxObserver"),
    "s8": quant("int8", -128, 127, "per_tensor_affine", observer="MovingAverageMinMaxObserver"),
    "s8sym": quant("int8", -128, 127, "per_tensor_symmetric"),          # offset 0
    "u16": quant("int32", 0, 65535, "per_tensor_affine"),
    # uint16 symmetric: torch's observers give zero point 32768 (QNN offset -32768) for dtype uint16 only; the
    # int32 stand-in with a symmetric qscheme would get zero point 0
    "u16sym": quant("uint16", 0, 65535, "per_tensor_symmetric"),
    "s16": quant("int16", -32768, 32767, "per_tensor_affine"),           # asymmetric signed 16-bit
    "s16sym": quant("int16", -32768, 32767, "per_tensor_symmetric"),     # offset 0
    # weights (ExecuTorch's weight specs and the styles other tools use)
    "w8": quant("int8", -127, 127, "per_channel_symmetric", 0, "PerChannelParamObserver"),
    "w8t": quant("int8", -127, 127, "per_tensor_symmetric", 0),
    "w8_axis2": quant("int8", -127, 127, "per_channel_symmetric", 2, "PerChannelParamObserver"),
    "w8t_axis1": quant("int8", -127, 127, "per_channel_symmetric", 1, "PerChannelParamObserver"),
    "w4": quant("int8", -7, 7, "per_channel_symmetric", 0, "PerChannelParamObserver"),
    "w4t": quant("int8", -8, 7, "per_tensor_symmetric", 0),
    "w2": quant("int8", -2, 1, "per_channel_symmetric", 0, "PerChannelParamObserver"),
    "w2t": quant("int8", -2, 1, "per_tensor_symmetric", 0),
    "w16": quant("int16", -32767, 32767, "per_channel_symmetric", 0, "PerChannelParamObserver"),
    "w16t": quant("int16", -32767, 32767, "per_tensor_symmetric", 0),
    "w16asym": quant("int16", -32768, 32767, "per_channel_affine", 0, "PerChannelParamObserver"),
    "w4block_lin": quant("int8", -7, 7, "per_channel_symmetric", 0, "PerBlockParamObserver", block_size=[1, 16]),
    "w4block_conv": quant("int8", -7, 7, "per_channel_symmetric", 0, "PerBlockParamObserver", block_size=[1, 16, 1, 1]),
    "w4block_tconv": quant("int8", -7, 7, "per_channel_symmetric", 1, "PerBlockParamObserver", block_size=[16, 1, 1, 1]),
    "s32": quant("int32", -2147483648, 2147483647, "per_tensor_symmetric"),
    # fixed outputs
    "sig_u8": fixed("uint8", 0, 255, 1 / 256, 0),
    "sig_u16": fixed("int32", 0, 65535, 1 / 65536, 0),
    "sig_s16": fixed("int16", -32768, 32767, 1 / 32768, 0),
    "tanh_u16": fixed("int32", 0, 65535, 1 / 32768, 32768),
    "tanh_u16_zp0": fixed("int32", 0, 65535, 1 / 32768, 0),
    "tanh_s16": fixed("int16", -32768, 32767, 1 / 32768, 0),
}

# ---------------------------------------------------------------------------------------------------------
# Graph building. A case names its inputs (placeholders for activations, get_attr for parameters) and the
# annotated node's args; "@name" in args is a reference to an input, "bias" gets a derived int32 spec from
# the activation and weight edges (ExecuTorch's bias spec).


def build_graph(case):
    node = case["node"]
    name = node.get("name", "op")
    nodes, qspecs, index = [], [], {}

    def spec_index(spec):
        key = json.dumps(spec, sort_keys=True)
        if key not in index:
            index[key] = len(qspecs)
            qspecs.append(spec)
        return index[key]

    for inp_name, inp in node["inputs"].items():
        kind = inp.get("kind", "placeholder")
        n = {"name": inp_name, "op": kind, "target": inp_name,
             "val": {"dtype": inp.get("dtype", "float32"), "shape": inp["shape"]}}
        if kind == "placeholder":
            n.pop("target")
            n["target"] = inp_name
        nodes.append(n)

    def arg(a):
        if isinstance(a, str) and a.startswith("@"):
            return {"node": a[1:]}
        if isinstance(a, list):
            return [arg(x) for x in a]
        return a

    args = [arg(a) for a in node["args"]]
    qmap = []
    refs = []

    def collect(a):
        if isinstance(a, str) and a.startswith("@"):
            refs.append(a[1:])
        elif isinstance(a, list):
            for x in a:
                collect(x)
    for a in node["args"]:
        collect(a)
    act_ref = refs[0] if refs else None
    for ref in refs:
        spec = node["inputs"][ref].get("q")
        if spec is None:
            continue
        if spec == "bias":
            weight_ref = refs[1]
            spec = {"kind": "derived", "derived_from": [{"edge": [act_ref, name]}, {"edge": [weight_ref, name]}],
                    "dtype": "int32", "quant_min": -2147483648, "quant_max": 2147483647,
                    "qscheme": "per_channel_symmetric" if SPECS[node["inputs"][weight_ref]["q"]]["qscheme"].startswith("per_channel") else "per_tensor_symmetric",
                    "ch_axis": 0, "is_dynamic": False}
            qmap.append({"arg": ref, "qspec": spec_index(spec)})
        elif spec == "none":
            qmap.append({"arg": ref, "qspec": None})
        else:
            qmap.append({"arg": ref, "qspec": spec_index(SPECS[spec])})
    out = node.get("out")
    if out is None:
        out_q = None
    elif out == "shared":
        out_q = spec_index({"kind": "shared", "edge": [act_ref, name]})
    else:
        out_q = spec_index(SPECS[out])
    val = node["val"]
    if isinstance(val, list) and val and isinstance(val[0], int):
        val = {"dtype": "float32", "shape": val}
    op = {"name": name, "op": "call_function", "target": node["target"], "args": args,
          "kwargs": node.get("kwargs", {}), "val": val,
          "annotation": {"input_qspec_map": qmap, "output_qspec": out_q,
                         "allow_implicit_sharing": True, "annotated": True}}
    nodes.append(op)
    nodes.append({"name": "output", "op": "output", "target": "output", "args": [[{"node": name}]]})
    hints = {"backend": case.get("backend", "htp"), "soc_model": case["soc"]}
    return {"format": "qnnv.graph", "version": 1,
            "producer": {"name": "tests/verdicts/gen.py"},
            "hints": hints, "qspecs": qspecs, "nodes": nodes}


# ---------------------------------------------------------------------------------------------------------
# Small node shapes used by many cases.

def act(q, shape=(1, 8, 16, 16), dtype="float32"):
    return {"q": q, "shape": list(shape), "dtype": dtype}


def param(q, shape, dtype="float32"):
    return {"kind": "get_attr", "q": q, "shape": list(shape), "dtype": dtype}


def unary(target, a, o, shape=(1, 8, 16, 16), extra=(), out_shape=None):
    return {"target": target, "inputs": {"x": act(a, shape)}, "args": ["@x", *extra],
            "val": list(out_shape or shape), "out": o}


def binary(target, a, b, o, shape=(1, 8, 16, 16), out_dtype="float32"):
    return {"target": target, "inputs": {"x": act(a, shape), "y": act(b, shape)}, "args": ["@x", "@y"],
            "val": {"dtype": out_dtype, "shape": list(shape)}, "out": o}


def conv2d(a, w, o, k=3, groups=1, cin=8, cout=8, bias=True, target="aten.conv2d.default"):
    inputs = {"x": act(a, (1, cin, 16, 16)), "w": param(w, (cout, cin // groups, k, k))}
    args = ["@x", "@w"]
    if bias:
        inputs["b"] = param("bias" if w and a else None, (cout,))
        args.append("@b")
    else:
        args.append(None)
    args += [[1, 1], [k // 2, k // 2], [1, 1], groups]
    return {"target": target, "inputs": inputs, "args": args, "val": [1, cout, 16, 16], "out": o}


def linear(a, w, o, cin=64, cout=32, bias=True):
    inputs = {"x": act(a, (1, 8, cin)), "w": param(w, (cout, cin))}
    args = ["@x", "@w"]
    if bias:
        inputs["b"] = param("bias" if a else "s32", (cout,))
        args.append("@b")
    return {"target": "aten.linear.default", "inputs": inputs, "args": args, "val": [1, 8, cout], "out": o}


def matmul(a, b, o, target="aten.matmul.default", b_kind="placeholder"):
    ib = act(b, (1, 2, 32, 8)) if b_kind == "placeholder" else param(b, (1, 2, 32, 8))
    return {"target": target, "inputs": {"x": act(a, (1, 2, 8, 32)), "y": ib}, "args": ["@x", "@y"],
            "val": [1, 2, 8, 8], "out": o}


def rms_norm(a, w, o, w_shape=(64,)):
    return {"target": "aten.rms_norm.default",
            "inputs": {"x": act(a, (1, 8, 64)), "w": param(w, w_shape)},
            "args": ["@x", [64], "@w", 1e-6], "val": [1, 8, 64], "out": o}


def layer_norm(a, w, b, o, normalized=(64,), shape=(1, 8, 64)):
    return {"target": "aten.layer_norm.default",
            "inputs": {"x": act(a, shape), "w": param(w, normalized), "b": param(b, normalized)},
            "args": ["@x", list(normalized), "@w", "@b", 1e-5], "val": list(shape), "out": o}


def batch_norm(a, w, b, o, shape=(1, 8, 16, 16)):
    c = shape[1]
    return {"target": "aten.batch_norm.default",
            "inputs": {"x": act(a, shape), "w": param(w, (c,)), "b": param(b, (c,)),
                       "mean": param(None, (c,)), "var": param(None, (c,))},
            "args": ["@x", "@w", "@b", "@mean", "@var", False, 0.1, 1e-5, True], "val": list(shape), "out": o}


def validate_case(c):
    required = ["id", "qnn", "backend", "soc", "evidence", "reproduces", "node"]
    missing = [k for k in required if k not in c]
    if missing:
        raise SystemExit(f"case {c.get('id')}: missing {missing}")
    if c["qnn"] not in ("accepted", "rejected"):
        raise SystemExit(f"case {c['id']}: qnn must be accepted or rejected")
    for k in ("source", "url"):
        if k not in c["evidence"]:
            raise SystemExit(f"case {c['id']}: evidence needs {k}")


def outputs():
    from cases import CASES  # the case list lives in its own file (it imports the helpers above)
    files = {}
    manifest = []
    ids = set()
    for c in CASES:
        validate_case(c)
        if c["id"] in ids:
            raise SystemExit(f"duplicate case id {c['id']}")
        ids.add(c["id"])
        graph = build_graph(c)
        rel = f"cases/{c['id']}.json"
        files[rel] = json.dumps(graph, indent=1) + "\n"
        entry = {"id": c["id"], "graph": rel, "node": c["node"].get("name", "op"),
                 "qnn": c["qnn"], "backend": c["backend"], "soc": c["soc"]}
        if c.get("qnn_sdk"):
            entry["qnn_sdk"] = c["qnn_sdk"]
        entry["evidence"] = c["evidence"]
        entry["reproduces"] = c["reproduces"]
        if c.get("known_miss"):
            entry["known_miss"] = c["known_miss"]
        manifest.append(entry)
    doc = {"about": "QNN verdict corpus: what QNN did with each case (accepted/rejected), from public evidence. "
                    "Generated by tests/verdicts/gen.py from tests/verdicts/cases.py; run with "
                    "node tests/verdicts/run.mjs.",
           "cases": manifest}
    files["manifest.json"] = json.dumps(doc, indent=1, ensure_ascii=False) + "\n"
    return files


def main():
    check = "--check" in sys.argv[1:]
    files = outputs()
    stale = []
    for rel, text in files.items():
        path = HERE / rel
        if check:
            if not path.exists() or path.read_text() != text:
                stale.append(rel)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text)
    existing = {str(p.relative_to(HERE)) for p in (HERE / "cases").glob("*.json")}
    extra = sorted(existing - set(files))
    if check:
        if stale or extra:
            print("tests/verdicts is out of date with gen.py:", *stale, *extra, file=sys.stderr)
            return 1
        return 0
    for rel in extra:
        (HERE / rel).unlink()
    print(f"wrote {len(files) - 1} cases and manifest.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
