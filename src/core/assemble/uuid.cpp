#include "decklist/assemble/uuid.hpp"

#include <boost/uuid/random_generator.hpp>
#include <boost/uuid/uuid_io.hpp>

namespace decklist {

std::string make_uuid4() {
    // Seeded once per thread from the OS; the generator is not thread-safe.
    thread_local boost::uuids::random_generator generator;
    return boost::uuids::to_string(generator());
}

}  // namespace decklist
