#include "http/batch/upload_reader.hpp"

#include <limits>

#include <fmt/format.h>

#include "http/multipart/boundary.hpp"

namespace decklist::http {

std::shared_ptr<UploadReader> UploadReader::create(const RequestInfo& request,
                                                   std::shared_ptr<RequestBody> body,
                                                   std::shared_ptr<UploadBudget> budget,
                                                   UploadLimits limits, Handlers handlers) {
    std::string boundary = multipart::boundary_from_content_type(request.header("Content-Type"));
    return std::shared_ptr<UploadReader>(new UploadReader(
        std::move(boundary), std::move(body), std::move(budget), limits, std::move(handlers)));
}

UploadReader::UploadReader(std::string boundary, std::shared_ptr<RequestBody> body,
                           std::shared_ptr<UploadBudget> budget, UploadLimits limits,
                           Handlers handlers)
    : body_(std::move(body)),
      budget_(std::move(budget)),
      limits_(std::move(limits)),
      handlers_(std::move(handlers)),
      // The parser's own per-part limit is fatal for the whole body; an oversized file is
      // refused on its own in part_data(), so the parser's limit is left open. The parser
      // lives inside this object, so its callbacks may hold `this`.
      parser_(
          std::move(boundary),
          multipart::Limits{std::numeric_limits<std::size_t>::max(), limits_.max_parts, 8 * 1024},
          multipart::Callbacks{[this](const multipart::PartInfo& part) { part_begin(part); },
                               [this](std::string_view data) { part_data(data); },
                               [this] { part_end(); }}) {
    lease_ = budget_->lease();
}

void UploadReader::start() {
    auto self = shared_from_this();
    body_->read([self](std::string_view chunk) { self->on_chunk(chunk); },
                [self](std::optional<Error> error) { self->on_body_end(std::move(error)); });
}

void UploadReader::ignore_rest() {
    ignoring_ = true;
    held_file_.reset();
    in_file_ = false;
    bytes_ = {};
    lease_.release();
    if (waiting_for_budget_) {
        waiting_for_budget_ = false;
        body_->resume();
    }
}

void UploadReader::on_chunk(std::string_view chunk) {
    if (ended_) return;
    if (ignoring_) return;  // drained to keep the connection in step
    try {
        parser_.feed(chunk);
    } catch (const multipart::MultipartError& e) {
        ended_ = true;
        auto partial = in_file_ ? std::optional<std::string>(filename_) : std::nullopt;
        in_file_ = false;
        bytes_ = {};
        lease_.release();
        hand_over_held_file();
        handlers_.on_end(Error(e), partial);
        ignoring_ = true;  // keep draining what the client still sends
        return;
    }
    apply_backpressure();
}

void UploadReader::on_body_end(std::optional<Error> error) {
    if (ended_) return;
    ended_ = true;
    if (ignoring_ && !error) {
        handlers_.on_end(std::nullopt, std::nullopt);
        return;
    }
    if (!error) {
        try {
            parser_.finish();
        } catch (const multipart::MultipartError& e) {
            error = e;
        }
    }
    auto partial = in_file_ && error ? std::optional<std::string>(filename_) : std::nullopt;
    in_file_ = false;
    bytes_ = {};
    lease_.release();
    hand_over_held_file();
    handlers_.on_end(std::move(error), std::move(partial));
}

void UploadReader::part_begin(const multipart::PartInfo& part) {
    in_file_ = part.name == limits_.field_name;
    if (in_file_) hand_over_held_file();
    text_field_name_.reset();
    text_field_value_.clear();
    if (!in_file_ && !part.filename) text_field_name_ = part.name;
    file_too_large_ = false;
    filename_ = part.filename.value_or("");
    bytes_.clear();
}

void UploadReader::part_data(std::string_view data) {
    if (text_field_name_) {
        if (text_field_value_.size() + data.size() > limits_.max_text_field_bytes)
            text_field_name_.reset();  // not a form field this service reads
        else
            text_field_value_.append(data);
        return;
    }
    if (!in_file_ || file_too_large_) return;
    if (bytes_.size() + data.size() > limits_.max_file_bytes) {
        // Refuse this file alone; the rest of the batch goes on.
        file_too_large_ = true;
        bytes_ = {};
        lease_.release();
        return;
    }
    // Bytes already read from the socket are kept whatever the budget says; the budget
    // decides whether to read more (apply_backpressure).
    if (!lease_.try_grow(data.size())) lease_.grow(data.size());
    bytes_.insert(bytes_.end(), data.begin(), data.end());
}

void UploadReader::part_end() {
    if (text_field_name_) text_fields_[*text_field_name_] = std::move(text_field_value_);
    text_field_name_.reset();
    if (!in_file_) return;
    in_file_ = false;
    if (file_too_large_) {
        handlers_.on_file_refused(filename_,
                                  Error(ErrorType::limit,
                                        fmt::format("file is larger than the limit of {} MB",
                                                    limits_.max_file_bytes / (1024 * 1024)),
                                        {{"max_file_bytes", limits_.max_file_bytes}}));
        return;
    }
    ImageUpload upload{filename_, std::move(bytes_), std::move(lease_), text_fields_};
    bytes_ = {};
    lease_ = budget_->lease();
    if (limits_.fields_after_the_file) {
        held_file_ = std::move(upload);
        return;
    }
    handlers_.on_file(std::move(upload));
}

void UploadReader::hand_over_held_file() {
    if (!held_file_) return;
    ImageUpload upload = std::move(*held_file_);
    held_file_.reset();
    upload.fields = text_fields_;  // every field the form has sent so far, before or after it
    handlers_.on_file(std::move(upload));
}

void UploadReader::apply_backpressure() {
    if (waiting_for_budget_ || budget_->used() < budget_->capacity()) return;
    hand_over_held_file();  // its bytes are freed only once it is processed
    waiting_for_budget_ = true;
    body_->pause();
    std::weak_ptr<UploadReader> weak = weak_from_this();
    auto body = body_;
    budget_->when_available(1, [weak, body] {
        // Any thread: resume() posts to the connection's strand.
        if (auto self = weak.lock()) self->waiting_for_budget_ = false;
        body->resume();
    });
}

}  // namespace decklist::http
