#include "http/stats/prometheus.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <utility>
#include <vector>

namespace decklist::http {
namespace {

using Labels = std::vector<std::pair<std::string, std::string>>;

// Label values escape backslash, double quote and line feed; nothing else.
std::string escape_label_value(std::string_view value) {
    std::string out;
    out.reserve(value.size());
    for (char c : value) {
        if (c == '\\')
            out += "\\\\";
        else if (c == '"')
            out += "\\\"";
        else if (c == '\n')
            out += "\\n";
        else
            out += c;
    }
    return out;
}

std::string format_value(double value) {
    if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
    if (std::isnan(value)) return "NaN";
    char text[32];
    // Counts and whole bounds as integers ("60", not "6e+01"); exact below 2^53.
    if (value == std::floor(value) && std::fabs(value) < 9.0e15) {
        std::snprintf(text, sizeof text, "%.0f", value);
        return text;
    }
    std::snprintf(text, sizeof text, "%.17g", value);
    // The shortest text that reads back as the same number, so that 0.1 is "0.1".
    for (int precision = 1; precision <= 17; ++precision) {
        char shorter[32];
        std::snprintf(shorter, sizeof shorter, "%.*g", precision, value);
        if (std::strtod(shorter, nullptr) == value) return shorter;
    }
    return text;
}

class Exposition {
  public:
    // Every sample of a metric follows its one HELP and TYPE line.
    void family(std::string_view name, std::string_view type, std::string_view help) {
        out_ += "# HELP ";
        out_ += name;
        out_ += ' ';
        out_ += help;
        out_ += "\n# TYPE ";
        out_ += name;
        out_ += ' ';
        out_ += type;
        out_ += '\n';
    }

    void sample(std::string_view name, const Labels& labels, double value) {
        out_ += name;
        if (!labels.empty()) {
            out_ += '{';
            for (std::size_t i = 0; i < labels.size(); ++i) {
                if (i > 0) out_ += ',';
                out_ += labels[i].first;
                out_ += "=\"";
                out_ += escape_label_value(labels[i].second);
                out_ += '"';
            }
            out_ += '}';
        }
        out_ += ' ';
        out_ += format_value(value);
        out_ += '\n';
    }

    void histogram(std::string_view name, const Labels& labels, const DurationHistogram& h) {
        const std::string bucket = std::string(name) + "_bucket";
        for (std::size_t i = 0; i < DurationHistogram::kBoundsSeconds.size(); ++i) {
            Labels with_bound = labels;
            with_bound.emplace_back("le", format_value(DurationHistogram::kBoundsSeconds[i]));
            sample(bucket, with_bound, static_cast<double>(h.counts()[i]));
        }
        Labels with_inf = labels;
        with_inf.emplace_back("le", "+Inf");
        sample(bucket, with_inf, static_cast<double>(h.count()));
        sample(std::string(name) + "_sum", labels, h.sum_seconds());
        sample(std::string(name) + "_count", labels, static_cast<double>(h.count()));
    }

    void single(std::string_view name, std::string_view type, std::string_view help, double value) {
        family(name, type, help);
        sample(name, {}, value);
    }

    std::string take() { return std::move(out_); }

  private:
    std::string out_;
};

// A number from a stats section ("workers" -> "busy"), 0 when the section or key is absent
// (a server without an engine registers no worker pool).
double section_value(const nlohmann::json& sections, std::string_view section,
                     std::string_view key) {
    const auto s = sections.find(section);
    if (s == sections.end() || !s->is_object()) return 0;
    const auto v = s->find(key);
    return v != s->end() && v->is_number() ? v->get<double>() : 0;
}

}  // namespace

std::string format_prometheus(const StatsSnapshot& stats, const ProcessFacts& facts) {
    Exposition out;
    const auto& sections = stats.sections;

    out.family("decklist_build_info", "gauge", "The running version; always 1.");
    out.sample("decklist_build_info", {{"version", facts.version}}, 1);
    out.single("decklist_uptime_seconds", "gauge", "Seconds since the server started.",
               facts.uptime_seconds);
    out.single("decklist_ocr_ready", "gauge", "1 once every OCR worker has loaded Tesseract.",
               facts.ocr_ready ? 1 : 0);
    out.single("decklist_cards_loaded", "gauge", "Rows in the card database.",
               static_cast<double>(facts.cards_loaded));

    out.family("decklist_http_requests_total", "counter",
               "HTTP requests answered, by route (method and pattern) and status.");
    for (const auto& [route, statuses] : stats.requests_by_route)
        for (const auto& [status, n] : statuses)
            out.sample("decklist_http_requests_total",
                       {{"route", route}, {"status", std::to_string(status)}},
                       static_cast<double>(n));
    out.family("decklist_http_request_duration_seconds", "histogram",
               "Time from a request's first byte to its last response byte, by route.");
    for (const auto& [route, histogram] : stats.request_seconds_by_route)
        out.histogram("decklist_http_request_duration_seconds", {{"route", route}}, histogram);

    out.family("decklist_images_total", "counter",
               "Images by outcome: processed, failed, timed_out, cancelled (never started), "
               "dropped (finished after its timeout or cancellation).");
    for (const auto& [outcome, n] : stats.images_by_outcome)
        out.sample("decklist_images_total", {{"outcome", outcome}}, static_cast<double>(n));
    out.family("decklist_image_stage_duration_seconds", "histogram",
               "Processing time of each decklist by pipeline stage (decode, layout, ocr, "
               "match) and in total.");
    for (const auto& [stage, histogram] : stats.image_stage_seconds)
        out.histogram("decklist_image_stage_duration_seconds", {{"stage", stage}}, histogram);
    out.single("decklist_results_needing_review_total", "counter",
               "Decklists delivered with needs_review: true.",
               static_cast<double>(stats.results_needing_review));

    out.single("decklist_worker_pool_size", "gauge", "OCR worker threads.",
               section_value(sections, "workers", "size"));
    out.single("decklist_worker_pool_busy", "gauge", "OCR workers processing an image.",
               section_value(sections, "workers", "busy"));
    out.single("decklist_worker_pool_queued", "gauge", "Images waiting for an OCR worker.",
               section_value(sections, "workers", "queue_depth"));
    out.single("decklist_open_connections", "gauge", "Open client connections.",
               section_value(sections, "connections", "open"));
    out.single("decklist_open_streams", "gauge", "Event streams being sent.",
               section_value(sections, "batches", "open_streams"));
    out.single("decklist_batches_in_flight", "gauge", "Batches being processed.",
               section_value(sections, "batches", "batches_in_flight"));
    out.single("decklist_batches_started_total", "counter", "Batches started.",
               section_value(sections, "batches", "batches_started"));
    out.single("decklist_upload_buffered_bytes", "gauge",
               "Upload bytes held in memory, counted against upload_memory_budget_mb.",
               section_value(sections, "batches", "upload_bytes_buffered"));
    out.single("decklist_upload_budget_bytes", "gauge", "upload_memory_budget_mb in bytes.",
               section_value(sections, "batches", "upload_budget_bytes"));
    out.single("decklist_uploads_waiting_for_budget", "gauge",
               "Uploads paused until buffered bytes are released.",
               section_value(sections, "batches", "uploads_waiting_for_budget"));

    out.family("decklist_requests_refused_total", "counter",
               "Requests refused by access control: unauthorized (401) or rate_limited (429).");
    out.sample("decklist_requests_refused_total", {{"reason", "unauthorized"}},
               section_value(sections, "access", "rejected_unauthorized"));
    out.sample("decklist_requests_refused_total", {{"reason", "rate_limited"}},
               section_value(sections, "access", "rejected_rate_limited"));
    out.single("decklist_images_rate_limited_total", "counter",
               "Images refused by images_per_minute_per_client.",
               section_value(sections, "access", "images_rate_limited"));
    return out.take();
}

}  // namespace decklist::http
