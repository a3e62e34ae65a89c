#pragma once
// Starts the real build/decklist-server binary for a test, on an ephemeral loopback port,
// and waits until it is ready by reading its stdout for the line "listening on HOST:PORT"
// (poll() on the pipe, never a sleep). stderr (the log) goes to a temporary file that a test
// can read. Unless the test names one (DECKLIST_DATA_DIR in Options::env), each server keeps
// its decklist library in a temporary directory of its own, removed with it. The destructor
// kills a server that is still running.
//
//   ServerProcess server;                      // default args: test config, port 0
//   auto r = http_request(server.port(), "GET", "/health");
//   server.signal(SIGTERM);
//   EXPECT_EQ(server.wait_exit(), 0);

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

extern char** environ;

namespace decklist::test {

inline std::string server_binary() {
    return std::string(DECKLIST_BINARY_DIR) + "/decklist-server";
}
inline std::string shared_cards_csv() {
    return std::string(DECKLIST_SHARED_DIR) + "/riftbound/cards.csv";
}

// The arguments most tests want: the repository's config, the shared card database,
// loopback, any free port.
inline std::vector<std::string> default_server_args() {
    return {"--config", std::string(DECKLIST_SOURCE_DIR) + "/config/server.json",
            "--cards",  shared_cards_csv(),
            "--bind",   "127.0.0.1",
            "--port",   "0"};
}

class ServerProcess {
  public:
    struct Options {
        std::vector<std::string> args = default_server_args();
        std::vector<std::pair<std::string, std::string>> env;  // added to the inherited ones
        std::vector<std::string> unset_env;                    // removed from them
        std::chrono::seconds ready_timeout{60};
        bool wait_ready = true;  // false: for runs expected to fail before listening
    };

    ServerProcess() : ServerProcess(Options{}) {}
    explicit ServerProcess(Options options) : options_(std::move(options)) {
        char log_template[] = "/tmp/decklist-server-log-XXXXXX";
        const int log_fd = ::mkstemp(log_template);
        if (log_fd < 0) throw std::runtime_error("mkstemp failed");
        log_path_ = log_template;
        if (!names_env("DECKLIST_DATA_DIR")) {
            char data_template[] = "/tmp/decklist-data-XXXXXX";
            if (!::mkdtemp(data_template)) throw std::runtime_error("mkdtemp failed");
            data_dir_ = data_template;
            options_.env.emplace_back("DECKLIST_DATA_DIR", data_dir_);
        }
        int out[2];
        if (::pipe2(out, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");

        auto env = build_env();
        std::vector<std::string> argv_strings{server_binary()};
        argv_strings.insert(argv_strings.end(), options_.args.begin(), options_.args.end());
        std::vector<char*> argv;
        for (auto& a : argv_strings) argv.push_back(a.data());
        argv.push_back(nullptr);
        std::vector<char*> envp;
        for (auto& e : env) envp.push_back(e.data());
        envp.push_back(nullptr);

        pid_ = ::fork();
        if (pid_ < 0) throw std::runtime_error("fork failed");
        if (pid_ == 0) {
            ::dup2(out[1], STDOUT_FILENO);
            ::dup2(log_fd, STDERR_FILENO);
            ::execve(argv[0], argv.data(), envp.data());
            ::_exit(127);
        }
        ::close(out[1]);
        ::close(log_fd);
        stdout_fd_ = out[0];
        pidfd_ = static_cast<int>(::syscall(SYS_pidfd_open, pid_, 0));
        if (options_.wait_ready) wait_until_listening();
    }

    ~ServerProcess() {
        if (running()) {
            ::kill(pid_, SIGKILL);
            int status = 0;
            ::waitpid(pid_, &status, 0);
        }
        if (stdout_fd_ >= 0) ::close(stdout_fd_);
        if (pidfd_ >= 0) ::close(pidfd_);
        if (!log_path_.empty()) std::remove(log_path_.c_str());
        std::error_code ignored;
        if (!data_dir_.empty()) std::filesystem::remove_all(data_dir_, ignored);
    }
    ServerProcess(const ServerProcess&) = delete;
    ServerProcess& operator=(const ServerProcess&) = delete;

    int port() const { return port_; }
    const std::string& host() const { return host_; }
    pid_t pid() const { return pid_; }

    void signal(int sig) { ::kill(pid_, sig); }

    // The exit code (128 + signal for a killed process); throws when it does not exit in time.
    int wait_exit(std::chrono::milliseconds timeout = std::chrono::seconds(30)) {
        if (exit_code_) return *exit_code_;
        pollfd p{pidfd_, POLLIN, 0};
        if (::poll(&p, 1, static_cast<int>(timeout.count())) == 0)
            throw std::runtime_error("server did not exit in time");
        int status = 0;
        ::waitpid(pid_, &status, 0);
        exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        return *exit_code_;
    }
    bool running() const { return pid_ > 0 && !exit_code_; }

    // Everything the server wrote to stdout so far / after exit (all of it once it exited).
    std::string stdout_text() {
        drain_stdout(0);
        return stdout_;
    }
    // The log (stderr) so far.
    std::string stderr_text() const {
        std::ifstream in(log_path_);
        std::ostringstream s;
        s << in.rdbuf();
        return s.str();
    }

  private:
    bool names_env(std::string_view name) const {
        for (const auto& [k, v] : options_.env)
            if (k == name) return true;
        return false;
    }

    std::vector<std::string> build_env() const {
        std::vector<std::string> env;
        for (char** e = environ; *e; ++e) {
            const std::string entry = *e;
            const auto name = entry.substr(0, entry.find('='));
            bool drop = false;
            for (const auto& u : options_.unset_env) drop |= name == u;
            for (const auto& [k, v] : options_.env) drop |= name == k;
            if (!drop) env.push_back(entry);
        }
        for (const auto& [k, v] : options_.env) env.push_back(k + "=" + v);
        return env;
    }

    // Reads what is available within timeout_ms; false at EOF.
    bool drain_stdout(int timeout_ms) {
        if (stdout_fd_ < 0) return false;
        pollfd p{stdout_fd_, POLLIN, 0};
        if (::poll(&p, 1, timeout_ms) <= 0) return true;
        char data[4096];
        const auto n = ::read(stdout_fd_, data, sizeof data);
        if (n <= 0) return false;
        stdout_.append(data, static_cast<std::size_t>(n));
        return true;
    }

    void wait_until_listening() {
        const auto deadline = std::chrono::steady_clock::now() + options_.ready_timeout;
        static constexpr std::string_view kPrefix = "listening on ";
        for (;;) {
            const auto at = stdout_.find(kPrefix);
            const auto eol = at == std::string::npos ? at : stdout_.find('\n', at);
            if (eol != std::string::npos) {
                const auto address = stdout_.substr(at + kPrefix.size(), eol - at - kPrefix.size());
                const auto colon = address.rfind(':');
                host_ = address.substr(0, colon);
                port_ = std::stoi(address.substr(colon + 1));
                return;
            }
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                deadline - std::chrono::steady_clock::now());
            if (left.count() <= 0)
                throw std::runtime_error("server not ready in time:\n" + stderr_text());
            // Blocks in poll() until stdout has bytes, EOF, or the deadline.
            if (!drain_stdout(static_cast<int>(left.count())))
                throw std::runtime_error("server exited before listening (code " +
                                         std::to_string(wait_exit()) + "):\n" + stderr_text());
        }
    }

    Options options_;
    pid_t pid_ = -1;
    int pidfd_ = -1;
    int stdout_fd_ = -1;
    std::string stdout_;
    std::string log_path_;
    std::string data_dir_;  // the temporary library directory this object made, if any
    std::string host_;
    int port_ = 0;
    std::optional<int> exit_code_;
};

}  // namespace decklist::test
