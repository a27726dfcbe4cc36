// validate_socs: every SoC in one pass (qnnv.h).
//
// The graph is loaded once (the larger part of a validation). What the checks read of a SoC is its arch
// (variants, SoC rules) and its FP16 support (SoC rules); SoCs that agree on both get the same results
// but for the SoC's name, which findings quote ("... SM8350 is v68"). So each such group is validated
// once with a stand-in SoC whose name is a marker no graph can contain (invalid UTF-8: the loader refuses
// it), and each member's report is that one with the marker replaced by the member's name. The groups are
// validated together (validate_graph_targets): what does not depend on the SoC at all is done once, and
// a group keeps the previous group's result for each node whose checks its arch and FP16 cannot change.
#include <cctype>
#include <cstring>
#include <cstdint>
#include <map>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "api_internal.h"
#include "graph.h"
#include "qnnv/qnnv.h"

namespace qnnv {
namespace {

constexpr std::string_view kMarker = "\xff\xfe" "soc" "\xff";

// The strings of a report that quote the SoC's name, with where in each the quotes are. Only results the
// per-target pass rewrote can quote it (validate_graph_targets), and from one group to the next only those
// it changed are looked at again: the others keep their quotes, and their text (name() puts the marker
// back after each group, as validate_graph_targets asks of its sink). Quotes are renamed in place, without
// cutting the text into pieces: at 100k nodes a group has tens of thousands of such strings.
class Quotes {
 public:
  // After a group's pass: the results at `changed` (positions in `rewritten`) were filled anew. Every
  // field's text holds the marker (update comes before name, or after name(r, kMarker)).
  void update(Report& r, const std::vector<uint32_t>& rewritten, const std::vector<uint32_t>& changed) {
    std::vector<Field> fields;
    std::vector<uint32_t> before;
    fields.reserve(fields_.size());
    before.reserve(before_.size());
    size_t kept = 0;  // fields_[kept...] are not yet copied or dropped
    const auto keep_until = [&](uint32_t position) {
      for (; kept < fields_.size() && fields_[kept].position < position; ++kept) {
        Field f = fields_[kept];
        f.first = static_cast<uint32_t>(before.size());
        before.insert(before.end(), before_.begin() + fields_[kept].first, before_.begin() + fields_[kept].end);
        f.end = static_cast<uint32_t>(before.size());
        fields.push_back(f);
      }
    };
    for (uint32_t position : changed) {
      keep_until(position);
      while (kept < fields_.size() && fields_[kept].position == position) ++kept;  // filled anew: dropped
      for (Finding& f : r.results[rewritten[position]].findings)
        for (std::string* s : {&f.message, &f.expected, &f.actual, &f.hint, &f.source}) {
          size_t hit = s->find(kMarker);
          if (hit == std::string::npos) continue;
          Field field{position, s, static_cast<uint32_t>(before.size()), 0};
          for (size_t k = 0; hit != std::string::npos; ++k, hit = s->find(kMarker, hit + kMarker.size()))
            before.push_back(static_cast<uint32_t>(hit - k * kMarker.size()));
          field.end = static_cast<uint32_t>(before.size());
          fields.push_back(field);
        }
    }
    keep_until(UINT32_MAX);
    fields_.swap(fields);
    before_.swap(before);
  }
  // What naming the SoC `model` adds to the findings' texts, in bytes, over the marker they hold between
  // groups (negative when the name is shorter).
  int64_t bytes_added_by(std::string_view model) const {
    return (static_cast<int64_t>(model.size()) - static_cast<int64_t>(kMarker.size())) *
           static_cast<int64_t>(before_.size());
  }
  // Every quote of the SoC in the report becomes `model`.
  void name(Report& r, std::string_view model) {
    r.soc_model = std::string(model);
    for (const Field& field : fields_)
      requote(*field.text, before_.data() + field.first, field.end - field.first, quoted_size_, model);
    quoted_size_ = model.size();
  }

 private:
  struct Field {
    uint32_t position;  // of its result in `rewritten`
    std::string* text;
    uint32_t first, end;  // its quotes in before_
  };
  // Replaces the n quotes of `s`, each `from` bytes long, by `model`. Quote j starts after before[j]
  // bytes of the text's own (bytes that are not quotes), so at before[j] + j * (quote size). The text
  // between quotes moves towards the front when the name shrinks (front to back), towards the end when
  // it grows (back to front), and stays when it is as long (SoC names mostly are 6 bytes, as is the marker).
  static void requote(std::string& s, const uint32_t* before, size_t n, size_t from, std::string_view model) {
    const size_t to = model.size();
    if (to == from) {
      for (size_t j = 0; j < n; ++j) std::memcpy(&s[before[j] + j * to], model.data(), to);
      return;
    }
    const size_t old_size = s.size(), tail = old_size - (before[n - 1] + n * from);
    if (to < from) {
      for (size_t j = 0; j < n; ++j) {
        if (j > 0) std::memmove(&s[before[j - 1] + j * to], &s[before[j - 1] + j * from], before[j] - before[j - 1]);
        std::memcpy(&s[before[j] + j * to], model.data(), to);
      }
      std::memmove(&s[before[n - 1] + n * to], &s[before[n - 1] + n * from], tail);
      s.resize(old_size - n * (from - to));
      return;
    }
    s.resize(old_size + n * (to - from));
    std::memmove(&s[before[n - 1] + n * to], &s[before[n - 1] + n * from], tail);
    for (size_t j = n; j-- > 0;) {
      std::memcpy(&s[before[j] + j * to], model.data(), to);
      if (j > 0) std::memmove(&s[before[j - 1] + j * to], &s[before[j - 1] + j * from], before[j] - before[j - 1]);
    }
  }
  std::vector<Field> fields_;    // by position
  std::vector<uint32_t> before_;  // per quote, the text's own bytes before it
  size_t quoted_size_ = kMarker.size();  // the size of the name the fields' texts hold
};

}  // namespace

std::vector<std::string> socs_with_backend(const ConstraintData& data, std::string_view backend) {
  std::string name(backend.empty() ? kDefaultBackend : backend);
  for (char& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  if (!data.find_backend(name)) {
    Options o;
    o.backend = name;
    detail::check_options(o, data);  // throws options.unknown-backend with the known ones
  }
  std::vector<std::string> models;
  for (const SocInfo& s : data.socs)
    if (ConstraintData::arch_of(s, name) != 0) models.push_back(s.model);
  return models;
}

void validate_socs(std::string graph_json, const Options& options, const std::vector<std::string>& socs,
                   const ConstraintData& data, const SocReportSink& each) {
  std::vector<std::string> models = socs;
  Options one = options;
  if (models.empty()) {
    models = socs_with_backend(data, options.backend);
    if (one.backend.empty()) one.backend = std::string(kDefaultBackend);  // "every SoC of the default backend"
  }
  for (const std::string& m : models) {  // with a backend given, a typo in the list fails before loading
    one.soc = m;
    detail::check_options(one, data);
  }
  const detail::Graph graph = detail::load_graph(graph_json, options.limits);
  std::string().swap(graph_json);

  // Group the SoCs by what the checks read of them, keeping the order of first appearance.
  using Key = std::tuple<const BackendData*, int, bool>;
  std::map<Key, std::vector<size_t>> groups;
  std::vector<Key> order;
  std::vector<const SocInfo*> chosen(models.size());
  for (size_t i = 0; i < models.size(); ++i) {
    one.soc = models[i];
    const auto [backend, soc] = detail::chosen_target(graph, one, data);
    chosen[i] = soc;
    const Key key{backend, ConstraintData::arch_of(*soc, backend->name), soc->fp16};
    auto [it, added] = groups.try_emplace(key);
    if (added) order.push_back(key);
    it->second.push_back(i);
  }
  if (order.empty()) return;
  // One stand-in per group, validated together: the graph is walked once for what no SoC changes.
  std::vector<SocInfo> stand_ins;
  stand_ins.reserve(order.size());
  std::vector<const SocInfo*> stand_in_ptrs;
  for (const Key& key : order) {
    stand_ins.push_back(*chosen[groups[key].front()]);
    stand_ins.back().model = std::string(kMarker);
    stand_in_ptrs.push_back(&stand_ins.back());
  }
  one.soc = models[groups[order.front()].front()];
  Quotes quotes;
  detail::SocReportSizes sizes(one, graph.input_bytes);
  detail::validate_loaded_socs(graph, one, data, stand_in_ptrs,
                               [&](size_t k, Report& report, const std::vector<uint32_t>& rewritten,
                                   const std::vector<uint32_t>& changed) {
    sizes.update(k, report, rewritten, changed);
    quotes.update(report, rewritten, changed);
    for (size_t i : groups[order[k]]) {
      quotes.name(report, chosen[i]->model);
      sizes.check(report, quotes.bytes_added_by(chosen[i]->model));
      each(i, report);
    }
    quotes.name(report, kMarker);
  });
}

std::vector<Report> validate_socs(std::string graph_json, const Options& options,
                                  const std::vector<std::string>& socs, const ConstraintData& data) {
  std::vector<Report> reports(socs.empty() ? socs_with_backend(data, options.backend).size() : socs.size());
  validate_socs(std::move(graph_json), options, socs, data, [&](size_t i, const Report& r) { reports[i] = r; });
  return reports;
}

}  // namespace qnnv
