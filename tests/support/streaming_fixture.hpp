#pragma once
// What the streaming, access, hostile and python_compat integration tests share: a real
// decklist-server per suite, multipart bodies built from the real shared screenshots, an SSE
// reader over a real socket, and the schema check every received event goes through.

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include "file_bytes.hpp"
#include "http_client.hpp"
#include "json_schema.hpp"
#include "polling.hpp"
#include "server_process.hpp"
#include "shared_data.hpp"
#include "sse_parser.hpp"

namespace decklist::test {

using nlohmann::json;

struct UploadFile {
    std::string field = "files";
    std::string filename;
    std::string content_type;
    std::string bytes;
};

inline std::vector<std::filesystem::path> screenshots() {
    std::vector<std::filesystem::path> paths;
    for (const auto& e : std::filesystem::directory_iterator(testing::shared_screenshot_dir()))
        if (e.path().extension() == ".jpg") paths.push_back(e.path());
    std::sort(paths.begin(), paths.end());
    return paths;
}

inline UploadFile screenshot_file(std::size_t i, std::string field = "files") {
    const auto paths = screenshots();
    const auto& path = paths.at(i % paths.size());
    const auto bytes = testing::read_bytes(path);
    return {std::move(field), "shot" + std::to_string(i) + "_" + path.filename().string(),
            "image/jpeg", std::string(bytes.begin(), bytes.end())};
}

inline UploadFile text_file(std::string name = "notes.txt", std::string field = "files") {
    return {std::move(field), std::move(name), "text/plain", "this is not an image\n"};
}

// A real PNG that is not a decklist: a plain light-grey page.
inline UploadFile blank_png(std::string field = "files") {
    cv::Mat page(1600, 1080, CV_8UC3, cv::Scalar(235, 235, 235));
    std::vector<uchar> png;
    cv::imencode(".png", page, png);
    return {std::move(field), "blank.png", "image/png", std::string(png.begin(), png.end())};
}

inline const std::string kBoundary = "----decklist-test-boundary-7d1f";

inline std::string part_bytes(const UploadFile& f) {
    return "--" + kBoundary + "\r\nContent-Disposition: form-data; name=\"" + f.field +
           "\"; filename=\"" + f.filename + "\"\r\nContent-Type: " + f.content_type + "\r\n\r\n" +
           f.bytes + "\r\n";
}
inline std::string closing_bytes() {
    return "--" + kBoundary + "--\r\n";
}

inline std::string multipart_body(const std::vector<UploadFile>& files) {
    std::string body;
    for (const auto& f : files) body += part_bytes(f);
    return body + closing_bytes();
}

inline std::vector<std::pair<std::string, std::string>> multipart_headers(std::size_t length) {
    return {{"Content-Type", "multipart/form-data; boundary=" + kBoundary},
            {"Content-Length", std::to_string(length)}};
}

inline SchemaSet& schemas() {
    static SchemaSet set(std::string(DECKLIST_SOURCE_DIR) + "/docs/schemas");
    return set;
}

// Every event the tests receive is checked against its published schema.
inline void expect_valid_event(const SseEvent& e) {
    const auto data = json::parse(e.data);
    EXPECT_EQ(schemas().explain(e.event + ".json", data), "") << e.event << ": " << e.data;
}

// Reads an event stream from a connection whose response head has been read.
class SseReader {
  public:
    explicit SseReader(HttpConnection& connection) : connection_(connection) {}

    // The next event (validated), or nullopt when the stream ended. Heartbeat "ping" events
    // are counted, checked and skipped, as the clients' switch statements skip them.
    std::optional<SseEvent> next() {
        for (;;) {
            while (pending_.empty()) {
                auto chunk = connection_.read_chunk();
                if (!chunk) return std::nullopt;
                raw_ += *chunk;
                for (auto& e : parser_.feed(*chunk)) pending_.push_back(std::move(e));
            }
            SseEvent e = pending_.front();
            pending_.erase(pending_.begin());
            if (e.event == "ping") {
                EXPECT_EQ(e.data, "{}");
                ++pings_;
                continue;
            }
            expect_valid_event(e);
            return e;
        }
    }
    std::size_t pings() const { return pings_; }
    std::vector<SseEvent> rest() {
        std::vector<SseEvent> out;
        while (auto e = next()) out.push_back(std::move(*e));
        return out;
    }
    const SseParser& parser() const { return parser_; }
    const std::string& raw() const { return raw_; }

  private:
    HttpConnection& connection_;
    SseParser parser_;
    std::vector<SseEvent> pending_;
    std::string raw_;
    std::size_t pings_ = 0;
};

inline json data_of(const SseEvent& e) {
    return json::parse(e.data);
}

// For each index: progress before its single result or error (an image cancelled before it
// started has no progress); complete last, exactly once.
inline void expect_event_order(const std::vector<SseEvent>& events, std::size_t total) {
    std::vector<int> done(total, 0), progress(total, 0);
    std::size_t completes = 0;
    for (std::size_t i = 0; i < events.size(); ++i) {
        const auto& e = events[i];
        if (e.event == "complete") {
            ++completes;
            EXPECT_EQ(i, events.size() - 1) << "complete is not last";
            continue;
        }
        const std::size_t index = data_of(e)["index"];
        ASSERT_LT(index, total) << e.data;
        if (e.event == "progress") {
            EXPECT_EQ(done[index], 0) << "progress after result/error for " << index;
            ++progress[index];
        } else {
            // An image cancelled before it started never had a stage to report.
            const bool never_started =
                e.event == "error" && data_of(e)["error_type"] == "cancelled";
            if (!never_started) {
                EXPECT_GT(progress[index], 0) << e.event << " before any progress for " << index;
            }
            ++done[index];
        }
    }
    EXPECT_EQ(completes, 1u);
    for (std::size_t i = 0; i < total; ++i) EXPECT_EQ(done[i], 1) << "image " << i;
}

inline std::size_t count_events(const std::vector<SseEvent>& events, const std::string& name) {
    return static_cast<std::size_t>(std::count_if(
        events.begin(), events.end(), [&](const SseEvent& e) { return e.event == name; }));
}

// A server per suite: starting one loads the card database and warms up Tesseract.
inline std::unique_ptr<ServerProcess> start_server(
    std::vector<std::pair<std::string, std::string>> env = {}) {
    ServerProcess::Options options;
    options.env = std::move(env);
    options.env.emplace_back("DECKLIST_LOG_LEVEL", "warn");
    return std::make_unique<ServerProcess>(std::move(options));
}

inline json get_json(int port, const std::string& target) {
    auto r = http_request(port, "GET", target);
    return json::parse(r.body);
}

}  // namespace decklist::test
