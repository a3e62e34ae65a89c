// A pool of OCR workers refuses to start when their OpenMP threads would outnumber the
// machine's hardware threads, and names the setting that fixes it.

#include <gtest/gtest.h>

#include <cstdlib>
#include <optional>
#include <string>
#include <thread>

#include "decklist/error.hpp"
#include "decklist/ocr/openmp_threads.hpp"

namespace decklist {
namespace {

// Sets OMP_THREAD_LIMIT for one test and puts back what the process had.
class ThreadLimit {
  public:
    explicit ThreadLimit(const char* value) {
        if (const char* old = std::getenv("OMP_THREAD_LIMIT")) saved_ = old;
        if (value)
            ::setenv("OMP_THREAD_LIMIT", value, 1);
        else
            ::unsetenv("OMP_THREAD_LIMIT");
    }
    ~ThreadLimit() {
        if (saved_)
            ::setenv("OMP_THREAD_LIMIT", saved_->c_str(), 1);
        else
            ::unsetenv("OMP_THREAD_LIMIT");
    }

  private:
    std::optional<std::string> saved_;
};

unsigned hardware() {
    return std::max(1u, std::thread::hardware_concurrency());
}

TEST(OpenMpThreads, OneThreadPerRecognitionFitsAnyPool) {
    const ThreadLimit limit("1");
    EXPECT_EQ(openmp_threads_per_recognition(), 1u);
    EXPECT_NO_THROW(require_openmp_fits(64));
}

TEST(OpenMpThreads, WithoutALimitEachRecognitionMayUseEveryHardwareThread) {
    const ThreadLimit limit(nullptr);
    EXPECT_EQ(openmp_threads_per_recognition(), hardware());
    EXPECT_NO_THROW(require_openmp_fits(1));  // one worker cannot oversubscribe
    if (hardware() == 1) GTEST_SKIP() << "one hardware thread: OpenMP runs one thread anyway";
    try {
        require_openmp_fits(2);
        ADD_FAILURE() << "two workers with unlimited OpenMP were allowed";
    } catch (const Error& e) {
        EXPECT_EQ(e.type(), ErrorType::internal);
        EXPECT_NE(std::string(e.what()).find("OMP_THREAD_LIMIT=1"), std::string::npos) << e.what();
    }
}

TEST(OpenMpThreads, ALimitThatFitsIsAllowedAndAnUnreadableOneIsTheDefault) {
    {
        const ThreadLimit limit("2");
        EXPECT_EQ(openmp_threads_per_recognition(), std::min(2u, hardware()));
        if (hardware() >= 4) {
            EXPECT_NO_THROW(require_openmp_fits(hardware() / 2));
        }
    }
    const ThreadLimit limit("many");
    EXPECT_EQ(openmp_threads_per_recognition(), hardware());
}

}  // namespace
}  // namespace decklist
