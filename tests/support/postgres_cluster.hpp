#pragma once
// A throwaway PostgreSQL cluster for a test suite: initdb and pg_ctl in a temporary
// directory, listening on 127.0.0.1 only, on a free port, with its unix socket in that
// directory; the destructor stops it and deletes everything. Run as root (CI containers),
// the server runs as the unprivileged `postgres` user, since PostgreSQL refuses root.
//
//   auto cluster = PostgresCluster::start();            // throws std::runtime_error
//   std::string url = cluster->create_database("t1");   // postgresql://decklist@127.0.0.1:P/t1
//
// postgres_bin_dir() is empty when PostgreSQL is not installed; suites skip then, but fail
// when CI=true, so that a CI machine without it cannot pass by skipping.

#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>

namespace decklist::test {

// The newest /usr/lib/postgresql/<version>/bin holding initdb and pg_ctl (Debian's layout),
// or DECKLIST_PG_BIN when set; empty when there is none.
inline std::string postgres_bin_dir() {
    namespace fs = std::filesystem;
    auto usable = [](const fs::path& dir) {
        std::error_code ec;
        return fs::exists(dir / "initdb", ec) && fs::exists(dir / "pg_ctl", ec) &&
               fs::exists(dir / "createdb", ec);
    };
    if (const char* env = std::getenv("DECKLIST_PG_BIN"); env && *env)
        return usable(env) ? std::string(env) : std::string();
    std::string best;
    int best_version = 0;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator("/usr/lib/postgresql", ec)) {
        const std::string name = entry.path().filename().string();
        const int version = std::atoi(name.c_str());
        if (version > best_version && usable(entry.path() / "bin")) {
            best_version = version;
            best = (entry.path() / "bin").string();
        }
    }
    return best;
}

inline bool running_in_ci() {
    const char* ci = std::getenv("CI");
    return ci && std::string(ci) == "true";
}

class PostgresCluster {
  public:
    // Creates and starts a cluster; throws std::runtime_error naming the failed step and the
    // end of its log.
    static std::unique_ptr<PostgresCluster> start() {
        const std::string bin = postgres_bin_dir();
        if (bin.empty())
            throw std::runtime_error(
                "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): "
                "apt-get install postgresql-15, or set DECKLIST_PG_BIN");
        return std::unique_ptr<PostgresCluster>(new PostgresCluster(bin));
    }

    PostgresCluster(const PostgresCluster&) = delete;
    PostgresCluster& operator=(const PostgresCluster&) = delete;

    ~PostgresCluster() {
        if (started_)
            run_quietly(as_server_user(quote(bin_ + "/pg_ctl") + " -D " + quote(data_dir()) +
                                       " -m immediate -w stop"));
        std::error_code ec;
        std::filesystem::remove_all(dir_, ec);
    }

    int port() const { return port_; }
    const std::string& directory() const { return dir_; }

    // A libpq URI for a database of this cluster (the superuser `decklist`, trust auth).
    std::string url(const std::string& database) const {
        return "postgresql://decklist@127.0.0.1:" + std::to_string(port_) + "/" + database;
    }

    // Creates an empty database and returns its URL.
    std::string create_database(const std::string& name) {
        run(client("createdb") + " " + quote(name), "createdb " + name);
        return url(name);
    }

    // Drops a database even while connections to it remain open.
    void drop_database(const std::string& name) {
        run_quietly(client("dropdb") + " --force --if-exists " + quote(name));
    }

  private:
    explicit PostgresCluster(std::string bin) : bin_(std::move(bin)) {
        char pattern[] = "/tmp/decklist-pg-XXXXXX";
        if (!::mkdtemp(pattern)) throw std::runtime_error("mkdtemp failed");
        dir_ = pattern;
        try {
            if (::geteuid() == 0) {
                const passwd* user = ::getpwnam("postgres");
                if (!user)
                    throw std::runtime_error(
                        "running as root, PostgreSQL needs the unprivileged user `postgres`, "
                        "which does not exist");
                if (::chown(dir_.c_str(), user->pw_uid, user->pw_gid) != 0)
                    throw std::runtime_error("cannot chown " + dir_ + " to postgres");
                as_root_ = true;
            }
            // -N: no fsync, the cluster lives for one test run.
            run(as_server_user(quote(bin_ + "/initdb") + " -D " + quote(data_dir()) +
                               " -U decklist -A trust -E UTF8 --locale=C.UTF-8 -N"),
                "initdb");
            // The port is free when chosen but may be taken before the server binds it; a
            // second or third choice then follows.
            for (int attempt = 0;; ++attempt) {
                port_ = free_port();
                const std::string options =
                    "-c listen_addresses=127.0.0.1 -c port=" + std::to_string(port_) + " -k " +
                    dir_ + " -c fsync=off -c max_connections=100";
                const int rc = run_quietly(as_server_user(
                    quote(bin_ + "/pg_ctl") + " -D " + quote(data_dir()) + " -l " +
                    quote(server_log()) + " -w -t 60 -o " + quote(options) + " start"));
                if (rc == 0) break;
                if (attempt == 2)
                    throw std::runtime_error("pg_ctl start failed:\n" + tail(server_log()));
            }
            started_ = true;
        } catch (...) {
            std::error_code ec;
            std::filesystem::remove_all(dir_, ec);
            throw;
        }
    }

    std::string data_dir() const { return dir_ + "/data"; }
    std::string server_log() const { return dir_ + "/server.log"; }
    std::string command_log() const { return dir_ + "/commands.log"; }

    static std::string quote(const std::string& s) {
        std::string out = "'";
        for (char ch : s) out += ch == '\'' ? std::string("'\\''") : std::string(1, ch);
        return out + "'";
    }

    // Server-side commands run as `postgres` when we are root, from the cluster's directory
    // (postgres may not be allowed into the current one).
    std::string as_server_user(const std::string& command) const {
        return "cd " + quote(dir_) + " && " +
               (as_root_ ? "runuser -u postgres -- " + command : command);
    }

    // Client tools connect over TCP as the cluster's superuser, whoever we are.
    std::string client(const std::string& tool) const {
        return quote(bin_ + "/" + tool) + " -h 127.0.0.1 -p " + std::to_string(port_) +
               " -U decklist";
    }

    int run_quietly(const std::string& command) const {
        const int status = std::system((command + " >>" + quote(command_log()) + " 2>&1").c_str());
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }

    void run(const std::string& command, const std::string& step) const {
        if (run_quietly(command) != 0)
            throw std::runtime_error(step + " failed:\n" + tail(command_log()));
    }

    static std::string tail(const std::string& path) {
        std::ifstream in(path);
        std::stringstream text;
        text << in.rdbuf();
        const std::string all = text.str();
        return all.size() > 2000 ? all.substr(all.size() - 2000) : all;
    }

    static int free_port() {
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        address.sin_port = 0;
        socklen_t size = sizeof address;
        if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
            ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size) != 0) {
            if (fd >= 0) ::close(fd);
            throw std::runtime_error("cannot find a free port");
        }
        ::close(fd);
        return ntohs(address.sin_port);
    }

    std::string bin_, dir_;
    bool as_root_ = false;
    bool started_ = false;
    int port_ = 0;
};

}  // namespace decklist::test
