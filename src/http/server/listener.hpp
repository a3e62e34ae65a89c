#pragma once
// Accepts connections and starts a Session for each, on its own strand.

#include <memory>

#include "http/core/beast.hpp"
#include "http/server/session.hpp"

namespace decklist::http {

class Listener : public std::enable_shared_from_this<Listener> {
  public:
    // Binds and listens; throws boost::system::system_error when the address is unusable.
    Listener(net::io_context& io, tcp::endpoint endpoint, SessionServices services);

    tcp::endpoint local_endpoint() const;
    void start();
    void stop();  // thread-safe: closes the acceptor

  private:
    void accept();
    void on_accept(beast::error_code ec, tcp::socket socket);

    net::io_context& io_;
    tcp::acceptor acceptor_;
    SessionServices services_;  // handed to each Session
};

}  // namespace decklist::http
