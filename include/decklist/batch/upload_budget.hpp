#pragma once
// A global cap on upload bytes held in memory (parts being received plus images waiting for
// or inside OCR). When it is used up, readers stop reading their sockets and ask to be called
// back; every release wakes the waiters so they can try again. That is the backpressure: TCP
// flow control pushes back on clients instead of the server's memory growing.

#include <cstddef>
#include <functional>
#include <list>
#include <memory>
#include <mutex>

namespace decklist {

class UploadBudget : public std::enable_shared_from_this<UploadBudget> {
  public:
    // Bytes held by one owner; returned to the budget when the lease is destroyed.
    class Lease {
      public:
        Lease() = default;
        Lease(Lease&& other) noexcept;
        Lease& operator=(Lease&& other) noexcept;
        ~Lease();
        // Counts more bytes in this lease if the budget has room.
        bool try_grow(std::size_t bytes);
        // Counts bytes that are already in memory whatever the budget says (a socket read
        // that has happened); the owner then stops reading until the budget has room.
        void grow(std::size_t bytes);
        std::size_t bytes() const noexcept { return bytes_; }
        void release();

      private:
        friend class UploadBudget;
        Lease(std::shared_ptr<UploadBudget> budget, std::size_t bytes)
            : budget_(std::move(budget)), bytes_(bytes) {}
        std::shared_ptr<UploadBudget> budget_;
        std::size_t bytes_ = 0;
    };

    static std::shared_ptr<UploadBudget> create(std::size_t capacity_bytes);

    // An empty lease that can grow with try_grow().
    Lease lease() { return Lease(shared_from_this(), 0); }

    // Calls `ready` once, from whichever thread next releases bytes (or at once, on the
    // caller's thread, if `bytes` are available now). `ready` must only post work; it is
    // called without the budget's lock held.
    void when_available(std::size_t bytes, std::function<void()> ready);

    std::size_t capacity() const noexcept { return capacity_; }
    std::size_t used() const;
    std::size_t waiting() const;

  private:
    explicit UploadBudget(std::size_t capacity) : capacity_(capacity) {}
    bool try_acquire(std::size_t bytes);
    void acquire(std::size_t bytes);
    void release(std::size_t bytes);

    struct Waiter {
        std::size_t bytes;
        std::function<void()> ready;
    };
    const std::size_t capacity_;
    mutable std::mutex mutex_;
    std::size_t used_ = 0;
    std::list<Waiter> waiters_;
};

}  // namespace decklist
