#pragma once
// A batch fed by a multipart upload: the glue between UploadReader (parts as they arrive)
// and BatchRunner (images on the worker pool), shared by every upload route. The route
// supplies the event sink and decides, through Hooks, what the client sees at each
// batch-level moment. All hooks run on the connection's strand.
//
//   first file arrived  -> hooks.first_file()       (SSE routes send their 200 head here)
//   body ended cleanly  -> hooks.upload_done(n)     return true to let the batch finish,
//                                                   false to cancel it (e.g. 400: no files)
//   upload broke        -> hooks.upload_failed(e,n) same contract, n the files that arrived
//                          whole; going on adds the file cut off with an upload_incomplete
//                          error
//   client went away    -> the batch is cancelled: images not yet started are never OCR'd;
//                          with hooks.detached_after_upload, only while the body is arriving
//                          (a resumable batch lives on after its 202 and the closed socket).

#include <atomic>
#include <functional>
#include <memory>

#include "decklist/batch/batch_runner.hpp"
#include "http/batch/batch_services.hpp"
#include "http/batch/upload_reader.hpp"
#include "http/core/request.hpp"
#include "http/core/responses.hpp"
#include "http/multipart/multipart_error.hpp"
#include "http/stream/request_body.hpp"
#include "http/stream/response_stream.hpp"

namespace decklist::http {

class UploadBatch : public std::enable_shared_from_this<UploadBatch> {
  public:
    struct Hooks {
        std::function<void()> first_file;
        std::function<bool(std::size_t files)> upload_done;
        std::function<bool(const Error& error, std::size_t files)> upload_failed;
        bool detached_after_upload = false;
    };

    // What a route asks of its batch.
    struct Plan {
        BatchOptions options;
        std::string field_name = "files";  // the multipart field its files come in
        BatchRunner::EventSink sink;       // every event of the batch, in order
        Hooks hooks;
        bool fields_after_the_file = false;  // see UploadLimits: one-image routes
    };

    // Throws multipart::MultipartError when the request is not multipart/form-data (before
    // anything is read), and Error(internal) when no engine is loaded.
    static std::shared_ptr<UploadBatch> start(BatchServices& services, const RequestInfo& request,
                                              std::shared_ptr<RequestBody> body,
                                              std::shared_ptr<ResponseStream> response, Plan plan);

    const std::shared_ptr<BatchRunner>& runner() const noexcept { return runner_; }
    void cancel();

  private:
    UploadBatch() = default;
    void on_file(ImageUpload upload);
    void on_refused(std::string filename, Error error);
    void on_end(std::optional<Error> error, std::optional<std::string> partial);

    std::shared_ptr<BatchRunner> runner_;
    std::shared_ptr<UploadReader> reader_;
    std::shared_ptr<const AccessGrant> access_;  // the client's image tokens
    std::string request_id_;                     // for the log
    Hooks hooks_;
    std::size_t files_ = 0;
    std::atomic<bool> upload_accepted_{false};  // upload_done said go on
};

// The batch-level file count rules of every upload route: at least one part named `field`
// and, when the route counts the files itself, at most `max_files` (0: no such limit).
std::optional<Error> file_count_error(std::size_t files, std::string_view field,
                                      std::size_t max_files = 0);

// Runs `start` (which calls UploadBatch::start); a request refused before its body is read
// (not multipart, no engine) is answered with its JSON error, and false is returned.
template <class Start>
bool start_or_refuse(ResponseStream& response, Start&& start) {
    try {
        start();
        return true;
    } catch (const multipart::MultipartError& e) {
        response.send(error_response(e, static_cast<bhttp::status>(e.http_status())));
    } catch (const Error& e) {
        response.send(error_response(e));
    }
    return false;
}

}  // namespace decklist::http
