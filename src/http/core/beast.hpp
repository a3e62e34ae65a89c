#pragma once
// Short names for the Boost namespaces used throughout the HTTP layer.

// Boost 1.74 asio/awaitable.hpp uses std::exchange without including <utility> (GCC 12).
#include <utility>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace decklist::http {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;
using tcp = boost::asio::ip::tcp;

// Every buffered response is a string body: JSON, errors and static files all fit in memory.
using Response = bhttp::response<bhttp::string_body>;

}  // namespace decklist::http
