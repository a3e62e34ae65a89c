// The upload routes that answer on the same request:
//   POST /process               one part "file"    -> the decklist JSON
//   POST /process-and-save      the same, saved in the decklist library
//   POST /process-batch         parts "files"      -> {total, successful, failed,
//                                                      average_accuracy, results, errors, summary}
//   POST /process-batch-stream  parts "files"      -> SSE, one image at a time, upload order
//   POST /process-batch-fast    parts "files"      -> SSE, images in parallel on the pool
//   POST /process-stream        one part "file"    -> SSE of that one image
// Every file starts processing as soon as its part has arrived (UploadBatch); what the client
// sees waits for the end of the upload unless a stream is full-duplex (?duplex=1). With
// ?save=true (or save_by_default) each result is saved in the decklist library first.
//
// Batch-level problems (not multipart, no files, body too large, malformed multipart before
// any file) are 4xx JSON. A file past max_batch_size gets an error event (limit) on the
// streams, and a body that breaks off after its first file ends the batch with the files
// that arrived (the one cut off gets an upload_incomplete error).

#include <algorithm>
#include <atomic>
#include <mutex>

#include "decklist/batch/events.hpp"
#include "decklist/error.hpp"
#include "http/batch/batch_services.hpp"
#include "http/batch/one_response.hpp"
#include "http/batch/sse_stream.hpp"
#include "http/batch/upload_batch.hpp"
#include "http/core/responses.hpp"
#include "http/router/router.hpp"
#include "http/routes/route_groups.hpp"

namespace decklist::http {
namespace {

using nlohmann::json;

// What one event-stream route reads and how it batches.
struct EventStreamRoute {
    BatchMode mode;
    std::string_view field;      // the multipart field of its files
    std::size_t max_images = 0;  // 0: max_batch_size
};

// The request's own switches over the config: ?duplex= (events while the upload arrives)
// and ?progress=stages (a progress event per stage instead of one per file).
void apply_stream_switches(BatchOptions& options, const ServerConfig& config,
                           const RequestInfo& request) {
    const bool duplex = request.query_flag("duplex").value_or(config.full_duplex_streams);
    options.release = duplex ? EventRelease::immediately : EventRelease::after_input;
    if (auto detail = request.query_value("progress")) {
        if (*detail != "files" && *detail != "stages")
            throw Error(ErrorType::validation, "?progress= takes files or stages",
                        {{"parameter", "progress"}, {"value", *detail}});
        options.progress =
            *detail == "stages" ? ProgressDetail::per_stage : ProgressDetail::per_file;
    }
}

// POST /process-batch-stream, /process-batch-fast and /process-stream. By default the head
// and every event wait for the whole upload (images are processed meanwhile), because
// reverse proxies stop forwarding a request body once its response has begun. An upload
// that breaks off after its first file still gets a stream: the files that arrived, an
// upload_incomplete error for the one cut off, and complete.
void handle_event_stream(const UploadServices& uploads, EventStreamRoute route,
                         const RequestInfo& request, std::shared_ptr<RequestBody> body,
                         std::shared_ptr<ResponseStream> response) {
    if (route.mode == BatchMode::parallel && !uploads.config.enable_parallel) {
        response->send(error_response(
            Error(ErrorType::validation,
                  "parallel processing is disabled on this server (enable_parallel is false); "
                  "use /process-batch-stream",
                  {{"enable_parallel", false}}),
            bhttp::status::bad_request));
        return;
    }
    start_or_refuse(*response, [&] {
        auto& services = uploads.batches;
        BatchOptions options = services.options(route.mode);
        if (route.max_images) options.max_images = route.max_images;
        apply_stream_switches(options, uploads.config, request);
        services.apply_saving(options, request);
        auto sse = SseStream::create(response, uploads.io, uploads.config.heartbeat,
                                     SseStream::Dialect::upload_stream);
        auto reply = std::make_shared<OneResponse>(response);
        // Starts the stream unless a JSON error has answered the request already.
        auto open_stream = [sse, reply] {
            if (reply->claim()) sse->open();
        };
        // Held events are released when the upload ends or the batch is cancelled (client
        // gone, or shutdown mid-upload): the first one opens the stream, so that a client still
        // listening hears how its batch ended.
        auto sink = [sse, open_stream](const BatchEvent& event) {
            open_stream();
            if (!sse->opened()) return;  // a batch refused with a JSON error
            sse->send(event);
            if (std::holds_alternative<CompleteEvent>(event)) sse->close();
        };
        UploadBatch::Hooks hooks;
        if (options.release == EventRelease::immediately) hooks.first_file = open_stream;
        const std::string field(route.field);
        hooks.upload_done = [open_stream, reply, field](std::size_t files) {
            if (auto error = file_count_error(files, field)) return !reply->send_error(*error);
            open_stream();
            return true;
        };
        hooks.upload_failed = [open_stream, reply, sse](const Error& error, std::size_t files) {
            if (files == 0 && !sse->opened()) return !reply->send_error(error);
            open_stream();  // finish with the files that arrived
            return true;
        };
        UploadBatch::start(services, request, body, response,
                           {options, field, std::move(sink), std::move(hooks)});
    });
}

// POST /process-batch: the same batch, answered as one JSON document at the end.
void handle_batch_json(const UploadServices& uploads, const RequestInfo& request,
                       std::shared_ptr<RequestBody> body,
                       std::shared_ptr<ResponseStream> response) {
    start_or_refuse(*response, [&] {
        auto& services = uploads.batches;
        const auto max_files = static_cast<std::size_t>(uploads.config.max_batch_size);
        auto reply = std::make_shared<OneResponse>(response);
        struct Collected {
            std::mutex mutex;
            std::vector<json> results, errors;
        };
        auto collected = std::make_shared<Collected>();
        auto sink = [reply, collected](const BatchEvent& event) {
            std::lock_guard lock(collected->mutex);
            if (auto* r = std::get_if<ResultEvent>(&event)) {
                // The Python service's shape: the decklist itself, which names its file.
                json decklist = to_json(r->decklist);
                decklist["index"] = r->index;
                collected->results.push_back(std::move(decklist));
            }
            if (auto* e = std::get_if<ErrorEvent>(&event)) collected->errors.push_back(to_json(*e));
            if (auto* c = std::get_if<CompleteEvent>(&event)) {
                auto by_index = [](const json& a, const json& b) {
                    return a["index"] < b["index"];
                };
                std::sort(collected->results.begin(), collected->results.end(), by_index);
                std::sort(collected->errors.begin(), collected->errors.end(), by_index);
                const json summary = to_json(*c);
                reply->send(json_response(bhttp::status::ok,
                                          {{"total", summary["total"]},
                                           {"successful", summary["successful"]},
                                           {"failed", summary["failed"]},
                                           {"average_accuracy", summary["average_accuracy"]},
                                           {"results", collected->results},
                                           {"errors", collected->errors},
                                           {"summary", summary}}));
            }
        };
        UploadBatch::Hooks hooks;
        hooks.upload_done = [reply, max_files](std::size_t files) {
            // The answer comes after the whole body, so every batch-level limit is a 4xx.
            if (auto error = file_count_error(files, "files", max_files))
                return !reply->send_error(*error);
            return true;
        };
        // A body that breaks off after its first file is answered with what arrived; the
        // file cut off gets an upload_incomplete error.
        hooks.upload_failed = [reply](const Error& error, std::size_t files) {
            if (files == 0) return !reply->send_error(error);
            return true;
        };
        BatchMode mode =
            uploads.config.enable_parallel ? BatchMode::parallel : BatchMode::sequential;
        BatchOptions options = services.options(mode);
        options.max_images = 0;  // counted in upload_done instead
        services.apply_saving(options, request);
        UploadBatch::start(services, request, body, response,
                           {options, "files", std::move(sink), std::move(hooks)});
    });
}

// POST /process: one image, answered with its decklist or its error.
void handle_single(const UploadServices& uploads, bool always_save, const RequestInfo& request,
                   std::shared_ptr<RequestBody> body, std::shared_ptr<ResponseStream> response) {
    start_or_refuse(*response, [&] {
        auto& services = uploads.batches;
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
            if (auto error = file_count_error(files, "file")) return !reply->send_error(*error);
            return true;
        };
        hooks.upload_failed = [reply](const Error& error, std::size_t) {
            reply->send_error(error);
            return false;
        };
        BatchOptions options = services.options(BatchMode::parallel);
        options.max_images = 1;
        services.apply_saving(options, request, always_save);
        UploadBatch::start(services, request, body, response,
                           {options, "file", std::move(sink), std::move(hooks),
                            /*fields_after_the_file=*/true});
    });
}

}  // namespace

void register_process_routes(Router& router, const UploadServices& uploads) {
    RouteOptions one_image;
    one_image.limit_charge = LimitCharge::images;
    RouteOptions a_batch;
    a_batch.limit_charge = LimitCharge::batch;
    // /process-and-save is the Python service's name for /process with saving on.
    for (const auto& [path, always_save] :
         {std::pair{"/process", false}, std::pair{"/process-and-save", true}})
        router.api_streaming(
            bhttp::verb::post, path,
            [uploads, always_save = always_save](const RequestInfo& request, auto body,
                                                 auto response) {
                handle_single(uploads, always_save, request, body, response);
            },
            one_image);
    router.api_streaming(
        bhttp::verb::post, "/process-batch",
        [uploads](const RequestInfo& request, auto body, auto response) {
            handle_batch_json(uploads, request, body, response);
        },
        a_batch);
    const std::tuple<const char*, EventStreamRoute, RouteOptions> streams[] = {
        {"/process-batch-stream", {BatchMode::sequential, "files"}, a_batch},
        {"/process-batch-fast", {BatchMode::parallel, "files"}, a_batch},
        {"/process-stream", {BatchMode::parallel, "file", 1}, one_image}};
    for (const auto& [path, route, options] : streams)
        router.api_streaming(
            bhttp::verb::post, path,
            [uploads, route = route](const RequestInfo& request, auto body, auto response) {
                handle_event_stream(uploads, route, request, body, response);
            },
            options);
}

}  // namespace decklist::http
