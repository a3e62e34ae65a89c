#include "http/batch/upload_batch.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "http/access/access_grant.hpp"
#include "http/core/request_errors.hpp"

namespace decklist::http {

std::shared_ptr<UploadBatch> UploadBatch::start(BatchServices& services, const RequestInfo& request,
                                                std::shared_ptr<RequestBody> body,
                                                std::shared_ptr<ResponseStream> response,
                                                Plan plan) {
    auto batch = std::shared_ptr<UploadBatch>(new UploadBatch());
    batch->hooks_ = std::move(plan.hooks);
    BatchRunner::EventSink sink = std::move(plan.sink);
    batch->access_ = request.access;
    batch->request_id_ = request.request_id;
    if (auto access = request.access) {
        // The client's batch slot lasts until the batch completes, even past the response
        // (resumable batches answer 202 while processing goes on).
        sink = [sink = std::move(sink), access](const BatchEvent& event) {
            sink(event);
            if (std::holds_alternative<CompleteEvent>(event)) access->end_batch();
        };
    }
    UploadLimits limits = services.upload_limits(std::move(plan.field_name));
    limits.fields_after_the_file = plan.fields_after_the_file;
    std::weak_ptr<UploadBatch> weak = batch;
    UploadReader::Handlers handlers{
        [weak](ImageUpload upload) {
            if (auto self = weak.lock()) self->on_file(std::move(upload));
        },
        [weak](std::string filename, Error error) {
            if (auto self = weak.lock()) self->on_refused(std::move(filename), std::move(error));
        },
        // The end handler holds the batch: it is what keeps it alive until the body ends.
        [batch](std::optional<Error> error, std::optional<std::string> partial) {
            batch->on_end(std::move(error), std::move(partial));
        }};
    // Throws before anything is read when the request is not multipart.
    batch->reader_ =
        UploadReader::create(request, body, services.budget(), limits, std::move(handlers));
    batch->runner_ = services.start_batch(plan.options, std::move(sink));
    // Held strongly: the body may end (client gone) before the close is reported, and the
    // batch must still be there to be cancelled. The exchange drops this callback when the
    // request is over.
    response->on_close([batch] {
        if (!(batch->hooks_.detached_after_upload && batch->upload_accepted_)) batch->cancel();
    });
    batch->reader_->start();
    return batch;
}

void UploadBatch::on_file(ImageUpload upload) {
    if (files_++ == 0 && hooks_.first_file) hooks_.first_file();
    // Each image spends one of the client's images_per_minute_per_client tokens.
    if (access_ && !access_->take_image()) {
        const int wait = access_->images_retry_after_s();
        runner_->add_failed(
            upload.filename,
            Error(request_error::rate_limited,
                  "image rate limit reached (images_per_minute_per_client): this file was not "
                  "processed; send it again in " +
                      std::to_string(wait) + " s",
                  {{"limit", "images_per_minute_per_client"}, {"retry_after_s", wait}}));
        return;
    }
    runner_->add_image(std::move(upload));
}

void UploadBatch::on_refused(std::string filename, Error error) {
    if (files_++ == 0 && hooks_.first_file) hooks_.first_file();
    runner_->add_failed(std::move(filename), error);
}

void UploadBatch::on_end(std::optional<Error> error, std::optional<std::string> partial) {
    bool go_on = true;
    if (!error) {
        go_on = hooks_.upload_done ? hooks_.upload_done(files_) : true;
        upload_accepted_ = go_on;
    } else {
        spdlog::warn("request {}: the upload ended early after {} file(s){}: {}", request_id_,
                     files_, partial ? fmt::format(", \"{}\" cut off", *partial) : "",
                     error->what());
        // A client that went away mid-upload is gone for the stream too: cancel whatever the
        // route would do with a broken upload.
        go_on = hooks_.upload_failed ? hooks_.upload_failed(*error, files_) : false;
        if (error->type() == ErrorType::cancelled) go_on = false;
        if (go_on && partial) {
            // Its place in the order is kept: the client sent it and hears what became of it.
            ++files_;
            runner_->add_failed(*partial,
                                Error(ErrorType::upload_incomplete,
                                      std::string("the upload ended before this file arrived "
                                                  "whole: ") +
                                          error->what()));
        }
    }
    if (go_on)
        runner_->end_input(error ? InputEnd::cut_short : InputEnd::complete);
    else
        runner_->cancel();
    reader_.reset();  // breaks the reader -> handlers -> batch cycle
}

void UploadBatch::cancel() {
    runner_->cancel();
    if (reader_) reader_->ignore_rest();
}

std::optional<Error> file_count_error(std::size_t files, std::string_view field,
                                      std::size_t max_files) {
    if (files == 0)
        return Error(ErrorType::validation,
                     fmt::format("no files: send the images as multipart/form-data parts named "
                                 "\"{}\"",
                                 field),
                     {{"field", field}});
    if (max_files != 0 && files > max_files)
        return Error(ErrorType::limit,
                     fmt::format("too many files: {} sent, at most {} per batch", files, max_files),
                     {{"files", files}, {"max_batch_size", max_files}});
    return std::nullopt;
}

}  // namespace decklist::http
