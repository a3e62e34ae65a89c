#include "http/server/listener.hpp"

#include <spdlog/spdlog.h>

#include "http/server/session.hpp"

namespace decklist::http {

Listener::Listener(net::io_context& io, tcp::endpoint endpoint, SessionServices services)
    : io_(io), acceptor_(net::make_strand(io)), services_(services) {
    acceptor_.open(endpoint.protocol());
    acceptor_.set_option(net::socket_base::reuse_address(true));
    acceptor_.bind(endpoint);
    acceptor_.listen(net::socket_base::max_listen_connections);
}

tcp::endpoint Listener::local_endpoint() const {
    return acceptor_.local_endpoint();
}

void Listener::start() {
    net::dispatch(acceptor_.get_executor(),
                  beast::bind_front_handler(&Listener::accept, shared_from_this()));
}

void Listener::stop() {
    net::post(acceptor_.get_executor(), [self = shared_from_this()] {
        beast::error_code ignored;
        self->acceptor_.close(ignored);
    });
}

void Listener::accept() {
    // Each connection gets its own strand: its handlers never run concurrently.
    acceptor_.async_accept(net::make_strand(io_),
                           beast::bind_front_handler(&Listener::on_accept, shared_from_this()));
}

void Listener::on_accept(beast::error_code ec, tcp::socket socket) {
    if (!acceptor_.is_open()) return;
    if (ec) {
        // Out of descriptors and the like: log, keep accepting.
        spdlog::warn("accept failed: {}", ec.message());
    } else {
        std::make_shared<Session>(std::move(socket), services_)->start();
    }
    accept();
}

}  // namespace decklist::http
