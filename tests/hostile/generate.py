#!/usr/bin/env python3
"""The hostile corpus: graphs (and non-graphs) meant to break a validator.

    generate.py OUTDIR [NAME..] write the big entries (too large to commit) into OUTDIR (only NAMEs)
    generate.py --small DIR     rewrite the small, committed entries into DIR (tests/hostile/files)

tests/hostile/manifest.json lists every entry with its expected outcome; entries marked
"generated": true are read from OUTDIR, the others from tests/hostile/files/. Output is deterministic:
the same bytes on every run.
"""
import json
import os
import sys

HEADER = '"format": "qnnv.graph", "version": 1'
# A concrete 8-bit activation spec, as QnnQuantizer writes it for use_8a8w.
Q8 = {"kind": "quant", "dtype": "uint8", "quant_min": 0, "quant_max": 255, "qscheme": "per_tensor_affine",
      "ch_axis": None, "is_dynamic": False, "observer": "MovingAverageMinMaxObserver", "observer_kwargs": {}}
X = {"name": "x", "op": "placeholder", "target": "x", "val": {"dtype": "float32", "shape": [1, 8]}}


def dump(doc):
    return json.dumps(doc, separators=(",", ":")).encode()


def graph(nodes, qspecs=None, **extra):
    doc = {"format": "qnnv.graph", "version": 1}
    doc.update(extra)
    if qspecs is not None:
        doc["qspecs"] = qspecs
    doc["nodes"] = nodes
    return dump(doc)


def relu(name, arg, output_qspec=0, input_qspec=0):
    return {"name": name, "op": "call_function", "target": "aten.relu.default", "args": [{"node": arg}],
            "val": {"dtype": "float32", "shape": [1, 8]},
            "annotation": {"input_qspec_map": [{"arg": arg, "qspec": input_qspec}], "output_qspec": output_qspec}}


def ok_graph(**overrides):
    """x -> relu (8-bit in and out): a graph that validates with exit 0."""
    node = relu("relu", "x")
    node.update(overrides)
    return graph([X, node], [Q8])


def shared_cycle(k):
    """k relu nodes whose output specs share with the next one's output, the last with the first."""
    nodes = [X]
    for i in range(k):
        n = relu("r%d" % i, "x", output_qspec={"kind": "shared", "node": "r%d" % ((i + 1) % k)})
        nodes.append(n)
    return graph(nodes, [Q8])


def fixed_scale(scale_json):
    """A sigmoid-style fixed spec whose scale is written as `scale_json` (raw JSON text)."""
    return ('{%s, "qspecs": [{"kind": "fixed", "dtype": "uint8", "quant_min": 0, "quant_max": 255, '
            '"qscheme": "per_tensor_affine", "scale": %s, "zero_point": 0}], "nodes": ['
            '{"name": "x", "op": "placeholder", "target": "x", "val": {"dtype": "float32", "shape": [1, 8]}},\n'
            '{"name": "sigmoid", "op": "call_function", "target": "aten.sigmoid.default", "args": [{"node": "x"}], '
            '"val": {"dtype": "float32", "shape": [1, 8]}, "annotation": {"output_qspec": 0}}]}\n'
            % (HEADER, scale_json)).encode()


def with_output_qspec(index_json):
    return ('{%s, "qspecs": [%s], "nodes": [\n%s,\n{"name": "relu", "op": "call_function", '
            '"target": "aten.relu.default", "args": [{"node": "x"}], "annotation": {"output_qspec": %s}}]}\n'
            % (HEADER, json.dumps(Q8), json.dumps(X), index_json)).encode()


def shape(dims_json):
    return ('{%s, "nodes": [{"name": "x", "op": "placeholder", "target": "x", '
            '"val": {"dtype": "float32", "shape": %s}}]}\n' % (HEADER, dims_json)).encode()


def small():
    out = {}
    ok = ok_graph()
    out["ok_sample.json"] = ok
    out["bom_utf8.json"] = b"\xef\xbb\xbf" + ok
    text = ok.decode()
    out["utf16le_bom.json"] = b"\xff\xfe" + text.encode("utf-16-le")
    out["utf16be_bom.json"] = b"\xfe\xff" + text.encode("utf-16-be")
    # invalid UTF-8 (a lone continuation byte, then an overlong '/') inside strings on line 2
    out["invalid_utf8_name.json"] = ('{%s, "nodes": [\n{"name": "x\x80y", "op": "placeholder"}]}\n' % HEADER).encode(
        "latin-1")
    out["invalid_utf8_overlong.json"] = ('{%s, "nodes": [\n  {"name": "x", "op": "placeholder", "meta": "\xc0\xaf"}]}\n'
                                         % HEADER).encode("latin-1")
    out["empty.json"] = b""
    out["whitespace_only.json"] = b" \n\t\r\n"
    out["truncated.json"] = ('{%s, "nodes": [\n  {"name": "x", "op": "placeholder", "target": "x"},\n  {"name": "re'
                             % HEADER).encode()
    out["truncated_in_escape.json"] = ('{%s, "nodes": [{"name": "\\u12' % HEADER).encode()
    out["wrong_format.json"] = b'{"format": "qnnv.report", "version": 1, "results": []}\n'
    out["wrong_version.json"] = b'{"format": "qnnv.graph", "version": 2, "nodes": []}\n'
    out["top_level_array.json"] = b'[{"format": "qnnv.graph", "version": 1, "nodes": []}]\n'
    out["top_level_number.json"] = b"1e999"
    out["name_is_number.json"] = ('{%s, "nodes": [\n{"name": 5, "op": "placeholder"}]}\n' % HEADER).encode()
    out["op_is_list.json"] = ('{%s, "nodes": [{"name": "x", "op": ["placeholder"]}]}\n' % HEADER).encode()
    out["duplicate_top_key.json"] = ('{%s, "nodes": [], "nodes": []}\n' % HEADER).encode()
    out["duplicate_node_key.json"] = ('{%s, "nodes": [{"name": "x", "op": "placeholder", "name": "y"}]}\n'
                                      % HEADER).encode()
    out["duplicate_qspec_key.json"] = ('{%s, "qspecs": [{"kind": "quant", "dtype": "uint8", "dtype": "int8"}], '
                                       '"nodes": []}\n' % HEADER).encode()
    for k in (1, 2, 10):
        out["shared_cycle_%d.json" % k] = shared_cycle(k)
    out["qspec_index_minus1.json"] = with_output_qspec("-1")
    out["qspec_index_2pow63.json"] = with_output_qspec("9223372036854775808")
    out["qspec_index_2pow64.json"] = with_output_qspec("18446744073709551616")
    out["qspec_index_1e30.json"] = with_output_qspec("1e30")
    out["qspec_index_fraction.json"] = with_output_qspec("0.5")
    out["qspec_index_past_end.json"] = with_output_qspec("1")
    out["fixed_scale_nan.json"] = fixed_scale('"nan"')
    out["fixed_scale_inf.json"] = fixed_scale('"inf"')
    out["fixed_scale_1e999.json"] = fixed_scale("1e999")
    out["fixed_scale_nan_literal.json"] = fixed_scale("NaN")
    out["shape_1e999.json"] = shape("[1, 1e999]")
    out["shape_negative.json"] = shape("[-1, -9223372036854775808]")
    out["forward_ref.json"] = graph([X, relu("a", "b"), relu("b", "x")], [Q8])
    out["self_ref.json"] = graph([X, relu("a", "a")], [Q8])
    out["dangling_ref.json"] = graph([X, relu("a", "nowhere")], [Q8])
    # an annotation on a placeholder and a qspec on the output node: loaded, not checked
    p = dict(X, annotation={"input_qspec_map": [], "output_qspec": 0})
    o = {"name": "output", "op": "output", "target": "output", "args": [[{"node": "relu"}]],
         "annotation": {"input_qspec_map": [{"arg": "relu", "qspec": 0}], "output_qspec": 0}}
    out["annotated_placeholder.json"] = graph([p, relu("relu", "x")], [Q8])
    out["annotated_output.json"] = graph([X, relu("relu", "x"), o], [Q8])
    out["nul_in_name.json"] = graph([dict(X, name="x\u0000\u001b[31m")])
    out["raw_nul_byte.json"] = ('{%s, "nodes": [{"name": "x", "op": "placeholder"}]}' % HEADER).encode() + b"\x00"
    out["lone_surrogate.json"] = ('{%s, "nodes": [{"name": "\\ud800", "op": "placeholder"}]}' % HEADER).encode()
    out["quant_min_1e30.json"] = graph([X, relu("relu", "x")], [dict(Q8, quant_min=1e30)])
    out["shared_dangling.json"] = graph([X, relu("relu", "x", output_qspec={"kind": "shared", "node": "x"})], [Q8])
    out["nodes_not_list.json"] = ('{%s, "nodes": {"x": 1}}\n' % HEADER).encode()
    # 64 levels is the documented max_depth: 65 nested lists inside an unread "meta" value
    out["depth_65_in_meta.json"] = ('{%s, "nodes": [{"name": "x", "op": "placeholder", "meta": %s%s}]}'
                                    % (HEADER, "[" * 65, "]" * 65)).encode()
    # issue 15: echoed values are escaped and cut; misleading numbers; decisions on odd specs
    out["hint_soc_escape.json"] = ok_graph_with_hints({"backend": "htp",
                                                       "soc_model": "\u001b[2J\u001b[Hfake.json:1:1: ok\n\u202e"})
    out["qspec_index_0_0.json"] = with_output_qspec("0.0")
    out["qspec_index_minus_0_0.json"] = with_output_qspec("-0.0")
    out["quant_min_below_int64.json"] = with_quant_range("-9223372036854775809", "255")
    out["uint8_int64_range.json"] = with_quant_range("-9223372036854775808", "9223372036854775807")
    out["fixed_scale_zero.json"] = fixed_scale("0")
    out["fixed_scale_negative.json"] = fixed_scale("-0.5")
    twice = relu("relu", "x")
    twice["annotation"]["input_qspec_map"] = [{"arg": "x", "qspec": 0}, {"arg": "x", "qspec": 0}]
    out["input_qspec_map_same_arg_twice.json"] = graph([X, twice], [Q8])
    return out


def ok_graph_with_hints(hints):
    doc = json.loads(ok_graph())
    doc["hints"] = hints
    return dump(doc)


def with_quant_range(qmin_json, qmax_json):
    """x -> relu whose uint8 spec has quant_min/quant_max written as the raw JSON numbers given."""
    spec = json.dumps(dict(Q8, quant_min=0, quant_max=0)).replace('"quant_min": 0', '"quant_min": ' + qmin_json)
    spec = spec.replace('"quant_max": 0', '"quant_max": ' + qmax_json)
    return ('{%s, "qspecs": [%s], "nodes": [\n%s,\n%s]}\n'
            % (HEADER, spec, json.dumps(X), json.dumps(relu("relu", "x")))).encode()


def shared_name_blowup(users=2500):
    """One node with a 1 MiB name whose output spec `users` nodes share, through one shared qspec:
    2.6 MB of graph whose ports would each repeat the name (a 2.6 GB report)."""
    big = "n" * (MIB - 16)
    nodes = [X, relu(big, "x")]
    for i in range(users):
        nodes.append(relu("u%d" % i, "x", output_qspec=1))
    return graph(nodes, [Q8, {"kind": "shared", "node": big}])


def million_nodes():
    """x, then a chain of 999,999 unannotated relu nodes (all skipped)."""
    parts = ['{%s, "nodes": [\n{"name":"n0","op":"placeholder","target":"x","val":{"dtype":"float32","shape":[8]}}'
             % HEADER]
    for i in range(1, 1_000_000):
        parts.append(',\n{"name":"n%d","op":"call_function","target":"aten.relu.default","args":[{"node":"n%d"}]}'
                     % (i, i - 1))
    parts.append("]}\n")
    return "".join(parts).encode()


def numbers_in_args(count):
    """One node whose args hold `count` plain numbers: every one is kept in memory while the node is read."""
    return ('{%s, "nodes": [{"name": "a", "op": "call_function", "target": "aten.relu.default", "args": [%s]}]}'
            % (HEADER, ",".join(["0"] * count))).encode()


def numbers_in_qspec(count):
    """A qspec table entry whose observer_kwargs hold a list of `count` numbers (a qspec is kept whole)."""
    return ('{%s, "qspecs": [{"kind": "quant", "dtype": "uint8", "observer_kwargs": {"eps": [%s]}}], "nodes": []}'
            % (HEADER, ",".join(["0"] * count))).encode()


def dims_in_shape(count):
    return ('{%s, "nodes": [{"name": "x", "op": "placeholder", "val": {"dtype": "float32", "shape": [%s]}}]}'
            % (HEADER, ",".join(["1"] * count))).encode()


MIB = 1 << 20
DEPTH = 100_000
BIG = {
    "depth_100k.json": lambda: ('{%s, "nodes": [%s%s]}' % (HEADER, "[" * DEPTH, "]" * DEPTH)).encode(),
    "depth_100k_objects.json": lambda: ('{%s, "producer": %s%s}' % (HEADER, '{"a":' * DEPTH, "}" * DEPTH)).encode(),
    "million_nodes.json": million_nodes,
    "name_1mib.json": lambda: graph([dict(X, name="n" * MIB)]),
    "name_over_1mib.json": lambda: graph([dict(X, name="n" * (MIB + 1))]),
    "key_over_1mib.json": lambda: ('{%s, "nodes": [], "%s": 1}' % (HEADER, "k" * (MIB + 1))).encode(),
    "shared_cycle_10000.json": lambda: shared_cycle(10_000),
    # 5M numbers (10 MB of text): the unit tree keeps ~170 bytes per value
    "args_5m_numbers.json": lambda: numbers_in_args(5_000_000),
    "qspec_kwargs_5m_numbers.json": lambda: numbers_in_qspec(5_000_000),
    "shape_5m_dims.json": lambda: dims_in_shape(5_000_000),
    # 16M numbers (32 MB of text): more than the wasm build's 2 GiB memory cap holds as a unit tree
    "qspec_kwargs_16m_numbers.json": lambda: numbers_in_qspec(16_000_000),
    # issue 15: echoed values are cut (a 1 MiB hint, a million-digit number); a report bounded by its graph
    "hint_soc_1mib.json": lambda: ok_graph_with_hints({"soc_model": "S" * (MIB - 16)}),
    "quant_max_million_digits.json": lambda: with_quant_range("0", "9" * 1_000_000),
    "shared_name_blowup.json": shared_name_blowup,
}


def big(names=None):
    unknown = set(names or ()) - set(BIG)
    if unknown:
        raise SystemExit("generate.py: unknown entries: " + ", ".join(sorted(unknown)))
    return {name: make() for name, make in BIG.items() if not names or name in names}


def write(files, outdir):
    os.makedirs(outdir, exist_ok=True)
    for name, data in sorted(files.items()):
        path = os.path.join(outdir, name)
        try:
            with open(path, "rb") as f:
                if f.read() == data:
                    continue
        except OSError:
            pass
        tmp = "%s.%d.tmp" % (path, os.getpid())  # concurrent test processes may generate the same file
        with open(tmp, "wb") as f:
            f.write(data)
        os.replace(tmp, path)


def main(argv):
    if len(argv) == 3 and argv[1] == "--small":
        write(small(), argv[2])
    elif len(argv) >= 2 and not argv[1].startswith("-"):
        write(big(argv[2:]), argv[1])
    else:
        sys.stderr.write(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
