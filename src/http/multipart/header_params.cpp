#include "http/multipart/header_params.hpp"

#include <cctype>

namespace decklist::http::multipart {
bool is_space(char c) {
    return c == ' ' || c == '\t';
}

namespace {

// RFC 9110 tchar.
bool is_token_char(char c) {
    if (std::isalnum(static_cast<unsigned char>(c))) return true;
    switch (c) {
        case '!':
        case '#':
        case '$':
        case '%':
        case '&':
        case '\'':
        case '*':
        case '+':
        case '-':
        case '.':
        case '^':
        case '_':
        case '`':
        case '|':
        case '~':
            return true;
        default:
            return false;
    }
}

void skip_spaces(std::string_view& s) {
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
}

std::string_view take_token(std::string_view& s) {
    std::size_t n = 0;
    while (n < s.size() && is_token_char(s[n])) ++n;
    auto token = s.substr(0, n);
    s.remove_prefix(n);
    return token;
}

// Takes a quoted-string after its opening quote; nullopt when unterminated.
std::optional<std::string> take_quoted(std::string_view& s) {
    std::string out;
    while (!s.empty()) {
        char c = s.front();
        s.remove_prefix(1);
        if (c == '"') return out;
        if (c == '\\') {
            if (s.empty()) return std::nullopt;
            c = s.front();
            s.remove_prefix(1);
        }
        out += c;
    }
    return std::nullopt;
}

}  // namespace

std::string to_lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::optional<HeaderValue> parse_header_value(std::string_view text) {
    HeaderValue result;
    const auto semicolon = text.find(';');
    std::string_view main = text.substr(0, semicolon);
    skip_spaces(main);
    while (!main.empty() && is_space(main.back())) main.remove_suffix(1);
    result.value = to_lower(main);
    if (semicolon == std::string_view::npos) return result;

    std::string_view rest = text.substr(semicolon + 1);
    for (;;) {
        skip_spaces(rest);
        if (rest.empty()) break;
        if (rest.front() == ';') {  // tolerate empty parameters: "a;;b=c"
            rest.remove_prefix(1);
            continue;
        }
        const auto name = take_token(rest);
        if (name.empty()) return std::nullopt;
        skip_spaces(rest);
        if (rest.empty() || rest.front() != '=') return std::nullopt;
        rest.remove_prefix(1);
        skip_spaces(rest);
        std::string value;
        if (!rest.empty() && rest.front() == '"') {
            rest.remove_prefix(1);
            auto quoted = take_quoted(rest);
            if (!quoted) return std::nullopt;
            value = std::move(*quoted);
        } else {
            // Unquoted values: tokens, but browsers also send raw UTF-8 and other bytes;
            // accept everything up to the next ';' and trim.
            auto end = rest.find(';');
            auto raw = rest.substr(0, end);
            while (!raw.empty() && is_space(raw.back())) raw.remove_suffix(1);
            if (raw.empty()) return std::nullopt;
            value = std::string(raw);
            rest.remove_prefix(end == std::string_view::npos ? rest.size() : end);
        }
        auto key = to_lower(name);
        if (!result.params.emplace(key, std::move(value)).second)
            result.repeated.insert(std::move(key));
        skip_spaces(rest);
        if (rest.empty()) break;
        if (rest.front() != ';') return std::nullopt;
        rest.remove_prefix(1);
    }
    return result;
}

}  // namespace decklist::http::multipart
