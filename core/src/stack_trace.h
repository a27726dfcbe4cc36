// Where in the user's code a node comes from (internal): the innermost frame of the user's own code in
// a torch.fx stack trace (node.meta["stack_trace"], which the exporter writes as the node's
// meta.stack_trace).
//
// The trace is Python's, most recent call last, one frame per line of the form
//     File "/home/me/model.py", line 12, in forward
// (followed by the source line). The innermost frame of user code is the last frame whose file is not
// library or generated code: a path with a directory named torch, executorch, torchao, site-packages or
// dist-packages (either separator, '/' or '\'), or a name in angle brackets ("<eval_with_key>.3",
// "<string>"). A trace with no such frame gives none.
#pragma once

#include <cstdint>
#include <string_view>

namespace qnnv::detail {

struct SourceFrame {
  std::string_view file;  // a view into the trace; empty = none
  uint32_t line = 0;
};

SourceFrame innermost_user_frame(std::string_view stack_trace);

// Whether `path` is library or generated code by the rule above.
bool is_library_path(std::string_view path);

}  // namespace qnnv::detail
