#pragma once
// The boundary of a multipart/form-data request, from its Content-Type header.

#include <string>
#include <string_view>

namespace decklist::http::multipart {

// RFC 2046 §5.1.1: 1 to 70 characters.
inline constexpr std::size_t kMaxBoundaryLength = 70;

// Throws MultipartError: not_multipart, missing_boundary, boundary_too_long, invalid_boundary.
std::string boundary_from_content_type(std::string_view content_type);

}  // namespace decklist::http::multipart
