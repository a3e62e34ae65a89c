// The webhook dispatcher against a real receiver on 127.0.0.1, with a SQLite store whose
// outbox holds the deliveries: signatures, retries under one X-Delivery-ID, restarts, giving
// up, and a stop that does not wait for a receiver that never answers.

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <stdlib.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <set>

#include "decklist/error.hpp"
#include "decklist/library/decklist_store.hpp"
#include "decklist/sha256.hpp"
#include "http/webhook/webhook_dispatcher.hpp"
#include "polling.hpp"
#include "webhook_receiver.hpp"
#include "webhook_signature.hpp"

namespace decklist::webhook_test {
namespace {

using namespace std::chrono_literals;
using http::WebhookDispatcher;
using http::WebhookOptions;

constexpr std::string_view kSecret = "shh, a webhook secret";

std::map<std::string, std::vector<ReceivedRequest>> by_delivery(
    const std::vector<ReceivedRequest>& requests) {
    std::map<std::string, std::vector<ReceivedRequest>> out;
    for (const auto& r : requests) out[r.delivery_id].push_back(r);
    return out;
}

int answered_with(const std::vector<ReceivedRequest>& requests, unsigned status) {
    int n = 0;
    for (const auto& r : requests) n += r.status == status ? 1 : 0;
    return n;
}

class WebhookTest : public ::testing::Test {
  protected:
    void SetUp() override {
        char pattern[] = "/tmp/decklist-webhook-XXXXXX";
        ASSERT_NE(::mkdtemp(pattern), nullptr);
        dir_ = pattern;
        store_options_.data_dir = dir_ + "/library";
        store_options_.webhook_outbox = true;
        store_ = open_decklist_store(store_options_);
    }
    void TearDown() override {
        store_.reset();
        std::error_code ec;
        std::filesystem::remove_all(dir_, ec);
    }

    WebhookOptions fast_options(const WebhookReceiver& receiver) const {
        WebhookOptions options;
        options.url = receiver.url();
        options.secret = std::string(kSecret);
        options.first_retry = 20ms;
        options.max_retry = 80ms;
        // Retries are woken by the dispatcher's own schedule, not by polling.
        options.poll_interval = 60s;
        return options;
    }

    void save(const std::string& id) {
        const std::string bytes = "\x89PNG screenshot of " + id;
        NewDecklist d;
        d.decklist = {{"decklist_id", id},
                      {"filename", id + ".png"},
                      {"metadata", {{"event", "Webhook Cup"}, {"player", "Vi"}}},
                      {"main_deck", nlohmann::json::array()}};
        d.image = std::span(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
        d.image_sha256 = to_hex(sha256(bytes));
        ASSERT_FALSE(store_->save(d).duplicate);
    }

    std::string dir_;
    StoreOptions store_options_;
    std::unique_ptr<DecklistStore> store_;
};

TEST_F(WebhookTest, EveryDecklistArrivesSignedAfterRetriesUnderOneDeliveryId) {
    WebhookReceiver receiver(
        [](const std::string&, int attempt) { return attempt <= 3 ? 503u : 200u; });
    WebhookDispatcher dispatcher(*store_, fast_options(receiver));
    for (const char* id : {"deck-a", "deck-b", "deck-c"}) {
        save(id);
        dispatcher.notify();
    }

    ASSERT_TRUE(receiver.wait_for([](const auto& requests) {
        return answered_with(requests, 200) == 3;
    })) << receiver.requests().size()
        << " requests";
    const auto requests = receiver.requests();
    EXPECT_EQ(requests.size(), 12u);  // three deliveries, four attempts each
    std::set<std::string> decklists;
    for (const auto& [delivery_id, attempts] : by_delivery(requests)) {
        ASSERT_EQ(attempts.size(), 4u) << delivery_id;
        const nlohmann::json payload = nlohmann::json::parse(attempts[0].body);
        EXPECT_EQ(payload["delivery_id"], delivery_id);
        EXPECT_EQ(payload["event"], "decklist.saved");
        EXPECT_EQ(payload["revision"], 1);
        EXPECT_EQ(payload["decklist"]["decklist_id"], payload["decklist_id"]);
        decklists.insert(payload["decklist_id"].get<std::string>());
        for (const auto& attempt : attempts) {
            EXPECT_EQ(attempt.method, "POST");
            EXPECT_EQ(attempt.target, "/hooks/decklists?source=test");
            EXPECT_EQ(attempt.content_type, "application/json");
            EXPECT_EQ(attempt.event, "decklist.saved");
            EXPECT_EQ(attempt.body, attempts[0].body);  // the same bytes every time
            EXPECT_EQ(attempt.signature, test::receiver_signature(kSecret, attempt.body));
        }
        EXPECT_EQ(attempts.back().status, 200u);
    }
    EXPECT_EQ(decklists, (std::set<std::string>{"deck-a", "deck-b", "deck-c"}));

    // The outcome of the last answer is recorded just after the receiver sent it.
    ASSERT_TRUE(test::eventually([&] { return dispatcher.stats_json()["delivered"] == 3; }));
    const nlohmann::json stats = dispatcher.stats_json();
    EXPECT_EQ(stats["failed_attempts"], 9);
    EXPECT_EQ(stats["abandoned"], 0);
    EXPECT_EQ(stats["pending"], 0);
    EXPECT_EQ(stats["outbox"]["delivered"], 3);
}

TEST_F(WebhookTest, ACorrectionIsDeliveredAsItsOwnEvent) {
    WebhookReceiver receiver([](const std::string&, int) { return 204u; });
    WebhookDispatcher dispatcher(*store_, fast_options(receiver));
    save("deck-a");
    Correction c;
    c.decklist = store_->get("deck-a")->decklist;
    c.decklist["metadata"]["player"] = "Jinx";
    c.expected_revision = 1;
    ASSERT_EQ(store_->update("deck-a", c).outcome, UpdateOutcome::updated);
    dispatcher.notify();

    ASSERT_TRUE(receiver.wait_for([](const auto& requests) { return requests.size() >= 2; }));
    std::map<std::string, nlohmann::json> by_event;
    for (const auto& r : receiver.requests()) by_event[r.event] = nlohmann::json::parse(r.body);
    ASSERT_EQ(by_event.size(), 2u);
    EXPECT_EQ(by_event["decklist.saved"]["revision"], 1);
    EXPECT_EQ(by_event["decklist.corrected"]["revision"], 2);
    EXPECT_EQ(by_event["decklist.corrected"]["decklist"]["metadata"]["player"], "Jinx");
}

TEST_F(WebhookTest, PendingDeliveriesSurviveARestartUnderTheirDeliveryIds) {
    WebhookReceiver receiver([](const std::string&, int) { return 503u; });
    std::set<std::string> first_ids;
    {
        WebhookDispatcher dispatcher(*store_, fast_options(receiver));
        save("deck-a");
        save("deck-b");
        dispatcher.notify();
        ASSERT_TRUE(receiver.wait_for(
            [](const auto& requests) { return by_delivery(requests).size() == 2; }));
        for (const auto& r : receiver.requests()) first_ids.insert(r.delivery_id);
    }
    store_.reset();  // the server stops with both deliveries pending

    store_ = open_decklist_store(store_options_);
    EXPECT_EQ(store_->outbox_counts().pending, 2);
    const std::size_t before_restart = receiver.requests().size();
    receiver.set_policy([](const std::string&, int) { return 200u; });
    WebhookOptions options = fast_options(receiver);
    options.poll_interval = 50ms;  // a retry scheduled by the old process is found by polling
    WebhookDispatcher restarted(*store_, options);  // no notify(): it looks at the outbox itself

    ASSERT_TRUE(
        receiver.wait_for([](const auto& requests) { return answered_with(requests, 200) == 2; }));
    std::set<std::string> delivered_ids;
    const auto requests = receiver.requests();
    for (std::size_t i = before_restart; i < requests.size(); ++i)
        if (requests[i].status == 200) delivered_ids.insert(requests[i].delivery_id);
    EXPECT_EQ(delivered_ids, first_ids);
    ASSERT_TRUE(test::eventually([&] { return restarted.stats_json()["delivered"] == 2; }));
    EXPECT_EQ(store_->outbox_counts().pending, 0);
    EXPECT_EQ(store_->outbox_counts().delivered, 2);
}

TEST_F(WebhookTest, ADeliveryIsAbandonedOnceGiveUpAfterHasPassed) {
    WebhookReceiver receiver([](const std::string&, int) { return 500u; });
    WebhookOptions options = fast_options(receiver);
    options.give_up_after = 150ms;
    WebhookDispatcher dispatcher(*store_, options);
    save("deck-a");
    dispatcher.notify();

    ASSERT_TRUE(test::eventually([&] { return dispatcher.stats_json()["abandoned"] == 1; }));
    const nlohmann::json stats = dispatcher.stats_json();
    EXPECT_EQ(stats["delivered"], 0);
    EXPECT_EQ(stats["pending"], 0);
    EXPECT_EQ(stats["outbox"]["abandoned"], 1);
    // Retried until the time was up (20, 40, 80 ms apart at most), the last attempt then.
    const auto requests = receiver.requests();
    EXPECT_GE(requests.size(), 3u);
    EXPECT_EQ(stats["failed_attempts"], requests.size());
    EXPECT_TRUE(store_->claim_deliveries(10, 0s).empty());
}

TEST_F(WebhookTest, StoppingDoesNotWaitForAReceiverThatNeverAnswers) {
    WebhookReceiver receiver([](const std::string&, int) { return 0u; });  // holds the request
    WebhookOptions options = fast_options(receiver);
    options.request_timeout = 120s;
    auto dispatcher = std::make_unique<WebhookDispatcher>(*store_, options);
    save("deck-a");
    dispatcher->notify();
    ASSERT_TRUE(receiver.wait_for([](const auto& requests) { return requests.size() == 1; }));

    const auto start = std::chrono::steady_clock::now();
    dispatcher.reset();
    EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
    // The interrupted attempt counts, and the delivery is due again at once.
    const auto due = store_->claim_deliveries(10, 60s);
    ASSERT_EQ(due.size(), 1u);
    EXPECT_EQ(due[0].attempts, 1);
    EXPECT_EQ(due[0].last_error, "the dispatcher stopped before the receiver answered");
}

TEST_F(WebhookTest, AnUnreachableReceiverIsAFailedAttemptNamingTheCause) {
    std::string url;
    {
        // A port that was just listening and is now closed.
        WebhookReceiver gone([](const std::string&, int) { return 200u; });
        url = gone.url();
    }
    WebhookOptions options;
    options.url = url;
    options.secret = std::string(kSecret);
    options.first_retry = 1h;  // one attempt, then the delivery waits
    options.max_retry = 1h;
    {
        WebhookDispatcher dispatcher(*store_, options);
        save("deck-a");
        dispatcher.notify();
        ASSERT_TRUE(
            test::eventually([&] { return dispatcher.stats_json()["failed_attempts"] == 1; }));
    }
    EXPECT_TRUE(store_->claim_deliveries(10, 60s).empty());  // not due for half an hour
    EXPECT_EQ(store_->outbox_counts().pending, 1);
    // The reason is kept with the delivery, for whoever looks at the outbox.
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open_v2((store_options_.data_dir + "/decklists.sqlite3").c_str(), &db,
                              SQLITE_OPEN_READONLY, nullptr),
              SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(db, "SELECT last_error FROM webhook_outbox", -1, &st, nullptr),
              SQLITE_OK);
    ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
    EXPECT_EQ(std::string(reinterpret_cast<const char*>(sqlite3_column_text(st, 0))),
              "connecting: Connection refused");
    sqlite3_finalize(st);
    sqlite3_close(db);
}

TEST(WebhookOptionsTest, UnusableUrlsAndAMissingSecretAreValidationErrors) {
    for (const char* url :
         {"https://hooks.example/x", "ftp://hooks.example/x", "http://",
          "http://user:pw@hooks.example/", "http://hooks.example:0/", "http://hooks.example:70000/",
          "http://hooks.example:8o/", "http://hooks.example/#frag", "hooks.example"}) {
        try {
            http::parse_webhook_url(url);
            ADD_FAILURE() << "accepted " << url;
        } catch (const Error& e) {
            EXPECT_EQ(e.type(), ErrorType::validation) << url;
            EXPECT_EQ(e.detail()["field"], "webhook_url") << url;
        }
    }
    auto parsed = http::parse_webhook_url("http://hooks.example");
    EXPECT_EQ(parsed.host, "hooks.example");
    EXPECT_EQ(parsed.port, "80");
    EXPECT_EQ(parsed.target, "/");
    parsed = http::parse_webhook_url("http://[::1]:8080?x=1");
    EXPECT_EQ(parsed.host, "::1");
    EXPECT_EQ(parsed.port, "8080");
    EXPECT_EQ(parsed.target, "/?x=1");

    char pattern[] = "/tmp/decklist-webhook-XXXXXX";
    ASSERT_NE(::mkdtemp(pattern), nullptr);
    StoreOptions store_options;
    store_options.data_dir = pattern;
    auto store = open_decklist_store(store_options);
    WebhookOptions options;
    options.url = "http://127.0.0.1:9/";
    try {
        WebhookDispatcher dispatcher(*store, options);
        ADD_FAILURE() << "started without a secret";
    } catch (const Error& e) {
        EXPECT_EQ(e.type(), ErrorType::validation);
        EXPECT_EQ(e.detail()["field"], "webhook_secret");
    }
    store.reset();
    std::error_code ec;
    std::filesystem::remove_all(pattern, ec);
}

TEST(WebhookOptionsTest, RetryDelaysDoubleFromFirstRetryUpToMaxRetry) {
    WebhookOptions options;
    options.first_retry = 1000ms;
    options.max_retry = std::chrono::hours(1);
    EXPECT_EQ(http::webhook_retry_delay(options, 1), 1000ms);
    EXPECT_EQ(http::webhook_retry_delay(options, 2), 2000ms);
    EXPECT_EQ(http::webhook_retry_delay(options, 3), 4000ms);
    EXPECT_EQ(http::webhook_retry_delay(options, 12), 2048000ms);
    EXPECT_EQ(http::webhook_retry_delay(options, 13), 3600000ms);
    EXPECT_EQ(http::webhook_retry_delay(options, 10000), 3600000ms);  // no overflow
}

}  // namespace
}  // namespace decklist::webhook_test
