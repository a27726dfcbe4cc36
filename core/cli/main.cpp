// qnnv — the native command line: the host of qnnv::run_cli (core/src/cli.cpp, which both CLIs share: the
// commands, flags, usage text and exit codes are defined there). This file only does the file and stream I/O.
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>
#if defined(__linux__) && defined(__GLIBC__)
#include <malloc.h>
#include <sys/mman.h>
#endif

#include <cerrno>
#include <climits>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "qnnv/qnnv.h"

namespace {

// Large inputs: the heap on transparent huge pages.
//
// A validation touches fresh memory some three times the graph's size; with 4 KiB pages, that is one page
// fault per 4 KiB, and on a virtual machine the faults cost more than the validation (a 100,000-node graph:
// the whole CLI run 2-3x faster on huge pages; figures in bench/README.md, "Tenth round"). Linux backs memory
// with huge pages only where the process asks (transparent_hugepage=madvise, the usual setting), and glibc's
// malloc asks only when started with GLIBC_TUNABLES=glibc.malloc.hugetlb=1. So before reading a large input
// (the first, and any larger one after it) the CLI does what that setting does: every allocation from the
// main heap (M_MMAP_MAX 0: a block mapped on its own would be unmapped when freed, and mapped again on small
// pages), the heap grown by a block four times the input, marked MADV_HUGEPAGE and freed again, and kept
// (M_TRIM_THRESHOLD): the input's buffer, the Graph and the Report are carved from it. Only address space
// is reserved; memory is taken as it is touched, 2 MiB at a time, so peak RSS grows a little. Not under the
// sanitizers (their allocator is their own), nor when GLIBC_TUNABLES says glibc.malloc.hugetlb=0 (the same
// setting's "no"); where the calls do nothing, nothing changes.
constexpr size_t kHugePageInput = size_t{1} << 20;  // inputs from this size on (smaller: too few faults to matter)
void back_heap_with_huge_pages(size_t input_bytes) {
#if defined(__linux__) && defined(__GLIBC__) && defined(MADV_HUGEPAGE) && !defined(__SANITIZE_ADDRESS__)
  static size_t prepared = 0;  // the largest block so far (a glob's next, larger file grows it)
  if (input_bytes < kHugePageInput || input_bytes > SIZE_MAX / 8 || 4 * input_bytes <= prepared) return;
  const char* tunables = std::getenv("GLIBC_TUNABLES");
  if (tunables && std::strstr(tunables, "glibc.malloc.hugetlb=0")) return;
  const size_t block = 4 * input_bytes, huge = size_t{2} << 20;
  prepared = block;
  // (The threshold must stay above the freed block, or free() hands the block straight back to the system.)
  if (mallopt(M_MMAP_MAX, 0) != 1 || mallopt(M_TRIM_THRESHOLD, INT32_MAX) != 1) return;
  char* p = static_cast<char*>(std::malloc(block));
  if (!p) return;
  const uintptr_t begin = (reinterpret_cast<uintptr_t>(p) + huge - 1) & ~(uintptr_t{huge} - 1);
  const uintptr_t end = (reinterpret_cast<uintptr_t>(p) + block) & ~(uintptr_t{huge} - 1);
  if (end > begin) madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
  std::free(p);
#else
  (void)input_bytes;
#endif
}

// The whole of a file (or standard input for "-") in one string: a regular file is read in one go into
// a string sized from fstat (one byte over, so that the read which meets the end needs no growth); a pipe
// in 1 MiB chunks. (A stringstream would hold up to twice the file and then copy it once more: for a
// 30 MB graph that was 60 MB of peak memory before any parsing.)
std::string read_input(const std::string& path) {
  const bool is_stdin = path == "-";
  std::FILE* f = is_stdin ? stdin : std::fopen(path.c_str(), "rb");
  if (!f) throw qnnv::InputError("io.read", "cannot read " + path + ": " + qnnv::system_error_text(errno));
  struct Closer {
    std::FILE* f;
    bool owned;
    ~Closer() {
      if (owned) std::fclose(f);
    }
  } closer{f, !is_stdin};
  std::string text;
  struct stat st {};
  if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode)) {
    back_heap_with_huge_pages(size_t(st.st_size));
    text.reserve(size_t(st.st_size) + 1);
  }
  constexpr size_t kChunk = size_t{1} << 20;
  for (;;) {
    const size_t have = text.size();
    // Read into the room there is (a regular file: all of it), else grow by a chunk.
    const size_t room = text.capacity() > have ? text.capacity() - have : kChunk;
    text.resize(have + room);
    const size_t got = std::fread(&text[have], 1, room, f);
    text.resize(have + got);
    if (got < room) break;
  }
  if (std::ferror(f)) throw qnnv::InputError("io.read", "cannot read " + path + ": " + qnnv::system_error_text(errno));
  return text;
}

class NativeHost : public qnnv::CliHost {
 public:
  std::string read_file(const std::string& path) override { return read_input(path); }

  std::vector<std::string> list_dir(const std::string& dir) override {
    std::vector<std::string> names;
    DIR* d = opendir(dir.empty() ? "." : dir.c_str());
    if (!d) return names;
    while (const dirent* e = readdir(d)) {
      const std::string n = e->d_name;
      if (n != "." && n != "..") names.push_back(n);
    }
    closedir(d);
    return names;
  }

  // A failed write (disk full, /dev/full, a closed standard output) is an io.write error, exit 2, never a
  // silent success; the reason is worded from the core's table, as the Node CLI's. A reader that went away
  // (EPIPE: `qnnv validate g.json | head -1`) is no failure: the rest is dropped quietly (CliHost).
  void open_output(const std::string& path) override {
    path_ = path;
    failed_ = false;
    reader_gone_ = false;
    err_ = 0;
    f_ = path.empty() ? stdout : std::fopen(path.c_str(), "wb");
    if (!f_) throw qnnv::InputError("io.write", "cannot write " + path + ": " + qnnv::system_error_text(errno));
  }
  void write(std::string_view piece) override {
    if (!failed_ && !reader_gone_ && std::fwrite(piece.data(), 1, piece.size(), f_) != piece.size()) failure(errno);
  }
  void close_output() override {
    if (!f_) return;
    if (std::fflush(f_) != 0) failure(errno);
    if (f_ != stdout && std::fclose(f_) != 0) failure(errno);
    f_ = nullptr;
    if (failed_)
      throw qnnv::InputError("io.write", "cannot write " + (path_.empty() ? std::string("standard output") : path_) +
                                             ": " + qnnv::system_error_text(err_));
  }
  void write_stderr(std::string_view text) override { std::fwrite(text.data(), 1, text.size(), stderr); }
  bool stdout_is_terminal() override { return isatty(fileno(stdout)) && !std::getenv("NO_COLOR"); }

 private:
  void failure(int err) {
    if (failed_ || reader_gone_) return;  // the first failure is the one reported
    if (err == EPIPE) reader_gone_ = true;
    else failed_ = true, err_ = err;
  }

  std::FILE* f_ = nullptr;
  std::string path_;
  bool failed_ = false, reader_gone_ = false;
  int err_ = 0;
};

}  // namespace

int main(int argc, char** argv) {
  // A closed standard output (qnnv ... >&-): hold descriptor 1 with a read-only /dev/null, so that the first
  // file qnnv opens does not become "standard output" and every write to it fails (EBADF, io.write).
  if (fcntl(STDOUT_FILENO, F_GETFD) == -1 && errno == EBADF) {
    const int fd = open("/dev/null", O_RDONLY);
    if (fd >= 0 && fd != STDOUT_FILENO) close(fd);
  }
  // A reader that goes away (qnnv ... | head) is seen as EPIPE, not as a signal that kills qnnv: the rest
  // of the output is dropped quietly and the exit status is the validation's, as in the Node CLI.
  signal(SIGPIPE, SIG_IGN);
  NativeHost host;
  return qnnv::run_cli(std::vector<std::string>(argv + 1, argv + argc), host);
}
