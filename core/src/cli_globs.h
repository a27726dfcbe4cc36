// Glob operands of the command line: an operand with * ? or [ is matched against the files the host lists
// (the shell usually expands them; quoted patterns, and shells that do not, come here). "**" as a whole
// segment matches any number of folders. Through CliHost, so that the native and the Node CLI match alike.
#pragma once

#include <string>
#include <vector>

#include "qnnv/qnnv.h"

namespace qnnv::detail {

// The files the operands name, in order: a plain operand as given, a pattern as its sorted matches (files
// only, hidden names only when the pattern asks for them). A pattern that matches no file is io.read.
std::vector<std::string> expand_operands(CliHost& host, const std::vector<std::string>& operands);

}  // namespace qnnv::detail
