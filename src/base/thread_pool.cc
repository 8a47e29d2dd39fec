#include "base/thread_pool.h"

#include <algorithm>
#include <chrono>

namespace onyx {

namespace {

// The pool whose job (or worker loop) this thread is running: nested parallel_for calls on it run
// inline instead of waiting for workers that are busy running their caller.
thread_local const ThreadPool* t_current_pool = nullptr;

inline void cpu_relax() {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#elif defined(__aarch64__)
  asm volatile("yield");
#endif
}

}  // namespace

ThreadPool::ThreadPool(int threads, bool allow_spinning) : allow_spinning_(allow_spinning) {
  if (threads <= 0) threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  for (int i = 1; i < threads; ++i) workers_.emplace_back([this] { worker_loop(); });
}

ThreadPool::~ThreadPool() {
  stop_.store(true);
  {
    std::lock_guard<std::mutex> lock(mutex_);
    wake_.notify_all();
  }
  for (auto& t : workers_) t.join();
}

template <typename Done>
void ThreadPool::wait_until(Done done, std::condition_variable& cv, std::atomic<int>& sleepers) {
  if (done()) return;
  if (allow_spinning_) {
    // Busy-wait with pause first; then yield between checks, so that a thread this one waits for
    // that was woken onto this core (or any other runnable thread) gets to run.
    const auto start = std::chrono::steady_clock::now();
    const auto pause_until = start + std::chrono::nanoseconds(kPauseNanos);
    const auto deadline = start + std::chrono::nanoseconds(kSpinNanos);
    for (;;) {
      for (int i = 0; i < 16; ++i) {
        if (done()) return;
        cpu_relax();
      }
      const auto now = std::chrono::steady_clock::now();
      if (now >= deadline) break;
      if (now >= pause_until) std::this_thread::yield();
    }
  }
  // Whoever makes done() true reads `sleepers` after doing so (both sequentially consistent), so
  // it either sees this sleeper and notifies under the mutex, or done() below sees its change.
  std::unique_lock<std::mutex> lock(mutex_);
  sleepers.fetch_add(1);
  cv.wait(lock, done);
  sleepers.fetch_sub(1);
}

void ThreadPool::run_chunks() {
  for (;;) {
    const int64_t c = next_chunk_.fetch_add(1, std::memory_order_relaxed);
    if (c >= num_chunks_) return;
    const int64_t begin = c * chunk_;
    body_.call(body_.fn, begin, std::min(n_, begin + chunk_));
  }
}

void ThreadPool::worker_loop() {
  t_current_pool = this;
  uint64_t seen = 0;  // generation of the last job this worker joined (or found closed)
  for (;;) {
    uint64_t state = 0;
    wait_until(
        [&] {
          state = job_state_.load();
          return stop_.load(std::memory_order_relaxed) ||
                 (generation_of(state) != seen && !(state & kClosed));
        },
        wake_, sleeping_workers_);
    if (stop_.load()) return;
    // Join: count this worker in, unless the caller closed the job meanwhile.
    bool joined = false;
    while (generation_of(state) != seen && !(state & kClosed))
      if (job_state_.compare_exchange_weak(state, state + 1)) {
        joined = true;
        break;
      }
    if (!joined) continue;
    seen = generation_of(state);
    run_chunks();
    const uint64_t after = job_state_.fetch_sub(1) - 1;
    if ((after & kCountMask) == 0 && sleeping_callers_.load() > 0) {
      std::lock_guard<std::mutex> lock(mutex_);
      done_.notify_all();
    }
  }
}

void ThreadPool::run_job(int64_t n, int64_t grain, Body body) {
  if (n <= 0) return;
  grain = std::max<int64_t>(grain, 1);
  const int threads = num_threads();
  // About 4 chunks per thread for load balance, never below `grain` items.
  const int64_t chunks = std::min<int64_t>((n + grain - 1) / grain, int64_t{threads} * 4);
  if (threads == 1 || chunks <= 1 || t_current_pool == this) {
    body.call(body.fn, 0, n);
    return;
  }
  std::unique_lock<std::mutex> owner(owner_mutex_, std::try_to_lock);
  if (!owner.owns_lock()) {  // another caller owns the workers: run inline
    body.call(body.fn, 0, n);
    return;
  }
  // The previous job is closed with no worker inside: its fields are free to rewrite.
  body_ = body;
  n_ = n;
  chunk_ = (n + chunks - 1) / chunks;
  num_chunks_ = (n + chunk_ - 1) / chunk_;
  next_chunk_.store(0, std::memory_order_relaxed);
  // Generations wrap after 2^32 jobs; a worker would have to sleep through exactly that many
  // wake-ups to mistake a new job for one it already ran.
  const uint64_t open = (generation_of(job_state_.load()) + 1) << 32;
  job_state_.store(open);  // publishes the fields above
  if (sleeping_workers_.load() > 0) {
    std::lock_guard<std::mutex> lock(mutex_);
    wake_.notify_all();
  }
  const ThreadPool* const outer = t_current_pool;  // a worker of another pool may call us
  t_current_pool = this;
  run_chunks();
  t_current_pool = outer;
  // Every chunk is claimed; close the job once no worker is inside it (their claimed chunks are
  // then done). A worker arriving later finds it closed and waits for the next generation.
  wait_until(
      [&] {
        uint64_t expected = open;
        return job_state_.compare_exchange_strong(expected, open | kClosed);
      },
      done_, sleeping_callers_);
}

}  // namespace onyx
