// conformance_runner: runs ONNX backend test suites (folders of test_*/model.onnx +
// test_data_set_*/{input,output}_N.pb) through onyx::Session and compares outputs as ONNX's
// backend runner does (compare.h).
//
//   conformance_runner [--known-failures FILE] [--update-known-failures FILE] [--timeout SEC]
//                      [--filter SUBSTR] [--no-fork] [--verbose] [--inputs-as-constants]
//                      [--skip-missing] SOURCE=SUITE_DIR ...
//
// Each SOURCE=SUITE_DIR names a suite "<SOURCE>/<folder name of SUITE_DIR>", e.g.
// onnx123=../shared/onnx-tests/node -> "onnx123/node". Every test runs in a forked child with a
// time limit, so a crash or hang fails that test only. Graph inputs are fed the way ONNX's runner
// does: input_N.pb goes to the N-th graph input that is not an initializer. Sessions use 1 thread.
// --inputs-as-constants folds each data set's inputs into the model as initializers instead
// (InputMode::kConstants), so every op also runs on plan-time constants; the known-failures list
// still applies, but a listed test that passes this way is not reported (the list describes fed
// inputs). --skip-missing: a missing suite folder is skipped (exit 77 when every suite is
// missing) instead of being a command-line error.
//
// Prints one line per failing test and, last, one line per suite:
//   "<suite>: N passed (M random-output: shape/dtype/range only), N failed, N skipped"
// where the M random-output passes (random_output.h: tests whose expected values come from
// numpy's random generator) are counted in N but were checked by structure, not by value.
// Exit status: 0 when every failure is listed in the known-failures file and no listed test
// passes; 1 otherwise; 2 for a bad command line. --update-known-failures FILE rewrites FILE with
// the current failures of the suites that were run (entries of other suites are kept).
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "known_failures.h"
#include "test_case.h"

namespace fs = std::filesystem;
using namespace onyx::conformance;

namespace {

constexpr const char* kUsage =
    "usage: conformance_runner [--known-failures FILE] [--update-known-failures FILE]\n"
    "                          [--timeout SEC] [--filter SUBSTR] [--no-fork] [--verbose]\n"
    "                          [--inputs-as-constants] [--skip-missing] SOURCE=SUITE_DIR ...\n";

// Exit status when every suite folder is missing under --skip-missing (ctest SKIP_RETURN_CODE).
constexpr int kExitSkipped = 77;

struct Options {
  std::string known_failures_path;
  std::string update_path;
  int timeout_s = 60;
  std::string filter;
  bool fork = true;
  bool verbose = false;
  InputMode input_mode = InputMode::kFed;
  bool skip_missing = false;
  std::vector<std::pair<std::string, fs::path>> suites;  // suite key, folder
};

// Reads the child's "<kind char><reason>" message until EOF or the deadline. Returns false on
// timeout.
bool read_with_deadline(int fd, std::chrono::steady_clock::time_point deadline, std::string& out) {
  char buf[4096];
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                    deadline - std::chrono::steady_clock::now())
                    .count();
    if (left <= 0) return false;
    pollfd p{fd, POLLIN, 0};
    int r = poll(&p, 1, static_cast<int>(std::min<long long>(left, 1000)));
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) continue;
    ssize_t n = read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return true;
    out.append(buf, static_cast<size_t>(n));
  }
}

Outcome run_isolated(const fs::path& dir, InputMode mode, int timeout_s) {
  int fds[2];
  if (pipe(fds) != 0) return {Outcome::kFail, std::string("pipe failed: ") + std::strerror(errno)};
  std::fflush(stdout);
  std::fflush(stderr);
  pid_t pid = fork();
  if (pid < 0) {
    close(fds[0]);
    close(fds[1]);
    return {Outcome::kFail, std::string("fork failed: ") + std::strerror(errno)};
  }
  if (pid == 0) {  // child: run, report, leave without running the parent's atexit handlers
    close(fds[0]);
    Outcome o = run_test_case(dir, mode);
    // 'R': a random-output pass (checked by structure only).
    std::string msg = std::string(1, o.random_output ? 'R' : "PFS"[o.kind]) + o.reason;
    const char* p = msg.data();
    size_t left = msg.size();
    while (left) {
      ssize_t n = write(fds[1], p, left);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;
      p += n;
      left -= static_cast<size_t>(n);
    }
    close(fds[1]);
    _exit(0);
  }
  close(fds[1]);
  std::string msg;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_s);
  bool finished = read_with_deadline(fds[0], deadline, msg);
  close(fds[0]);
  if (!finished) kill(pid, SIGKILL);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (!finished) return {Outcome::kFail, "timeout (" + std::to_string(timeout_s) + " s)"};
  if (WIFSIGNALED(status)) {
    int sig = WTERMSIG(status);
    return {Outcome::kFail, "crashed (signal " + std::to_string(sig) + ", " + strsignal(sig) + ")"};
  }
  if (msg.empty()) {
    return {Outcome::kFail, "test process exited with status " +
                                std::to_string(WEXITSTATUS(status)) + " without a result"};
  }
  Outcome::Kind kind = msg[0] == 'P' || msg[0] == 'R' ? Outcome::kPass
                       : msg[0] == 'S'                ? Outcome::kSkip
                                                      : Outcome::kFail;
  return {kind, msg.substr(1), msg[0] == 'R'};
}

int parse_options(int argc, char** argv, Options& o) {
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto need_value = [&]() -> const char* { return i + 1 < argc ? argv[++i] : nullptr; };
    if (a == "--known-failures" || a == "--update-known-failures" || a == "--timeout" ||
        a == "--filter") {
      const char* v = need_value();
      if (!v) {
        std::fprintf(stderr, "error: %s needs a value\n%s", a.c_str(), kUsage);
        return 2;
      }
      if (a == "--known-failures") o.known_failures_path = v;
      if (a == "--update-known-failures") o.update_path = v;
      if (a == "--filter") o.filter = v;
      if (a == "--timeout") o.timeout_s = std::max(1, std::atoi(v));
    } else if (a == "--no-fork") {
      o.fork = false;
    } else if (a == "--verbose") {
      o.verbose = true;
    } else if (a == "--inputs-as-constants") {
      o.input_mode = InputMode::kConstants;
    } else if (a == "--skip-missing") {
      o.skip_missing = true;
    } else if (a == "--help" || a == "-h") {
      std::fputs(kUsage, stdout);
      std::exit(0);
    } else if (a.size() > 1 && a[0] == '-') {
      std::fprintf(stderr, "error: unknown option '%s'\n%s", a.c_str(), kUsage);
      return 2;
    } else {
      size_t eq = a.find('=');
      if (eq == std::string::npos || eq == 0) {
        std::fprintf(stderr, "error: expected SOURCE=SUITE_DIR, got '%s'\n%s", a.c_str(), kUsage);
        return 2;
      }
      fs::path dir = fs::path(a.substr(eq + 1)).lexically_normal();
      std::string folder = (dir.has_filename() ? dir : dir.parent_path()).filename().string();
      o.suites.emplace_back(a.substr(0, eq) + "/" + folder, dir);
    }
  }
  if (o.suites.empty()) {
    std::fprintf(stderr, "error: no suite given\n%s", kUsage);
    return 2;
  }
  return 0;
}

std::vector<fs::path> list_tests(const fs::path& suite_dir) {
  std::vector<fs::path> tests;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(suite_dir, ec)) {
    std::string name = entry.path().filename().string();
    if (entry.is_directory() && name.rfind("test_", 0) == 0) tests.push_back(entry.path());
  }
  std::sort(tests.begin(), tests.end());
  return tests;
}

}  // namespace

int main(int argc, char** argv) {
  Options opt;
  if (int rc = parse_options(argc, argv, opt)) return rc;
  if (!opt.update_path.empty() && opt.input_mode != InputMode::kFed) {
    std::fprintf(stderr, "error: --update-known-failures needs fed inputs (the list's mode)\n");
    return 2;
  }

  KnownFailures known;
  const std::string list_path =
      !opt.known_failures_path.empty() ? opt.known_failures_path : opt.update_path;
  if (!list_path.empty()) {
    onyx::Result<KnownFailures> read = read_known_failures(list_path);
    if (!read) {
      std::fprintf(stderr, "error: %s\n", read.status().message().c_str());
      return 2;
    }
    known = *read;
  }

  std::map<std::string, std::string> failures;  // test key -> reason
  std::set<std::string> suites_run;
  std::vector<std::string> summary;
  int unexpected = 0;
  size_t missing = 0;
  const bool fed = opt.input_mode == InputMode::kFed;
  for (const auto& [suite, dir] : opt.suites) {
    if (!fs::is_directory(dir)) {
      if (!opt.skip_missing) {
        std::fprintf(stderr, "error: suite folder %s does not exist\n", dir.c_str());
        return 2;
      }
      std::printf("%s: skipped, suite folder %s does not exist\n", suite.c_str(), dir.c_str());
      ++missing;
      continue;
    }
    suites_run.insert(suite);
    int passed = 0, random_passed = 0, failed = 0, skipped = 0;
    for (const fs::path& test : list_tests(dir)) {
      const std::string key = suite + "/" + test.filename().string();
      if (!opt.filter.empty() && key.find(opt.filter) == std::string::npos) continue;
      Outcome o = opt.fork ? run_isolated(test, opt.input_mode, opt.timeout_s)
                           : run_test_case(test, opt.input_mode);
      const bool listed = known.tests.count(key) > 0;
      switch (o.kind) {
        case Outcome::kPass:
          ++passed;
          random_passed += o.random_output ? 1 : 0;
          if (listed && fed) {
            ++unexpected;
            std::printf("NOW PASSES %s: remove it from known_failures.txt\n", key.c_str());
          } else if (opt.verbose) {
            std::printf("pass %s%s\n", key.c_str(),
                        o.random_output ? " (random-output: shape/dtype/range only)" : "");
          }
          break;
        case Outcome::kFail:
          ++failed;
          failures[key] = o.reason;
          if (!listed) ++unexpected;
          std::printf("%s %s: %s\n", listed ? "known-fail" : "FAIL", key.c_str(), o.reason.c_str());
          break;
        case Outcome::kSkip:
          ++skipped;
          if (opt.verbose) std::printf("skip %s: %s\n", key.c_str(), o.reason.c_str());
          break;
      }
      std::fflush(stdout);
    }
    const std::string random_note = random_passed ? " (" + std::to_string(random_passed) +
                                                        " random-output: shape/dtype/range only)"
                                                  : "";
    summary.push_back(suite + ": " + std::to_string(passed) + " passed" + random_note + ", " +
                      std::to_string(failed) + " failed, " + std::to_string(skipped) + " skipped");
  }

  if (!opt.update_path.empty()) {
    onyx::Status s = write_known_failures(opt.update_path, known, suites_run, failures);
    if (!s) {
      std::fprintf(stderr, "error: %s\n", s.message().c_str());
      return 1;
    }
    std::printf("wrote %zu failures of %zu suite(s) to %s\n", failures.size(), suites_run.size(),
                opt.update_path.c_str());
  }
  if (unexpected && opt.update_path.empty())
    std::printf("%d unexpected result(s): fix them or update %s\n", unexpected,
                list_path.empty() ? "the known-failures list" : list_path.c_str());
  for (const std::string& line : summary) std::printf("%s\n", line.c_str());
  if (!opt.update_path.empty()) return 0;
  if (unexpected) return 1;
  return missing == opt.suites.size() ? kExitSkipped : 0;
}
