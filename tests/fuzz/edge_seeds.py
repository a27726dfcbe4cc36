#!/usr/bin/env python3
"""Writes hand-made seeds for fuzz_graph and fuzz_data: inputs that reach branches the fuzzers found only
after hours, or not at all.

    python3 tests/fuzz/edge_seeds.py fuzz_graph|fuzz_data OUT_DIR

Why: comparing libFuzzer's -print_coverage of the corpus before and after a run (tests/fuzz/README.md, the
fifteenth round) showed where the edges that fuzz_graph and fuzz_data still found after a million
executions were. Some were in validation paths that need a particular graph and data together; many were in
shared code with few, narrow ways in: the UTF-8 classifier behind every echoed string (core/src/text.h: each
lead-byte class, each way a sequence is malformed, the control and bidirectional characters that messages
escape, the cut after kMaxEchoBytes at a character boundary), the JSON reader's escapes, and the key checks
(a duplicate key at the top level, in a node, in args; an object of more than 32 keys, which the stream
decoders hand to the unit reader, whose duplicate check hashes beyond 16). Random mutation reaches a given 3- or 4-byte sequence, or a
40-key object with one key repeated, very rarely; one seed per case reaches it at once, and the fuzzer
then mutates from there. The sixteenth round's comparison found two more such families: the forms of
observer keyword arguments (a graph's qspecs), and the fields and refused combinations of a data file's
port constraints and conditions, each a branch with its own message that needs a well-formed document
around it. Each seed's name says what it is for. The files are named seed-edge-*, so that
scripts/fuzz.sh counts them as seeds, not as finds to add to the committed corpus.
"""
import json
import os
import re
import sys

# One string holding every class of well-formed UTF-8 lead byte (RFC 3629, section 4: C2-DF, E0, E1-EC, ED,
# EE-EF, F0, F1-F3, F4), at both ends of the ranges, and the characters a message escapes: C0 controls, DEL,
# C1 controls, the bidirectional embeddings/overrides (U+202A-U+202E) and isolates (U+2066-U+2069), with
# their neighbours that are shown as they are.
EVERY_CLASS = ("\u0080\u00e9\u07ff" "\u0800\u0fff" "\u1000\ud7ff" "\ue000\uffff" "\U00010000\U0003ffff"
               "\U00040000\U000fffff" "\U00100000\U0010ffff" "\u0001\u001f\u007f\u0085\u009f\u00a0"
               "\u2029\u202a\u202e\u202f\u2065\u2066\u2069\u206a")

# Byte sequences that are not UTF-8, one per way of failing: a lone continuation byte, the overlong leads
# C0/C1, an overlong 3-byte form (E0 80), a surrogate (ED A0), an overlong 4-byte form (F0 80), above
# U+10FFFF (F4 90), leads that never start a sequence (F5, FF), a bad second or later continuation byte, and
# sequences cut short by the end of the string.
MALFORMED = [b"\x80", b"\xbf", b"\xc0\xaf", b"\xc1\xbf", b"\xe0\x80\x80", b"\xe0\x9f\xbf", b"\xed\xa0\x80",
             b"\xf0\x80\x80\x80", b"\xf0\x8f\xbf\xbf", b"\xf4\x90\x80\x80", b"\xf5\x80\x80\x80", b"\xff",
             b"\xc2\x41", b"\xe1\x80\x41", b"\xf1\x80\x80\x41", b"\xc2", b"\xe2\x82", b"\xf0\x9f\x98"]


def echo_limit():
    """kMaxEchoBytes of core/src/text.h: how many bytes of a string a message echoes (read, not repeated here)."""
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "core", "src", "text.h")
    with open(path, encoding="utf-8") as f:
        m = re.search(r"kMaxEchoBytes = (\d+);", f.read())
    if not m:
        sys.exit(f"edge_seeds.py: no kMaxEchoBytes in {path}")
    return int(m[1])


ECHO_LIMIT = echo_limit()


def quoted(s):
    return json.dumps(s, ensure_ascii=False)


def long_strings():
    """Strings longer than the echo limit whose cut falls inside a 2-, 3- and 4-byte character."""
    return [("k" * (ECHO_LIMIT - back)) + ch + "tail" * 8 for ch, back in (("\u00e9", 1), ("\u0800", 2), ("\U00010000", 3))]


def strings():
    """(label, raw JSON string token as bytes): the well-formed sets and the malformed ones."""
    out = [("every-class", quoted(EVERY_CLASS).encode()), ("escaped", json.dumps(EVERY_CLASS).encode())]
    out += [(f"long-{i}", quoted(s).encode()) for i, s in enumerate(long_strings())]
    out += [(f"malformed-{i:02d}", b'"k' + bad + b'"') for i, bad in enumerate(MALFORMED)]
    # malformed at the very end of the string, and past the echo limit
    out += [("malformed-end", b'"' + b"k" * 8 + b"\xe2\x82" + b'"'),
            ("malformed-past-limit", b'"' + b"k" * (ECHO_LIMIT + 10) + b"\xff" + b'"')]
    return out


# --- fuzz_graph --------------------------------------------------------------------------------------

GRAPH_HEAD = b'{"format":"qnnv.graph","version":1,'
QSPEC = b'{"kind":"quant","dtype":"uint8","quant_min":0,"quant_max":255,"qscheme":"per_tensor_affine"}'
PLACEHOLDER = b'{"name":"x","op":"placeholder","val":{"dtype":"float32","shape":[8]}}'


def relu(name=b'"r"', target=b'"aten.relu.default"', args=b'{"node":"x"}', extra=b""):
    return (b'{"name":' + name + b',"op":"call_function","target":' + target + b',"args":[' + args + b'],'
            b'"val":{"dtype":"float32","shape":[8]},"annotation":{"input_qspec_map":[{"arg":"x","qspec":0}],'
            b'"output_qspec":0}' + extra + b'}')


def quant(members):
    """QSPEC with more members (no braces) after its own."""
    return QSPEC[:-1] + b"," + members + b"}"


def graph(nodes, top=b"", qspec=QSPEC):
    return GRAPH_HEAD + top + b'"qspecs":[' + qspec + b'],"nodes":[' + PLACEHOLDER + b"," + b",".join(nodes) + b"]}"


def many_keys(n, dup):
    """n members "k0".."k{n-1}" of an object (no braces), the last repeated when dup."""
    keys = [b'"k%d":%d' % (i, i) for i in range(n)]
    if dup:
        keys.append(b'"k%d":0' % (n - 1))
    return b",".join(keys)


def graph_seeds():
    seeds = {}
    for label, s in strings():
        # where the graph reader and the checks echo a string: an unknown top-level key, a node name, an op
        # target, an unknown key of a node and of a qspec, a dtype value, a name in args
        seeds[f"top-key-{label}"] = graph([relu()], top=s + b":1,")
        seeds[f"node-name-{label}"] = graph([relu(name=s)])
        seeds[f"target-{label}"] = graph([relu(target=s)])
        seeds[f"node-key-{label}"] = graph([relu(extra=b"," + s + b":1")])
        seeds[f"qspec-key-{label}"] = graph([relu()], qspec=quant(s + b":1"))
        seeds[f"dtype-{label}"] = graph([relu()], qspec=QSPEC.replace(b'"uint8"', s))
        seeds[f"arg-node-{label}"] = graph([relu(args=b'{"node":' + s + b"}")])
    # duplicate keys: at the top level, in a node, in a qspec, in args, kwargs, val and the annotation; each
    # in a small object and in one of 40 keys. The stream decoders scan up to 32 keys of an object
    # (node_stream_decoder.cpp, unique_key) and leave a bigger one to the unit reader, which scans up to 16
    # and hashes beyond (json_unit_reader.cpp, check_duplicate): 40 reaches both hand-overs.
    for n in (2, 40):
        sfx = "small" if n < 16 else "hashed"
        seeds[f"dup-top-{sfx}"] = GRAPH_HEAD + many_keys(n, True) + b',"nodes":[' + PLACEHOLDER + b"]}"
        seeds[f"dup-node-{sfx}"] = graph([relu(extra=b"," + many_keys(n, True))])
        seeds[f"dup-qspec-{sfx}"] = graph([relu()], qspec=quant(many_keys(n, True)))
        seeds[f"dup-args-{sfx}"] = graph([relu(args=b'{"node":"x"},{' + many_keys(n, True) + b"}")])
        seeds[f"dup-kwargs-{sfx}"] = graph([relu(extra=b',"kwargs":{' + many_keys(n, True) + b"}")])
        seeds[f"dup-val-{sfx}"] = graph([relu().replace(b'"shape":[8]}', b'"shape":[8],' + many_keys(n, True) + b"}")])
        seeds[f"dup-annotation-{sfx}"] = graph([relu().replace(b'"output_qspec":0}', b'"output_qspec":0,' + many_keys(n, True) + b"}")])
        # ...and the same big objects without a duplicate (the hash set's other branch)
        seeds[f"many-node-{n}"] = graph([relu(extra=b"," + many_keys(n, False))])
        seeds[f"many-kwargs-{n}"] = graph([relu(extra=b',"kwargs":{' + many_keys(n, False) + b"}")])
    # numbers a 64-bit float does not hold, where the reader echoes the token
    for i, num in enumerate((b"1e400", b"-1e400", b"1" * 400, b"0." + b"0" * 400 + b"1e-400")):
        seeds[f"number-{i}"] = graph([relu()], qspec=QSPEC.replace(b'"quant_max":255', b'"quant_max":' + num))
    seeds.update(observer_seeds())
    return seeds


# Observer keyword arguments (qspec_decoder.cpp, decode_observer_kwargs and read_scale): each value kind of
# block_size, scale and zero_point, the strings a scale may not be, a FakeQuantize's wrapped observer written
# as "observer_kwargs" and as a partial under any other key, nesting three deep (the work list), the outer
# value winning over a nested one. The fifteenth and sixteenth rounds' coverage comparisons found fuzz_graph
# still adding edges there after a million executions; each case is one seed here.
OBSERVER_KWARGS = {
    "block-size": b'{"block_size":[1,8]}',
    "block-size-null": b'{"block_size":null}',
    "block-size-empty": b'{"block_size":[]}',
    "block-size-not-list": b'{"block_size":"8"}',
    "block-size-null-item": b'{"block_size":[1,null]}',
    "block-size-fraction": b'{"block_size":[1.5]}',
    "block-size-u64": b'{"block_size":[18446744073709551615]}',
    "block-size-negative": b'{"block_size":[-9223372036854775808,0]}',
    "scale-integer": b'{"scale":1,"zero_point":0}',
    "scale-negative": b'{"scale":-1,"zero_point":-1}',
    "scale-u64": b'{"scale":18446744073709551615,"zero_point":0}',
    "scale-float": b'{"scale":0.00390625,"zero_point":0}',
    "scale-inf": b'{"scale":"inf"}',
    "scale-minus-inf": b'{"scale":"-inf"}',
    "scale-nan": b'{"scale":"nan"}',
    "scale-string": b'{"scale":"0.5"}',
    "scale-object": b'{"scale":{}}',
    "scale-list": b'{"scale":[0.5]}',
    "scale-bool": b'{"scale":true}',
    "scale-null": b'{"scale":null,"zero_point":null}',
    "zero-point-fraction": b'{"scale":0.5,"zero_point":0.5}',
    "zero-point-string": b'{"scale":0.5,"zero_point":"0"}',
    "zero-point-u64": b'{"scale":0.5,"zero_point":18446744073709551615}',
    "nested-kwargs": b'{"observer":"MovingAverageMinMaxObserver","observer_kwargs":{"scale":0.5,"zero_point":0,"block_size":[1,4]}}',
    "nested-partial": b'{"eps":1e-9,"inner":{"observer":"PerBlockParamObserver","block_size":[1,16],"scale":0.25}}',
    "nested-object-no-observer": b'{"inner":{"block_size":[1,16]},"observer":1}',
    "nested-kwargs-not-object": b'{"observer":"X","observer_kwargs":[1]}',
    "nested-three-deep": (b'{"observer":"A","observer_kwargs":{"observer":"B","observer_kwargs":{"observer":"C",'
                          b'"observer_kwargs":{"block_size":[1,32],"scale":0.125}}}}'),
    "outer-wins": b'{"scale":0.5,"zero_point":1,"block_size":[1,8],"observer_kwargs":{"scale":0.25,"zero_point":2,"block_size":[1,4]}}',
}


def observer_seeds():
    seeds = {}
    for label, kw in OBSERVER_KWARGS.items():
        seeds[f"observer-kwargs-{label}"] = graph([relu()], qspec=quant(b'"observer":"FakeQuantize","observer_kwargs":' + kw))
    # the qspec-level forms: observer_kwargs null or not an object, observer null or not a string
    for label, members in (("kwargs-null", b'"observer":null,"observer_kwargs":null'), ("kwargs-list", b'"observer_kwargs":[]'),
                           ("observer-number", b'"observer":1,"observer_kwargs":{}')):
        seeds[f"observer-{label}"] = graph([relu()], qspec=quant(members))
    # a fixed spec reads its scale and zero point the same way (read_scale, read_zero_point)
    for label in ("scale-u64", "scale-nan", "scale-string", "scale-null", "zero-point-fraction"):
        members = OBSERVER_KWARGS[label][1:-1]
        seeds[f"fixed-{label}"] = graph([relu()], qspec=b'{"kind":"fixed","dtype":"uint8","quant_min":0,"quant_max":255,' + members + b"}")
    return seeds


# --- fuzz_data ---------------------------------------------------------------------------------------

DATA_HEAD = b'{"format":"qnnv.data","version":1,"data_version":"fuzz",'


def data_seeds():
    seeds = {}
    for label, s in strings():
        # where the data reader echoes a string: an unknown top-level key, a backend name, an op name, a
        # SoC model, a source key, a port template name
        seeds[f"top-key-{label}"] = DATA_HEAD + s + b":1}"
        seeds[f"backend-{label}"] = DATA_HEAD + b'"backends":{' + s + b":{}}}"
        seeds[f"op-{label}"] = DATA_HEAD + b'"backends":{"htp":{"version":"fuzz","ops":{' + s + b":{}}}}}"
        seeds[f"soc-{label}"] = (DATA_HEAD + b'"sources":{"S":"fuzz"},"socs":[{"model":' + s + b',"id":1,"htp_arch":75,'
                                 b'"vtcm_mb":4,"lpai_version":0,"fp16":false,"name":' + s + b',"source":"S","basis":"read"}]}')
        seeds[f"source-{label}"] = DATA_HEAD + b'"sources":{' + s + b":1}}"
        seeds[f"template-{label}"] = (DATA_HEAD + b'"backends":{"htp":{"version":"fuzz","port_templates":{' + s +
                                      b':{"dtype":"UFIXED_POINT_8"}}}}}')
    seeds.update(constraint_seeds())
    seeds.update(condition_seeds())
    return seeds


# A port constraint's fields, each value kind (data_loader.cpp, parse_constraint and parse_scale; docs/data-format.md,
# Constraints): a scale as a number and as "a/b", and each way such a string is not a number. A label that
# starts with "ok-" is a constraint the loader accepts; every other one it refuses (HostileInProcess checks both).
CONSTRAINTS = {
    "ok-full": (b'{"encodings":["SCALE_OFFSET","QNN_QUANTIZATION_ENCODING_AXIS_SCALE_OFFSET"],"symmetric":true,'
             b'"math_invariant":false,"scale":"1/65536","offset":0,"axis":[0,-1],"hint":"h","sdk_from":"2.37",'
             b'"sdk_until":"2.49","source":"S","basis":"read","note":"n"}'),
    "ok-scale-number": b'{"encodings":["SCALE_OFFSET"],"scale":0.5}',
    "ok-scale-decimal-string": b'{"encodings":["SCALE_OFFSET"],"scale":"0.5"}',
    "scale-zero": b'{"encodings":["SCALE_OFFSET"],"scale":0}',
    "scale-negative": b'{"encodings":["SCALE_OFFSET"],"scale":"-1/2"}',
    "scale-empty": b'{"encodings":["SCALE_OFFSET"],"scale":""}',
    "scale-junk": b'{"encodings":["SCALE_OFFSET"],"scale":"0.5x"}',
    "scale-inf": b'{"encodings":["SCALE_OFFSET"],"scale":"inf"}',
    "scale-no-numerator": b'{"encodings":["SCALE_OFFSET"],"scale":"/2"}',
    "scale-no-denominator": b'{"encodings":["SCALE_OFFSET"],"scale":"1/"}',
    "scale-zero-denominator": b'{"encodings":["SCALE_OFFSET"],"scale":"1/0"}',
    "scale-junk-denominator": b'{"encodings":["SCALE_OFFSET"],"scale":"1/2x"}',
    "scale-bool": b'{"encodings":["SCALE_OFFSET"],"scale":true}',
    "offset-out-of-range": b'{"encodings":["SCALE_OFFSET"],"offset":2147483648}',
    "offset-fraction": b'{"encodings":["SCALE_OFFSET"],"offset":0.5}',
    "axis-out-of-range": b'{"encodings":["AXIS_SCALE_OFFSET"],"axis":[9]}',
    "axis-not-list": b'{"encodings":["AXIS_SCALE_OFFSET"],"axis":0}',
    "nulls": b'{"encodings":[],"scale":null,"offset":null,"axis":null}',
    "encoding-unknown": b'{"encodings":["SCALE"]}',
    "no-encodings": b'{"symmetric":true}',
    "symmetric-string": b'{"encodings":["SCALE_OFFSET"],"symmetric":"yes"}',
    "hint-number": b'{"encodings":["SCALE_OFFSET"],"hint":1}',
    "sdk-backwards": b'{"encodings":["SCALE_OFFSET"],"sdk_from":"2.49","sdk_until":"2.37"}',
    "sdk-junk": b'{"encodings":["SCALE_OFFSET"],"sdk_from":"two"}',
    "basis-unknown": b'{"encodings":["SCALE_OFFSET"],"source":"S","basis":"guessed"}',
    "unknown-key": b'{"encodings":["SCALE_OFFSET"],"scales":1}',
}


def constraint_seeds():
    """Each constraint on a port template, which the loader checks where it is written."""
    return {f"constraint-{label}": (DATA_HEAD + b'"sources":{"S":"fuzz"},"backends":{"htp":{"version":"fuzz","port_templates":'
                                    b'{"t":{"dtype":"UFIXED_POINT_8","constraints":[' + c + b"]}}}}}")
            for label, c in CONSTRAINTS.items()}


# Conditions (data_loader.cpp, parse_condition and parse_operand; docs/data-format.md, Conditions): each kind
# (port, argument, comparison, targets, any), each field, and each combination the loader refuses. "ok-" as
# for CONSTRAINTS.
RANK = b'{"port":"in[0]","measure":"rank"}'
CONDITIONS = {
    "ok-port-full": (b'{"port":"in[0]","encodings":["SCALE_OFFSET"],"dtypes":["UFIXED_POINT_8"],"bits":8,"value_bits":8,'
                  b'"quantized":true,"symmetric":false,"fixed_qparams":false,"rank_min":1,"rank_max":4}'),
    "ok-port-dim": b'{"port":"out[0]","dim":-1,"values":[1,8]}',
    "ok-port-dim-not-values": b'{"port":"in[0]","dim":0,"not_values":[0]}',
    "ok-port-present": b'{"port":"in[1]","present":false}',
    "port-bad-name": b'{"port":"in[x]"}',
    "port-any-dim": b'{"port":"*","dim":0,"values":[1]}',
    "port-any-present": b'{"port":"*","present":true}',
    "port-dim-alone": b'{"port":"in[0]","dim":0}',
    "port-values-alone": b'{"port":"in[0]","values":[1]}',
    "port-rank-backwards": b'{"port":"in[0]","rank_min":4,"rank_max":1}',
    "port-absent": b'{"port":"in[0]","absent":1}',
    "port-strings": b'{"port":"in[0]","strings":["a"]}',
    "port-unknown-field": b'{"port":"in[0]","compare":[]}',
    "ok-arg-full": b'{"arg":1,"kwarg":"dim","element":0,"values":[1,2],"absent":0}',
    "ok-arg-any-element": b'{"arg":1,"any_element":true,"not_values":[0]}',
    "ok-arg-axis-of": b'{"arg":1,"axis_of":"in[0]","last_axis":false}',
    "arg-axis-of-any": b'{"arg":1,"axis_of":"*","last_axis":false}',
    "arg-axis-of-alone": b'{"arg":1,"axis_of":"in[0]"}',
    "arg-last-axis-alone": b'{"arg":1,"last_axis":true}',
    "arg-dim": b'{"arg":1,"dim":0,"values":[1]}',
    "ok-arg-strings": b'{"arg":2,"strings":["circular"],"not_strings":["reflect"]}',
    "ok-arg-torch-dtypes": b'{"kwarg":"dtype","torch_dtypes":["int32","float16"]}',
    "arg-torch-dtype-unknown": b'{"kwarg":"dtype","torch_dtypes":["int99"]}',
    "arg-strings-and-values": b'{"arg":1,"strings":["a"],"values":[1]}',
    "arg-values-not-list": b'{"arg":1,"values":1}',
    "arg-values-fraction": b'{"arg":1,"values":[1.5]}',
    "arg-element-negative": b'{"arg":1,"element":-1,"values":[1]}',
    "neither": b'{}',
    "values-only": b'{"values":[1]}',
    "ok-compare": b'{"compare":[' + RANK + b',{"arg":1,"measure":"length"}],"relation":"less_equal"}',
    "ok-compare-dim-product": b'{"compare":[{"port":"in[0]","measure":"dim","dim":-1},{"arg":1,"kwarg":"k","measure":"product"}]}',
    "ok-compare-element-constant": b'{"compare":[{"arg":1,"element":0},{"constant":-65472}],"relation":"not_equal"}',
    "compare-one": b'{"compare":[' + RANK + b"]}",
    "compare-not-list": b'{"compare":1}',
    "compare-relation-symbol": b'{"compare":[' + RANK + b',{"constant":1}],"relation":"<="}',
    "compare-extra-field": b'{"compare":[' + RANK + b',{"constant":1}],"port":"in[0]"}',
    "relation-alone": b'{"port":"in[0]","relation":"less"}',
    "operand-two-kinds": b'{"compare":[{"port":"in[0]","arg":1},{"constant":1}]}',
    "operand-none": b'{"compare":[{},{"constant":1}]}',
    "operand-constant-measure": b'{"compare":[{"constant":1,"measure":"rank"},{"constant":1}]}',
    "operand-port-value": b'{"compare":[{"port":"in[0]","measure":"value"},{"constant":1}]}',
    "operand-port-any": b'{"compare":[{"port":"*","measure":"rank"},{"constant":1}]}',
    "operand-port-dim-alone": b'{"compare":[{"port":"in[0]","dim":0},{"constant":1}]}',
    "operand-port-element": b'{"compare":[{"port":"in[0]","measure":"rank","element":0},{"constant":1}]}',
    "operand-arg-dim": b'{"compare":[{"arg":1,"dim":0},{"constant":1}]}',
    "operand-arg-element-length": b'{"compare":[{"arg":1,"element":0,"measure":"length"},{"constant":1}]}',
    "operand-arg-measure-rank": b'{"compare":[{"arg":1,"measure":"rank"},{"constant":1}]}',
    "operand-not-object": b'{"compare":[1,{"constant":1}]}',
    "ok-targets": b'{"targets":["aten.relu.default","torch.ops.aten.relu_.default"]}',
    "targets-empty": b'{"targets":[]}',
    "targets-and-port": b'{"targets":["a"],"port":"in[0]"}',
    "ok-any": b'{"any":[{"port":"in[0]","bits":8},{"arg":1,"values":[0]}]}',
    "any-one": b'{"any":[{"port":"in[0]","bits":8}]}',
    "any-nested": b'{"any":[{"any":[{"arg":1,"values":[0]},{"arg":1,"values":[1]}]},{"arg":1,"values":[2]}]}',
    "any-not-list": b'{"any":{}}',
    "any-and-port": b'{"any":[{"arg":1,"values":[0]},{"arg":1,"values":[1]}],"port":"in[0]"}',
}


def condition_seeds():
    """Each condition in a variant's "when", on an op that a rule maps relu to."""
    seeds = {}
    for label, cond in CONDITIONS.items():
        seeds[f"condition-{label}"] = (
            DATA_HEAD + b'"sources":{"S":"fuzz"},"backends":{"htp":{"version":"fuzz","rules":[{"target":"aten.relu.default",'
            b'"qnn_op":"Relu","source":"S","basis":"read"}],"ops":{"Relu":{"source":"S","basis":"read","variants":[{"name":"v",'
            b'"inputs":[{"dtype":"UFIXED_POINT_8"}],"outputs":[{"dtype":"UFIXED_POINT_8"}],"when":[' + cond + b"]}]}}}}}")
    return seeds


SEEDS = {"fuzz_graph": graph_seeds, "fuzz_data": data_seeds}


def main(target, out_dir):
    seeds = SEEDS[target]()
    os.makedirs(out_dir, exist_ok=True)
    for name, body in seeds.items():
        with open(os.path.join(out_dir, f"seed-edge-{name}.json"), "wb") as f:
            f.write(body)
    print(f"{len(seeds)} seeds for {target} in {out_dir}")


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in SEEDS:
        sys.exit("usage: " + __doc__.split("\n\n")[1].strip())
    main(sys.argv[1], sys.argv[2])
