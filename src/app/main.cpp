// decklist-server: loads the configuration and the engine, then serves HTTP until SIGINT or
// SIGTERM. Exit codes: 0 after a clean shutdown, 2 for an invalid configuration or card
// database (one line on stderr), 1 when the address cannot be bound.

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include <pthread.h>

#include <spdlog/spdlog.h>

#include "decklist/engine.hpp"
#include "decklist/error.hpp"
#include "decklist/match/card_db.hpp"
#include "http/config/server_config.hpp"
#include "http/logging/logging.hpp"
#include "http/server/server.hpp"
#include "programs/single_threaded_openmp.hpp"
#include "systemd_notify.hpp"

namespace {

int fail(int code, const std::string& message) {
    std::cerr << "decklist-server: " << message << std::endl;
    return code;
}

}  // namespace

int main(int argc, char** argv) {
    // Hold SIGINT/SIGTERM/SIGHUP until the server's handler is installed: a signal that
    // arrives while the engine loads is then delivered to it (a clean exit 0, or a reload).
    sigset_t shutdown_signals;
    sigemptyset(&shutdown_signals);
    sigaddset(&shutdown_signals, SIGINT);
    sigaddset(&shutdown_signals, SIGTERM);
    sigaddset(&shutdown_signals, SIGHUP);  // reload: its default action would end the process
    pthread_sigmask(SIG_BLOCK, &shutdown_signals, nullptr);
    // After the mask: the restarted process inherits it, so no signal is lost in between.
    decklist::programs::restart_with_single_threaded_openmp(argv);

    decklist::http::LoadedConfig loaded;
    try {
        loaded = decklist::http::load_server_config(argc, argv, [](const char* name) {
            return static_cast<const char*>(std::getenv(name));
        });
    } catch (const decklist::Error& e) {
        return fail(2, std::string("invalid configuration: ") + e.what());
    }
    if (loaded.show_help) {
        std::cout << decklist::http::usage_text(argv[0]);
        return 0;
    }
    if (loaded.show_version) {
        std::cout << "decklist-server " << DECKLIST_VERSION << "\n";
        return 0;
    }
    const auto& config = loaded.config;
    if (!std::filesystem::is_regular_file(config.cards_csv))
        return fail(2, "card database not found: " + config.cards_csv +
                           " (set cards_csv, DECKLIST_CARDS_CSV or --cards)");

    decklist::http::configure_logging(config.log_level, config.log_format);

    std::unique_ptr<decklist::Engine> engine;
    try {
        decklist::EngineOptions options;
        options.cards_csv = config.cards_csv;
        options.tessdata_dir = config.tessdata_dir;
        options.max_file_bytes = config.max_file_bytes();
        engine = std::make_unique<decklist::Engine>(options);
    } catch (const decklist::Error& e) {
        return fail(2, e.what());
    }

    // Building the server starts the OCR worker pool, which refuses to start when OpenMP would
    // oversubscribe the cores (an operator's OMP_THREAD_LIMIT above 1 with several workers).
    std::unique_ptr<decklist::http::Server> server;
    try {
        server = std::make_unique<decklist::http::Server>(config, engine.get());
    } catch (const decklist::Error& e) {
        return fail(2, e.what());
    }
    server->register_routes();
    decklist::http::tcp::endpoint endpoint;
    try {
        endpoint = server->listen();
    } catch (const std::exception& e) {
        return fail(1, "cannot listen on " + config.bind + ":" + std::to_string(config.port) +
                           ": " + e.what());
    }
    server->handle_signals();
    pthread_sigmask(SIG_UNBLOCK, &shutdown_signals, nullptr);

    // Machine-readable, on stdout: tests and scripts wait for this line.
    std::printf("listening on %s:%u\n", endpoint.address().to_string().c_str(),
                static_cast<unsigned>(endpoint.port()));
    std::fflush(stdout);
    spdlog::info(
        "decklist-server {} listening on {}:{} ({} cards, {} I/O threads, {} workers, "
        "config {})",
        DECKLIST_VERSION, endpoint.address().to_string(), endpoint.port(), engine->cards().size(),
        config.io_threads, config.worker_count(),
        loaded.config_path.empty() ? "built-in defaults" : loaded.config_path);

    // The worker pool loads Tesseract on its own threads (/health: ocr_ready), so the
    // listening socket is not delayed by it; the service manager hears when both are up.
    server->status().on_ocr_ready([] {
        if (!decklist::app::notify_service_manager("READY=1"))
            spdlog::warn("could not tell the service manager that the server is ready");
    });
    server->run();
    spdlog::info("stopped");
    return 0;
}
