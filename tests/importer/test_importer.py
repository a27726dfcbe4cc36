#!/usr/bin/env python3
"""Tests scripts/import_backend_opinfo.py against the fake SDK in tests/importer/fake_sdk.

Run: python3 tests/importer/test_importer.py   (exit code != 0 on failure; prints "N passed, N failed")
Regenerate the checked-in output after an intended change:
  QNN_SDK_ROOT=tests/importer/fake_sdk python3 scripts/import_backend_opinfo.py --backend htp \
      --soc SM8450 --soc SM8750 --data-version fake-1 -o tests/importer/expected_import.json
"""
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
SCRIPT = os.path.join(ROOT, "scripts", "import_backend_opinfo.py")
FAKE_SDK = os.path.join(HERE, "fake_sdk")
EXPECTED = os.path.join(HERE, "expected_import.json")
ARGS = ["--backend", "htp", "--soc", "SM8450", "--soc", "SM8750", "--data-version", "fake-1"]

DTYPE_NAMES = {"INT_8", "INT_16", "INT_32", "INT_64", "UINT_8", "UINT_16", "UINT_32", "UINT_64", "FLOAT_16", "FLOAT_32",
               "FLOAT_64", "SFIXED_POINT_4", "SFIXED_POINT_8", "SFIXED_POINT_16", "SFIXED_POINT_32", "UFIXED_POINT_4",
               "UFIXED_POINT_8", "UFIXED_POINT_16", "UFIXED_POINT_32", "BOOL_8", "STRING", "UNDEFINED"}


def run(args, sdk=FAKE_SDK):
    env = dict(os.environ)
    env.pop("QNN_SDK_ROOT", None)
    if sdk:
        env["QNN_SDK_ROOT"] = sdk
    return subprocess.run([sys.executable, SCRIPT] + args, env=env, capture_output=True, text=True)


def load_module():
    spec = importlib.util.spec_from_file_location("import_backend_opinfo", SCRIPT)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def import_to_tmp(extra=()):
    fd, path = tempfile.mkstemp(suffix=".json")
    os.close(fd)
    r = run(ARGS + list(extra) + ["-o", path])
    assert r.returncode == 0, r.stderr
    with open(path) as f:
        doc = json.load(f)
    os.unlink(path)
    return doc


def variant_with(op, pred):
    return [v for v in op["variants"] if pred(v)]


# ------------------------------------------------------------------------------------------------ tests
def test_help_without_sdk():
    r = run(["--help"], sdk=None)
    assert r.returncode == 0, r.stderr
    assert "BackendOpInfo" in r.stdout and "--soc" in r.stdout


def test_no_sdk_is_an_error():
    r = run(["--soc", "SM8750", "-o", os.devnull], sdk=None)
    assert r.returncode == 2, r.returncode
    assert "QNN_SDK_ROOT" in r.stderr


def test_bad_sdk_root_is_an_error():
    r = run(["--soc", "SM8750", "-o", os.devnull], sdk=os.path.join(HERE, "no-such-sdk"))
    assert r.returncode == 2 and "lib/python" in r.stderr, r.stderr


def test_unknown_soc_needs_arch():
    r = run(["--soc", "SM1234", "-o", os.devnull])
    assert r.returncode == 2 and "SM1234=ARCH" in r.stderr, r.stderr


def test_output_matches_checked_in_file():
    doc = import_to_tmp()
    with open(EXPECTED) as f:
        expected = json.load(f)
    assert doc == expected, "tests/importer/expected_import.json is stale: regenerate it (see this file's docstring)"


def test_structure():
    doc = import_to_tmp()
    assert doc["format"] == "qnnv.data" and doc["version"] == 1 and doc["data_version"] == "fake-1"
    htp = doc["backends"]["htp"]
    assert htp["complete"] is True
    assert set(htp["ops"]) == {"Argmax", "Concat", "Conv2d", "ElementWiseAsin", "FullyConnected", "Reshape", "Sigmoid"}
    for name, op in htp["ops"].items():
        assert op["basis"] == "read" and "BackendOpInfo" in op["source"], name
        for v in op["variants"]:
            for p in v["inputs"] + v["outputs"]:
                assert p["dtype"] in DTYPE_NAMES, (name, p["dtype"])
    # rule table and SoC rules come from the built-in data, with sources expanded
    targets = [t for g in htp["rules"] for t in g["targets"]]
    assert len(targets) == 180 and "aten.conv2d.default" in targets
    assert all("source" in g and "basis" in g for g in htp["rules"])
    assert not any(g["source"].startswith("ET-") for g in htp["rules"]), "source keys must be expanded"
    assert {r["id"] for r in htp["soc_rules"]} == {"soc.lpbq-min-arch", "soc.16a16w-min-arch", "soc.fp16-unsupported"}


def test_records_the_sdk_it_read():
    """The output names the SDK's MAJOR.MINOR as "qnn_sdk", which qnnv makes the default --qnn-sdk."""
    doc = import_to_tmp()
    assert doc["qnn_sdk"] == "2.41", doc.get("qnn_sdk")
    assert "qnn_sdk_versions" not in doc


def test_arch_ranges_from_two_socs():
    htp = import_to_tmp()["backends"]["htp"]
    conv = htp["ops"]["Conv2d"]
    s16 = variant_with(conv, lambda v: v["inputs"][1]["dtype"] == "SFIXED_POINT_16")
    assert len(s16) == 1 and s16[0].get("min_arch") == 79 and "max_arch" not in s16[0], s16
    common = variant_with(conv, lambda v: v["inputs"][1]["dtype"] == "SFIXED_POINT_8")
    assert len(common) == 2 and all("min_arch" not in v and "max_arch" not in v for v in common), common
    asin = htp["ops"]["ElementWiseAsin"]["variants"]
    assert len(asin) == 1 and asin[0]["max_arch"] == 69 and "min_arch" not in asin[0], asin


def test_constraints_carried():
    htp = import_to_tmp()["backends"]["htp"]
    sig = htp["ops"]["Sigmoid"]["variants"]
    c8 = sig[0]["outputs"][0]["constraints"][0]
    assert c8["scale"] == 1 / 256 and c8["offset"] == 0 and c8["encodings"] == ["SCALE_OFFSET"]
    reshape = htp["ops"]["Reshape"]["variants"][0]
    assert reshape["outputs"][0]["constraints"][0]["math_invariant"] is True
    concat = htp["ops"]["Concat"]["variants"][0]
    assert concat["inputs"][0].get("repeat") is True
    w = htp["ops"]["Conv2d"]["variants"][0]["inputs"][1]["constraints"][0]
    assert w["symmetric"] is True and w["axis"] == [0] and "BLOCKWISE_EXPANSION" in w["encodings"]
    # enum forms: enum object (U8), prefixed name (U16), bare name (S8), int (S16) all normalised
    assert htp["ops"]["Conv2d"]["variants"][0]["inputs"][0]["dtype"] == "UFIXED_POINT_8"
    assert htp["ops"]["Conv2d"]["variants"][1]["inputs"][0]["dtype"] == "UFIXED_POINT_16"
    # optional inputs: the bias (built-in Conv2d variants require 2 inputs), not the weight
    ins = htp["ops"]["Conv2d"]["variants"][0]["inputs"]
    assert "optional" not in ins[0] and "optional" not in ins[1] and ins[2]["optional"] is True


def test_soc_arg_name_and_no_rules():
    doc = import_to_tmp(["--soc-arg", "name", "--no-rules"])
    htp = doc["backends"]["htp"]
    assert "rules" not in htp and "soc_rules" not in htp
    assert "Conv2d" in htp["ops"]


def test_enum_name():
    m = load_module()
    assert m.enum_name(0x0408, m.DTYPES, "QNN_DATATYPE_") == "UFIXED_POINT_8"
    assert m.enum_name("QNN_DATATYPE_BOOL_8", m.DTYPES, "QNN_DATATYPE_") == "BOOL_8"
    assert m.enum_name("Qnn_DataType_t.QNN_DATATYPE_INT_32", m.DTYPES, "QNN_DATATYPE_") == "INT_32"
    assert m.enum_name(5, m.ENCODINGS, "QNN_QUANTIZATION_ENCODING_") == "BLOCKWISE_EXPANSION"
    for bad in (12345, "QNN_DATATYPE_FOO", None, True):
        try:
            m.enum_name(bad, m.DTYPES, "QNN_DATATYPE_")
        except m.ImportErrorExit:
            continue
        raise AssertionError("no error for %r" % (bad,))


def test_arch_ranges_helper():
    m = load_module()
    assert m.arch_ranges([68, 69, 73, 75, 79], {69, 73, 79}) == [(69, 73), (79, None)]
    assert m.arch_ranges([68, 79], {68}) == [(68, 68)]
    assert m.arch_ranges([68, 79], set()) == []


def test_output_loads_in_cpp_loader_when_built():
    """The C++ side (tests/core/test_data.cpp DataImporter) loads expected_import.json; if a qnnv CLI is
    built (QNNV_CLI=path), also check a sample graph against the imported data."""
    cli = os.environ.get("QNNV_CLI")
    if not cli:
        return
    fixture = os.path.join(ROOT, "tests", "fixtures", "mobilenet_v2__8a8w.json")
    r = subprocess.run([cli, "validate", fixture, "--data", EXPECTED, "--format", "json"], capture_output=True, text=True)
    assert r.returncode in (0, 1), r.stderr  # 0 = ok, 1 = findings; 2 would be an input error
    report = json.loads(r.stdout)
    assert "expected_import.json" in report["tool"]["data"], report["tool"]
    # checked for the SDK the data was read from (2.41), not the newest the built-in data knows
    assert report["target"]["qnn_sdk"] == "2.41", report["target"]
    assert report["target"]["qnn_sdk_from"] == "default", report["target"]
    by_target = {}
    for res in report["results"]:
        by_target.setdefault(res["target"], set()).add(res["status"])
    assert by_target["aten.conv2d.default"] == {"pass"}, by_target["aten.conv2d.default"]
    # hardtanh -> ReluMinMax is not in the fake SDK's (complete) op list
    assert by_target["aten.hardtanh_.default"] == {"fail"}, by_target["aten.hardtanh_.default"]


def main():
    tests = [(n, f) for n, f in sorted(globals().items()) if n.startswith("test_") and callable(f)]
    passed = failed = 0
    for name, fn in tests:
        try:
            fn()
            passed += 1
            print("PASS", name)
        except Exception:
            failed += 1
            print("FAIL", name)
            traceback.print_exc()
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
