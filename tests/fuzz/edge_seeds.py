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
then mutates from there. Each seed's name says what it is for. The files are named seed-edge-*, so that
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
        seeds[f"qspec-key-{label}"] = graph([relu()], qspec=QSPEC[:-1] + b"," + s + b":1}")
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
        seeds[f"dup-qspec-{sfx}"] = graph([relu()], qspec=QSPEC[:-1] + b"," + many_keys(n, True) + b"}")
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
