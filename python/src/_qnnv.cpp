// qnnv._qnnv — the C++ core for Python (pybind11). Text in, text out: the graph JSON goes in, the report or
// fix plan comes back as the core's own JSON (the Python side builds its objects from it), and renderers
// re-render a report's JSON. Input errors raise _qnnv.InputError whose message is the core's qnnv.error
// JSON object, which qnnv/report.py turns into qnnv.InputError with code, pointer, line and column.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <optional>
#include <string>

#include "qnnv/qnnv.h"

namespace py = pybind11;

namespace {

qnnv::Options options_of(const std::string& backend, const std::string& soc, std::optional<bool> strict,
                         const std::string& qnn_sdk) {
  qnnv::Options o;
  o.backend = backend;
  o.soc = soc;
  o.strict = strict;
  o.qnn_sdk = qnn_sdk;
  return o;
}

const qnnv::ConstraintData& builtin() {
  static const auto data = qnnv::builtin_data();
  return *data;
}

}  // namespace

PYBIND11_MODULE(_qnnv, m) {
  m.doc() = "qnnv's C++ core: validate qnnv.graph v1 JSON against QNN backend constraints";
  static py::exception<qnnv::InputError> input_error(m, "InputError", PyExc_ValueError);
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const qnnv::InputError& e) {
      input_error(qnnv::error_to_json(e.info()).c_str());
    }
  });

  m.def("version", [] { return std::string(qnnv::version()); });
  m.def("data_version", [] { return builtin().version; });

  // The report as JSON (indent -1: compact). The GIL is released while the core runs.
  m.def(
      "validate",
      [](std::string graph, const std::string& backend, const std::string& soc, std::optional<bool> strict,
         int indent, const std::string& qnn_sdk) {
        py::gil_scoped_release release;
        const qnnv::Report report =
            qnnv::validate_owned(std::move(graph), options_of(backend, soc, strict, qnn_sdk), builtin());
        return qnnv::report_to_json(report, indent);
      },
      py::arg("graph"), py::arg("backend") = "", py::arg("soc") = "", py::arg("strict") = py::none(),
      py::arg("indent") = -1, py::arg("qnn_sdk") = "");

  // Re-renders a report's JSON: "json" (arg = indent), "text", "text-color", "sarif" (arg = artifact URI),
  // "junit" (arg = suite name).
  m.def(
      "render",
      [](const std::string& report_json, const std::string& format, const std::string& arg) {
        const qnnv::Report report = qnnv::report_from_json(report_json);
        if (format == "json") return qnnv::report_to_json(report, arg.empty() ? 2 : std::stoi(arg));
        if (format == "text") return qnnv::report_to_text(report, false);
        if (format == "text-color") return qnnv::report_to_text(report, true);
        if (format == "sarif") return qnnv::report_to_sarif(report, arg);
        if (format == "junit") return qnnv::report_to_junit(report, arg);
        throw qnnv::InputError("usage.unknown-format", "unknown report format \"" + format +
                                                           "\" (json, text, text-color, sarif, junit)");
      },
      py::arg("report_json"), py::arg("format"), py::arg("arg") = "");

  // The fix plan as "json" or "text".
  m.def(
      "fix_plan",
      [](const std::string& graph, const std::string& backend, const std::string& soc, std::optional<bool> strict,
         const std::string& format, const std::string& qnn_sdk) {
        py::gil_scoped_release release;
        const qnnv::FixPlan plan = qnnv::fix_plan(graph, options_of(backend, soc, strict, qnn_sdk), builtin());
        return format == "text" ? qnnv::fix_plan_to_text(plan) : qnnv::fix_plan_to_json(plan);
      },
      py::arg("graph"), py::arg("backend") = "", py::arg("soc") = "", py::arg("strict") = py::none(),
      py::arg("format") = "json", py::arg("qnn_sdk") = "");
}
