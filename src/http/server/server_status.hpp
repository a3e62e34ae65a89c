#pragma once
// What the server reports about itself (/health, /ready, /api/v1/stats, /metrics): whether
// every OCR worker has loaded Tesseract, and how long it has been up. One per Server.
//
// Threading: ocr_ready() and uptime_s() from any thread. mark_ocr_ready() runs on the worker
// that finished loading last; on_ocr_ready() hooks run once, on that thread or on the caller's
// when OCR is ready already.

#include <atomic>
#include <chrono>
#include <functional>
#include <mutex>
#include <vector>

namespace decklist::http {

class ServerStatus {
  public:
    bool ocr_ready() const noexcept { return ocr_ready_.load(); }

    // OCR is ready: sets ocr_ready() and runs each hook once.
    void mark_ocr_ready() {
        ocr_ready_ = true;
        run_ready_hooks();
    }
    // Called once when OCR is ready; at once if it already is.
    void on_ocr_ready(std::function<void()> hook) {
        {
            std::lock_guard lock(mutex_);
            ready_hooks_.push_back(std::move(hook));
        }
        if (ocr_ready_) run_ready_hooks();
    }

    double uptime_s() const {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
    }

  private:
    // Each hook runs once: it is taken out of the list, under the lock, before it runs
    // outside it (a hook may register another).
    void run_ready_hooks() {
        std::vector<std::function<void()>> hooks;
        {
            std::lock_guard lock(mutex_);
            hooks.swap(ready_hooks_);
        }
        for (auto& hook : hooks) hook();
    }

    const std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
    std::atomic<bool> ocr_ready_{false};
    std::mutex mutex_;
    std::vector<std::function<void()>> ready_hooks_;
};

}  // namespace decklist::http
