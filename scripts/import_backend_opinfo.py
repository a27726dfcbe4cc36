#!/usr/bin/env python3
"""Dump QNN's BackendOpInfo constraints into a qnnv.data file.

Needs a QNN SDK >= 2.41 (QNN_SDK_ROOT set): imports qti.aisw.converters.common.backend_opinfo from
$QNN_SDK_ROOT/lib/python, asks BackendOpInfo(backend, soc) for every supported op on every chosen SoC, and
merges the per-SoC answers into variants with min_arch/max_arch ranges (the arch of each SoC comes from
core/data/socs.json, or --soc MODEL=ARCH). The SDK has no aten->QNN rule table, so the rule table and SoC
rules are copied from qnnv's built-in data for that backend unless --no-rules is given.

Example:
  QNN_SDK_ROOT=/opt/qcom/aistack/qairt/2.41.0 \
    python3 scripts/import_backend_opinfo.py --backend htp --soc SM8450 --soc SM8650 --soc SM8750 -o htp-2.41.json
  qnnv check model.json --data htp-2.41.json

The output is docs/data-format.md's format; `complete` is true (the SDK's op list is the backend's list), and
"qnn_sdk" names the SDK's MAJOR.MINOR version, the default QNN SDK a graph is then checked for.
"""
import argparse
import importlib
import json
import re
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_DATA_DIR = os.path.join(HERE, "..", "core", "data")

BACKEND_IDS = {"htp": 1, "lpai": 3}  # ids of ExecuTorch's no-op namespace; the SDK module's own attributes win

# QnnTypes.h Qnn_DataType_t / Qnn_QuantizationEncoding_t values.
DTYPES = {
    0x0008: "INT_8", 0x0016: "INT_16", 0x0032: "INT_32", 0x0064: "INT_64",
    0x0108: "UINT_8", 0x0116: "UINT_16", 0x0132: "UINT_32", 0x0164: "UINT_64",
    0x0216: "FLOAT_16", 0x0232: "FLOAT_32", 0x0264: "FLOAT_64",
    0x0304: "SFIXED_POINT_4", 0x0308: "SFIXED_POINT_8", 0x0316: "SFIXED_POINT_16", 0x0332: "SFIXED_POINT_32",
    0x0404: "UFIXED_POINT_4", 0x0408: "UFIXED_POINT_8", 0x0416: "UFIXED_POINT_16", 0x0432: "UFIXED_POINT_32",
    0x0508: "BOOL_8", 0x0608: "STRING", 0x7FFFFFFF: "UNDEFINED",
}
ENCODINGS = {0: "SCALE_OFFSET", 1: "AXIS_SCALE_OFFSET", 2: "BW_SCALE_OFFSET", 3: "BW_AXIS_SCALE_OFFSET",
             4: "BLOCK", 5: "BLOCKWISE_EXPANSION", 6: "VECTOR", 0x7FFFFFFF: "UNDEFINED"}


class ImportErrorExit(Exception):
    pass


def enum_name(value, table, prefix):
    """An SDK enum value as our name: accepts ints, names with or without the QNN prefix, and enum objects."""
    if hasattr(value, "name") and not isinstance(value, (int, str)):
        value = value.name
    elif hasattr(value, "value") and not isinstance(value, (int, str)):
        value = value.value
    if isinstance(value, bool):
        raise ImportErrorExit("unexpected boolean enum value")
    if isinstance(value, int):
        if value not in table:
            raise ImportErrorExit("unknown %s value %d" % (prefix.strip("_"), value))
        return table[value]
    if isinstance(value, str):
        name = value.split(".")[-1]
        if name.startswith(prefix):
            name = name[len(prefix):]
        if name.isdigit():
            return enum_name(int(name), table, prefix)
        if name not in table.values():
            raise ImportErrorExit("unknown %s name %r" % (prefix.strip("_"), value))
        return name
    raise ImportErrorExit("cannot read enum value %r" % (value,))


def load_sdk_module(sdk_root):
    path = os.path.join(sdk_root, "lib", "python")
    if not os.path.isdir(path):
        raise ImportErrorExit("not found: %s (QNN_SDK_ROOT must point at a QNN SDK >= 2.41)" % path)
    sys.path.insert(0, path)
    try:
        return importlib.import_module("qti.aisw.converters.common.backend_opinfo")
    except Exception as e:  # the SDK module pulls in native libraries
        raise ImportErrorExit("cannot import qti.aisw.converters.common.backend_opinfo from %s: %s" % (path, e))


def port_from_info(info, index, kind):
    dtype = enum_name(info.get_datatype(), DTYPES, "QNN_DATATYPE_")
    port = {"name": "%s[%d]" % (kind, index), "dtype": dtype}
    if info.is_applicable_from_current_dtype_onward():
        port["repeat"] = True
    cons = []
    for qc in info.get_quant_constraint_info() or []:
        c = {"encodings": [enum_name(e, ENCODINGS, "QNN_QUANTIZATION_ENCODING_") for e in qc.get_encoding_types()]}
        if qc.is_symmetric():
            c["symmetric"] = True
        if qc.is_math_invariant():
            c["math_invariant"] = True
        axis = qc.get_axis()
        if axis is not None:
            c["axis"] = [int(a) for a in axis]
        # A fixed offset alone (a symmetric 16-bit port: 0; a uint16 port around 32768: -32768) is a constraint
        # of its own in qnnv.data (encoding.offset), so scale and offset are kept independently.
        scale, offset = qc.get_scale(), qc.get_offset()
        if scale is not None:
            c["scale"] = float(scale)
        if offset is not None:
            c["offset"] = int(offset)
        cons.append(c)
    if cons:
        port["constraints"] = cons
    return port


def dump_soc(module, backend, soc_arg):
    backend_id = getattr(module, backend.upper(), BACKEND_IDS[backend])
    info = module.BackendOpInfo(backend_id, soc_arg)
    ops = {}
    for op in sorted(info.get_all_supported_ops()):
        variants = []
        for op_info in info.get_op_info(op) or []:
            ins = [port_from_info(x, i, "in") for i, x in enumerate(op_info.get_input_info())]
            outs = [port_from_info(x, i, "out") for i, x in enumerate(op_info.get_output_info())]
            variants.append((ins, outs))
        ops[op] = variants
    return ops


def arch_ranges(arches, present):
    """Contiguous runs of `present` within the sorted list `arches` -> [(min, max or None)]."""
    runs, start, prev = [], None, None
    for a in arches:
        if a in present:
            if start is None:
                start = a
            prev = a
        elif start is not None:
            runs.append((start, prev))
            start = None
    if start is not None:
        runs.append((start, None))  # present on the newest imported arch: open-ended
    return runs


def required_inputs(builtin_backend, op):
    """How many leading inputs must be present: the fewest required inputs among the built-in variants of
    the op (BackendOpInfo does not say which inputs are optional), else 1."""
    ops = (builtin_backend or {}).get("ops", {})
    templates = (builtin_backend or {}).get("port_templates", {})

    def is_optional(p):
        if isinstance(p, str):
            return p.endswith("?") or templates.get(p.rstrip("?*"), {}).get("optional", False)
        return p.get("optional", templates.get(p.get("$ref", ""), {}).get("optional", False))

    counts = []
    for v in ops.get(op, {}).get("variants", []):
        n = 0
        for p in v.get("inputs", []):
            if is_optional(p):
                break
            n += 1
        counts.append(n)
    return max(min(counts), 1) if counts else 1


def merge(per_arch, builtin_backend, backend, sdk_label):
    """per_arch: {arch: {op: [(ins, outs)]}} -> qnnv ops with arch ranges."""
    arches = sorted(per_arch)
    all_ops = sorted({op for ops in per_arch.values() for op in ops})
    out = {}
    for op in all_ops:
        order, where = [], {}
        for a in arches:
            for ins, outs in per_arch[a].get(op, []):
                key = json.dumps([ins, outs], sort_keys=True)
                if key not in where:
                    where[key] = set()
                    order.append((key, ins, outs))
                where[key].add(a)
        need = required_inputs(builtin_backend, op)
        variants = []
        for n, (key, ins, outs) in enumerate(order):
            ins = [dict(p) for p in ins]
            for i, p in enumerate(ins):
                if i >= need:
                    p["optional"] = True
            for lo, hi in arch_ranges(arches, where[key]):
                v = {"name": "V%d" % n, "inputs": ins, "outputs": outs}
                if lo != arches[0] or len(arches) == 1:
                    v["min_arch"] = lo
                if hi is not None:
                    v["max_arch"] = hi
                variants.append(v)
        out[op] = {"description": "imported from BackendOpInfo", "source": sdk_label, "basis": "read", "variants": variants}
    return out


def load_builtin(data_dir):
    docs = {}
    for name in sorted(os.listdir(data_dir)):
        if name.endswith(".json"):
            with open(os.path.join(data_dir, name)) as f:
                docs[name] = json.load(f)
    socs, backends, sources, version = {}, {}, {}, None
    for d in docs.values():
        sources.update(d.get("sources", {}))
        version = d.get("data_version", version)
        for s in d.get("socs", []):
            socs[s["model"].upper()] = s
        backends.update(d.get("backends", {}))
    return socs, backends, sources, version


def expand_sources(obj, sources):
    """Copies rule/SoC-rule entries with their source keys expanded (the output carries no sources map)."""
    if isinstance(obj, list):
        return [expand_sources(x, sources) for x in obj]
    if isinstance(obj, dict):
        out = {}
        for k, v in obj.items():
            if k == "source" and isinstance(v, str):
                segs = []
                for seg in v.split("; "):
                    key, _, rest = seg.partition(" ")
                    segs.append(sources[key] + (" " + rest if rest else "") if key in sources else seg)
                v = "; ".join(segs)
            out[k] = expand_sources(v, sources)
        return out
    return obj


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 epilog="Runs without the SDK only for --help.",
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--backend", action="append", choices=sorted(BACKEND_IDS), help="backend to dump (repeatable; default htp)")
    ap.add_argument("--soc", action="append", required=True,
                    help="SoC model to query, e.g. SM8750 (repeatable); MODEL=ARCH gives the arch for a SoC not in core/data")
    ap.add_argument("--soc-arg", choices=["id", "name"], default="id",
                    help="what BackendOpInfo receives as soc_model: the QNN SoC id (ExecuTorch passes QcomChipset, an int) or the name")
    ap.add_argument("-o", "--output", required=True, help="output qnnv.data file")
    ap.add_argument("--data-version", help="data_version of the output (default: qairt-<module version or 'sdk'>)")
    ap.add_argument("--data-dir", default=DEFAULT_DATA_DIR, help="qnnv built-in data (rule tables, SoC archs)")
    ap.add_argument("--no-rules", action="store_true", help="do not copy the built-in rule table and SoC rules")
    ap.add_argument("--sdk-root", default=os.environ.get("QNN_SDK_ROOT"), help="QNN SDK root (default $QNN_SDK_ROOT)")
    args = ap.parse_args(argv)
    try:
        if not args.sdk_root:
            raise ImportErrorExit("QNN_SDK_ROOT is not set (or pass --sdk-root)")
        module = load_sdk_module(args.sdk_root)
        socs, builtin_backends, sources, _ = load_builtin(args.data_dir)
        backends = args.backend or ["htp"]
        sdk_version = getattr(module, "__version__", None) or "sdk"
        sdk_label = "QNN SDK %s qti.aisw.converters.common.backend_opinfo (BackendOpInfo)" % sdk_version
        out_backends = {}
        for backend in backends:
            arch_key = "htp_arch" if backend == "htp" else "lpai_version"
            per_arch = {}
            for spec in args.soc:
                model, _, arch = spec.partition("=")
                soc = socs.get(model.upper())
                if arch:
                    arch = int(arch.lstrip("vV"))
                elif soc and soc.get(arch_key):
                    arch = soc[arch_key]
                else:
                    raise ImportErrorExit("no %s arch known for %s: use --soc %s=ARCH" % (backend, model, model))
                if arch in per_arch:
                    raise ImportErrorExit("two SoCs with %s arch %d: query one SoC per arch" % (backend, arch))
                if args.soc_arg == "id":
                    if not soc:
                        raise ImportErrorExit("no QNN SoC id known for %s: use --soc-arg name" % model)
                    soc_value = soc["id"]
                else:
                    soc_value = model
                per_arch[arch] = dump_soc(module, backend, soc_value)
            builtin = builtin_backends.get(backend, {})
            b = {"version": sdk_version, "complete": True,
                 "note": "imported by scripts/import_backend_opinfo.py from %s for %s" % (sdk_label, ", ".join(args.soc)),
                 "ops": merge(per_arch, builtin, backend, sdk_label)}
            if not args.no_rules:
                b["rules"] = expand_sources(builtin.get("rules", []), sources)
                b["soc_rules"] = expand_sources(builtin.get("soc_rules", []), sources)
                # attribute, cross-port, SDK and accuracy checks: BackendOpInfo has no equivalent
                if builtin.get("checks"):
                    b["checks"] = expand_sources(builtin["checks"], sources)
            out_backends[backend] = b
        doc = {"format": "qnnv.data", "version": 1,
               "data_version": args.data_version or "qairt-%s" % sdk_version, "backends": out_backends}
        # The SDK the variants were read from: qnnv checks a graph for it unless --qnn-sdk says otherwise, so
        # that the copied SDK-ranged checks apply for the same version as the imported variants.
        major_minor = re.match(r"^(\d+)\.(\d+)", str(sdk_version))
        if major_minor:
            doc["qnn_sdk"] = "%s.%s" % major_minor.groups()
        with open(args.output, "w") as f:
            json.dump(doc, f, indent=1, sort_keys=False)
            f.write("\n")
    except ImportErrorExit as e:
        print("import_backend_opinfo: error: %s" % e, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
