#include "decklist/batch/batch_runner.hpp"

#include <spdlog/spdlog.h>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>

#include "decklist/image/intake.hpp"
#include "decklist/seconds.hpp"
#include "decklist/sha256.hpp"

namespace decklist {
namespace {

using Timer = boost::asio::steady_timer;

ErrorEvent make_error(std::size_t index, const std::string& filename, std::string message,
                      ErrorKind type) {
    return ErrorEvent{index, filename, std::move(message), type};
}

}  // namespace

std::shared_ptr<BatchRunner> BatchRunner::start(WorkerPool& pool, BatchOptions options,
                                                EventSink sink, BatchCounters& counters) {
    return std::shared_ptr<BatchRunner>(new BatchRunner(pool, options, std::move(sink), counters));
}

BatchRunner::BatchRunner(WorkerPool& pool, BatchOptions options, EventSink sink,
                         BatchCounters& counters)
    : pool_(pool),
      options_(options),
      sink_(std::move(sink)),
      counters_(counters),
      started_at_(std::chrono::steady_clock::now()) {
    ++counters_.batches_started;
    ++counters_.batches_in_flight;
}

BatchRunner::~BatchRunner() {
    // A batch dropped before it completed (e.g. its request died mid-upload) still leaves
    // the in-flight gauge.
    if (!complete_sent_) --counters_.batches_in_flight;
}

std::size_t BatchRunner::add_image(ImageUpload upload) {
    Slot slot;
    slot.filename = std::move(upload.filename);
    slot.bytes = std::move(upload.bytes);
    slot.lease = std::move(upload.lease);
    slot.fields = std::move(upload.fields);
    return add_slot(std::move(slot));
}

std::size_t BatchRunner::add_failed(std::string filename, const Error& error) {
    Slot slot;
    slot.preset_error = make_error(0, filename, error.what(), error.kind());
    if (error.detail().is_object()) slot.preset_error->detail = error.detail();
    slot.filename = std::move(filename);
    return add_slot(std::move(slot));
}

std::size_t BatchRunner::add_slot(Slot slot) {
    Lock lock(mutex_);
    const std::size_t index = slots_.size();
    if (input_ended_) {
        // Only reachable after cancel(): the upload outlived its batch. Never OCR'd.
        if (!slot.preset_error) counters_.count(ImageOutcome::cancelled);
        return index;
    }
    if (options_.max_images != 0 && index >= options_.max_images) {
        // Files past the limit are refused one by one as they arrive: the response head
        // went out before the body's end, so this cannot be a 4xx any more.
        slot.bytes = {};
        slot.lease.release();
        slot.preset_error =
            make_error(index, slot.filename,
                       fmt::format("too many files: at most {} per batch", options_.max_images),
                       ErrorType::limit);
    }
    if (slot.preset_error) slot.preset_error->index = index;
    slots_.push_back(std::move(slot));
    if (options_.mode == BatchMode::parallel)
        schedule(index);
    else
        start_next_sequential();
    return index;
}

void BatchRunner::schedule(std::size_t index) {
    Slot& slot = slots_[index];
    if (slot.preset_error) {
        announce(index);
        emit_failure(index, *slot.preset_error);
        return;
    }
    pool_.submit([self = shared_from_this(), index] { self->run_image(index); });
}

void BatchRunner::start_next_sequential() {
    while (!sequential_busy_ && next_sequential_ < slots_.size()) {
        const std::size_t index = next_sequential_++;
        if (slots_[index].state == SlotState::done) continue;
        if (!slots_[index].preset_error) sequential_busy_ = true;
        schedule(index);  // a preset error finishes synchronously and the loop goes on
    }
}

void BatchRunner::run_image(std::size_t index) {
    std::vector<std::uint8_t> bytes;
    UploadBudget::Lease lease;  // released when this function returns
    std::string filename;
    std::map<std::string, std::string> fields;
    {
        Lock lock(mutex_);
        Slot& slot = slots_[index];
        if (slot.state != SlotState::waiting) return;  // cancelled before a worker got to it
        slot.state = SlotState::running;
        bytes = std::move(slot.bytes);
        lease = std::move(slot.lease);
        fields = std::move(slot.fields);
        filename = slot.filename;
        announce(index);
        arm_timeout(index);
    }
    try {
        const SniffResult sniff = sniff_image(bytes);
        if (sniff.format == ImageFormat::unknown)
            throw Error(ErrorType::validation,
                        fmt::format("not a supported image (JPEG, PNG, WebP or BMP): looks like {}",
                                    sniff.detected.empty() ? "unknown data" : sniff.detected));
        {
            Lock lock(mutex_);
            if (slots_[index].state != SlotState::running) {
                counters_.count(ImageOutcome::dropped);  // timed out or cancelled; skip the OCR
                return;
            }
            if (options_.progress == ProgressDetail::per_stage)
                emit(progress_event(index, ImageStatus::processing));
        }
        if (!options_.library) {
            finish(index, WorkerPool::thread_worker().process(bytes, filename), std::nullopt);
            return;
        }
        const std::string digest = sha256_hex(bytes);
        if (auto saved = options_.library->recall(digest)) {
            finish(index, std::move(*saved), std::nullopt, ImageOutcome::recalled);
            return;
        }
        Decklist decklist = WorkerPool::thread_worker().process(bytes, filename);
        options_.library->save(decklist, bytes, digest, options_.save_context.with_fields(fields));
        finish(index, std::move(decklist), std::nullopt);
    } catch (const Error& e) {
        finish(index, std::nullopt, make_error(index, filename, e.what(), e.kind()));
    } catch (const std::exception& e) {
        spdlog::error("batch: image {} ({}) failed unexpectedly: {}", index, filename, e.what());
        finish(index, std::nullopt,
               make_error(index, filename, std::string("internal error: ") + e.what(),
                          ErrorType::internal));
    }
}

void BatchRunner::finish(std::size_t index, std::optional<Decklist> result,
                         std::optional<ErrorEvent> error, ImageOutcome success) {
    Lock lock(mutex_);
    Slot& slot = slots_[index];
    if (slot.state != SlotState::running) {
        counters_.count(ImageOutcome::dropped);  // its timeout or a cancel already answered for it
        return;
    }
    disarm_timeout(index);
    if (result) {
        counters_.count(success, &*result);
        ++successful_;
        accuracy_sum_ += result->stats.accuracy;
        if (result->needs_review) ++needs_review_;
        mark_done(index);
        emit(ResultEvent{index, slot.filename, std::move(*result)});
    } else {
        counters_.count(ImageOutcome::failed);
        mark_done(index);
        ++failed_;
        emit(std::move(*error));
    }
    if (options_.mode == BatchMode::sequential) {
        sequential_busy_ = false;
        start_next_sequential();
    }
    maybe_complete();
}

void BatchRunner::arm_timeout(std::size_t index) {
    if (options_.image_timeout.count() <= 0) return;
    auto timer = std::make_shared<Timer>(pool_.timer_executor(), options_.image_timeout);
    timer->async_wait([weak = weak_from_this(), index](const boost::system::error_code& ec) {
        if (ec) return;
        if (auto self = weak.lock()) self->on_timeout(index);
    });
    slots_[index].timer = timer;
}

void BatchRunner::disarm_timeout(std::size_t index) {
    auto timer = std::static_pointer_cast<Timer>(std::move(slots_[index].timer));
    slots_[index].timer.reset();
    // Timers are only touched on their own thread.
    if (timer) boost::asio::post(pool_.timer_executor(), [timer] { timer->cancel(); });
}

void BatchRunner::on_timeout(std::size_t index) {
    Lock lock(mutex_);
    Slot& slot = slots_[index];
    if (slot.state != SlotState::running) return;
    slot.timer.reset();
    counters_.count(ImageOutcome::timed_out);
    mark_done(index);
    ++failed_;
    emit(make_error(index, slot.filename,
                    "processing took longer than " + seconds_text(options_.image_timeout),
                    ErrorType::timeout));
    if (options_.mode == BatchMode::sequential) {
        sequential_busy_ = false;
        start_next_sequential();
    }
    maybe_complete();
}

void BatchRunner::mark_done(std::size_t index) {
    Slot& slot = slots_[index];
    slot.state = SlotState::done;
    slot.bytes = {};
    slot.lease.release();
    ++finished_;
}

void BatchRunner::emit_failure(std::size_t index, ErrorEvent error) {
    counters_.count(ImageOutcome::failed);
    mark_done(index);
    ++failed_;
    emit(error);
    maybe_complete();
}

void BatchRunner::end_input(InputEnd how) {
    Lock lock(mutex_);
    if (input_ended_) return;
    input_ended_ = true;
    input_end_ = how;
    release_held();
    maybe_complete();
}

void BatchRunner::cancel() {
    Lock lock(mutex_);
    if (complete_sent_) return;
    cancel_requested_ = true;
    input_ended_ = true;
    release_held();
    for (std::size_t index = 0; index < slots_.size(); ++index) {
        Slot& slot = slots_[index];
        if (slot.state == SlotState::done) continue;
        if (slot.state == SlotState::waiting) counters_.count(ImageOutcome::cancelled);
        if (slot.state == SlotState::running) disarm_timeout(index);
        if (!slot.announced) announce(index);
        mark_done(index);
        ++cancelled_;
        emit(make_error(index, slot.filename, "batch cancelled before this image finished",
                        ErrorType::cancelled));
    }
    maybe_complete();
}

void BatchRunner::maybe_complete() {
    if (complete_sent_ || !input_ended_ || finished_ != slots_.size()) return;
    CompleteEvent complete;
    complete.total = slots_.size();
    complete.successful = successful_;
    complete.failed = failed_;
    complete.cancelled = cancelled_;
    complete.upload_complete = input_end_ == InputEnd::complete;
    complete.needs_review = needs_review_;
    if (successful_ > 0) complete.average_accuracy = accuracy_sum_ / successful_;
    complete.processing_time_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started_at_).count();
    complete_sent_ = true;
    --counters_.batches_in_flight;
    emit(complete);
}

void BatchRunner::emit(BatchEvent event) {
    if (options_.release == EventRelease::after_input && !input_ended_) {
        held_.push_back(std::move(event));
        return;
    }
    try {
        sink_(event);
    } catch (const std::exception& e) {
        spdlog::error("batch: event sink threw: {}", e.what());
    }
}

void BatchRunner::release_held() {
    auto held = std::move(held_);
    held_.clear();
    for (auto& event : held) {
        // Known now: the number of files in the whole upload.
        if (auto* progress = std::get_if<ProgressEvent>(&event)) progress->total = slots_.size();
        emit(std::move(event));
    }
}

void BatchRunner::announce(std::size_t index) {
    slots_[index].announced = true;
    emit(progress_event(index, options_.progress == ProgressDetail::per_stage
                                   ? ImageStatus::validating
                                   : ImageStatus::processing));
}

ProgressEvent BatchRunner::progress_event(std::size_t index, ImageStatus status) const {
    ProgressEvent progress;
    progress.index = index;
    progress.current = index + 1;
    progress.total = slots_.size();
    progress.filename = slots_[index].filename;
    progress.status = status;
    return progress;
}

BatchProgress BatchRunner::progress() const {
    Lock lock(mutex_);
    return BatchProgress{slots_.size(), finished_,    successful_,   failed_,
                         cancelled_,    input_ended_, complete_sent_};
}

}  // namespace decklist
