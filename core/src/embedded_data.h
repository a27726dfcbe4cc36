// The data files of core/data, compiled in by core/cmake/embed.cmake (internal).
#pragma once

#include <string_view>
#include <vector>

namespace qnnv::detail {

struct EmbeddedFile {
  std::string_view name;  // "htp.json"
  std::string_view text;
};

const std::vector<EmbeddedFile>& embedded_data_files();  // sorted by name

}  // namespace qnnv::detail
