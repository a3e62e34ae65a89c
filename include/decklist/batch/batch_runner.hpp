#pragma once
// One batch of images, fed as its upload arrives and processed on the shared WorkerPool.
//
// Images are added as soon as their multipart part has fully arrived, so OCR of the first
// file overlaps the upload of the rest. Events go to the sink in a single total order (the
// sink is called with the batch's lock held, so it must only queue or post, never block):
//   for each image: progress -> result | error      (ProgressDetail::per_file, the default)
//                   progress(validating) -> progress(processing) -> result | error
//                                                    (ProgressDetail::per_stage)
//   then exactly once, last: complete.
// Every image gets its progress event before its result or error, whatever ends it.
//
// Release: by default (EventRelease::after_input) events are held until the input has ended
// (end_input or cancel), then released in order with every progress event's `total` set to
// the final count. Reverse proxies such as nginx stop forwarding a request body once the
// response has begun, so a response must not start while the upload still arrives; the
// images are processed meanwhile all the same. EventRelease::immediately emits each event
// as it happens (full-duplex clients), with `total` the number of files known so far.
//
// Modes: sequential runs one image at a time in upload order; parallel submits every image
// to the pool at once and emits each result the moment it is ready.
//
// Timeouts: Tesseract cannot be interrupted mid-call, so a per-image deadline (counted from
// the moment a worker picks the image up, not from its arrival) emits error(timeout) when it
// passes and the batch moves on; the worker finishes that image in the background and its
// late result is dropped (counted in BatchCounters::results_dropped).
//
// Saving (BatchOptions::library): the image's SHA-256 is looked up before OCR, and a result
// is saved before it is emitted, on the worker, so its event carries where it is kept. A
// result that cannot be saved becomes an error: a client that asked to save is never told of
// a decklist the library does not have.
//
// Cancellation (client gone, DELETE): images not yet started are never OCR'd; running ones
// finish and are dropped; every unfinished image gets error(cancelled), then complete.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "decklist/batch/batch_counters.hpp"
#include "decklist/batch/events.hpp"
#include "decklist/batch/upload_budget.hpp"
#include "decklist/batch/worker_pool.hpp"
#include "decklist/error.hpp"
#include "decklist/library/decklist_library.hpp"

namespace decklist {

enum class BatchMode { sequential, parallel };
enum class EventRelease { after_input, immediately };
enum class ProgressDetail { per_file, per_stage };
// How the input ended: every file arrived, or the upload broke off (stalled, truncated).
enum class InputEnd { complete, cut_short };

struct BatchOptions {
    BatchMode mode = BatchMode::parallel;
    std::chrono::milliseconds image_timeout{0};  // 0: no deadline
    std::size_t max_images = 0;                  // 0: unlimited; extra files get error(limit)
    EventRelease release = EventRelease::after_input;
    ProgressDetail progress = ProgressDetail::per_file;
    // Set: every result is saved in this library (it must outlive the batch), and an image it
    // already holds is answered from it without OCR (DecklistLibrary::recall).
    DecklistLibrary* library = nullptr;
    SaveContext save_context;
};

// One uploaded file; the lease keeps its bytes counted against the upload budget until the
// image is done with (processed, failed, timed out and finished, or cancelled).
struct ImageUpload {
    std::string filename;
    std::vector<std::uint8_t> bytes;
    UploadBudget::Lease lease;
    // The request's text fields that came before this file, or on one-image routes all of the
    // form's (e.g. the Python service's owner and format_id), kept with its decklist when it
    // is saved (SaveContext::with_fields).
    std::map<std::string, std::string> fields;
};

struct BatchProgress {
    std::size_t total = 0;  // files known so far
    std::size_t finished = 0, successful = 0, failed = 0, cancelled = 0;
    bool input_ended = false;
    bool complete = false;
};

class BatchRunner : public std::enable_shared_from_this<BatchRunner> {
  public:
    using EventSink = std::function<void(const BatchEvent&)>;

    // pool and counters must outlive the batch.
    static std::shared_ptr<BatchRunner> start(WorkerPool& pool, BatchOptions options,
                                              EventSink sink, BatchCounters& counters);
    ~BatchRunner();
    BatchRunner(const BatchRunner&) = delete;
    BatchRunner& operator=(const BatchRunner&) = delete;

    // A file whose part has fully arrived. Returns its index (upload position).
    std::size_t add_image(ImageUpload upload);
    // A file refused during upload (e.g. over max_file_size): it keeps its place in the
    // order and gets progress(validating) then this error.
    std::size_t add_failed(std::string filename, const Error& error);
    // The request body has ended: no more files, progress.total is final. Held events are
    // released. `how` is reported in the complete event (upload_complete).
    void end_input(InputEnd how = InputEnd::complete);
    // Stops the batch now (see the header comment). No-op once complete.
    void cancel();

    BatchProgress progress() const;

  private:
    enum class SlotState { waiting, running, done };
    struct Slot {
        std::string filename;
        std::vector<std::uint8_t> bytes;
        UploadBudget::Lease lease;
        std::map<std::string, std::string> fields;
        std::optional<ErrorEvent> preset_error;  // refused during upload
        SlotState state = SlotState::waiting;
        bool announced = false;       // its progress event has been emitted
        std::shared_ptr<void> timer;  // steady_timer, type-erased to keep Asio out of here
    };
    using Lock = std::unique_lock<std::mutex>;

    BatchRunner(WorkerPool& pool, BatchOptions options, EventSink sink, BatchCounters& counters);
    std::size_t add_slot(Slot slot);
    void schedule(std::size_t index);   // with lock
    void start_next_sequential();       // with lock
    void run_image(std::size_t index);  // on a pool thread
    void finish(std::size_t index, std::optional<Decklist> result, std::optional<ErrorEvent> error,
                ImageOutcome success = ImageOutcome::processed);
    void on_timeout(std::size_t index);
    void arm_timeout(std::size_t index);                                        // with lock
    void disarm_timeout(std::size_t index);                                     // with lock
    void mark_done(std::size_t index);                                          // with lock
    void emit_failure(std::size_t index, ErrorEvent error);                     // with lock
    void maybe_complete();                                                      // with lock
    void emit(BatchEvent event);                                                // with lock
    void release_held();                                                        // with lock
    void announce(std::size_t index);                                           // with lock
    ProgressEvent progress_event(std::size_t index, ImageStatus status) const;  // with lock

    WorkerPool& pool_;
    const BatchOptions options_;
    EventSink sink_;
    BatchCounters& counters_;
    const std::chrono::steady_clock::time_point started_at_;

    mutable std::mutex mutex_;
    std::deque<Slot> slots_;  // deque: references stay valid as files are added
    std::size_t next_sequential_ = 0;
    bool sequential_busy_ = false;
    std::size_t finished_ = 0, successful_ = 0, failed_ = 0, cancelled_ = 0, needs_review_ = 0;
    double accuracy_sum_ = 0;
    bool input_ended_ = false;
    InputEnd input_end_ = InputEnd::complete;
    std::vector<BatchEvent> held_;  // EventRelease::after_input, until the input ends
    bool cancel_requested_ = false;
    bool complete_sent_ = false;
};

}  // namespace decklist
