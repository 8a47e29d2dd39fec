// Intra-op thread pool (no OpenMP).
//
// Workers wait for jobs by spinning for a bounded time (kPauseNanos busy, then yielding the core
// between checks, up to kSpinNanos in all; no spinning when it is off), then sleep on a condition
// variable. The caller of parallel_for runs chunks too, then waits for the workers' completion the
// same way. Waking is a syscall only when some thread is actually asleep, so back-to-back loops
// cost well under a microsecond and an idle pool uses no CPU.
//
// parallel_for may be called from several threads at once: one caller at a time owns the workers,
// others run their loop inline on their own thread (correct, just not parallel). Nested calls
// (fn calling parallel_for on the same pool) run inline.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <thread>
#include <type_traits>
#include <vector>

namespace onyx {

class ThreadPool {
 public:
  // About how long an idle worker (or a waiting caller) spins before it sleeps, and for how much
  // of that it busy-waits before it yields the core between checks.
  static constexpr int64_t kSpinNanos = 500'000;
  static constexpr int64_t kPauseNanos = 5'000;

  // `threads` counts the calling thread: 1 = no workers. 0 = hardware concurrency.
  // `allow_spinning` = false: idle workers sleep at once (onnxruntime's allow_spinning = 0).
  explicit ThreadPool(int threads, bool allow_spinning = true);
  ~ThreadPool();
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  int num_threads() const { return static_cast<int>(workers_.size()) + 1; }
  bool allow_spinning() const { return allow_spinning_; }

  // Splits [0, n) into contiguous ranges of at least `grain` items (about 4 per thread when there
  // is enough work, fewer when there is not) and calls fn(begin, end) for each, on the caller and
  // the workers. Returns when all ranges are done. fn is called through a reference: no copy and
  // no allocation per call.
  template <typename Fn>
  void parallel_for(int64_t n, int64_t grain, Fn&& fn) {
    using F = std::remove_reference_t<Fn>;
    run_job(n, grain,
            Body{const_cast<void*>(static_cast<const void*>(&fn)),
                 [](void* f, int64_t begin, int64_t end) { (*static_cast<F*>(f))(begin, end); }});
  }

 private:
  // A type-erased reference to the caller's callable.
  struct Body {
    void* fn = nullptr;
    void (*call)(void*, int64_t, int64_t) = nullptr;
  };
  // job_state_ layout: generation << 32 | closed bit << 31 | workers inside the job (low bits).
  static constexpr uint64_t kClosed = uint64_t{1} << 31;
  static constexpr uint64_t kCountMask = kClosed - 1;
  static uint64_t generation_of(uint64_t state) { return state >> 32; }

  void run_job(int64_t n, int64_t grain, Body body);
  void worker_loop();
  void run_chunks();
  // Spins (bounded) then sleeps until done() is true. `sleepers` counts threads asleep on `cv`.
  template <typename Done>
  void wait_until(Done done, std::condition_variable& cv, std::atomic<int>& sleepers);

  bool allow_spinning_ = true;
  std::vector<std::thread> workers_;
  std::mutex owner_mutex_;  // held by the caller that currently owns the workers

  std::mutex mutex_;              // for the condition variables only
  std::condition_variable wake_;  // workers: a new job or stop
  std::condition_variable done_;  // caller: the last worker left the job
  std::atomic<int> sleeping_workers_{0};
  std::atomic<int> sleeping_callers_{0};
  std::atomic<bool> stop_{false};

  // Current job: written by the owning caller before it publishes a new generation, read by
  // workers after they joined it.
  Body body_;
  int64_t n_ = 0, chunk_ = 1, num_chunks_ = 0;
  std::atomic<int64_t> next_chunk_{0};
  std::atomic<uint64_t> job_state_{kClosed};  // generation 0, closed: no job yet
};

}  // namespace onyx
