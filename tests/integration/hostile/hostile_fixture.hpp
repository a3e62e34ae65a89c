#pragma once
// What the hostile-input tests share: one real decklist-server per suite with short timeouts
// and small limits, and, around every test, a well-behaved batch running beside the hostile
// client. After each test /health must answer and that batch must have completed intact:
// a bad client may get an error, never take another client's events down with it.

#include <sys/resource.h>

#include <fstream>
#include <future>
#include <string>
#include <vector>

#include <opencv2/imgproc.hpp>

#include "streaming_fixture.hpp"

namespace decklist::test {

// The limits the hostile suite's server runs with (its tests compute sizes from them).
inline constexpr int kMaxFileMb = 8;
inline constexpr std::size_t kMaxFileBytes = std::size_t{kMaxFileMb} * 1024 * 1024;
inline constexpr int kMaxBatch = 3;

// Peak resident memory of a process (VmHWM), in KiB; 0 when unreadable.
inline long peak_rss_kib(pid_t pid) {
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
    return 0;
}

// Everything the beside batch received, checked on the test's thread.
struct BesideOutcome {
    int status = 0;
    std::vector<SseEvent> events;
    std::string failure;  // an exception on the client side
};

class Hostile : public ::testing::Test {
  public:
    static void SetUpTestSuite() {
        // Idle-connection tests hold ~1000 sockets: lift the soft fd limit before the server
        // is forked, so it inherits the same allowance.
        rlimit files{};
        if (::getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur < files.rlim_max) {
            files.rlim_cur = files.rlim_max;
            ::setrlimit(RLIMIT_NOFILE, &files);
        }
        server_ = start_server({{"DECKLIST_HEADER_TIMEOUT_S", "1"},
                                {"DECKLIST_READ_TIMEOUT_S", "2"},
                                {"DECKLIST_IDLE_TIMEOUT_S", "5"},
                                {"DECKLIST_MAX_FILE_SIZE_MB", std::to_string(kMaxFileMb)},
                                {"DECKLIST_MAX_BATCH_SIZE", std::to_string(kMaxBatch)},
                                {"DECKLIST_MAX_BODY_MB", "64"},
                                {"DECKLIST_MAX_WORKERS", "2"}});
    }
    static void TearDownTestSuite() { server_.reset(); }

    void SetUp() override { beside_ = std::async(std::launch::async, run_beside_batch, port()); }

    void TearDown() override {
        EXPECT_EQ(http_request(port(), "GET", "/health").status, 200) << "after " << test_name();
        const BesideOutcome beside = beside_.get();
        EXPECT_EQ(beside.failure, "");
        ASSERT_EQ(beside.status, 200);
        expect_event_order(beside.events, 1);
        EXPECT_EQ(count_events(beside.events, "result"), 1u) << "beside batch lost its result";
        ASSERT_FALSE(beside.events.empty());
        const auto complete = data_of(beside.events.back());
        EXPECT_EQ(complete["total"], 1);
        EXPECT_EQ(complete["successful"], 1);
    }

    static int port() { return server_->port(); }
    static int port_for_tests() { return port(); }  // for free helper functions
    static pid_t server_pid() { return server_->pid(); }

    static HttpResponse post_files(const std::string& target,
                                   const std::vector<UploadFile>& files) {
        const std::string body = multipart_body(files);
        return http_request(port(), "POST", target, multipart_headers(body.size()), body);
    }
    static HttpResponse post_file(const UploadFile& file) {
        return post_files("/api/v1/process", {file});
    }
    static void expect_error(const HttpResponse& r, int status, const std::string& type,
                             const std::string& mentions = "") {
        EXPECT_EQ(r.status, status) << r.body;
        const auto body = json::parse(r.body, nullptr, false);
        ASSERT_FALSE(body.is_discarded()) << "not JSON: " << r.body;
        EXPECT_EQ(body["error_type"], type) << r.body;
        if (!mentions.empty()) {
            EXPECT_NE(body["error"].get<std::string>().find(mentions), std::string::npos) << r.body;
        }
    }

  private:
    static std::string test_name() {
        return ::testing::UnitTest::GetInstance()->current_test_info()->name();
    }
    static BesideOutcome run_beside_batch(int port) {
        BesideOutcome out;
        try {
            const std::string body = multipart_body({screenshot_file(3)});
            HttpConnection c("127.0.0.1", port, std::chrono::seconds(120));
            c.send(HttpConnection::format_request("POST", "/api/v1/process-batch-fast",
                                                  multipart_headers(body.size()), body));
            out.status = c.read_head().status;
            if (out.status != 200) return out;
            SseParser parser;
            while (auto chunk = c.read_chunk())
                for (auto& e : parser.feed(*chunk)) out.events.push_back(std::move(e));
        } catch (const std::exception& e) {
            out.failure = e.what();
        }
        return out;
    }

    std::future<BesideOutcome> beside_;
    static inline std::unique_ptr<ServerProcess> server_;
};

// Helpers that make hostile files from the shared screenshots at test time.
inline std::string screenshot_bytes(std::size_t i) {
    return screenshot_file(i).bytes;
}

inline cv::Mat screenshot_image(std::size_t i, double scale = 1.0) {
    const std::string bytes = screenshot_bytes(i);
    cv::Mat image = cv::imdecode(
        cv::Mat(1, static_cast<int>(bytes.size()), CV_8UC1, const_cast<char*>(bytes.data())),
        cv::IMREAD_COLOR);
    if (scale != 1.0) cv::resize(image, image, {}, scale, scale, cv::INTER_AREA);
    return image;
}

inline std::string encode(const cv::Mat& image, const std::string& ext,
                          const std::vector<int>& params = {}) {
    std::vector<uchar> out;
    if (!cv::imencode(ext, image, out, params)) throw std::runtime_error("imencode " + ext);
    return std::string(out.begin(), out.end());
}

inline UploadFile named_file(std::string filename, std::string bytes,
                             std::string content_type = "image/jpeg", std::string field = "file") {
    return {std::move(field), std::move(filename), std::move(content_type), std::move(bytes)};
}

// The card names a decklist JSON lists, section by section, for comparing two readings.
inline std::vector<std::string> card_names(const json& decklist) {
    std::vector<std::string> names;
    for (const std::string section : {"legend", "main_deck", "battlefields", "runes", "side_deck"})
        for (const auto& card : decklist[section])
            names.push_back(section + ":" + card["name_cn"].get<std::string>());
    std::sort(names.begin(), names.end());
    return names;
}

}  // namespace decklist::test
