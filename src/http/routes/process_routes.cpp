// The upload routes that answer on the same request (issue 4):
//   POST /process               one part "file"    -> the decklist JSON
//   POST /process-batch         parts "files"      -> {results, errors, summary}
//   POST /process-batch-stream  parts "files"      -> SSE, one image at a time, upload order
//   POST /process-batch-fast    parts "files"      -> SSE, images in parallel on the pool
// Every file starts processing as soon as its part has arrived (UploadBatch).
//
// Batch-level problems (not multipart, no files, body too large, malformed multipart) are 4xx
// JSON. The SSE routes hold their 200 head until the first file part has arrived whole, so
// that all of these are still answerable as JSON; once the stream runs, a file past
// max_batch_size gets an error event (limit), and a body that breaks off ends the batch with
// the files that arrived (the cut-off file gets an error event).

#include <algorithm>
#include <atomic>
#include <mutex>

#include <fmt/format.h>

#include "decklist/batch/events.hpp"
#include "decklist/error.hpp"
#include "http/batch/batch_services.hpp"
#include "http/batch/sse_stream.hpp"
#include "http/batch/upload_batch.hpp"
#include "http/core/responses.hpp"
#include "http/multipart/multipart_error.hpp"
#include "http/router/route_groups.hpp"
#include "http/router/router.hpp"
#include "http/server/server_context.hpp"

namespace decklist::http {
namespace {

using nlohmann::json;

Error no_files_error(std::string_view field) {
    return Error(
        ErrorType::validation,
        fmt::format("no files: send the images as multipart/form-data parts named \"{}\"", field),
        {{"field", field}});
}

Error too_many_files_error(std::size_t files, int max) {
    return Error(ErrorType::limit,
                 fmt::format("too many files: {} sent, at most {} per batch", files, max),
                 {{"files", files}, {"max_batch_size", max}});
}

// Runs `start`, answering a refused request (not multipart, no engine) with its JSON error.
template <class Start>
void start_or_refuse(const std::shared_ptr<ResponseStream>& response, Start&& start) {
    try {
        start();
    } catch (const multipart::MultipartError& e) {
        response->send(error_response(e, static_cast<bhttp::status>(e.http_status())));
    } catch (const Error& e) {
        response->send(error_response(e));
    }
}

// Sends a response exactly once, whichever thread gets there first.
class OneResponse {
  public:
    explicit OneResponse(std::shared_ptr<ResponseStream> response)
        : response_(std::move(response)) {}
    // Takes the right to answer without sending anything (an event stream answers itself).
    bool claim() { return !sent_.exchange(true); }
    bool send(Response response) {
        if (!claim()) return false;
        response_->send(std::move(response));
        return true;
    }
    bool send_error(const Error& error) {
        if (error.type() == ErrorType::cancelled) return claim();  // nobody is listening
        return send(error_response(error));
    }

  private:
    std::shared_ptr<ResponseStream> response_;
    std::atomic<bool> sent_{false};
};

// POST /process-batch-stream and /process-batch-fast.
void handle_event_stream(ServerContext& context, BatchMode mode, const RequestInfo& request,
                         std::shared_ptr<RequestBody> body,
                         std::shared_ptr<ResponseStream> response) {
    if (mode == BatchMode::parallel && !context.config().enable_parallel) {
        response->send(error_response(
            Error(ErrorType::validation,
                  "parallel processing is disabled on this server (enable_parallel is false); "
                  "use /process-batch-stream",
                  {{"enable_parallel", false}}),
            bhttp::status::bad_request));
        return;
    }
    start_or_refuse(response, [&] {
        auto& services = batch_services(context);
        const auto heartbeat = std::chrono::milliseconds(
            static_cast<long long>(context.config().heartbeat_s * 1000.0));
        auto sse = SseStream::create(response, context.io(), heartbeat);
        auto reply = std::make_shared<OneResponse>(response);
        auto sink = [sse](const BatchEvent& event) {
            if (!sse->opened()) return;  // a batch refused before its stream started
            sse->send(event);
            if (std::holds_alternative<CompleteEvent>(event)) sse->close();
        };
        UploadBatch::Hooks hooks;
        hooks.first_file = [sse, reply] {
            if (reply->claim()) sse->open();
        };
        hooks.upload_done = [sse, reply](std::size_t files) {
            if (files == 0) reply->send_error(no_files_error("files"));
            return files > 0;
        };
        hooks.upload_failed = [sse, reply](const Error& error, std::size_t) {
            if (sse->opened()) return true;  // finish with the files that arrived
            reply->send_error(error);
            return false;
        };
        UploadBatch::start(services, context.config(), request, body, response,
                           services.options(mode), std::move(sink), std::move(hooks));
    });
}

// POST /process-batch: the same batch, answered as one JSON document at the end.
void handle_batch_json(ServerContext& context, const RequestInfo& request,
                       std::shared_ptr<RequestBody> body,
                       std::shared_ptr<ResponseStream> response) {
    start_or_refuse(response, [&] {
        auto& services = batch_services(context);
        const int max_files = context.config().max_batch_size;
        auto reply = std::make_shared<OneResponse>(response);
        struct Collected {
            std::mutex mutex;
            std::vector<json> results, errors;
        };
        auto collected = std::make_shared<Collected>();
        auto sink = [reply, collected](const BatchEvent& event) {
            std::lock_guard lock(collected->mutex);
            if (auto* r = std::get_if<ResultEvent>(&event))
                collected->results.push_back(to_json(*r));
            if (auto* e = std::get_if<ErrorEvent>(&event)) collected->errors.push_back(to_json(*e));
            if (auto* c = std::get_if<CompleteEvent>(&event)) {
                auto by_index = [](const json& a, const json& b) {
                    return a["index"] < b["index"];
                };
                std::sort(collected->results.begin(), collected->results.end(), by_index);
                std::sort(collected->errors.begin(), collected->errors.end(), by_index);
                reply->send(json_response(bhttp::status::ok, {{"results", collected->results},
                                                              {"errors", collected->errors},
                                                              {"summary", to_json(*c)}}));
            }
        };
        UploadBatch::Hooks hooks;
        hooks.upload_done = [reply, max_files](std::size_t files) {
            // The answer comes after the whole body, so every batch-level limit is a 4xx.
            if (files == 0) return !reply->send_error(no_files_error("files"));
            if (files > static_cast<std::size_t>(max_files))
                return !reply->send_error(too_many_files_error(files, max_files));
            return true;
        };
        hooks.upload_failed = [reply](const Error& error, std::size_t) {
            reply->send_error(error);
            return false;
        };
        BatchMode mode =
            context.config().enable_parallel ? BatchMode::parallel : BatchMode::sequential;
        BatchOptions options = services.options(mode);
        options.max_images = 0;  // counted in upload_done instead
        UploadBatch::start(services, context.config(), request, body, response, options,
                           std::move(sink), std::move(hooks));
    });
}

// POST /process: one image, answered with its decklist or its error.
void handle_single(ServerContext& context, const RequestInfo& request,
                   std::shared_ptr<RequestBody> body, std::shared_ptr<ResponseStream> response) {
    start_or_refuse(response, [&] {
        auto& services = batch_services(context);
        auto reply = std::make_shared<OneResponse>(response);
        auto sink = [reply](const BatchEvent& event) {
            // Only the first "file" part counts; later ones are refused by max_images = 1.
            if (auto* r = std::get_if<ResultEvent>(&event); r && r->index == 0)
                reply->send(json_response(bhttp::status::ok, to_json(r->decklist)));
            if (auto* e = std::get_if<ErrorEvent>(&event); e && e->index == 0) {
                nlohmann::json detail = e->detail;
                detail["filename"] = e->filename;
                reply->send_error(Error(e->error_type, e->error, std::move(detail)));
            }
        };
        UploadBatch::Hooks hooks;
        hooks.upload_done = [reply](std::size_t files) {
            if (files == 0) return !reply->send_error(no_files_error("file"));
            return true;
        };
        hooks.upload_failed = [reply](const Error& error, std::size_t) {
            reply->send_error(error);
            return false;
        };
        BatchOptions options = services.options(BatchMode::parallel);
        options.max_images = 1;
        UploadBatch::start(services, context.config(), request, body, response, options,
                           std::move(sink), std::move(hooks), "file");
    });
}

void register_process_routes(Router& router, ServerContext& context) {
    batch_services(context);  // start the worker pool now, so its workers warm up at start-up
    router.api_streaming(bhttp::verb::post, "/process",
                         [&context](const RequestInfo& request, auto body, auto response) {
                             handle_single(context, request, body, response);
                         });
    router.api_streaming(bhttp::verb::post, "/process-batch",
                         [&context](const RequestInfo& request, auto body, auto response) {
                             handle_batch_json(context, request, body, response);
                         });
    router.api_streaming(bhttp::verb::post, "/process-batch-stream",
                         [&context](const RequestInfo& request, auto body, auto response) {
                             handle_event_stream(context, BatchMode::sequential, request, body,
                                                 response);
                         });
    router.api_streaming(bhttp::verb::post, "/process-batch-fast",
                         [&context](const RequestInfo& request, auto body, auto response) {
                             handle_event_stream(context, BatchMode::parallel, request, body,
                                                 response);
                         });
}

}  // namespace
}  // namespace decklist::http

DECKLIST_ROUTE_GROUP(process_routes, decklist::http::register_process_routes);
