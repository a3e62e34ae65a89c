// The webhook as a user sets it up: decklist-server with webhook_url and webhook_secret in
// its environment, screenshots saved through the API, and a receiver that is down for the
// first three attempts. Every decklist still arrives, signed, each delivery under one id
// across its attempts; a correction follows as its own delivery.

#include <gtest/gtest.h>

#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "http_client.hpp"
#include "polling.hpp"
#include "server_process.hpp"
#include "streaming_fixture.hpp"
#include "webhook_receiver.hpp"
#include "webhook_signature.hpp"

namespace decklist::webhook_test {
namespace {

constexpr std::string_view kServerSecret = "the deck site's webhook secret";

std::size_t deliveries_answered_ok(const std::vector<ReceivedRequest>& requests) {
    std::size_t n = 0;
    for (const auto& r : requests) n += r.status == 200 ? 1 : 0;
    return n;
}

TEST(ServerWebhook, ADownReceiverStillGetsEverySavedAndCorrectedDecklistSigned) {
    WebhookReceiver receiver(
        [](const std::string&, int attempt) { return attempt <= 3 ? 503u : 200u; });
    test::ServerProcess::Options options;
    options.env = {{"DECKLIST_WEBHOOK_URL", receiver.url()},
                   {"DECKLIST_WEBHOOK_SECRET", std::string(kServerSecret)},
                   {"OMP_THREAD_LIMIT", "1"}};
    test::ServerProcess server(options);

    const std::string body = test::multipart_body(
        {test::screenshot_file(0), test::screenshot_file(1), test::screenshot_file(2)});
    const auto saved = test::http_request(server.port(), "POST", "/api/v1/process-batch?save=true",
                                          test::multipart_headers(body.size()), body);
    ASSERT_EQ(saved.status, 200) << saved.body;
    std::set<std::string> saved_ids;
    const auto answer = nlohmann::json::parse(saved.body);
    for (const auto& decklist : answer["results"])
        saved_ids.insert(decklist["saved"]["id"].get<std::string>());
    ASSERT_EQ(saved_ids.size(), 3u);

    // Retries back off from one second: three failures take a few seconds.
    ASSERT_TRUE(receiver.wait_for(
        [](const auto& requests) { return deliveries_answered_ok(requests) == 3; },
        std::chrono::seconds(90)))
        << receiver.requests().size() << " requests";
    std::map<std::string, std::vector<ReceivedRequest>> attempts;
    for (const auto& r : receiver.requests()) attempts[r.delivery_id].push_back(r);
    ASSERT_EQ(attempts.size(), 3u);
    std::set<std::string> delivered_ids;
    for (const auto& [delivery_id, tries] : attempts) {
        ASSERT_EQ(tries.size(), 4u) << delivery_id;
        const auto payload = nlohmann::json::parse(tries.front().body);
        EXPECT_EQ(payload["event"], "decklist.saved");
        EXPECT_EQ(payload["delivery_id"], delivery_id);
        delivered_ids.insert(payload["decklist_id"].get<std::string>());
        for (const auto& attempt : tries) {
            EXPECT_EQ(attempt.body, tries.front().body);
            EXPECT_EQ(attempt.signature, test::receiver_signature(kServerSecret, attempt.body));
        }
    }
    EXPECT_EQ(delivered_ids, saved_ids);

    // A correction is pushed as well, as its own delivery (the receiver is up now).
    receiver.set_policy([](const std::string&, int) { return 200u; });
    const std::string id = *saved_ids.begin();
    const auto corrected =
        test::http_request(server.port(), "PATCH", "/api/v1/decklists/" + id,
                           {{"If-Match", "\"1\""}}, R"({"metadata": {"event": "Webhook Cup"}})");
    ASSERT_EQ(corrected.status, 200) << corrected.body;
    ASSERT_TRUE(receiver.wait_for(
        [](const auto& requests) { return deliveries_answered_ok(requests) == 4; }));
    const auto last = nlohmann::json::parse(receiver.requests().back().body);
    EXPECT_EQ(last["event"], "decklist.corrected");
    EXPECT_EQ(last["decklist_id"], id);
    EXPECT_EQ(last["revision"], 2);
    EXPECT_EQ(last["decklist"]["metadata"]["event"], "Webhook Cup");

    // The failed attempts are counted in the server's stats.
    ASSERT_TRUE(test::eventually([&] {
        const auto stats = test::http_request(server.port(), "GET", "/api/v1/stats");
        return nlohmann::json::parse(stats.body)["webhook"].value("delivered", 0) == 4;
    }));
    const auto stats =
        nlohmann::json::parse(test::http_request(server.port(), "GET", "/api/v1/stats").body);
    EXPECT_EQ(stats["webhook"]["failed_attempts"], 9);
}

}  // namespace
}  // namespace decklist::webhook_test
