#pragma once
// Identifiers for resumable batches: "<instance>-<32 hex digits>".
//
// The random part is 128 bits from the kernel's CSPRNG (getrandom), so ids cannot be guessed
// and act as capabilities for their batch. The instance prefix names the server process that
// owns the batch's state (kept in memory), so a reverse proxy in front of several instances
// can route every request about a batch to its owner, e.g. in nginx with
//   map $uri $batch_instance { "~^/api(/v1)?/batches/(?<inst>[A-Za-z0-9_]+)-" $inst; }
// The instance id contains no '-', so the split is unambiguous.

#include <cstddef>
#include <string>
#include <string_view>

namespace decklist {

// n random bytes as 2n lowercase hex digits. Throws decklist::Error(internal) if the kernel
// cannot provide randomness.
std::string random_hex(std::size_t n_bytes);

// A stable default instance id: 8 hex digits of a hash of `seed` (the server passes
// "<hostname>:<port>", so two instances on one host differ and a restart keeps its id).
std::string derive_instance_id(std::string_view seed);

// True for 1-32 characters of [A-Za-z0-9_].
bool valid_instance_id(std::string_view id) noexcept;

std::string make_batch_id(std::string_view instance_id);

}  // namespace decklist
