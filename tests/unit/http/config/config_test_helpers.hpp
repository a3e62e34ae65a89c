#pragma once
// What the config suite's tests share: a stand-in environment and the message of the
// validation error a load throws.

#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <string>

#include "decklist/error.hpp"
#include "http/config/server_config.hpp"

namespace decklist::http::config_test {

using Env = std::map<std::string, std::string>;

// The lookup keeps its own copy, so it may outlive `env`.
inline EnvLookup env_lookup(Env env) {
    return [env = std::move(env)](const char* name) -> const char* {
        auto it = env.find(name);
        return it == env.end() ? nullptr : it->second.c_str();
    };
}

// "" when `f` throws nothing; every configuration error is a validation error.
inline std::string error_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const Error& e) {
        EXPECT_EQ(e.type(), ErrorType::validation);
        return e.what();
    }
    return "";
}

}  // namespace decklist::http::config_test
