// Intra-op thread pool (no OpenMP). Workers spin briefly, then sleep on a condition variable.
//
// parallel_for may be called from several threads at once: one caller at a time owns the workers,
// others run their loop inline on their own thread (correct, just not parallel).
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace onyx {

class ThreadPool {
 public:
  // `threads` counts the calling thread: 1 = no workers. 0 = hardware concurrency.
  explicit ThreadPool(int threads);
  ~ThreadPool();
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  int num_threads() const { return static_cast<int>(workers_.size()) + 1; }

  // Splits [0, n) into contiguous ranges of at least `grain` items and calls fn(begin, end) for
  // each, on the caller and the workers. Returns when all ranges are done.
  void parallel_for(int64_t n, int64_t grain, const std::function<void(int64_t, int64_t)>& fn);

 private:
  void worker_loop();
  void run_chunks();

  std::vector<std::thread> workers_;
  std::mutex owner_mutex_;  // held by the caller that currently owns the workers

  std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable done_;
  uint64_t generation_ = 0;  // bumped for each job; guarded by mutex_
  bool stop_ = false;

  // Current job (valid while a generation is in flight).
  const std::function<void(int64_t, int64_t)>* fn_ = nullptr;
  int64_t n_ = 0, chunk_ = 1, num_chunks_ = 0;
  std::atomic<int64_t> next_chunk_{0};
  std::atomic<int> active_workers_{0};
  std::atomic<uint64_t> published_generation_{0};
};

}  // namespace onyx
