#pragma once
// Reads a multipart upload off the socket and hands over each file the moment its part has
// fully arrived, so that OCR of the first file overlaps the upload of the rest. The body is
// never held whole: only the file parts being received, each counted against the global
// upload budget. When the budget is used up the reader pauses the socket (TCP pushes back on
// the client) and resumes when other requests' images are done with.
//
// Every callback runs on the connection's strand, one at a time.

#include <atomic>
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "decklist/batch/batch_runner.hpp"
#include "decklist/batch/upload_budget.hpp"
#include "http/core/request.hpp"
#include "http/multipart/multipart_parser.hpp"
#include "http/stream/request_body.hpp"

namespace decklist::http {

struct UploadLimits {
    std::string field_name = "files";  // file parts with another name are read and ignored
    // Text fields (parts without a filename) up to this size are kept and handed to every
    // file that follows them (ImageUpload::fields; see fields_after_the_file); larger ones
    // are ignored.
    std::size_t max_text_field_bytes = 1024;
    std::size_t max_file_bytes = 10 * 1024 * 1024;
    std::size_t max_parts = 1000;  // any part; more is a malformed upload
    // One-image routes: their file is held until the form ends, so that text fields sent
    // after it reach it too (the order of a form's parts is the client's choice). It is
    // handed over earlier when another file part begins or the budget pauses the body, so
    // that holding never keeps more than one file or stalls an upload.
    bool fields_after_the_file = false;
};

class UploadReader : public std::enable_shared_from_this<UploadReader> {
  public:
    struct Handlers {
        // A file part arrived whole. Its lease keeps its bytes counted in the budget.
        std::function<void(ImageUpload upload)> on_file;
        // A file part that cannot be processed (over max_file_bytes): its bytes were dropped.
        std::function<void(std::string filename, Error error)> on_file_refused;
        // Called once: nullopt after the closing boundary; otherwise why the upload failed
        // (a MultipartError, or the body's own limit/timeout/cancelled error). A file part cut
        // off by the failure is reported in `partial_filename`.
        std::function<void(std::optional<Error> error, std::optional<std::string> partial_filename)>
            on_end;
    };

    // Throws multipart::MultipartError when Content-Type is not multipart/form-data with a
    // valid boundary (415 / 400): callers check this before answering anything.
    static std::shared_ptr<UploadReader> create(const RequestInfo& request,
                                                std::shared_ptr<RequestBody> body,
                                                std::shared_ptr<UploadBudget> budget,
                                                UploadLimits limits, Handlers handlers);

    void start();
    // Stops delivering files (e.g. the batch was cancelled); the rest of the body is still
    // read and discarded so that the connection stays usable.
    void ignore_rest();

  private:
    UploadReader(std::string boundary, std::shared_ptr<RequestBody> body,
                 std::shared_ptr<UploadBudget> budget, UploadLimits limits, Handlers handlers);

    void on_chunk(std::string_view chunk);
    void on_body_end(std::optional<Error> error);
    void part_begin(const multipart::PartInfo& part);
    void part_data(std::string_view data);
    void part_end();
    void apply_backpressure();
    void hand_over_held_file();

    std::shared_ptr<RequestBody> body_;
    std::shared_ptr<UploadBudget> budget_;
    UploadLimits limits_;
    Handlers handlers_;
    multipart::MultipartParser parser_;
    bool ended_ = false;
    bool ignoring_ = false;
    std::atomic<bool> waiting_for_budget_{false};  // also cleared by the budget's waker

    // The file part being received.
    bool in_file_ = false;
    bool file_too_large_ = false;
    std::string filename_;
    std::vector<std::uint8_t> bytes_;
    // The text field being received, and those received so far.
    std::optional<std::string> text_field_name_;
    std::string text_field_value_;
    std::map<std::string, std::string> text_fields_;
    UploadBudget::Lease lease_;
    std::optional<ImageUpload> held_file_;  // UploadLimits::fields_after_the_file
};

}  // namespace decklist::http
