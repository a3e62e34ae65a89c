#pragma once
// The one pool of OCR threads shared by every request. Each pool thread owns one
// Engine::Worker (and so its own Tesseract instances), created once on that thread and
// reused for every image it ever processes. A separate timer thread serves deadlines, so
// a per-image timeout fires even while every pool thread is busy inside Tesseract.

#include <atomic>
#include <cstddef>
#include <functional>
#include <memory>
#include <thread>
#include <vector>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>

#include "decklist/engine.hpp"

namespace decklist {

class WorkerPool {
  public:
    using WorkerFactory = std::function<std::unique_ptr<Engine::Worker>()>;

    // threads == 0 means std::thread::hardware_concurrency(). With eager_workers each thread
    // builds its worker as soon as it starts, so that the first image is not slowed down by
    // Tesseract's start-up; otherwise on the first job the thread runs.
    WorkerPool(WorkerFactory factory, std::size_t threads, bool eager_workers = true);
    explicit WorkerPool(const Engine& engine, std::size_t threads = 0);
    ~WorkerPool();  // stop()
    WorkerPool(const WorkerPool&) = delete;
    WorkerPool& operator=(const WorkerPool&) = delete;

    // Runs job on a pool thread, in submission order as threads become free.
    void submit(std::function<void()> job);

    // The calling pool thread's worker, created on first use. Throws what the factory
    // throws; must only be called from inside a job.
    static Engine::Worker& thread_worker();

    // Executor for deadline timers; never blocked by OCR.
    boost::asio::io_context::executor_type timer_executor() { return timer_io_.get_executor(); }

    std::size_t size() const noexcept { return threads_.size(); }
    std::size_t queue_depth() const noexcept { return queued_.load(); }
    std::size_t busy() const noexcept { return busy_.load(); }

    // Finishes the jobs already queued, then joins every thread. Idempotent.
    void stop();

  private:
    void run_pool_thread();

    WorkerFactory factory_;
    bool eager_workers_;
    boost::asio::io_context jobs_io_;
    boost::asio::io_context timer_io_;
    boost::asio::executor_work_guard<boost::asio::io_context::executor_type> jobs_guard_;
    boost::asio::executor_work_guard<boost::asio::io_context::executor_type> timer_guard_;
    std::vector<std::thread> threads_;
    std::thread timer_thread_;
    std::atomic<std::size_t> queued_{0};
    std::atomic<std::size_t> busy_{0};
    std::atomic<bool> stopped_{false};
};

}  // namespace decklist
