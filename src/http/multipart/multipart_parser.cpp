#include "http/multipart/multipart_parser.hpp"

#include <algorithm>
#include <cctype>

#include "http/multipart/content_disposition.hpp"
#include "http/multipart/header_params.hpp"

namespace decklist::http::multipart {
namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    return s;
}

bool is_header_name(std::string_view name) {
    if (name.empty()) return false;
    return std::all_of(name.begin(), name.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
    });
}

}  // namespace

MultipartParser::MultipartParser(std::string boundary, Limits limits, Callbacks callbacks)
    : delimiter_("\r\n--" + boundary), limits_(limits), callbacks_(std::move(callbacks)) {
    // The first boundary may open the body without a preceding CRLF; pretending the body
    // starts with one lets a single delimiter search find both forms.
    held_ = "\r\n";
}

void MultipartParser::fail(ErrorCode code, std::string message, nlohmann::json detail) {
    if (!detail.is_object()) detail = nlohmann::json::object();
    if (part_count_ > 0) detail["part"] = part_count_ - 1;
    error_.emplace(code, std::move(message), std::move(detail));
    state_ = State::failed;
    throw *error_;
}

void MultipartParser::feed(std::string_view chunk) {
    if (state_ == State::failed) throw *error_;
    consume(chunk);
}

void MultipartParser::finish() {
    switch (state_) {
        case State::failed:
            throw *error_;
        case State::epilogue:
            return;
        case State::preamble:
            fail(ErrorCode::missing_opening_delimiter, "the multipart body holds no boundary line");
        case State::headers:
            fail(ErrorCode::missing_header_terminator,
                 "the multipart body ended inside a part's headers");
        default:
            fail(ErrorCode::missing_close_delimiter,
                 "the multipart body ended without its closing boundary");
    }
}

void MultipartParser::consume(std::string_view in) {
    while (!in.empty()) {
        switch (state_) {
            case State::preamble:
            case State::body:
                in = scan_for_delimiter(in);
                break;
            case State::after_delimiter:
            case State::close_dash:
            case State::padding:
            case State::delimiter_lf:
                in = consume_delimiter_line(in);
                break;
            case State::headers:
                in = consume_headers(in);
                break;
            case State::epilogue:
                return;  // RFC 2046: ignored
            case State::failed:
                throw *error_;
        }
    }
}

std::string_view MultipartParser::scan_for_delimiter(std::string_view in) {
    std::string_view work = in;
    if (!held_.empty()) {
        std::string joined = held_;
        joined.append(in);
        scratch_.swap(joined);  // `in` may point into the old scratch_, still alive in joined
        held_.clear();
        work = scratch_;
    }
    const auto pos = work.find(delimiter_);
    if (pos != std::string_view::npos) {
        emit(work.substr(0, pos));
        if (state_ == State::body && callbacks_.on_part_end) callbacks_.on_part_end();
        state_ = State::after_delimiter;
        return work.substr(pos + delimiter_.size());
    }
    // Hold back the longest tail that could be the start of a delimiter.
    std::size_t keep = std::min(work.size(), delimiter_.size() - 1);
    while (keep > 0 && work.substr(work.size() - keep) != delimiter_.substr(0, keep)) --keep;
    emit(work.substr(0, work.size() - keep));
    held_.assign(work.substr(work.size() - keep));
    return {};
}

void MultipartParser::emit(std::string_view data) {
    if (state_ != State::body || data.empty()) return;  // the preamble is dropped
    // Exactly max_part_bytes reach the handler before the error, however the body was split
    // (found by fuzz_multipart: a whole body used to fail before handing over anything).
    const std::size_t room = limits_.max_part_bytes - part_bytes_;
    if (data.size() > room) {
        if (room > 0 && callbacks_.on_part_data) callbacks_.on_part_data(data.substr(0, room));
        part_bytes_ = limits_.max_part_bytes;
        fail(ErrorCode::part_too_large,
             "a part is larger than " + std::to_string(limits_.max_part_bytes) + " bytes",
             {{"limit_bytes", limits_.max_part_bytes}});
    }
    part_bytes_ += data.size();
    if (callbacks_.on_part_data) callbacks_.on_part_data(data);
}

std::string_view MultipartParser::consume_delimiter_line(std::string_view in) {
    while (!in.empty()) {
        const char c = in.front();
        in.remove_prefix(1);
        switch (state_) {
            case State::after_delimiter:
                if (c == '-')
                    state_ = State::close_dash;
                else if (c == '\r')
                    state_ = State::delimiter_lf;
                else if (is_space(c))
                    state_ = State::padding;
                else
                    fail(ErrorCode::malformed_delimiter,
                         "a boundary line is followed by something else than CRLF or \"--\"");
                break;
            case State::close_dash:
                if (c != '-')
                    fail(ErrorCode::malformed_delimiter, "a boundary line ends with a single '-'");
                state_ = State::epilogue;
                return {};
            case State::padding:
                if (c == '\r')
                    state_ = State::delimiter_lf;
                else if (!is_space(c))
                    fail(ErrorCode::malformed_delimiter,
                         "a boundary line holds characters after the boundary");
                break;
            case State::delimiter_lf:
                if (c != '\n') fail(ErrorCode::malformed_delimiter, "a boundary line lacks its LF");
                begin_part();
                return in;
            default:
                return in;
        }
    }
    return in;
}

void MultipartParser::begin_part() {
    ++part_count_;
    if (part_count_ > limits_.max_parts)
        fail(ErrorCode::too_many_parts,
             "the upload has more than " + std::to_string(limits_.max_parts) + " parts",
             {{"limit", limits_.max_parts}});
    part_ = PartInfo{};
    part_.index = part_count_ - 1;
    line_.clear();
    header_bytes_ = 0;
    state_ = State::headers;
}

std::string_view MultipartParser::consume_headers(std::string_view in) {
    while (!in.empty() && state_ == State::headers) {
        const auto lf = in.find('\n');
        const auto take = lf == std::string_view::npos ? in.size() : lf + 1;
        header_bytes_ += take;
        if (header_bytes_ > limits_.max_header_bytes)
            fail(ErrorCode::header_too_long,
                 "a part's headers are longer than " + std::to_string(limits_.max_header_bytes) +
                     " bytes",
                 {{"limit_bytes", limits_.max_header_bytes}});
        line_.append(in.substr(0, take));
        in.remove_prefix(take);
        if (lf == std::string_view::npos) break;
        if (line_.size() < 2 || line_[line_.size() - 2] != '\r')
            fail(ErrorCode::malformed_header, "a part's header line does not end with CRLF");
        const std::string_view line(line_.data(), line_.size() - 2);
        if (line.empty())
            end_headers();
        else
            add_header_line(line);
        line_.clear();
    }
    return in;
}

void MultipartParser::add_header_line(std::string_view line) {
    if (is_space(line.front())) {  // obsolete folding: continues the previous header
        if (part_.headers.empty())
            fail(ErrorCode::malformed_header, "a part's first header line starts with a space");
        part_.headers.back().second += " ";
        part_.headers.back().second += trim(line);
        return;
    }
    const auto colon = line.find(':');
    if (colon == std::string_view::npos || !is_header_name(line.substr(0, colon)))
        fail(ErrorCode::malformed_header, "a part's header line is not \"Name: value\"");
    part_.headers.emplace_back(to_lower(line.substr(0, colon)),
                               std::string(trim(line.substr(colon + 1))));
}

void MultipartParser::end_headers() {
    const std::pair<std::string, std::string>* disposition = nullptr;
    for (const auto& h : part_.headers) {
        if (h.first == "content-disposition" && !disposition) disposition = &h;
        if (h.first == "content-type" && part_.content_type.empty()) part_.content_type = h.second;
    }
    if (!disposition)
        fail(ErrorCode::missing_content_disposition, "a part has no Content-Disposition header");
    try {
        auto d = parse_content_disposition(disposition->second);
        part_.name = std::move(d.name);
        part_.filename = std::move(d.filename);
    } catch (const MultipartError& e) {
        fail(e.code(), e.what(), e.detail());
    }
    part_bytes_ = 0;
    state_ = State::body;
    if (callbacks_.on_part_begin) callbacks_.on_part_begin(part_);
}

}  // namespace decklist::http::multipart
