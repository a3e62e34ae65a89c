#pragma once
// Building responses: JSON bodies and the one error shape (Error::to_json: "error",
// "error_type", "detail" the message, and the error's facts as further fields).

#include <nlohmann/json.hpp>

#include "decklist/error.hpp"
#include "http/core/beast.hpp"

namespace decklist::http {

// The HTTP layer's own kinds (request_errors.hpp): method 405, unsupported_media_type 415,
// unauthorized 401, rate_limited 429. The engine's: validation 400, limit 413, processing
// 422, not_found 404, timeout 504, internal 500; cancelled and upload_incomplete 400 (499 is
// not standard).
bhttp::status status_for(ErrorKind kind) noexcept;

Response json_response(bhttp::status status, const nlohmann::json& body);
// The error's JSON with the status its type maps to (or `status` when given).
Response error_response(const Error& error);
Response error_response(const Error& error, bhttp::status status);

}  // namespace decklist::http
