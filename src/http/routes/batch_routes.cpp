// Resumable batches, for EventSource clients that can only GET:
//   POST   /batches              multipart "files" -> 202 {batch_id, events_url, status_url}
//   GET    /batches/{id}/events  SSE, every event with a strictly increasing id; replays after
//                                Last-Event-ID (header, or ?last_event_id=), then goes live
//   GET    /batches/{id}         JSON snapshot (state, counts, results so far)
//   DELETE /batches/{id}         cancels the batch; answers the snapshot
// The 202 comes once the upload has ended (processing has been going on meanwhile: each file
// starts as soon as its part arrives), so batch-level problems are plain 4xx answers. An
// upload that breaks off after its first file is accepted too, its events naming the file cut
// off (upload_incomplete).
// Finished batches are forgotten batch_ttl_s after their complete event, then 404.

#include <charconv>

#include "decklist/batch/batch_store.hpp"
#include "decklist/error.hpp"
#include "http/access/access_grant.hpp"
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

// The API root the client used (/api/v1 or /api), so the URLs we hand out match it.
std::string api_root_of(const RequestInfo& request) {
    return std::string(api_root(request.path).value_or(Router::kLinkRoot));
}

json batch_urls(const RequestInfo& request, const std::string& id) {
    const std::string status_url = api_root_of(request) + "/batches/" + id;
    return {{"batch_id", id}, {"events_url", status_url + "/events"}, {"status_url", status_url}};
}

Error batch_not_found(const std::string& id) {
    return Error(ErrorType::not_found,
                 "no such batch (unknown id, or it finished more than batch_ttl_s ago)",
                 {{"batch_id", id}});
}

// The label of the API key the request came with ("" when keys are off).
std::string key_label(const RequestInfo& request) {
    return request.access ? request.access->key_label : std::string();
}

// Another key's batch is answered exactly like an unknown id: its existence is not revealed.
std::shared_ptr<StoredBatch> find_batch(BatchServices& services, const RequestInfo& request) {
    const std::string id = request.param("id").value_or("");
    auto batch = services.store().find(id);
    if (!batch || batch->owner() != key_label(request)) throw batch_not_found(id);
    return batch;
}

// Last-Event-ID header (what EventSource sends on reconnect) or ?last_event_id= (for clients
// that cannot set headers on a first connection). Absent: 0, i.e. from the beginning.
std::uint64_t last_event_id(const RequestInfo& request) {
    std::string text = request.header("Last-Event-ID");
    if (text.empty()) text = request.query_value("last_event_id").value_or("");
    if (text.empty()) return 0;
    std::uint64_t value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size())
        throw Error(ErrorType::validation, "Last-Event-ID must be a non-negative integer",
                    {{"last_event_id", text}});
    return value;
}

void handle_create(const UploadServices& uploads, const RequestInfo& request,
                   std::shared_ptr<RequestBody> body, std::shared_ptr<ResponseStream> response) {
    auto& services = uploads.batches;
    auto stored = services.store().create(key_label(request));
    const auto max_files = static_cast<std::size_t>(uploads.config.max_batch_size);
    auto reply = std::make_shared<OneResponse>(response);
    auto refuse = [&services, stored, reply](const Error& error) {
        services.store().erase(stored->id());
        reply->send_error(error);
        return false;
    };
    auto accept = [=] {
        Response accepted =
            json_response(bhttp::status::accepted, batch_urls(request, stored->id()));
        accepted.set(bhttp::field::location, api_root_of(request) + "/batches/" + stored->id());
        reply->send(std::move(accepted));
        return true;
    };
    UploadBatch::Hooks hooks;
    hooks.upload_done = [=](std::size_t files) {
        if (auto error = file_count_error(files, "files", max_files)) return refuse(*error);
        return accept();
    };
    // An upload that broke off after its first file is still a batch: its events name the
    // file cut off (upload_incomplete). A client that went away is never told the id, so
    // that batch is cancelled and forgotten.
    hooks.upload_failed = [refuse, accept](const Error& error, std::size_t files) {
        if (files == 0 || error.type() == ErrorType::cancelled) return refuse(error);
        return accept();
    };
    // Once the 202 is out, the client may hang up at once: the batch runs on for EventSource.
    hooks.detached_after_upload = true;
    BatchOptions options = services.options(uploads.config.enable_parallel ? BatchMode::parallel
                                                                           : BatchMode::sequential);
    options.max_images = 0;  // counted in upload_done
    const bool started = start_or_refuse(*response, [&] {
        services.apply_saving(options, request, false, stored->id());
        auto batch = UploadBatch::start(
            services, request, body, response,
            {options, "files", [stored](const BatchEvent& event) { stored->record(event); },
             std::move(hooks)});
        stored->attach(batch->runner());
    });
    if (!started) services.store().erase(stored->id());
}

void handle_events(const UploadServices& uploads, const RequestInfo& request,
                   std::shared_ptr<RequestBody>, std::shared_ptr<ResponseStream> response) {
    auto& services = uploads.batches;
    std::shared_ptr<StoredBatch> stored;
    std::uint64_t after = 0;
    try {
        stored = find_batch(services, request);
        after = last_event_id(request);
    } catch (const Error& e) {
        response->send(error_response(e));
        return;
    }
    auto sse = SseStream::create(response, uploads.io, uploads.config.heartbeat,
                                 SseStream::Dialect::event_source);
    sse->open();
    // The subscription is dropped when the stream ends either way: after the complete event,
    // or when the client goes away.
    auto token = std::make_shared<std::atomic<std::uint64_t>>(0);
    auto& io = uploads.io;
    auto on_event = [sse, stored, token, &io](const StoredEvent& event) {
        sse->send(event.name, event.id, event.data);
        if (!event.last) return;
        sse->close();
        // We are inside the batch's lock: unsubscribe later, from an I/O thread.
        net::post(io, [stored, token] {
            if (auto t = token->load()) stored->unsubscribe(t);
        });
    };
    token->store(stored->subscribe(after, on_event));
    if (stored->finished()) {
        // Finished before or during the replay: the complete event was among those sent.
        stored->unsubscribe(token->load());
        return;
    }
    response->on_close([stored, token] { stored->unsubscribe(token->load()); });
}

}  // namespace

void register_batch_routes(Router& router, const UploadServices& uploads) {
    RouteOptions a_batch;
    a_batch.limit_charge = LimitCharge::batch;
    router.api_streaming(
        bhttp::verb::post, "/batches",
        [uploads](const RequestInfo& request, auto body, auto response) {
            handle_create(uploads, request, body, response);
        },
        a_batch);
    RouteOptions for_event_source;
    for_event_source.key_in_query = true;
    router.api_streaming(
        bhttp::verb::get, "/batches/{id}/events",
        [uploads](const RequestInfo& request, auto body, auto response) {
            handle_events(uploads, request, body, response);
        },
        for_event_source);
    router.api(bhttp::verb::get, "/batches/{id}", [uploads](const Request& request) {
        auto stored = find_batch(uploads.batches, request);
        json status = stored->status();
        status.update(batch_urls(request, stored->id()));
        return json_response(bhttp::status::ok, status);
    });
    router.api(bhttp::verb::delete_, "/batches/{id}", [uploads](const Request& request) {
        auto stored = find_batch(uploads.batches, request);
        stored->cancel();
        json status = stored->status();
        status.update(batch_urls(request, stored->id()));
        return json_response(bhttp::status::ok, status);
    });
}

}  // namespace decklist::http
