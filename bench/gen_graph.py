#!/usr/bin/env python3
"""Generate large, realistic qnnv.graph v1 files by repeating a sample's layer pattern.

  python3 bench/gen_graph.py --nodes 100000 -o build/bench/decoder_100k.json
  python3 bench/gen_graph.py --nodes 10000 --sample tests/fixtures/tiny_decoder__16a4w_block.json -o out.json

Every copy of the sample gets its own node names (suffix _r<k>) and its own node-referencing qspecs (shared,
derived); qspecs that reference no node stay shared across copies, as an exporter's deduplicated table would.
Copies are chained: each copy's graph inputs become the previous copy's outputs, so the graph stays connected.
Deterministic: the same arguments give the same bytes.
"""
import argparse
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_SAMPLE = os.path.join(HERE, "..", "tests", "fixtures", "tiny_decoder__16a4w_block.json")


def node_refs(value):
    """True when a JSON value (a qspec) names a node."""
    if isinstance(value, dict):
        if "node" in value or "edge" in value:
            return True
        return any(node_refs(v) for v in value.values())
    if isinstance(value, list):
        return any(node_refs(v) for v in value)
    return False


def rename(value, names):
    """Rewrite every node reference in a JSON value through the `names` map."""
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            if k == "node" and isinstance(v, str):
                out[k] = names.get(v, v)
            elif k == "edge" and isinstance(v, list):
                out[k] = [names.get(x, x) for x in v]
            elif k == "arg" and isinstance(v, str):
                out[k] = names.get(v, v)
            else:
                out[k] = rename(v, names)
        return out
    if isinstance(value, list):
        return [rename(v, names) for v in value]
    return value


def generate(sample, target_nodes):
    base_nodes = [n for n in sample["nodes"] if n["op"] != "output"]
    qspecs = sample.get("qspecs", [])
    shared_table = [q for q in qspecs if not node_refs(q)]
    local_index = [i for i, q in enumerate(qspecs) if node_refs(q)]
    placeholders = [n["name"] for n in base_nodes if n["op"] == "placeholder"]
    # Which tensor feeds the next copy: the last call_function of the sample.
    last_compute = [n["name"] for n in base_nodes if n["op"] == "call_function"][-1]

    out_qspecs = list(shared_table)
    global_of_shared = {}
    for i, q in enumerate(qspecs):
        if not node_refs(q):
            global_of_shared[i] = shared_table.index(q)

    nodes = []
    copies = max(1, -(-target_nodes // len(base_nodes)))
    previous_output = None
    for k in range(copies):
        suffix = "" if k == 0 else "_r%d" % k
        names = {n["name"]: n["name"] + suffix for n in base_nodes}
        if previous_output is not None:
            for p in placeholders:
                names[p] = previous_output
        qmap = dict(global_of_shared)
        for i in local_index:
            qmap[i] = len(out_qspecs)
            out_qspecs.append(rename(qspecs[i], names))

        def remap_spec(spec):
            return qmap[spec] if isinstance(spec, int) else rename(spec, names)

        for n in base_nodes:
            if previous_output is not None and n["op"] == "placeholder":
                continue
            m = rename({k2: v for k2, v in n.items() if k2 != "annotation"}, names)
            m["name"] = names[n["name"]]
            ann = n.get("annotation")
            if ann is not None:
                a = dict(ann)
                a["input_qspec_map"] = [
                    {"arg": names.get(e["arg"], e["arg"]),
                     "qspec": None if e["qspec"] is None else remap_spec(e["qspec"])}
                    for e in ann.get("input_qspec_map", [])]
                if ann.get("output_qspec") is not None:
                    a["output_qspec"] = remap_spec(ann["output_qspec"])
                m["annotation"] = a
            nodes.append(m)
        previous_output = names[last_compute]
        if len(nodes) >= target_nodes:
            break
    nodes.append({"name": "output", "op": "output", "target": "output", "args": [[{"node": previous_output}]]})
    graph = {k: v for k, v in sample.items() if k not in ("nodes", "qspecs")}
    graph["producer"] = {"name": "qnnv-bench-gen", "from": sample.get("producer", {}).get("name", "")}
    graph["qspecs"] = out_qspecs
    graph["nodes"] = nodes
    return graph


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--nodes", type=int, required=True, help="approximate node count")
    ap.add_argument("--sample", default=DEFAULT_SAMPLE)
    ap.add_argument("-o", "--output", default="-")
    args = ap.parse_args()
    with open(args.sample, encoding="utf-8") as f:
        sample = json.load(f)
    graph = generate(sample, args.nodes)
    text = json.dumps(graph, separators=(",", ":"))
    if args.output == "-":
        sys.stdout.write(text)
    else:
        os.makedirs(os.path.dirname(os.path.abspath(args.output)), exist_ok=True)
        with open(args.output, "w", encoding="utf-8") as f:
            f.write(text)


if __name__ == "__main__":
    main()
