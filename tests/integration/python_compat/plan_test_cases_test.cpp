// The streaming plan's own test cases, and the Python service's other response shapes, against
// the real server: what a client written for the Python (FastAPI) service relies on.

#include <set>
#include <sstream>

#include "streaming_fixture.hpp"

namespace decklist::test {
namespace {

const std::vector<std::string> kStreamingRoutes = {"/api/process-batch-stream",
                                                   "/api/process-batch-fast"};

// The plan's bad file: text under a .jpg name.
UploadFile bad_jpeg() {
    return {"files", "bad.jpg", "image/jpeg", "this is not an image\n"};
}

struct Stream {
    HttpResponse head;
    std::vector<SseEvent> events;
    std::string raw;
};

// How the plan's client reads a block: line one "event: X", line two "data: {json}", whatever
// follows is not looked at.
struct NaiveBlock {
    std::string event;
    json data;
};

class PlanTestCases : public ::testing::Test {
  protected:
    static void SetUpTestSuite() { server_ = start_server(); }
    static void TearDownTestSuite() { server_.reset(); }
    static int port() { return server_->port(); }

    static Stream post_stream(const std::string& route, const std::vector<UploadFile>& files) {
        const std::string body = multipart_body(files);
        HttpConnection c("127.0.0.1", port(), std::chrono::seconds(120));
        c.send(HttpConnection::format_request("POST", route, multipart_headers(body.size())));
        c.send(body);
        Stream stream;
        stream.head = c.read_head();
        SseReader reader(c);
        stream.events = reader.rest();
        stream.raw = reader.raw();
        return stream;
    }

    // Splits the raw stream on blank lines and reads each block the plan's way; a block it
    // could not read fails the test, as the plan's client would throw on it.
    static std::vector<NaiveBlock> read_the_plans_way(const std::string& raw) {
        std::vector<NaiveBlock> blocks;
        std::size_t start = 0;
        for (std::size_t end; (end = raw.find("\n\n", start)) != std::string::npos;
             start = end + 2) {
            std::istringstream block(raw.substr(start, end - start));
            std::string event_line, data_line;
            std::getline(block, event_line);
            std::getline(block, data_line);
            EXPECT_EQ(event_line.rfind("event: ", 0), 0u) << "block: " << event_line;
            EXPECT_EQ(data_line.rfind("data: ", 0), 0u) << "block: " << event_line;
            const json data = json::parse(
                data_line.substr(std::min<std::size_t>(6, data_line.size())), nullptr, false);
            EXPECT_FALSE(data.is_discarded()) << data_line;
            blocks.push_back(
                {event_line.substr(std::min<std::size_t>(7, event_line.size())), data});
        }
        EXPECT_EQ(start, raw.size()) << "the stream ends inside a block";
        return blocks;
    }

    static std::vector<NaiveBlock> of_type(const std::vector<NaiveBlock>& blocks,
                                           const std::string& type) {
        std::vector<NaiveBlock> out;
        for (const auto& b : blocks)
            if (b.event == type) out.push_back(b);
        return out;
    }

    static inline std::unique_ptr<ServerProcess> server_;
};

TEST_F(PlanTestCases, StreamingHeaders) {
    for (const auto& route : kStreamingRoutes) {
        const auto stream = post_stream(route, {screenshot_file(0)});
        EXPECT_EQ(stream.head.status, 200) << route;
        EXPECT_EQ(stream.head.header("content-type"), "text/event-stream") << route;
        EXPECT_EQ(stream.head.header("cache-control"), "no-cache") << route;
    }
}

TEST_F(PlanTestCases, EveryBlockReadsAsEventThenData) {
    for (const auto& route : kStreamingRoutes) {
        const auto stream = post_stream(route, {screenshot_file(0), bad_jpeg()});
        ASSERT_EQ(stream.head.status, 200) << route;
        const auto blocks = read_the_plans_way(stream.raw);
        // The naive reading sees the same events as a conforming parser, pings aside.
        std::vector<std::string> naive, parsed;
        for (const auto& b : blocks)
            if (b.event != "ping") naive.push_back(b.event);
        for (const auto& e : stream.events)
            if (e.event != "ping") parsed.push_back(e.event);
        EXPECT_EQ(naive, parsed) << route;
    }
}

TEST_F(PlanTestCases, OneProgressEventPerFile) {
    for (const auto& route : kStreamingRoutes) {
        const auto files =
            std::vector<UploadFile>{screenshot_file(0), screenshot_file(1), screenshot_file(2)};
        const auto blocks = read_the_plans_way(post_stream(route, files).raw);
        const auto progress = of_type(blocks, "progress");
        ASSERT_EQ(progress.size(), 3u) << route;
        std::set<int> current;
        for (const auto& p : progress) {
            EXPECT_EQ(p.data["status"], "processing") << p.data.dump();
            EXPECT_EQ(p.data["total"], 3) << p.data.dump();
            EXPECT_EQ(p.data["current"], p.data["index"].get<int>() + 1) << p.data.dump();
            EXPECT_TRUE(p.data["filename"].is_string()) << p.data.dump();
            current.insert(p.data["current"].get<int>());
        }
        EXPECT_EQ(current, (std::set<int>{1, 2, 3})) << route;
    }
}

TEST_F(PlanTestCases, ResultsCarryADecklistId) {
    for (const auto& route : kStreamingRoutes) {
        const auto blocks =
            read_the_plans_way(post_stream(route, {screenshot_file(0), screenshot_file(1)}).raw);
        const auto results = of_type(blocks, "result");
        ASSERT_EQ(results.size(), 2u) << route;
        std::set<std::string> ids;
        for (const auto& r : results) {
            ASSERT_TRUE(r.data["decklist"]["decklist_id"].is_string()) << r.data.dump();
            ids.insert(r.data["decklist"]["decklist_id"].get<std::string>());
            EXPECT_EQ(r.data["filename"], r.data["decklist"]["filename"]);
        }
        EXPECT_EQ(ids.size(), 2u) << "each decklist has its own id";
    }
}

TEST_F(PlanTestCases, ValidInvalidValidGivesTwoResultsOneErrorOneComplete) {
    for (const auto& route : kStreamingRoutes) {
        const auto blocks = read_the_plans_way(
            post_stream(route, {screenshot_file(0), bad_jpeg(), screenshot_file(1)}).raw);
        EXPECT_EQ(of_type(blocks, "result").size(), 2u) << route;
        EXPECT_EQ(of_type(blocks, "complete").size(), 1u) << route;
        const auto errors = of_type(blocks, "error");
        ASSERT_EQ(errors.size(), 1u) << route;
        EXPECT_EQ(errors[0].data["index"], 1);
        EXPECT_EQ(errors[0].data["filename"], "bad.jpg");
        EXPECT_TRUE(errors[0].data["error"].is_string());
        EXPECT_EQ(errors[0].data["error_type"], "validation");
        ASSERT_FALSE(blocks.empty());
        EXPECT_EQ(blocks.back().event, "complete") << route;
    }
}

TEST_F(PlanTestCases, CompleteStatistics) {
    for (const auto& route : kStreamingRoutes) {
        const auto blocks = read_the_plans_way(
            post_stream(route, {screenshot_file(0), bad_jpeg(), screenshot_file(1)}).raw);
        const auto complete = of_type(blocks, "complete");
        ASSERT_EQ(complete.size(), 1u) << route;
        const json& stats = complete[0].data;
        EXPECT_EQ(stats["total"], 3) << stats.dump();
        EXPECT_EQ(stats["successful"], 2) << stats.dump();
        EXPECT_EQ(stats["failed"], 1) << stats.dump();
        ASSERT_TRUE(stats["average_accuracy"].is_number()) << stats.dump();
        // The mean of the two results' accuracies.
        double sum = 0;
        for (const auto& r : of_type(blocks, "result"))
            sum += r.data["decklist"]["stats"]["accuracy"].get<double>();
        EXPECT_NEAR(stats["average_accuracy"].get<double>(), sum / 2, 0.051) << stats.dump();
    }
}

TEST_F(PlanTestCases, HealthHasThePythonServicesShape) {
    for (const char* target : {"/health", "/api/v1/health"}) {
        const auto r = http_request(port(), "GET", target);
        ASSERT_EQ(r.status, 200) << target;
        const auto j = json::parse(r.body);
        ASSERT_TRUE(j["ocr_ready"].is_boolean()) << r.body;
        EXPECT_EQ(j["status"], j["ocr_ready"] ? "healthy" : "starting") << r.body;
        EXPECT_EQ(j["service"], "decklist-ocr") << r.body;
        EXPECT_TRUE(j["version"].is_string()) << r.body;
        EXPECT_EQ(j["matcher_loaded"], true) << r.body;
        EXPECT_EQ(j["total_cards_in_db"], j["cards_loaded"]) << r.body;
        EXPECT_GT(j["total_cards_in_db"].get<int>(), 0) << r.body;
    }
    // Once a batch has run, every worker has loaded OCR.
    post_stream("/api/process-batch-fast", {screenshot_file(0)});
    EXPECT_TRUE(eventually([&] {
        return json::parse(http_request(port(), "GET", "/health").body)["status"] == "healthy";
    }));
}

TEST_F(PlanTestCases, StatsHaveMatcherAndParserSectionsFromRealCounters) {
    const json before = get_json(port(), "/api/v1/stats");
    const auto blocks = read_the_plans_way(
        post_stream("/api/process-batch-stream", {screenshot_file(0), bad_jpeg()}).raw);
    ASSERT_EQ(of_type(blocks, "result").size(), 1u);
    const auto processed_before = before["parser"]["images_parsed"].get<int>();
    const auto failed_before = before["parser"]["failures"].get<int>();
    const json after = wait_for_stats(port(), [&](const json& s) {
        return s["parser"]["images_parsed"].get<int>() >= processed_before + 1 &&
               s["parser"]["failures"].get<int>() >= failed_before + 1;
    });

    const json& matcher = after["matcher"];
    EXPECT_EQ(matcher["loaded"], true);
    EXPECT_EQ(matcher["total_cards"], get_json(port(), "/health")["total_cards_in_db"]);
    EXPECT_GT(matcher["distinct_names"].get<int>(), 0);
    EXPECT_LE(matcher["distinct_names"].get<int>(), matcher["total_cards"].get<int>());
    EXPECT_TRUE(matcher["min_fuzzy_score"].is_number());
    EXPECT_TRUE(matcher["title_only_factor"].is_number());

    // The parser section renames the image counters; it adds none of its own.
    const json& parser = after["parser"];
    EXPECT_EQ(parser["images_parsed"], after["images"]["processed"]);
    EXPECT_EQ(parser["failures"], after["images"]["failed"]);
    EXPECT_EQ(parser["average_ms"], after["images"]["latency"]["mean_ms"]);
    ASSERT_TRUE(parser["average_ms"].is_number()) << parser.dump();
    EXPECT_GT(parser["average_ms"].get<double>(), 0);
    EXPECT_TRUE(parser["ocr_ready"].is_boolean());
    // The batch's own counters still sit beside them.
    EXPECT_TRUE(after.contains("requests"));
    EXPECT_TRUE(after.contains("workers"));
}

TEST_F(PlanTestCases, ErrorBodiesHaveAStringDetail) {
    const auto not_found = http_request(port(), "GET", "/api/v1/no-such-route");
    const auto method = http_request(port(), "DELETE", "/health");
    const auto no_files = http_request(
        port(), "POST", "/api/v1/process-batch",
        {{"Content-Type", "multipart/form-data; boundary=" + kBoundary}}, closing_bytes());
    for (const auto* r : {&not_found, &method, &no_files}) {
        const auto body = json::parse(r->body);
        EXPECT_EQ(schemas().explain("error_response.json", body), "") << r->body;
        ASSERT_TRUE(body["detail"].is_string()) << r->body;
        EXPECT_EQ(body["detail"], body["error"]) << r->body;
    }
    EXPECT_EQ(not_found.status, 404);
    EXPECT_EQ(method.status, 405);
    // The facts that used to be detail's keys are fields of the body.
    EXPECT_EQ(json::parse(method.body)["allowed"], method.header("allow"));
    EXPECT_EQ(no_files.status, 400);
}

}  // namespace
}  // namespace decklist::test
