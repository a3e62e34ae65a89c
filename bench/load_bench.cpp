// Bounded loopback load on the real server, to show that concurrent streams neither lose nor
// duplicate events and that memory stays bounded: N concurrent clients, each sending R rounds
// of a B-screenshot batch to /api/v1/process-batch-fast. For every stream it checks that
// complete arrives last with counts matching the batch, and counts lost (an
// index without its result/error) and duplicated (an index answered twice) events. Prints
// p50/p99 time to first event and to complete, and the server's peak RSS.
//
//   load-bench [--clients 32] [--batch 4] [--rounds 1] [--workers 0]
//
// It starts its own decklist-server from the build directory (tests/support launcher) on an
// ephemeral loopback port. Not a test: no assertion on time; figures go to RELIABILITY.md.

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/common/stopwatch.hpp"
#include "file_bytes.hpp"
#include "http_client.hpp"
#include "server_process.hpp"
#include "shared_data.hpp"
#include "sse_parser.hpp"

namespace {

using decklist::test::HttpConnection;

struct StreamReport {
    double first_event_ms = -1;
    double complete_ms = -1;
    int lost = 0, duplicated = 0;
    bool complete_ok = false;
    std::string failure;
};

std::string multipart(const std::vector<std::string>& files, const std::string& boundary) {
    std::string body;
    for (std::size_t i = 0; i < files.size(); ++i)
        body +=
            "--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"" +
            std::to_string(i) + ".jpg\"\r\nContent-Type: image/jpeg\r\n\r\n" + files[i] + "\r\n";
    return body + "--" + boundary + "--\r\n";
}

StreamReport run_stream(int port, const std::string& body, const std::string& boundary,
                        std::size_t batch) {
    StreamReport report;
    const decklist::Stopwatch stopwatch;
    try {
        HttpConnection c("127.0.0.1", port, std::chrono::seconds(600));
        c.send(HttpConnection::format_request(
            "POST", "/api/v1/process-batch-fast",
            {{"Content-Type", "multipart/form-data; boundary=" + boundary}}, body));
        if (const int status = c.read_head().status; status != 200) {
            report.failure = "status " + std::to_string(status);
            return report;
        }
        decklist::test::SseParser parser;
        std::vector<int> answered(batch, 0);
        std::vector<decklist::test::SseEvent> events;
        while (auto chunk = c.read_chunk())
            for (auto& e : parser.feed(*chunk)) {
                if (report.first_event_ms < 0) report.first_event_ms = stopwatch.elapsed_ms();
                events.push_back(std::move(e));
            }
        report.complete_ms = stopwatch.elapsed_ms();
        for (std::size_t i = 0; i < events.size(); ++i) {
            const auto data = nlohmann::json::parse(events[i].data);
            if (events[i].event == "result" || events[i].event == "error") {
                const std::size_t index = data["index"];
                if (index < batch) ++answered[index];
            }
            if (events[i].event == "complete")
                report.complete_ok = i + 1 == events.size() && data["total"] == batch &&
                                     data["successful"].get<int>() + data["failed"].get<int>() +
                                             data["cancelled"].get<int>() ==
                                         static_cast<int>(batch);
        }
        for (int n : answered) {
            if (n == 0) ++report.lost;
            if (n > 1) report.duplicated += n - 1;
        }
    } catch (const std::exception& e) {
        report.failure = e.what();
    }
    return report;
}

double percentile(std::vector<double> values, double p) {
    if (values.empty()) return -1;
    std::sort(values.begin(), values.end());
    const auto rank =
        static_cast<std::size_t>(p / 100.0 * static_cast<double>(values.size() - 1) + 0.5);
    return values[std::min(rank, values.size() - 1)];
}

long status_kib(pid_t pid, const char* field) {
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind(field, 0) == 0) return std::stol(line.substr(std::string(field).size()));
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    std::size_t clients = 32, batch = 4, rounds = 1;
    std::string workers = "0";
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string flag = argv[i];
        if (flag == "--clients")
            clients = std::stoul(argv[i + 1]);
        else if (flag == "--batch")
            batch = std::stoul(argv[i + 1]);
        else if (flag == "--rounds")
            rounds = std::stoul(argv[i + 1]);
        else if (flag == "--workers")
            workers = argv[i + 1];
        else {
            std::fprintf(stderr, "unknown flag %s\n", flag.c_str());
            return 2;
        }
    }
    std::vector<std::string> shots;
    for (const auto& entry :
         std::filesystem::directory_iterator(decklist::testing::shared_screenshot_dir()))
        if (entry.path().extension() == ".jpg") {
            const auto bytes = decklist::testing::read_bytes(entry.path());
            shots.emplace_back(bytes.begin(), bytes.end());
        }
    std::vector<std::string> files;
    for (std::size_t i = 0; i < batch; ++i) files.push_back(shots.at(i % shots.size()));
    const std::string boundary = "load-bench-boundary";
    const std::string body = multipart(files, boundary);

    decklist::test::ServerProcess::Options options;
    // Every client comes from 127.0.0.1, which the per-client limits would treat as one
    // client; this bench measures the worker pool and the streams, so they are lifted.
    options.env = {{"DECKLIST_LOG_LEVEL", "warn"},
                   {"DECKLIST_MAX_WORKERS", workers},
                   {"DECKLIST_MAX_CONCURRENT_BATCHES_PER_CLIENT", "0"},
                   {"DECKLIST_IMAGES_PER_MINUTE_PER_CLIENT", "0"}};
    decklist::test::ServerProcess server(options);
    const long rss_idle = status_kib(server.pid(), "VmRSS:");

    std::mutex mutex;
    std::vector<StreamReport> reports;
    const decklist::Stopwatch stopwatch;
    std::vector<std::thread> threads;
    for (std::size_t c = 0; c < clients; ++c)
        threads.emplace_back([&] {
            for (std::size_t r = 0; r < rounds; ++r) {
                auto report = run_stream(server.port(), body, boundary, batch);
                std::lock_guard lock(mutex);
                reports.push_back(std::move(report));
            }
        });
    for (auto& t : threads) t.join();
    const double wall_s = stopwatch.elapsed_ms() / 1000;

    std::vector<double> first, complete;
    int lost = 0, duplicated = 0, bad_complete = 0, failed = 0;
    for (const auto& r : reports) {
        if (!r.failure.empty()) {
            ++failed;
            std::fprintf(stderr, "stream failed: %s\n", r.failure.c_str());
            continue;
        }
        first.push_back(r.first_event_ms);
        complete.push_back(r.complete_ms);
        lost += r.lost;
        duplicated += r.duplicated;
        bad_complete += r.complete_ok ? 0 : 1;
    }
    std::printf(
        "clients %zu, batch %zu, rounds %zu: %zu streams, %zu images in %.1f s (%.2f images/s)\n",
        clients, batch, rounds, reports.size(), reports.size() * batch, wall_s,
        static_cast<double>(reports.size() * batch) / wall_s);
    std::printf(
        "failed streams %d, bad/missing complete %d, lost events %d, duplicated events %d\n",
        failed, bad_complete, lost, duplicated);
    std::printf("time to first event ms: p50 %.0f p99 %.0f\n", percentile(first, 50),
                percentile(first, 99));
    std::printf("time to complete ms:    p50 %.0f p99 %.0f\n", percentile(complete, 50),
                percentile(complete, 99));
    std::printf("server RSS KiB: idle %ld, peak (VmHWM) %ld\n", rss_idle,
                status_kib(server.pid(), "VmHWM:"));
    return failed || bad_complete || lost || duplicated ? 1 : 0;
}
