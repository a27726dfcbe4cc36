#!/usr/bin/env python3
"""Splits the built-in constraint data into small qnnv.data documents, as seeds for fuzz_data.

    python3 tests/fuzz/split_data.py core/data OUT_DIR

Why: the shipped files are 20-216 KB, and a mutation of a 216 KB document costs fuzz_data a full parse of
it (~20 ms under ASan) for a one-byte change. Each document written here is one rule group of one backend,
with the ops it names, the SoC rules and checks that mention them, the port templates and the sources its
strings cite (1-10 KB), or a few SoCs; together they hold every key and value shape of the real data, so
the fuzzer starts from the format's whole vocabulary at a tenth of the cost per execution.
"""
import json
import os
import sys


def cited(obj, sources):
    """The source keys that a document's strings cite (the first word of a "; "-separated segment)."""
    text = json.dumps(obj)
    return {k: v for k, v in sources.items() if k in text}


def mentions(entry, ops):
    return any(op in entry.get('ops', []) for op in ops)


def main(data_dir, out_dir):
    os.makedirs(out_dir, exist_ok=True)
    written = 0
    for name in sorted(os.listdir(data_dir)):
        if not name.endswith('.json'):
            continue
        with open(os.path.join(data_dir, name), encoding='utf-8') as f:
            doc = json.load(f)
        head = {k: doc[k] for k in ('format', 'version', 'data_version')}
        sources = doc.get('sources', {})
        socs = doc.get('socs', [])
        for i in range(0, len(socs), 4):
            part = dict(head, socs=socs[i:i + 4])
            part['sources'] = cited(part['socs'], sources)
            written += write(out_dir, f'{name[:-5]}-socs-{i // 4}', part)
        for backend_name, backend in doc.get('backends', {}).items():
            frame = {k: v for k, v in backend.items() if k not in ('rules', 'ops', 'soc_rules', 'checks', 'note')}
            for index, rule in enumerate(backend.get('rules', [])):
                ops = [rule['qnn_op']] if isinstance(rule.get('qnn_op'), str) else list(rule.get('qnn_op') or [])
                part_backend = dict(frame, rules=[rule],
                                    ops={op: backend['ops'][op] for op in ops if op in backend.get('ops', {})})
                for key in ('soc_rules', 'checks'):
                    picked = [e for e in backend.get(key, []) if mentions(e, ops)]
                    if picked:
                        part_backend[key] = picked
                part = dict(head, backends={backend_name: part_backend})
                part['sources'] = cited(part['backends'], sources)
                written += write(out_dir, f'{name[:-5]}-{backend_name}-{index:03d}-{rule["class"]}', part)
    print(f'split_data.py: {written} documents in {out_dir}')


def write(out_dir, stem, doc):
    path = os.path.join(out_dir, 'seed-split-' + ''.join(c if c.isalnum() or c in '-_' else '_' for c in stem) + '.json')
    with open(path, 'w', encoding='utf-8') as f:
        json.dump(doc, f, indent=1, ensure_ascii=False)
        f.write('\n')
    return 1


if __name__ == '__main__':
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
