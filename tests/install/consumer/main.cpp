// Links the installed library and validates a one-node graph; prints the data directory it was given.
#include <cstdio>
#include <fstream>

#include <qnnv/qnnv.h>

int main() {
  const char* graph = R"({"format":"qnnv.graph","version":1,"nodes":[
    {"name":"x","op":"placeholder","target":"x","val":{"dtype":"float32","shape":[1]}}]})";
  const qnnv::Report r = qnnv::validate(graph, {}, *qnnv::builtin_data());
  const bool data_installed = std::ifstream(std::string(QNNV_DATA_DIR) + "/socs.json").good();
  std::printf("qnnv %s soc %s ok %d data %d\n", qnnv::version(), r.soc_model.c_str(), r.ok, data_installed);
  return r.ok && r.soc_model == qnnv::kDefaultSoc && data_installed ? 0 : 1;
}
