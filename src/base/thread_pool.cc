#include "base/thread_pool.h"

#include <algorithm>

namespace onyx {

ThreadPool::ThreadPool(int threads) {
  if (threads <= 0) threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  for (int i = 1; i < threads; ++i) workers_.emplace_back([this] { worker_loop(); });
}

ThreadPool::~ThreadPool() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  for (auto& t : workers_) t.join();
}

void ThreadPool::run_chunks() {
  for (;;) {
    int64_t c = next_chunk_.fetch_add(1, std::memory_order_relaxed);
    if (c >= num_chunks_) return;
    int64_t begin = c * chunk_;
    int64_t end = std::min(n_, begin + chunk_);
    (*fn_)(begin, end);
  }
}

void ThreadPool::worker_loop() {
  uint64_t seen = 0;
  for (;;) {
    // Short bounded spin for back-to-back jobs, then sleep.
    for (int spin = 0; spin < 20000; ++spin) {
      if (published_generation_.load(std::memory_order_acquire) != seen) break;
#if defined(__x86_64__) || defined(__i386__)
      __builtin_ia32_pause();
#endif
    }
    {
      std::unique_lock<std::mutex> lock(mutex_);
      wake_.wait(lock, [&] { return stop_ || generation_ != seen; });
      if (stop_) return;
      seen = generation_;
      // A job that finished before this worker woke needs nothing from it.
      if (next_chunk_.load(std::memory_order_relaxed) >= num_chunks_) continue;
      active_workers_.fetch_add(1, std::memory_order_acq_rel);
    }
    run_chunks();
    if (active_workers_.fetch_sub(1, std::memory_order_acq_rel) == 1) {
      std::lock_guard<std::mutex> lock(mutex_);
      done_.notify_all();
    }
  }
}

void ThreadPool::parallel_for(int64_t n, int64_t grain,
                              const std::function<void(int64_t, int64_t)>& fn) {
  if (n <= 0) return;
  grain = std::max<int64_t>(grain, 1);
  int threads = num_threads();
  if (threads == 1 || n <= grain) {
    fn(0, n);
    return;
  }
  std::unique_lock<std::mutex> owner(owner_mutex_, std::try_to_lock);
  if (!owner.owns_lock()) {  // another caller owns the workers: run inline
    fn(0, n);
    return;
  }
  // About 4 chunks per thread for load balance, never below `grain` items.
  int64_t chunks = std::min<int64_t>((n + grain - 1) / grain, int64_t{threads} * 4);
  {
    std::lock_guard<std::mutex> lock(mutex_);
    fn_ = &fn;
    n_ = n;
    chunk_ = (n + chunks - 1) / chunks;
    num_chunks_ = (n + chunk_ - 1) / chunk_;
    next_chunk_.store(0, std::memory_order_relaxed);
    ++generation_;
    published_generation_.store(generation_, std::memory_order_release);
  }
  wake_.notify_all();
  run_chunks();
  // Wait until every worker that joined this generation has left run_chunks.
  std::unique_lock<std::mutex> lock(mutex_);
  done_.wait(lock, [&] {
    return active_workers_.load(std::memory_order_acquire) == 0 &&
           next_chunk_.load(std::memory_order_relaxed) >= num_chunks_;
  });
  fn_ = nullptr;
}

}  // namespace onyx
