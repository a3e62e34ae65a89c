#include "decklist/batch/upload_budget.hpp"

#include <vector>

namespace decklist {

std::shared_ptr<UploadBudget> UploadBudget::create(std::size_t capacity_bytes) {
    return std::shared_ptr<UploadBudget>(new UploadBudget(capacity_bytes));
}

UploadBudget::Lease::Lease(Lease&& other) noexcept
    : budget_(std::move(other.budget_)), bytes_(other.bytes_) {
    other.bytes_ = 0;
}

UploadBudget::Lease& UploadBudget::Lease::operator=(Lease&& other) noexcept {
    if (this != &other) {
        release();
        budget_ = std::move(other.budget_);
        bytes_ = other.bytes_;
        other.bytes_ = 0;
    }
    return *this;
}

UploadBudget::Lease::~Lease() {
    release();
}

bool UploadBudget::Lease::try_grow(std::size_t bytes) {
    if (!budget_ || !budget_->try_acquire(bytes)) return false;
    bytes_ += bytes;
    return true;
}

void UploadBudget::Lease::grow(std::size_t bytes) {
    if (!budget_) return;
    budget_->acquire(bytes);
    bytes_ += bytes;
}

void UploadBudget::Lease::release() {
    if (budget_ && bytes_ > 0) budget_->release(bytes_);
    bytes_ = 0;
}

bool UploadBudget::try_acquire(std::size_t bytes) {
    std::lock_guard lock(mutex_);
    // A single request larger than the whole budget may still proceed when nothing else is
    // held; otherwise it could never make progress.
    if (used_ + bytes > capacity_ && used_ != 0) return false;
    used_ += bytes;
    return true;
}

void UploadBudget::acquire(std::size_t bytes) {
    std::lock_guard lock(mutex_);
    used_ += bytes;
}

void UploadBudget::release(std::size_t bytes) {
    std::vector<std::function<void()>> wake;
    {
        std::lock_guard lock(mutex_);
        used_ -= std::min(bytes, used_);
        // Wake every waiter; each retries try_grow and waits again if it loses the race.
        for (auto& w : waiters_) wake.push_back(std::move(w.ready));
        waiters_.clear();
    }
    for (auto& ready : wake) ready();
}

void UploadBudget::when_available(std::size_t bytes, std::function<void()> ready) {
    {
        std::lock_guard lock(mutex_);
        if (!(used_ + bytes <= capacity_ || used_ == 0)) {
            waiters_.push_back({bytes, std::move(ready)});
            return;
        }
    }
    ready();
}

std::size_t UploadBudget::used() const {
    std::lock_guard lock(mutex_);
    return used_;
}

std::size_t UploadBudget::waiting() const {
    std::lock_guard lock(mutex_);
    return waiters_.size();
}

}  // namespace decklist
