#pragma once

#include <string>

namespace decklist {

// A random (version 4) UUID, lower-case, 36 characters.
std::string make_uuid4();

}  // namespace decklist
