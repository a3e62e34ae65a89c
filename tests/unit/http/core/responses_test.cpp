// Each kind of error answers with its status, and an HTTP-only kind keeps its status after a
// trip through the engine's batch events, as a one-image route's rate-limited file does.

#include <gtest/gtest.h>

#include "decklist/batch/events.hpp"
#include "http/core/request_errors.hpp"
#include "http/core/responses.hpp"

namespace {

using decklist::Error;
using decklist::ErrorKind;
using decklist::ErrorType;
using decklist::http::status_for;
using decklist::http::bhttp::status;
namespace request_error = decklist::http::request_error;

TEST(Responses, EachKindOfErrorHasItsStatus) {
    const std::pair<ErrorKind, status> expected[] = {
        {ErrorType::validation, status::bad_request},
        {ErrorType::limit, status::payload_too_large},
        {ErrorType::processing, status::unprocessable_entity},
        {ErrorType::timeout, status::gateway_timeout},
        {ErrorType::cancelled, status::bad_request},
        {ErrorType::upload_incomplete, status::bad_request},
        {ErrorType::not_found, status::not_found},
        {ErrorType::internal, status::internal_server_error},
        {request_error::method, status::method_not_allowed},
        {request_error::unsupported_media_type, status::unsupported_media_type},
        {request_error::unauthorized, status::unauthorized},
        {request_error::rate_limited, status::too_many_requests},
    };
    for (const auto& [kind, code] : expected) EXPECT_EQ(status_for(kind), code) << kind.name();
}

TEST(Responses, AnHttpKindIsItsEngineCategoryToTheEngineAndKeepsItsName) {
    EXPECT_EQ(ErrorKind(request_error::rate_limited).category(), ErrorType::limit);
    EXPECT_FALSE(request_error::rate_limited == ErrorKind(ErrorType::limit));
    const Error raised(request_error::rate_limited, "image rate limit reached",
                       {{"retry_after_s", 4}});
    const decklist::ErrorEvent event{0, "a.jpg", raised.what(), raised.kind(), raised.detail()};
    EXPECT_EQ(decklist::to_json(event)["error_type"], "rate_limited");

    const auto response =
        decklist::http::error_response(Error(event.error_type, event.error, event.detail));
    EXPECT_EQ(response.result(), status::too_many_requests);
    EXPECT_EQ(response[decklist::http::bhttp::field::retry_after], "4");
}

}  // namespace
