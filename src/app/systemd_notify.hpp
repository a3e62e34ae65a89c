#pragma once
// The service manager's readiness protocol (sd_notify(3)) without libsystemd: one datagram
// to the socket named by $NOTIFY_SOCKET. A unit with Type=notify then counts the server as
// started only once it can read screenshots, not merely once the process exists.

#include <string_view>

namespace decklist::app {

// Sends `state` (e.g. "READY=1") when $NOTIFY_SOCKET is set; otherwise does nothing. A path
// starting with '@' names an abstract socket. Returns false when a send was due and failed.
bool notify_service_manager(std::string_view state);

}  // namespace decklist::app
