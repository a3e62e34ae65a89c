#include "http/webhook/webhook_dispatcher.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <exception>

#include "decklist/error.hpp"
#include "decklist/seconds.hpp"
#include "http/core/beast.hpp"
#include "http/webhook/hmac_sha256.hpp"

namespace decklist::http {
namespace {

using WebhookClock = std::chrono::system_clock;

// A lease covers one attempt with room to record its outcome; a dispatcher that dies holding
// one leaves the delivery to whoever claims after it runs out.
constexpr std::chrono::seconds kWebhookLeaseMargin{30};

// One delivery per claim: a stopping dispatcher then holds no lease on a delivery it has
// not tried, and a claim is one short transaction beside a network round trip.
constexpr int kWebhookClaimBatch = 1;

// last_error keeps the receiver's reason readable without letting it fill the row.
constexpr std::size_t kWebhookMaxErrorChars = 300;

[[noreturn]] void webhook_bad_url(std::string_view url, std::string_view why) {
    throw Error(ErrorType::validation,
                "webhook_url \"" + std::string(url) + "\" is not usable: " + std::string(why),
                {{"field", "webhook_url"}});
}

}  // namespace

WebhookTarget parse_webhook_url(std::string_view url) {
    constexpr std::string_view kScheme = "http://";
    if (url.substr(0, 8) == "https://")
        webhook_bad_url(url,
                        "https is not supported; send to an http:// endpoint (a local relay "
                        "or a reverse proxy that adds TLS)");
    if (url.size() <= kScheme.size() || url.substr(0, kScheme.size()) != kScheme)
        webhook_bad_url(url, "it must start with http://");
    const std::string_view rest = url.substr(kScheme.size());
    const auto authority_end = rest.find_first_of("/?#");
    const std::string_view authority = rest.substr(0, authority_end);
    std::string_view target =
        authority_end == std::string_view::npos ? std::string_view() : rest.substr(authority_end);
    if (authority.find('@') != std::string_view::npos)
        webhook_bad_url(url,
                        "credentials in the URL are not supported; the receiver checks "
                        "X-Signature-256 made with webhook_secret");
    if (target.find('#') != std::string_view::npos)
        webhook_bad_url(url, "a fragment (#...) is never sent to a server");

    WebhookTarget out;
    std::string_view port;
    if (!authority.empty() && authority.front() == '[') {  // [IPv6]:port
        const auto close = authority.find(']');
        if (close == std::string_view::npos) webhook_bad_url(url, "an unclosed [ in the host");
        out.host = std::string(authority.substr(1, close - 1));
        const std::string_view after = authority.substr(close + 1);
        if (!after.empty() && after.front() != ':') webhook_bad_url(url, "junk after the host");
        if (!after.empty()) port = after.substr(1);
    } else {
        const auto colon = authority.rfind(':');
        out.host = std::string(authority.substr(0, colon));
        if (colon != std::string_view::npos) port = authority.substr(colon + 1);
    }
    if (out.host.empty()) webhook_bad_url(url, "it names no host");
    if (port.empty()) port = "80";
    int number = 0;
    for (char ch : port) {
        if (ch < '0' || ch > '9' || number > 65535)
            webhook_bad_url(url, "the port is not a number from 1 to 65535");
        number = number * 10 + (ch - '0');
    }
    if (number < 1 || number > 65535)
        webhook_bad_url(url, "the port is not a number from 1 to 65535");
    out.port = std::to_string(number);
    out.target = target.empty() ? "/" : std::string(target);
    if (out.target.front() == '?') out.target.insert(0, "/");
    return out;
}

std::chrono::milliseconds webhook_retry_delay(const WebhookOptions& options, int failed_attempts) {
    auto delay = options.first_retry;
    for (int i = 1; i < failed_attempts && delay < options.max_retry; ++i) delay *= 2;
    return std::min(delay, options.max_retry);
}

WebhookDispatcher::WebhookDispatcher(DecklistStore& store, WebhookOptions options)
    : store_(store), options_(std::move(options)), target_(parse_webhook_url(options_.url)) {
    if (options_.secret.empty())
        throw Error(ErrorType::validation,
                    "webhook_secret must be set with webhook_url: receivers check the "
                    "X-Signature-256 it makes",
                    {{"field", "webhook_secret"}});
    if (options_.first_retry.count() <= 0 || options_.max_retry < options_.first_retry ||
        options_.request_timeout.count() <= 0 || options_.poll_interval.count() <= 0)
        throw Error(ErrorType::validation,
                    "webhook retry intervals and timeouts must be positive, and max_retry at "
                    "least first_retry");
    thread_ = std::thread([this] { run(); });
}

WebhookDispatcher::~WebhookDispatcher() {
    {
        std::lock_guard lock(mutex_);
        stop_requested_ = true;
    }
    wake_.notify_one();
    // Runs on the dispatcher's thread inside its io_context, where the request lives.
    boost::asio::post(io_, [this] {
        if (cancel_in_flight_) cancel_in_flight_();
    });
    thread_.join();
}

void WebhookDispatcher::notify() {
    {
        std::lock_guard lock(mutex_);
        notified_ = true;
    }
    wake_.notify_one();
}

nlohmann::json WebhookDispatcher::stats_json() const {
    nlohmann::json out{{"delivered", delivered_.load()},
                       {"failed_attempts", failed_attempts_.load()},
                       {"abandoned", abandoned_.load()}};
    try {
        const OutboxCounts counts = store_.outbox_counts();
        out["pending"] = counts.pending;
        out["outbox"] = {{"pending", counts.pending},
                         {"delivered", counts.delivered},
                         {"abandoned", counts.abandoned}};
    } catch (const std::exception& e) {
        out["pending"] = nullptr;
        out["outbox_error"] = e.what();
    }
    return out;
}

void WebhookDispatcher::run() {
    spdlog::info("webhook: delivering to {}:{}{}", target_.host, target_.port, target_.target);
    std::unique_lock lock(mutex_);
    while (!stop_requested_) {
        notified_ = false;
        lock.unlock();
        // Every retry scheduled until now is due: this round claims it.
        while (!retries_.empty() && retries_.top() <= WebhookClock::now()) retries_.pop();
        try {
            send_due();
        } catch (const std::exception& e) {
            // The store is unreachable (database down): the deliveries wait in it, and the
            // next poll tries again.
            spdlog::warn("webhook: {}", e.what());
        }
        const auto wake = next_wake();
        lock.lock();
        wake_.wait_until(lock, wake, [this] { return stop_requested_ || notified_; });
    }
}

WebhookClock::time_point WebhookDispatcher::next_wake() {
    const auto poll = WebhookClock::now() + options_.poll_interval;
    return retries_.empty() ? poll : std::min(poll, retries_.top());
}

void WebhookDispatcher::send_due() {
    const auto lease =
        std::chrono::ceil<std::chrono::seconds>(options_.request_timeout) + kWebhookLeaseMargin;
    while (!stop_requested_) {
        const std::vector<OutboxDelivery> due = store_.claim_deliveries(kWebhookClaimBatch, lease);
        if (due.empty()) return;
        for (const OutboxDelivery& delivery : due) record(delivery, post(delivery));
    }
}

void WebhookDispatcher::record(const OutboxDelivery& delivery, const AttemptResult& result) {
    if (result.delivered) {
        store_.delivery_succeeded(delivery.delivery_id);
        ++delivered_;
        return;
    }
    ++failed_attempts_;
    const std::string error = result.error.substr(0, kWebhookMaxErrorChars);
    const auto now = WebhookClock::now();
    const auto give_up_at = delivery.created_at + options_.give_up_after;
    if (now >= give_up_at) {
        store_.delivery_abandoned(delivery.delivery_id, error);
        ++abandoned_;
        spdlog::warn("webhook: delivery {} of decklist {} abandoned after {} attempts: {}",
                     delivery.delivery_id, delivery.decklist_id, delivery.attempts + 1, error);
        return;
    }
    auto next = now;
    if (!stop_requested_) {
        // Equal jitter: half the delay fixed, the other half at random.
        const auto delay = webhook_retry_delay(options_, delivery.attempts + 1);
        std::uniform_int_distribution<std::int64_t> spread(0, delay.count() / 2);
        next += delay - std::chrono::milliseconds(spread(jitter_));
        // The last attempt is made when the time is up, not skipped because a doubled delay
        // overshoots it.
        next = std::min(next, std::chrono::time_point_cast<WebhookClock::duration>(give_up_at));
    }
    store_.delivery_failed(delivery.delivery_id, error, next);
    retries_.push(next);
    spdlog::info("webhook: delivery {} attempt {} failed ({}), next in {} ms", delivery.delivery_id,
                 delivery.attempts + 1, error,
                 std::chrono::duration_cast<std::chrono::milliseconds>(next - now).count());
}

WebhookDispatcher::AttemptResult WebhookDispatcher::post(const OutboxDelivery& delivery) {
    bhttp::request<bhttp::string_body> request{bhttp::verb::post, target_.target, 11};
    request.set(bhttp::field::host,
                target_.port == "80" ? target_.host : target_.host + ":" + target_.port);
    request.set(bhttp::field::user_agent, "decklist-ocr/" DECKLIST_VERSION " webhook");
    request.set(bhttp::field::content_type, "application/json");
    request.set(bhttp::field::connection, "close");
    request.set("X-Delivery-ID", delivery.delivery_id);
    request.set("X-Decklist-Event", delivery.kind);
    request.set("X-Signature-256", "sha256=" + hmac_sha256_hex(options_.secret, delivery.payload));
    request.body() = delivery.payload;
    request.prepare_payload();

    AttemptResult result;
    bool timed_out = false, cancelled = false;
    std::string failed_step;
    beast::error_code failure;
    tcp::resolver resolver(io_);
    beast::tcp_stream stream(io_);
    net::steady_timer deadline(io_);
    beast::flat_buffer buffer;
    bhttp::response_parser<bhttp::empty_body> response;

    auto stop_all = [&] {
        resolver.cancel();
        beast::error_code ignored;
        stream.socket().close(ignored);
    };
    auto fail = [&](std::string_view step, beast::error_code ec) {
        failed_step = step;
        failure = ec;
        deadline.cancel();
    };
    cancel_in_flight_ = [&] {
        cancelled = true;
        deadline.cancel();
        stop_all();
    };

    deadline.expires_after(options_.request_timeout);
    deadline.async_wait([&](beast::error_code ec) {
        if (ec) return;  // cancelled: the exchange ended first
        timed_out = true;
        stop_all();
    });
    resolver.async_resolve(
        target_.host, target_.port, [&](beast::error_code ec, tcp::resolver::results_type hosts) {
            if (ec) return fail("resolving " + target_.host, ec);
            stream.async_connect(hosts, [&](beast::error_code ec, const tcp::endpoint&) {
                if (ec) return fail("connecting", ec);
                bhttp::async_write(stream, request, [&](beast::error_code ec, std::size_t) {
                    if (ec) return fail("sending", ec);
                    bhttp::async_read_header(
                        stream, buffer, response, [&](beast::error_code ec, std::size_t) {
                            if (ec) return fail("reading the response", ec);
                            deadline.cancel();
                            beast::error_code ignored;
                            stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
                        });
                });
            });
        });
    io_.restart();
    io_.run();
    cancel_in_flight_ = nullptr;

    if (cancelled || stop_requested_) {
        if (!failure && response.is_header_done()) {
            // The answer came before the stop did.
        } else {
            result.error = "the dispatcher stopped before the receiver answered";
            return result;
        }
    }
    if (timed_out) {
        result.error = "no answer within " + seconds_text(options_.request_timeout);
        return result;
    }
    if (failure) {
        result.error = failed_step + ": " + failure.message();
        return result;
    }
    const unsigned status = response.get().result_int();
    result.delivered = status >= 200 && status < 300;
    if (!result.delivered) {
        result.error = "HTTP " + std::to_string(status);
        const auto reason = response.get().reason();
        if (!reason.empty()) result.error += " " + std::string(reason);
    }
    return result;
}

}  // namespace decklist::http
