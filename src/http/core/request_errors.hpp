#pragma once
// The kinds of failure only the HTTP layer has. The engine knows none of them: each names its
// nearest engine type, which is what the batch runner and the CLI see.

#include "decklist/error.hpp"

namespace decklist::http::request_error {

// The route exists, but not for this method: 405.
inline constexpr ErrorKind method{ErrorType::validation, "method"};
// The body is not multipart/form-data: 415.
inline constexpr ErrorKind unsupported_media_type{ErrorType::validation, "unsupported_media_type"};
// No API key, or one that is not valid: 401.
inline constexpr ErrorKind unauthorized{ErrorType::validation, "unauthorized"};
// The client spent its requests or images for now: 429, with Retry-After.
inline constexpr ErrorKind rate_limited{ErrorType::limit, "rate_limited"};
// The client may not do this (a read-only key changing the library): 403.
inline constexpr ErrorKind forbidden{ErrorType::validation, "forbidden"};
// A write to a stored decklist without If-Match, which would risk losing another's edit: 428.
inline constexpr ErrorKind precondition_required{ErrorType::validation, "precondition_required"};
// If-Match names a revision that is no longer the current one: 412, with the current record.
inline constexpr ErrorKind precondition_failed{ErrorType::validation, "precondition_failed"};

}  // namespace decklist::http::request_error
