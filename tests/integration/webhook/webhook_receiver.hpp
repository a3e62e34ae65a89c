#pragma once
// A webhook receiver on 127.0.0.1 for the dispatcher's tests: a small Beast server on its own
// thread that records every request and answers with the status its policy picks for that
// delivery's n-th attempt (or never answers). Tests wait on what it has received.

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace decklist::webhook_test {

namespace net = boost::asio;
namespace bhttp = boost::beast::http;
using tcp = net::ip::tcp;

struct ReceivedRequest {
    std::string method, target, delivery_id, signature, event, content_type, body;
    int attempt = 1;      // of this X-Delivery-ID, from 1
    unsigned status = 0;  // what the receiver answered; 0: it did not
};

class WebhookReceiver {
  public:
    // The status for the `attempt`-th request (from 1) carrying `delivery_id`; 0 holds the
    // connection open without answering.
    using Policy = std::function<unsigned(const std::string& delivery_id, int attempt)>;

    explicit WebhookReceiver(Policy policy) : policy_(std::move(policy)) {
        acceptor_.open(tcp::v4());
        acceptor_.set_option(net::socket_base::reuse_address(true));
        acceptor_.bind({net::ip::make_address("127.0.0.1"), 0});
        acceptor_.listen();
        accept();
        thread_ = std::thread([this] { io_.run(); });
    }
    ~WebhookReceiver() {
        io_.stop();
        thread_.join();
    }

    std::string url() const {
        return "http://127.0.0.1:" + std::to_string(acceptor_.local_endpoint().port()) +
               "/hooks/decklists?source=test";
    }

    void set_policy(Policy policy) {
        std::lock_guard lock(mutex_);
        policy_ = std::move(policy);
    }

    std::vector<ReceivedRequest> requests() const {
        std::lock_guard lock(mutex_);
        return requests_;
    }

    // Waits until `done(requests)` holds; false after `limit` (a broken dispatcher fails the
    // test instead of hanging it).
    bool wait_for(const std::function<bool(const std::vector<ReceivedRequest>&)>& done,
                  std::chrono::seconds limit = std::chrono::seconds(30)) {
        std::unique_lock lock(mutex_);
        return changed_.wait_for(lock, limit, [&] { return done(requests_); });
    }

  private:
    struct Connection {
        explicit Connection(tcp::socket s) : socket(std::move(s)) {}
        tcp::socket socket;
        boost::beast::flat_buffer buffer;
        bhttp::request<bhttp::string_body> request;
        bhttp::response<bhttp::string_body> response;
    };

    void accept() {
        acceptor_.async_accept([this](boost::system::error_code ec, tcp::socket socket) {
            if (ec) return;
            auto connection = std::make_shared<Connection>(std::move(socket));
            bhttp::async_read(connection->socket, connection->buffer, connection->request,
                              [this, connection](boost::system::error_code ec, std::size_t) {
                                  if (!ec) answer(connection);
                              });
            accept();
        });
    }

    void answer(const std::shared_ptr<Connection>& connection) {
        const auto& request = connection->request;
        ReceivedRequest received;
        received.method = std::string(request.method_string());
        received.target = std::string(request.target());
        received.delivery_id = std::string(request["X-Delivery-ID"]);
        received.signature = std::string(request["X-Signature-256"]);
        received.event = std::string(request["X-Decklist-Event"]);
        received.content_type = std::string(request[bhttp::field::content_type]);
        received.body = request.body();
        {
            std::lock_guard lock(mutex_);
            received.attempt = ++attempts_[received.delivery_id];
            received.status = policy_(received.delivery_id, received.attempt);
            requests_.push_back(received);
        }
        changed_.notify_all();
        if (received.status == 0) {
            held_.push_back(connection);  // never answered; closed when the receiver stops
            return;
        }
        connection->response.result(received.status);
        connection->response.version(11);
        connection->response.set(bhttp::field::connection, "close");
        if (received.status != 204)
            connection->response.body() = received.status < 300 ? "thanks" : "try later";
        connection->response.prepare_payload();
        bhttp::async_write(connection->socket, connection->response,
                           [connection](boost::system::error_code, std::size_t) {
                               boost::system::error_code ignored;
                               connection->socket.shutdown(tcp::socket::shutdown_both, ignored);
                           });
    }

    net::io_context io_;
    tcp::acceptor acceptor_{io_};
    std::thread thread_;
    std::vector<std::shared_ptr<Connection>> held_;  // the io thread's only

    mutable std::mutex mutex_;
    std::condition_variable changed_;
    Policy policy_;
    std::map<std::string, int> attempts_;
    std::vector<ReceivedRequest> requests_;
};

}  // namespace decklist::webhook_test
