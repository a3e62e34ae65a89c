#pragma once
// The answer to an upload request, sent exactly once: the batch's hooks and its event sink
// run on different threads, and whichever gets there first answers.

#include <atomic>
#include <memory>

#include "decklist/error.hpp"
#include "http/core/responses.hpp"
#include "http/stream/response_stream.hpp"

namespace decklist::http {

class OneResponse {
  public:
    explicit OneResponse(std::shared_ptr<ResponseStream> response)
        : response_(std::move(response)) {}
    // Takes the right to answer without sending anything (an event stream answers itself).
    bool claim() { return !sent_.exchange(true); }
    bool send(Response response) {
        if (!claim()) return false;
        response_->send(std::move(response));
        return true;
    }
    bool send_error(const Error& error) {
        if (error.type() == ErrorType::cancelled) return claim();  // nobody is listening
        return send(error_response(error));
    }

  private:
    std::shared_ptr<ResponseStream> response_;
    std::atomic<bool> sent_{false};
};

}  // namespace decklist::http
