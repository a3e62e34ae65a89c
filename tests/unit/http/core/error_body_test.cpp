// The JSON error body (Error::to_json) against docs/schemas/error_response.json: `detail` is
// the human-readable message FastAPI clients show, and the error's facts are top-level fields.
// An HTTP-only error that stops one image of a batch reaches the stream as an error event,
// which publishes fewer of its facts (docs/schemas/error.json).

#include <gtest/gtest.h>

#include "decklist/batch/events.hpp"
#include "decklist/error.hpp"
#include "http/core/request_errors.hpp"
#include "json_schema.hpp"

using decklist::Error;
using decklist::ErrorKind;
using decklist::ErrorType;
using nlohmann::json;

namespace {

decklist::test::SchemaSet& error_schemas() {
    static decklist::test::SchemaSet set(std::string(DECKLIST_SOURCE_DIR) + "/docs/schemas");
    return set;
}

TEST(ErrorBody, DetailIsTheMessageAndFactsAreTopLevelFields) {
    const Error error(decklist::http::request_error::rate_limited, "image rate limit reached",
                      {{"limit", "images_per_minute_per_client"}, {"retry_after_s", 3}});
    const json body = error.to_json();
    EXPECT_EQ(body["error"], "image rate limit reached");
    EXPECT_EQ(body["detail"], "image rate limit reached");
    EXPECT_EQ(body["error_type"], "rate_limited");
    EXPECT_EQ(body["limit"], "images_per_minute_per_client");
    EXPECT_EQ(body["retry_after_s"], 3);
    EXPECT_EQ(error_schemas().explain("error_response.json", body), "");
}

TEST(ErrorBody, AnErrorWithoutFactsHasTheThreeMessageFields) {
    const json body = Error(ErrorType::not_found, "not found").to_json();
    EXPECT_EQ(body,
              (json{{"error", "not found"}, {"error_type", "not_found"}, {"detail", "not found"}}));
    EXPECT_EQ(error_schemas().explain("error_response.json", body), "");
}

TEST(ErrorBody, AFactNamedLikeAMessageFieldCannotReplaceIt) {
    const json body =
        Error(ErrorType::validation, "bad field", {{"detail", {{"x", 1}}}, {"error", 7}}).to_json();
    EXPECT_EQ(body["detail"], "bad field");
    EXPECT_EQ(body["error"], "bad field");
    EXPECT_EQ(error_schemas().explain("error_response.json", body), "");
}

TEST(ErrorBody, EveryErrorKindIsInTheSchema) {
    namespace request_error = decklist::http::request_error;
    for (ErrorKind kind :
         {ErrorKind(ErrorType::validation), ErrorKind(ErrorType::limit),
          ErrorKind(ErrorType::processing), ErrorKind(ErrorType::timeout),
          ErrorKind(ErrorType::cancelled), ErrorKind(ErrorType::upload_incomplete),
          ErrorKind(ErrorType::not_found), ErrorKind(ErrorType::internal), request_error::method,
          request_error::unsupported_media_type, request_error::unauthorized,
          request_error::forbidden, request_error::rate_limited,
          request_error::precondition_required, request_error::precondition_failed})
        EXPECT_EQ(error_schemas().explain("error_response.json", Error(kind, "message").to_json()),
                  "")
            << kind.name();
}

TEST(ErrorBody, TheOldObjectDetailNoLongerConforms) {
    json old = {{"error", "x"}, {"error_type", "validation"}, {"detail", {{"reason", "y"}}}};
    EXPECT_NE(error_schemas().explain("error_response.json", old), "");
}

TEST(ErrorEvent, RateLimitedPublishesOnlyTheWaitFromItsDetail) {
    decklist::ErrorEvent e{0,
                           "a.jpg",
                           "image rate limit reached",
                           decklist::http::request_error::rate_limited,
                           {{"limit", "images_per_minute_per_client"}, {"retry_after_s", 12}}};
    const json out = decklist::to_json(e);
    EXPECT_EQ(out["retry_after_s"], 12);
    EXPECT_FALSE(out.contains("limit"));
    EXPECT_FALSE(out.contains("detail"));
    EXPECT_EQ(error_schemas().explain("error.json", out), "");
}

}  // namespace
