// Route matching: literals before parameters, /api and /api/v1 aliases, 405 with the
// allowed methods, the static fallback kept away from /api/.

#include <gtest/gtest.h>

#include "http/router/router.hpp"

namespace decklist::http {
namespace {

Response named(std::string name) {
    Response r;
    r.body() = std::move(name);
    return r;
}

SimpleHandler returns(std::string name) {
    return [name](const Request&) { return named(name); };
}

std::string call(const RouteMatch& m) {
    if (!m.route || !m.route->simple) return "";
    return (*m.route->simple)(Request{}).body();
}

class RouterTest : public ::testing::Test {
  protected:
    void SetUp() override {
        router.add(bhttp::verb::get, "/health", returns("health"));
        router.api(bhttp::verb::get, "/batches/{id}", returns("get batch"));
        router.api(bhttp::verb::delete_, "/batches/{id}", returns("delete batch"));
        router.api(bhttp::verb::get, "/batches/{id}/events", returns("events"));
        router.api(bhttp::verb::get, "/batches/latest", returns("latest"));
        router.set_fallback(returns("static"));
    }
    Router router;
};

TEST_F(RouterTest, ApiRoutesAnswerUnderBothPrefixes) {
    for (const char* path : {"/api/v1/batches/abc", "/api/batches/abc"}) {
        const auto m = router.match(bhttp::verb::get, path);
        ASSERT_EQ(m.kind, RouteMatch::Kind::found) << path;
        EXPECT_EQ(call(m), "get batch");
        EXPECT_EQ(m.params.at("id"), "abc");
    }
}

TEST_F(RouterTest, LiteralSegmentsBeatParametersWhateverTheOrder) {
    EXPECT_EQ(call(router.match(bhttp::verb::get, "/api/v1/batches/latest")), "latest");
    EXPECT_EQ(call(router.match(bhttp::verb::get, "/api/v1/batches/x/events")), "events");
    EXPECT_EQ(call(router.match(bhttp::verb::delete_, "/api/batches/x")), "delete batch");
}

TEST_F(RouterTest, SegmentsAreDecodedAfterTheSplitSoAParameterMayHoldASlash) {
    const auto slash = router.match(bhttp::verb::get, "/api/v1/batches/A%2FB/events");
    ASSERT_EQ(slash.kind, RouteMatch::Kind::found);
    EXPECT_EQ(call(slash), "events");
    EXPECT_EQ(slash.params.at("id"), "A/B");

    const auto chinese = router.match(bhttp::verb::get, "/api/batches/%E5%9F%8E%E5%B8%82%E8%B5%9B");
    ASSERT_EQ(chinese.kind, RouteMatch::Kind::found);
    EXPECT_EQ(chinese.params.at("id"), "城市赛");

    // An encoded literal is still that literal.
    EXPECT_EQ(call(router.match(bhttp::verb::get, "/api/v1/batches/%6Catest")), "latest");
    EXPECT_EQ(router.match(bhttp::verb::get, "/api/v1/batches/%zz").kind,
              RouteMatch::Kind::not_found);
}

TEST_F(RouterTest, WrongMethodListsTheAllowedOnes) {
    const auto m = router.match(bhttp::verb::delete_, "/health");
    EXPECT_EQ(m.kind, RouteMatch::Kind::method_not_allowed);
    EXPECT_EQ(allow_header(m.allowed), "GET, HEAD");
    const auto batch = router.match(bhttp::verb::post, "/api/v1/batches/abc");
    EXPECT_EQ(batch.kind, RouteMatch::Kind::method_not_allowed);
    EXPECT_EQ(allow_header(batch.allowed), "GET, DELETE, HEAD");
}

TEST_F(RouterTest, HeadIsServedByGet) {
    const auto m = router.match(bhttp::verb::head, "/health");
    EXPECT_EQ(m.kind, RouteMatch::Kind::found);
    EXPECT_TRUE(m.head_as_get);
}

TEST_F(RouterTest, HeadIsNotServedByAStreamingGet) {
    router.add_streaming(bhttp::verb::get, "/stream", [](auto&, auto, auto) {});
    const auto m = router.match(bhttp::verb::head, "/stream");
    EXPECT_EQ(m.kind, RouteMatch::Kind::method_not_allowed);
    EXPECT_EQ(allow_header(m.allowed), "GET");
}

// An upload route that does not say what it counts against the per-client limits would
// escape them: registering one fails at start-up.
TEST_F(RouterTest, AnUploadRouteMustDeclareItsLimitCharge) {
    auto upload = [](auto&, auto, auto) {};
    EXPECT_THROW(router.add_streaming(bhttp::verb::post, "/upload", upload), std::invalid_argument);
    RouteOptions counted;
    counted.limit_charge = LimitCharge::images;
    EXPECT_NO_THROW(router.add_streaming(bhttp::verb::post, "/upload", upload, counted));
    EXPECT_NO_THROW(router.add_streaming(bhttp::verb::get, "/stream", upload));
}

TEST_F(RouterTest, FallbackOnlyForGetOutsideTheApi) {
    EXPECT_EQ(router.match(bhttp::verb::get, "/index.html").kind, RouteMatch::Kind::fallback);
    EXPECT_EQ(router.match(bhttp::verb::get, "/").kind, RouteMatch::Kind::fallback);
    EXPECT_EQ(router.match(bhttp::verb::post, "/index.html").kind, RouteMatch::Kind::not_found);
    EXPECT_EQ(router.match(bhttp::verb::get, "/api/v1/nothing").kind, RouteMatch::Kind::not_found);
    EXPECT_EQ(router.match(bhttp::verb::get, "/api").kind, RouteMatch::Kind::not_found);
    EXPECT_EQ(router.match(bhttp::verb::get, "/api/v1/batches/").kind, RouteMatch::Kind::not_found);
}

TEST_F(RouterTest, DuplicateRegistrationIsRefused) {
    EXPECT_THROW(router.add(bhttp::verb::get, "/health", returns("again")), std::invalid_argument);
    EXPECT_THROW(router.add(bhttp::verb::get, "health", returns("x")), std::invalid_argument);
}

TEST_F(RouterTest, LabelsNameMethodAndPattern) {
    const auto m = router.match(bhttp::verb::get, "/api/batches/x/events");
    EXPECT_EQ(m.route->label(), "GET /api/batches/{id}/events");
}

}  // namespace
}  // namespace decklist::http
