// GET /metrics as Prometheus scrapes it: the text format that promtool accepts, and the
// per-stage histograms moving once a screenshot has been processed.

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>

#include "polling.hpp"
#include "streaming_fixture.hpp"

namespace decklist::test {
namespace {

// The value of one sample line ("name{labels} value"), or -1 when there is none.
double sample_value(const std::string& exposition, const std::string& series) {
    const auto at = exposition.find("\n" + series + " ");
    if (at == std::string::npos) return -1;
    return std::stod(exposition.substr(at + series.size() + 2));
}

struct CommandResult {
    int exit_code = -1;
    std::string output;
};

// `promtool check metrics` reads the exposition on stdin; its findings go to stdout/stderr.
CommandResult promtool_check(const std::string& exposition) {
    char path[] = "/tmp/decklist-metrics-XXXXXX";
    const int fd = ::mkstemp(path);
    if (fd < 0) return {};
    if (::write(fd, exposition.data(), exposition.size()) !=
        static_cast<ssize_t>(exposition.size()))
        return {};
    ::close(fd);
    const std::string command = std::string("promtool check metrics <") + path + " 2>&1";
    CommandResult result;
    FILE* pipe = ::popen(command.c_str(), "r");
    char buffer[512];
    while (pipe && std::fgets(buffer, sizeof buffer, pipe)) result.output += buffer;
    const int status = pipe ? ::pclose(pipe) : -1;
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    std::remove(path);
    return result;
}

class Metrics : public ::testing::Test {
  protected:
    static void SetUpTestSuite() { server_ = start_server(); }
    static void TearDownTestSuite() { server_.reset(); }
    static std::string scrape() {
        const auto r = http_request(server_->port(), "GET", "/metrics");
        EXPECT_EQ(r.status, 200) << r.body;
        EXPECT_EQ(r.header("content-type"), "text/plain; version=0.0.4");
        return r.body;
    }
    static inline std::unique_ptr<ServerProcess> server_;
};

TEST_F(Metrics, PromtoolAcceptsTheExposition) {
    const auto checked = promtool_check(scrape());
    EXPECT_EQ(checked.exit_code, 0) << checked.output;
    EXPECT_EQ(checked.output, "") << "promtool's lint findings";
}

TEST_F(Metrics, StageHistogramsMoveAfterOneScreenshot) {
    const std::string stage_count = "decklist_image_stage_duration_seconds_count{stage=\"ocr\"}";
    const double before = std::max(0.0, sample_value(scrape(), stage_count));
    const std::string body = multipart_body({screenshot_file(1, "file")});
    const auto r = http_request(server_->port(), "POST", "/api/v1/process",
                                multipart_headers(body.size()), body);
    ASSERT_EQ(r.status, 200) << r.body;
    // The image is counted before its response is sent.
    const std::string after = scrape();
    for (const char* stage : {"decode", "layout", "ocr", "match", "total"}) {
        const std::string series =
            std::string("decklist_image_stage_duration_seconds_count{stage=\"") + stage + "\"}";
        EXPECT_EQ(sample_value(after, series), before + 1) << series;
        const std::string sum =
            std::string("decklist_image_stage_duration_seconds_sum{stage=\"") + stage + "\"}";
        EXPECT_GT(sample_value(after, sum), 0) << sum;
    }
    EXPECT_GE(sample_value(after, "decklist_images_total{outcome=\"processed\"}"), before + 1);
    EXPECT_GE(sample_value(after, "decklist_results_needing_review_total"), 0);
    EXPECT_GE(sample_value(after, "decklist_worker_pool_size"), 1);
    EXPECT_GE(sample_value(after, "decklist_open_connections"), 1);  // this scrape's
    // A request is counted once its response is written, a moment after the client has it.
    EXPECT_TRUE(eventually([] {
        return sample_value(scrape(),
                            "decklist_http_requests_total{route=\"POST "
                            "/api/v1/process\",status=\"200\"}") >= 1;
    }));
    const auto checked = promtool_check(after);
    EXPECT_EQ(checked.exit_code, 0) << checked.output;
}

}  // namespace
}  // namespace decklist::test
