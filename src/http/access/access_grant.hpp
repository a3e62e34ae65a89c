#pragma once
// What the access check hands a request it lets through (RequestInfo::access): who the
// client is, and its share of the per-client limits. Handlers never check access themselves;
// the upload code only spends image tokens and ends the batch slot through this.

#include <chrono>
#include <memory>
#include <string>

#include "http/access/client_limits.hpp"
#include "http/core/request.hpp"

namespace decklist::http {

struct AccessGrant {
    std::string client;      // the key's label when keys are on, else the remote IP (see
                             // client_address() in access_control.cpp)
    std::string key_label;   // empty when keys are off
    bool read_only = false;  // the key may read the decklist library but not change it

    std::shared_ptr<ClientLimits> limits;
    std::shared_ptr<BatchSlot> batch_slot;  // batch routes only

    // One image: false when the client's images-per-minute budget is spent.
    bool take_image() const {
        return !limits || limits->take_image(client, ClientLimits::Clock::now());
    }
    int images_retry_after_s() const {
        return limits ? limits->images_retry_after_s(client, ClientLimits::Clock::now()) : 1;
    }
    // The batch has finished (its complete event): the client may start another.
    void end_batch() const {
        if (batch_slot) batch_slot->release();
    }
};

// Who a request's writes to the decklist library are recorded as (a revision's author): the
// client the access check named, or the remote address where no check ran.
inline std::string author_of(const RequestInfo& request) {
    return request.access ? request.access->client : request.remote_address;
}

}  // namespace decklist::http
