#pragma once
// A client-side event-stream parser written from the WHATWG algorithm ("interpreting an
// event stream"), fed arbitrary chunks. Tests use it to read what the server sends exactly as
// a browser would, so it is deliberately independent of the server's encoder.

#include <charconv>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace decklist::test {

struct SseEvent {
    std::string event = "message";
    std::string data;
    std::string id;  // the last event id in effect when this event was dispatched
};

class SseParser {
  public:
    // Feeds bytes; returns the events completed by them.
    std::vector<SseEvent> feed(std::string_view chunk) {
        std::vector<SseEvent> out;
        for (char c : chunk) {
            // One leading BOM (EF BB BF) is not part of the stream; it may arrive split
            // across chunks, so its bytes are held until they match or turn out not to.
            if (bom_matched_ < kBom.size()) {
                if (c == kBom[bom_matched_]) {
                    ++bom_matched_;
                    continue;
                }
                line_.append(kBom.substr(0, bom_matched_));
                bom_matched_ = kBom.size();
            }
            if (skip_lf_) {
                skip_lf_ = false;
                if (c == '\n') continue;
            }
            if (c == '\r' || c == '\n') {
                if (c == '\r') skip_lf_ = true;
                process_line(line_, out);
                line_.clear();
            } else {
                line_.push_back(c);
            }
        }
        return out;
    }

    std::optional<std::int64_t> retry_ms() const { return retry_; }
    std::size_t comments() const { return comments_; }
    const std::string& last_event_id() const { return last_id_; }

  private:
    void process_line(const std::string& line, std::vector<SseEvent>& out) {
        if (line.empty()) {
            dispatch(out);
            return;
        }
        if (line[0] == ':') {
            ++comments_;
            return;
        }
        std::string field = line, value;
        if (auto colon = line.find(':'); colon != std::string::npos) {
            field = line.substr(0, colon);
            value = line.substr(colon + 1);
            if (!value.empty() && value[0] == ' ') value.erase(0, 1);
        }
        if (field == "event") {
            event_ = value;
        } else if (field == "data") {
            data_ += value;
            data_ += '\n';
            has_data_ = true;
        } else if (field == "id") {
            if (value.find('\0') == std::string::npos) last_id_ = value;
        } else if (field == "retry") {
            // Any run of digits is valid; one beyond 64 bits saturates rather than throwing.
            if (!value.empty() && value.find_first_not_of("0123456789") == std::string::npos) {
                std::int64_t ms = 0;
                const auto result = std::from_chars(value.data(), value.data() + value.size(), ms);
                retry_ = result.ec == std::errc::result_out_of_range
                             ? std::numeric_limits<std::int64_t>::max()
                             : ms;
            }
        }
    }

    void dispatch(std::vector<SseEvent>& out) {
        if (!has_data_) {
            event_.clear();
            return;
        }
        if (!data_.empty() && data_.back() == '\n') data_.pop_back();
        SseEvent e;
        e.event = event_.empty() ? "message" : event_;
        e.data = data_;
        e.id = last_id_;
        out.push_back(std::move(e));
        data_.clear();
        event_.clear();
        has_data_ = false;
    }

    static constexpr std::string_view kBom = "\xEF\xBB\xBF";

    std::string line_, event_, data_, last_id_;
    std::size_t bom_matched_ = 0;  // kBom.size() once the stream's start is past
    bool has_data_ = false;
    bool skip_lf_ = false;
    std::optional<std::int64_t> retry_;
    std::size_t comments_ = 0;
};

}  // namespace decklist::test
