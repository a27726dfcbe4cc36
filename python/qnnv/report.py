"""validate() and fix_plan(): the C++ core's verdict as Python objects.

The core (qnnv._qnnv, the same engine as the CLI and the page) returns its report as JSON (report format
v1, docs/report-format.md); the classes below are read-only views of it. to_json/to_text/to_sarif/to_junit
ask the core to render the same report, so every output equals the CLI's.
"""

import dataclasses
import json
import os
from typing import Any, Dict, List, Optional

__all__ = ["validate", "fix_plan", "Report", "NodeResult", "Finding", "Port", "Summary", "FixPlan", "FixChange",
           "InputError"]


class InputError(ValueError):
    """The graph (or an option) cannot be used: bad JSON, wrong format, unknown SoC... Located like the CLI's
    errors: `pointer` is a JSON pointer into the graph, `line`/`column` are 1-based (0 = unknown)."""

    def __init__(self, message, code="", pointer="", line=0, column=0):
        super().__init__(message)
        self.message, self.code, self.pointer, self.line, self.column = message, code, pointer, line, column

    def __str__(self):
        where = ("%d:%d: " % (self.line, self.column)) if self.line else ""
        at = (" (at %s)" % self.pointer) if self.pointer else ""
        return "%s%s%s [%s]" % (where, self.message, at, self.code)


def _core():
    try:
        from . import _qnnv
    except ImportError as e:  # pragma: no cover - depends on the installation
        raise ImportError("qnnv's C++ extension (qnnv._qnnv) is not built; install the package with "
                          "`python3 -m pip install --no-build-isolation ./python` from the repository "
                          "(docs/python.md)") from e
    return _qnnv


def _call(fn, *args, **kwargs):
    core = _core()
    try:
        return fn(core)(*args, **kwargs)
    except core.InputError as e:
        try:
            info = json.loads(str(e))
            info = info.get("error", info)
        except ValueError:
            raise InputError(str(e), "input") from None
        raise InputError(info.get("message", ""), info.get("code", ""), info.get("pointer", ""),
                         int(info.get("line", 0) or 0), int(info.get("column", 0) or 0)) from None


# --------------------------------------------------------------------------------------------------
# the report


@dataclasses.dataclass(frozen=True)
class Summary:
    nodes: int = 0
    checked: int = 0
    passed: int = 0
    failed: int = 0
    not_validated: int = 0
    skipped: int = 0


@dataclasses.dataclass(frozen=True)
class Finding:
    """One violated constraint. `source` is where the constraint comes from (a document or code path);
    `source_file`/`source_line` are where the node was created in the user's code (from the export's
    stack trace, when it has one)."""
    node: str
    rule: str
    severity: str
    port: str
    message: str
    expected: str = ""
    actual: str = ""
    hint: str = ""
    source: str = ""
    basis: str = ""
    related_node: str = ""
    source_file: str = ""
    source_line: int = 0

    @property
    def location(self) -> str:
        """"file:line" of the user's code that created the node, or ""."""
        return "%s:%d" % (self.source_file, self.source_line) if self.source_file and self.source_line else ""


@dataclasses.dataclass(frozen=True)
class Port:
    port: str
    node: str
    dtype: str
    encoding: str
    qspec: str = ""
    shared_with: str = ""


@dataclasses.dataclass(frozen=True)
class NodeResult:
    node: str
    target: str
    status: str          # "pass", "fail", "not_validated", "skipped"
    qnn_op: str = ""
    variant: str = ""
    findings: tuple = ()
    ports: tuple = ()
    module: str = ""
    source_file: str = ""
    source_line: int = 0


def _node_result(r: Dict[str, Any]) -> NodeResult:
    # Source location: the loader fills NodeResult.source_file/source_line from meta.stack_trace; the
    # report's JSON may carry them flat or under "source" ({"file", "line"}).
    src = r.get("source") if isinstance(r.get("source"), dict) else {}
    source_file = r.get("source_file") or src.get("file") or ""
    source_line = int(r.get("source_line") or src.get("line") or 0)
    findings = tuple(Finding(node=r["node"], rule=f.get("rule", ""), severity=f.get("severity", ""),
                             port=f.get("port", ""), message=f.get("message", ""), expected=f.get("expected", ""),
                             actual=f.get("actual", ""), hint=f.get("hint", ""), source=f.get("source", ""),
                             basis=f.get("basis", ""), related_node=f.get("related_node", ""),
                             source_file=source_file, source_line=source_line)
                     for f in r.get("findings", ()))
    ports = tuple(Port(port=p.get("port", ""), node=p.get("node", ""), dtype=p.get("dtype", ""),
                       encoding=p.get("encoding", ""), qspec=p.get("qspec", "") or "",
                       shared_with=p.get("shared_with", "") or "")
                  for p in r.get("ports", ()))
    return NodeResult(node=r["node"], target=r.get("target", ""), status=r.get("status", ""),
                      qnn_op=r.get("qnn_op", "") or "", variant=r.get("variant", "") or "", findings=findings,
                      ports=ports, module=r.get("module", "") or "", source_file=source_file,
                      source_line=source_line)


class Report:
    """The verdict on one graph for one backend and SoC (report format v1)."""

    def __init__(self, report_json: str, graph_text: Optional[str] = None, options: Optional[dict] = None):
        self._json = report_json
        self._graph = graph_text          # kept for fix_plan()
        self._options = dict(options or {})
        d = json.loads(report_json)
        self.raw: Dict[str, Any] = d
        tool, target = d.get("tool", {}), d.get("target", {})
        self.tool_version: str = tool.get("version", "")
        self.data_version: str = tool.get("data", "")
        self.backend: str = target.get("backend", "")
        self.soc_model: str = target.get("soc_model", "")
        self.arch: str = target.get("arch", "")
        self.strict: bool = bool(target.get("strict", True))
        self.qnn_sdk: Optional[str] = target.get("qnn_sdk")
        self.ok: bool = bool(d.get("ok", False))
        self.summary = Summary(**{k: int(d.get("summary", {}).get(k, 0)) for k in
                                  ("nodes", "checked", "passed", "failed", "not_validated", "skipped")})
        self.results: List[NodeResult] = [_node_result(r) for r in d.get("results", ())]

    # ---- views

    @property
    def failing(self) -> List[NodeResult]:
        return [r for r in self.results if r.status == "fail"]

    @property
    def findings(self) -> List[Finding]:
        return [f for r in self.results for f in r.findings]

    def node(self, name: str) -> NodeResult:
        for r in self.results:
            if r.node == name:
                return r
        raise KeyError(name)

    def __repr__(self):
        s = self.summary
        return "<qnnv.Report %s %s (%s): %s, %d failed, %d passed, %d not validated of %d>" % (
            self.backend, self.soc_model, self.arch, "ok" if self.ok else "NOT ok", s.failed, s.passed,
            s.not_validated, s.nodes)

    # ---- renderings (the core's, byte-identical to the CLI's)

    def to_json(self, indent: int = 2) -> str:
        return _call(lambda c: c.render, self._json, "json", str(indent))

    def to_dict(self) -> Dict[str, Any]:
        return json.loads(self._json)

    def to_text(self, color: bool = False) -> str:
        return _call(lambda c: c.render, self._json, "text-color" if color else "text")

    def to_sarif(self, artifact_uri: str = "") -> str:
        return _call(lambda c: c.render, self._json, "sarif", artifact_uri)

    def to_junit(self, suite_name: str = "qnnv") -> str:
        return _call(lambda c: c.render, self._json, "junit", suite_name)

    def fix_plan(self) -> "FixPlan":
        """The changes that make the failing nodes pass, for the same graph, backend and SoC."""
        if self._graph is None:
            raise ValueError("this report was built without its graph; call qnnv.fix_plan(graph, ...)")
        return fix_plan(self._graph, **self._options)

    def failure_message(self) -> str:
        """One line per failing node: node, target, rules and, where known, the user's file:line."""
        lines = []
        for r in self.failing:
            rules = sorted({f.rule for f in r.findings if f.severity == "error" or not self.strict})
            where = (" at %s:%d" % (r.source_file, r.source_line)) if r.source_file and r.source_line else ""
            lines.append("%s (%s)%s: %s" % (r.node, r.target, where, ", ".join(rules)))
        return "\n".join(lines)


# --------------------------------------------------------------------------------------------------
# the fix plan


@dataclasses.dataclass(frozen=True)
class FixChange:
    summary: str
    rule: str
    nodes: tuple
    module: str
    modules: tuple
    target: str
    quant_dtype: str
    from_quant_dtype: str
    granularity: str
    fixes: tuple
    matched: int
    faithful: bool
    simulation: str


class FixPlan:
    """The fix plan ("qnnv.fix-plan" v1): QuantRecipe changes, checked on the re-annotated graph."""

    def __init__(self, plan_json: str, text: str):
        d = json.loads(plan_json)
        self._json, self._text, self.raw = plan_json, text, d
        self.backend, self.soc_model, self.arch = d["backend"], d["soc_model"], d.get("arch", "")
        self.failing_before, self.failing_after = int(d["failing_before"]), int(d["failing_after"])
        self.verified = bool(d["verified"])
        self.changes = [FixChange(summary=c["summary"], rule=c["rule"], nodes=tuple(c["nodes"]), module=c["module"],
                                  modules=tuple(c.get("modules", ())), target=c["target"],
                                  quant_dtype=c["quant_dtype"], from_quant_dtype=c.get("from_quant_dtype", ""),
                                  granularity=c["granularity"], fixes=tuple(c.get("fixes", ())),
                                  matched=int(c.get("matched", 0)), faithful=bool(c.get("faithful", True)),
                                  simulation=c.get("simulation", ""))
                        for c in d.get("changes", ())]
        self.unresolved: List[str] = list(d.get("unresolved", ()))
        self.notes: List[str] = list(d.get("notes", ()))
        self.snippet: str = d.get("snippet", "")

    def to_json(self) -> str:
        return self._json

    def to_text(self) -> str:
        return self._text

    def __repr__(self):
        return "<qnnv.FixPlan %s: %d failing -> %d, %d change(s)%s>" % (
            self.soc_model, self.failing_before, self.failing_after, len(self.changes),
            "" if self.verified else ", NOT verified")


# --------------------------------------------------------------------------------------------------
# entry points


def _graph_text(graph, hints=None) -> str:
    """The graph JSON text of a path, a text/bytes document, a dict, or a torch.fx GraphModule."""
    if isinstance(graph, (bytes, bytearray)):
        return bytes(graph).decode("utf-8")
    if isinstance(graph, str):
        if graph.lstrip().startswith("{"):
            return graph
        with open(graph, "r", encoding="utf-8") as f:
            return f.read()
    if isinstance(graph, os.PathLike):
        with open(os.fspath(graph), "r", encoding="utf-8") as f:
            return f.read()
    if isinstance(graph, dict):
        return json.dumps(graph, allow_nan=False)
    if hasattr(graph, "graph") or type(graph).__name__ == "Graph":  # a GraphModule or fx Graph: export it
        from .export import graph_to_dict
        return json.dumps(graph_to_dict(graph, hints=hints, include_stack_trace=True), allow_nan=False)
    raise TypeError("validate() takes a path, JSON text or bytes, a dict, or a torch.fx GraphModule, not %s"
                    % type(graph).__name__)


def _options(backend, soc_model, strict, qnn_sdk):
    if strict is not None and not isinstance(strict, bool):
        raise TypeError("strict must be a bool or None")
    if qnn_sdk is not None and not isinstance(qnn_sdk, str):
        raise TypeError("qnn_sdk must be a version string such as \"2.41\", or None")
    from .export import _hint_value  # ExecuTorch enums (QcomChipset.SM8650, backend types) by name
    return {"backend": _hint_value(backend) if backend is not None else "",
            "soc": _hint_value(soc_model) if soc_model is not None else "", "strict": strict,
            "qnn_sdk": qnn_sdk or ""}


def validate(graph, backend=None, soc_model=None, strict=None, qnn_sdk=None) -> Report:
    """Validate a graph: a path to qnnv graph JSON, its text or bytes, a dict, or an annotated torch.fx
    GraphModule (exported on the fly, with stack traces). backend/soc_model default to the graph's hints,
    else htp and SM8750; strict (default True) makes findings errors. Raises InputError for unusable input."""
    opts = _options(backend, soc_model, strict, qnn_sdk)
    text = _graph_text(graph)
    report_json = _call(lambda c: c.validate, text, opts["backend"], opts["soc"], opts["strict"], -1,
                        opts["qnn_sdk"])
    return Report(report_json, text, {"backend": backend, "soc_model": soc_model, "strict": strict,
                                      "qnn_sdk": qnn_sdk})


def fix_plan(graph, backend=None, soc_model=None, strict=None, qnn_sdk=None) -> FixPlan:
    """The fix plan for a graph (same arguments as validate)."""
    opts = _options(backend, soc_model, strict, qnn_sdk)
    text = _graph_text(graph)
    plan_json = _call(lambda c: c.fix_plan, text, opts["backend"], opts["soc"], opts["strict"], "json",
                      opts["qnn_sdk"])
    plan_text = _call(lambda c: c.fix_plan, text, opts["backend"], opts["soc"], opts["strict"], "text",
                      opts["qnn_sdk"])
    return FixPlan(plan_json, plan_text)
