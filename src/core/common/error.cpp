#include "decklist/error.hpp"

namespace decklist {

nlohmann::json Error::to_json() const {
    // The facts sit beside the message, as retry_after_s does in an error event; the three
    // message fields are written last, so that no fact can replace them.
    nlohmann::json out = detail_.is_object() ? detail_ : nlohmann::json::object();
    out["error"] = what();
    out["error_type"] = kind_.name();
    out["detail"] = what();
    return out;
}

}  // namespace decklist
