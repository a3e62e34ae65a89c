// The decklist library's routes (docs in API_REFERENCE.md, "Decklist library"):
//   GET    /decklists                  filters, keyset pagination, newest first
//   GET    /decklists/{id}             the record, ETag "<revision>"
//   PATCH  /decklists/{id}             a correction, If-Match required
//   DELETE /decklists/{id}
//   GET    /decklists/{id}/image       the screenshot as uploaded
//   GET    /decklists/{id}/revisions   who changed what, oldest first
//   GET    /cards?q=                   the editor's card search
//   GET    /events                     each event with its count and dates
//   GET    /events/{event}/export      csv | json | txt
//   GET    /meta?event=                per legend, the cards' inclusion rates
// Every handler calls the store, which may block, so each route is RouteOptions::blocking.
// Saving happens in the upload routes (BatchServices::apply_saving).

#include <cctype>
#include <charconv>
#include <tuple>

#include "decklist/error.hpp"
#include "decklist/image/intake.hpp"
#include "decklist/library/decklist_library.hpp"
#include "decklist/library/event_export.hpp"
#include "decklist/library/meta_report.hpp"
#include "decklist/match/card_search.hpp"
#include "http/access/access_grant.hpp"
#include "http/core/request_errors.hpp"
#include "http/core/responses.hpp"
#include "http/router/router.hpp"
#include "http/routes/route_groups.hpp"
#include "http/static_files/mime_types.hpp"

namespace decklist::http {
namespace {

using nlohmann::json;

json or_null(const std::string& text) {
    return text.empty() ? json(nullptr) : json(text);
}

json summary_json(const StoredDecklist& stored) {
    const std::string url = decklist_link_prefix() + stored.id;
    return {{"id", stored.id},
            {"revision", stored.revision},
            {"created_at", stored.created_at},
            {"updated_at", stored.updated_at},
            {"filename", or_null(stored.filename)},
            {"batch_id", or_null(stored.batch_id)},
            {"owner", or_null(stored.owner)},
            {"format_id", or_null(stored.format_id)},
            {"event", or_null(stored.event)},
            {"date", or_null(stored.date)},
            {"placement", stored.placement ? json(*stored.placement) : json(nullptr)},
            {"player", or_null(stored.player)},
            {"legend", or_null(stored.legend)},
            {"deck_code", or_null(stored.deck_code)},
            {"needs_review", stored.needs_review},
            {"has_image", stored.has_image},
            {"url", url},
            {"image_url", stored.has_image ? json(url + "/image") : json(nullptr)}};
}

json record_json(const StoredDecklist& stored) {
    json record = summary_json(stored);
    record["decklist"] = stored.decklist;
    return record;
}

Response record_response(const StoredDecklist& stored) {
    Response response = json_response(bhttp::status::ok, record_json(stored));
    response.set(bhttp::field::etag, "\"" + std::to_string(stored.revision) + "\"");
    return response;
}

DecklistLibrary& library_of(DecklistLibrary* library) {
    if (library) return *library;
    throw Error(ErrorType::not_found, "this server keeps no decklist library");
}

std::string id_of(const Request& request) {
    return request.param("id").value_or("");
}

Error decklist_not_found(const std::string& id) {
    return Error(ErrorType::not_found, "no decklist with id " + id, {{"id", id}});
}

int int_parameter(const Request& request, const std::string& key, int fallback, int low, int high) {
    const auto text = request.query_value(key);
    if (!text) return fallback;
    int value = 0;
    const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
    if (ec != std::errc() || end != text->data() + text->size() || value < low || value > high)
        throw Error(ErrorType::validation,
                    "?" + key + "= takes a whole number from " + std::to_string(low) + " to " +
                        std::to_string(high),
                    {{"parameter", key}, {"value", *text}});
    return value;
}

std::string required_parameter(const Request& request, const std::string& key) {
    auto value = request.query_value(key).value_or("");
    if (value.empty())
        throw Error(ErrorType::validation, "?" + key + "= is required", {{"parameter", key}});
    return value;
}

DecklistQuery query_of(const Request& request) {
    DecklistQuery query;
    query.event = request.query_value("event");
    query.legend = request.query_value("legend");
    query.player = request.query_value("player");
    query.date_from = request.query_value("date_from");
    query.date_to = request.query_value("date_to");
    query.needs_review = request.query_flag("needs_review");
    query.text = request.query_value("q");
    query.cursor = request.query_value("cursor").value_or("");
    query.limit = int_parameter(request, "limit", 50, 1, 200);
    return query;
}

// If-Match: "3" (or a bare 3, or W/"3"): the revision the client last read.
int expected_revision(const Request& request) {
    std::string text = request.header("If-Match");
    if (text.empty())
        throw Error(request_error::precondition_required,
                    "If-Match is required: send the ETag of the decklist you are correcting, so "
                    "that another reviewer's change is not overwritten");
    if (text.starts_with("W/")) text.erase(0, 2);
    if (text.size() >= 2 && text.front() == '"' && text.back() == '"')
        text = text.substr(1, text.size() - 2);
    int revision = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), revision);
    if (ec != std::errc() || end != text.data() + text.size() || revision < 1)
        throw Error(ErrorType::validation, "If-Match must be an ETag this server sent, e.g. \"2\"",
                    {{"if_match", request.header("If-Match")}});
    return revision;
}

std::string_view image_content_type(const std::vector<std::uint8_t>& bytes) {
    switch (sniff_image(bytes).format) {
        case ImageFormat::jpeg:
            return mime_type_for("image.jpg");
        case ImageFormat::png:
            return mime_type_for("image.png");
        case ImageFormat::webp:
            return mime_type_for("image.webp");
        case ImageFormat::bmp:
            return mime_type_for("image.bmp");
        case ImageFormat::unknown:
            break;
    }
    return "application/octet-stream";
}

Response list_decklists(DecklistLibrary* library, const Request& request) {
    const DecklistPage page = library_of(library).store().list(query_of(request));
    json items = json::array();
    for (const auto& stored : page.items) items.push_back(summary_json(stored));
    return json_response(bhttp::status::ok,
                         {{"items", std::move(items)}, {"next_cursor", or_null(page.next_cursor)}});
}

Response get_decklist(DecklistLibrary* library, const Request& request) {
    const std::string id = id_of(request);
    auto stored = library_of(library).store().get(id);
    if (!stored) throw decklist_not_found(id);
    return record_response(*stored);
}

Response get_image(DecklistLibrary* library, const Request& request) {
    const std::string id = id_of(request);
    auto bytes = library_of(library).store().image(id);
    if (!bytes)
        throw Error(ErrorType::not_found, "no screenshot is kept for decklist " + id, {{"id", id}});
    Response response{bhttp::status::ok, 11};
    response.set(bhttp::field::content_type, std::string(image_content_type(*bytes)));
    // Content-addressed: the bytes under one id never change.
    response.set(bhttp::field::cache_control, "private, max-age=86400, immutable");
    response.body().assign(bytes->begin(), bytes->end());
    return response;
}

Response get_revisions(DecklistLibrary* library, const Request& request) {
    const std::string id = id_of(request);
    auto& store = library_of(library).store();
    const auto revisions = store.revisions(id);
    if (revisions.empty() && !store.get(id)) throw decklist_not_found(id);
    json list = json::array();
    for (const auto& revision : revisions)
        list.push_back({{"number", revision.number},
                        {"author", revision.author},
                        {"at", revision.at},
                        {"changes", revision.changes}});
    return json_response(bhttp::status::ok, {{"id", id}, {"revisions", std::move(list)}});
}

Response delete_decklist(DecklistLibrary* library, const Request& request) {
    const std::string id = id_of(request);
    if (!library_of(library).store().remove(id)) throw decklist_not_found(id);
    return Response{bhttp::status::no_content, 11};
}

Response patch_decklist(DecklistLibrary* library, const Request& request) {
    const std::string id = id_of(request);
    const int revision = expected_revision(request);
    const json patch = json::parse(request.body, nullptr, false);
    if (!patch.is_object())
        throw Error(ErrorType::validation, "the body must be a JSON object (the correction)");
    const UpdateResult result =
        library_of(library).correct(id, patch, revision, author_of(request));
    switch (result.outcome) {
        case UpdateOutcome::not_found:
            throw decklist_not_found(id);
        case UpdateOutcome::stale:
            throw Error(request_error::precondition_failed,
                        "decklist " + id + " has changed since revision " +
                            std::to_string(revision) + ": read it again and redo the change",
                        {{"current", record_json(*result.stored)}});
        case UpdateOutcome::updated:
            break;
    }
    return record_response(*result.stored);
}

Response search_card_names(DecklistLibrary* library, const Request& request) {
    const std::string query = request.query_value("q").value_or("");
    const int limit = int_parameter(request, "limit", 20, 1, 100);
    json cards = json::array();
    for (const CardRecord* card :
         search_cards(library_of(library).cards(), query, static_cast<std::size_t>(limit)))
        cards.push_back({{"name_cn", card->name_cn},
                         {"name_en", card->name_en},
                         {"card_number", card->card_number},
                         {"type_en", card->type_en},
                         {"domain_en", card->domain_en},
                         {"cost", card->cost ? json(*card->cost) : json(nullptr)},
                         {"rarity_en", card->rarity_en},
                         {"image_url_en", or_null(card->image_url_en)}});
    return json_response(bhttp::status::ok, {{"cards", std::move(cards)}});
}

Response list_events(DecklistLibrary* library, const Request&) {
    json events = json::array();
    for (const auto& event : library_of(library).store().events())
        events.push_back({{"event", event.event},
                          {"decklists", event.decklists},
                          {"first_date", or_null(event.first_date)},
                          {"last_date", or_null(event.last_date)}});
    return json_response(bhttp::status::ok, {{"events", std::move(events)}});
}

// A file name for Content-Disposition: the event's ASCII letters and digits, the rest as '_'.
std::string download_name(std::string_view event, std::string_view extension) {
    std::string name;
    for (char c : event)
        name += (std::isalnum(static_cast<unsigned char>(c)) && static_cast<unsigned char>(c) < 128)
                    ? c
                    : '_';
    if (name.find_first_not_of('_') == std::string::npos) name = "event";
    return name + "." + std::string(extension);
}

Response export_event_decklists(DecklistLibrary* library, const Request& request) {
    const std::string event = request.param("event").value_or("");
    const std::string format_name = request.query_value("format").value_or("csv");
    const auto format = event_export_format(format_name);
    if (!format)
        throw Error(ErrorType::validation, "?format= takes csv, json or txt",
                    {{"parameter", "format"}, {"value", format_name}});
    const auto decklists = library_of(library).store().event_decklists(event);
    if (decklists.empty())
        throw Error(ErrorType::not_found, "no saved decklist has the event " + event,
                    {{"event", event}});
    EventExport exported = export_event(event, decklists, *format);
    Response response{bhttp::status::ok, 11};
    response.set(bhttp::field::content_type, exported.content_type);
    response.set(bhttp::field::content_disposition,
                 "attachment; filename=\"" + download_name(event, exported.file_extension) + "\"");
    response.body() = std::move(exported.body);
    return response;
}

Response meta_of_event(DecklistLibrary* library, const Request& request) {
    const std::string event = required_parameter(request, "event");
    const auto decklists = library_of(library).store().event_decklists(event);
    return json_response(bhttp::status::ok, meta_report(event, decklists));
}

}  // namespace

std::string decklist_link_prefix() {
    return std::string(Router::kLinkRoot) + "/decklists/";
}

void register_library_routes(Router& router, DecklistLibrary* library) {
    RouteOptions reads;
    reads.blocking = true;
    RouteOptions changes = reads;
    changes.changes_library = true;
    using Handler = Response (*)(DecklistLibrary*, const Request&);
    const std::tuple<bhttp::verb, const char*, Handler, RouteOptions> routes[] = {
        {bhttp::verb::get, "/decklists", list_decklists, reads},
        {bhttp::verb::get, "/decklists/{id}", get_decklist, reads},
        {bhttp::verb::patch, "/decklists/{id}", patch_decklist, changes},
        {bhttp::verb::delete_, "/decklists/{id}", delete_decklist, changes},
        {bhttp::verb::get, "/decklists/{id}/image", get_image, reads},
        {bhttp::verb::get, "/decklists/{id}/revisions", get_revisions, reads},
        {bhttp::verb::get, "/cards", search_card_names, reads},
        {bhttp::verb::get, "/events", list_events, reads},
        {bhttp::verb::get, "/events/{event}/export", export_event_decklists, reads},
        {bhttp::verb::get, "/meta", meta_of_event, reads},
    };
    for (const auto& [verb, path, handler, options] : routes)
        router.api(
            verb, path,
            [library, handler = handler](const Request& request) {
                return handler(library, request);
            },
            options);
}

}  // namespace decklist::http
