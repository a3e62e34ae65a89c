// Who may read and change the decklist library: with API keys every library route needs a
// key and a read-only key cannot change it (no save, PATCH or DELETE); without keys only
// clients on this machine may PATCH or DELETE, unless the config opens it up.

#include "access_fixture.hpp"

namespace decklist::test {
namespace {

const std::string kEditorKey = "editor-0123456789abcdef0123456789abcdef";
const std::string kReaderKey = "reader-fedcba9876543210fedcba9876543210";
const std::string kUnknownId = "00000000-0000-4000-8000-000000000000";

Headers key(const std::string& value) {
    return {{"X-API-Key", value}};
}

void expect_error(const HttpResponse& r, int status, const std::string& error_type) {
    EXPECT_EQ(r.status, status) << r.body;
    EXPECT_EQ(json::parse(r.body).value("error_type", ""), error_type) << r.body;
}

TEST(LibraryAccess, EveryLibraryRouteNeedsAKeyAndAReadOnlyKeyCannotChangeAnything) {
    KeysFile keys;
    keys.write_text(to_hex(sha256(kEditorKey)) + " editor\n" + to_hex(sha256(kReaderKey)) +
                    " meta-site read-only\n");
    const auto server = start_access_server({{"DECKLIST_API_KEYS_FILE", keys.path()}});
    const int port = server->port();
    const std::string record = "/api/v1/decklists/" + kUnknownId;
    const Headers if_match = {{"If-Match", "\"1\""}};

    for (const auto& target :
         {"/api/v1/decklists", "/api/v1/events", "/api/v1/cards?q=jinx", "/api/v1/meta?event=x"})
        expect_error(request(port, "GET", target), 401, "unauthorized");
    expect_error(request(port, "DELETE", record), 401, "unauthorized");

    EXPECT_EQ(request(port, "GET", "/api/v1/decklists", key(kReaderKey)).status, 200);
    expect_error(request(port, "PATCH", record, with(key(kReaderKey), if_match), "{}"), 403,
                 "forbidden");
    expect_error(request(port, "DELETE", record, key(kReaderKey)), 403, "forbidden");
    // The editor's key gets through to the handler, which knows no such decklist.
    expect_error(request(port, "PATCH", record, with(key(kEditorKey), if_match), "{}"), 404,
                 "not_found");
    expect_error(request(port, "DELETE", record, key(kEditorKey)), 404, "not_found");

    // Saving writes to the library too; reading without saving is still allowed.
    const std::string body = multipart_body({text_file("a.txt", "file")});
    expect_error(
        request(port, "POST", "/api/v1/process?save=true", multipart(body, key(kReaderKey)), body),
        403, "forbidden");
    expect_error(request(port, "POST", "/api/v1/process", multipart(body, key(kReaderKey)), body),
                 400, "validation");
}

TEST(LibraryAccess, WithoutKeysOnlyThisMachineMayChangeTheLibrary) {
    const auto server = start_access_server({});
    const int port = server->port();
    const std::string record = "/api/v1/decklists/" + kUnknownId;
    // Through a local proxy the client is the address it forwards, here not this machine.
    const Headers remote = {{"X-Forwarded-For", "203.0.113.9"}, {"If-Match", "\"1\""}};
    expect_error(request(port, "PATCH", record, remote, "{}"), 403, "forbidden");
    expect_error(request(port, "DELETE", record, remote), 403, "forbidden");
    EXPECT_EQ(request(port, "GET", "/api/v1/decklists", remote).status, 200);
    expect_error(request(port, "PATCH", record, {{"If-Match", "\"1\""}}, "{}"), 404, "not_found");
    expect_error(request(port, "DELETE", record), 404, "not_found");

    const auto open = start_access_server({{"DECKLIST_LIBRARY_WRITES_FROM_ANY_CLIENT", "true"}});
    expect_error(request(open->port(), "PATCH", record, remote, "{}"), 404, "not_found");
    expect_error(request(open->port(), "DELETE", record, remote), 404, "not_found");
}

}  // namespace
}  // namespace decklist::test
