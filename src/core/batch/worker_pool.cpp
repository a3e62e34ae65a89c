#include "decklist/batch/worker_pool.hpp"
#include "decklist/ocr/openmp_threads.hpp"

#include <spdlog/spdlog.h>
#include <boost/asio/post.hpp>

#include "decklist/error.hpp"

namespace decklist {
namespace {

// A pool thread's own worker slot. A thread belongs to exactly one pool, so one slot per
// thread is enough; the factory lives in the pool and is reached through the pointer.
struct ThreadSlot {
    const WorkerPool::WorkerFactory* factory = nullptr;
    std::unique_ptr<Engine::Worker> worker;
};
thread_local ThreadSlot t_slot;

}  // namespace

WorkerPool::WorkerPool(WorkerFactory factory, std::size_t threads, bool eager_workers)
    : factory_(std::move(factory)),
      eager_workers_(eager_workers),
      jobs_guard_(jobs_io_.get_executor()),
      timer_guard_(timer_io_.get_executor()) {
    if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
    require_openmp_fits(threads);
    threads_.reserve(threads);
    for (std::size_t i = 0; i < threads; ++i) threads_.emplace_back([this] { run_pool_thread(); });
    timer_thread_ = std::thread([this] { timer_io_.run(); });
}

WorkerPool::WorkerPool(const Engine& engine, std::size_t threads)
    : WorkerPool([&engine] { return engine.make_worker(); }, threads) {}

WorkerPool::~WorkerPool() {
    stop();
}

void WorkerPool::run_pool_thread() {
    t_slot.factory = &factory_;
    if (eager_workers_) {
        try {
            t_slot.worker = factory_();
        } catch (const std::exception& e) {
            // Not fatal here: the first job on this thread retries and reports the failure.
            spdlog::error("worker pool: could not create a worker: {}", e.what());
        }
    }
    jobs_io_.run();
    t_slot.worker.reset();  // Tesseract is torn down on the thread that made it
}

Engine::Worker& WorkerPool::thread_worker() {
    if (!t_slot.factory) throw Error(ErrorType::internal, "thread_worker() outside the pool");
    if (!t_slot.worker) t_slot.worker = (*t_slot.factory)();
    return *t_slot.worker;
}

void WorkerPool::submit(std::function<void()> job) {
    ++queued_;
    boost::asio::post(jobs_io_, [this, job = std::move(job)] {
        --queued_;
        ++busy_;
        try {
            job();
        } catch (const std::exception& e) {
            spdlog::error("worker pool: job threw: {}", e.what());
        }
        --busy_;
    });
}

void WorkerPool::stop() {
    if (stopped_.exchange(true)) return;
    jobs_guard_.reset();
    for (auto& t : threads_)
        if (t.joinable()) t.join();
    timer_guard_.reset();
    timer_io_.stop();
    if (timer_thread_.joinable()) timer_thread_.join();
}

}  // namespace decklist
