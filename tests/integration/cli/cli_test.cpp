// decklist-cli as a script sees it: lines on stdout, exit codes, nothing extra on stderr
// when it is not a terminal.

#include <gtest/gtest.h>

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "shared_data.hpp"

namespace decklist {
namespace {

namespace fs = std::filesystem;

struct RunResult {
    int exit_code = -1;
    std::string out;
    std::string err;
};

std::string quoted(const std::string& s) {
    std::string q = "'";
    for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
}

std::string slurp(const fs::path& path) {
    std::ifstream in(path);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// Runs the CLI with stdout and stderr sent to files (so stderr is not a terminal).
RunResult run_cli(const std::vector<std::string>& args) {
    const fs::path dir = fs::temp_directory_path() / ("cli_test_" + std::to_string(::getpid()));
    fs::create_directories(dir);
    std::string command = quoted(std::string(DECKLIST_BINARY_DIR) + "/decklist-cli");
    for (const std::string& a : args) command += " " + quoted(a);
    command += " >" + quoted((dir / "out").string()) + " 2>" + quoted((dir / "err").string());
    const int status = std::system(command.c_str());
    RunResult r;
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = slurp(dir / "out");
    r.err = slurp(dir / "err");
    fs::remove_all(dir);
    return r;
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

std::string first_screenshot() {
    const fs::path truth = testing::shared_truth_files().front();
    return (testing::shared_screenshot_dir() / truth.stem()).string() + ".jpg";
}

class TextFile {
  public:
    TextFile()
        : path_(fs::temp_directory_path() /
                ("not_an_image_" + std::to_string(::getpid()) + ".jpg")) {
        std::ofstream(path_) << "plain text pretending to be a JPEG\n";
    }
    ~TextFile() { fs::remove(path_); }
    std::string path() const { return path_.string(); }

  private:
    fs::path path_;
};

TEST(Cli, ParsePrintsOneJsonLinePerImageAndFailsWhenOneFails) {
    const TextFile bad;
    const RunResult r =
        run_cli({"parse", "--cards", testing::shared_cards_csv(), first_screenshot(), bad.path()});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_EQ(r.err, "");  // no progress line: stderr is a file
    const auto lines = lines_of(r.out);
    ASSERT_EQ(lines.size(), 2u) << r.out;

    const nlohmann::json deck = nlohmann::json::parse(lines[0]);
    EXPECT_EQ(deck["filename"], fs::path(first_screenshot()).filename().string());
    EXPECT_EQ(deck["stats"]["total_cards"], 64);
    EXPECT_EQ(deck["metadata"]["date"], "2025-09-13");

    const nlohmann::json error = nlohmann::json::parse(lines[1]);
    EXPECT_EQ(error["filename"], fs::path(bad.path()).filename().string());
    EXPECT_EQ(error["error_type"], "validation");
    EXPECT_TRUE(error["error"].is_string());
}

TEST(Cli, ParseSucceedsWhenEveryImageParses) {
    const RunResult r = run_cli(
        {"parse", "--cards", testing::shared_cards_csv(), "--format", "json", first_screenshot()});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(lines_of(r.out).size(), 1u);
}

// --format text and code print the exports the JSON carries, the code a line per image so
// that a failed image still has its (empty) line.
TEST(Cli, ParseFormatsPrintTheDecklistsExports) {
    const TextFile bad;
    const std::string name = fs::path(first_screenshot()).filename().string();
    const std::string bad_name = fs::path(bad.path()).filename().string();
    const RunResult json = run_cli(
        {"parse", "--cards", testing::shared_cards_csv(), "--format", "json", first_screenshot()});
    ASSERT_EQ(json.exit_code, 0) << json.err;
    const nlohmann::json deck = nlohmann::json::parse(json.out);
    const std::string text = deck["text"].get<std::string>();
    const std::string code = deck["deck_code"].get<std::string>();
    ASSERT_FALSE(text.empty());
    ASSERT_FALSE(code.empty());

    const RunResult one_text = run_cli(
        {"parse", "--cards", testing::shared_cards_csv(), "--format", "text", first_screenshot()});
    EXPECT_EQ(one_text.exit_code, 0) << one_text.err;
    EXPECT_EQ(one_text.out, text);
    EXPECT_EQ(one_text.err, "");

    const RunResult texts = run_cli({"parse", "--cards", testing::shared_cards_csv(), "--format",
                                     "text", first_screenshot(), bad.path()});
    EXPECT_EQ(texts.exit_code, 1);
    EXPECT_EQ(texts.out, "# " + name + "\n" + text + "\n");
    EXPECT_EQ(texts.err.rfind(bad_name + ": validation: ", 0), 0u) << texts.err;

    const RunResult codes = run_cli({"parse", "--cards", testing::shared_cards_csv(), "--format",
                                     "code", bad.path(), first_screenshot()});
    EXPECT_EQ(codes.exit_code, 1);
    EXPECT_EQ(codes.out, "\n" + code + "\n");
    EXPECT_EQ(codes.err.rfind(bad_name + ": validation: ", 0), 0u) << codes.err;
    EXPECT_EQ(lines_of(codes.err).size(), 1u) << codes.err;

    // The names are the published ones: the deck code is "code", not its key.
    EXPECT_EQ(run_cli({"parse", "--format", "deck_code", first_screenshot()}).exit_code, 2);
}

TEST(Cli, EvalPrintsATableWithATotal) {
    const RunResult r = run_cli({"eval", "--cards", testing::shared_cards_csv(), "--truth",
                                 testing::shared_truth_dir().string(), first_screenshot()});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("TOTAL"), std::string::npos) << r.out;

    const RunResult j =
        run_cli({"eval", "--json", "--cards", testing::shared_cards_csv(), "--truth",
                 testing::shared_truth_dir().string(), first_screenshot()});
    const nlohmann::json report = nlohmann::json::parse(j.out);
    EXPECT_EQ(report["images"].size(), 1u);
    EXPECT_GT(report["total"]["entries"]["expected"].get<int>(), 20);
    EXPECT_TRUE(report["total"]["precision"].is_number());
}

TEST(Cli, BadUsageAndBadSetupExitWithTwo) {
    EXPECT_EQ(run_cli({}).exit_code, 2);
    EXPECT_EQ(run_cli({"frobnicate"}).exit_code, 2);
    EXPECT_EQ(run_cli({"parse"}).exit_code, 2);
    EXPECT_EQ(run_cli({"bench", "--threads", "zero", first_screenshot()}).exit_code, 2);
    EXPECT_EQ(run_cli({"eval", first_screenshot()}).exit_code, 2);  // no --truth
    const RunResult r = run_cli({"parse", "--cards", "/nonexistent/cards.csv", first_screenshot()});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("/nonexistent/cards.csv"), std::string::npos) << r.err;
    EXPECT_EQ(r.out, "");
}

TEST(Cli, HelpPrintsUsageOnStdoutAndBadUsagePrintsItOnStderr) {
    const RunResult help = run_cli({"--help"});
    EXPECT_EQ(help.exit_code, 0);
    EXPECT_EQ(help.out.rfind("Usage: decklist-cli ", 0), 0u)
        << help.out;  // help2man's man page reads it
    EXPECT_NE(help.out.find("decklist-cli parse"), std::string::npos);
    const RunResult bad = run_cli({"parse", "--format", "yaml", first_screenshot()});
    EXPECT_EQ(bad.exit_code, 2);
    EXPECT_NE(bad.err.find(help.out), std::string::npos) << bad.err;
    EXPECT_EQ(bad.out, "");
    const RunResult none = run_cli({});
    EXPECT_EQ(none.exit_code, 2);
    EXPECT_EQ(none.err, help.out);
}

TEST(Cli, VersionPrintsTheVersion) {
    const RunResult r = run_cli({"--version"});
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_EQ(r.out, std::string("decklist-cli ") + DECKLIST_VERSION + "\n");
}

// Without --cards or DECKLIST_CARDS_CSV the repository's own data/riftbound/cards.csv is used.
TEST(Cli, DefaultCardDatabaseShipsWithTheRepository) {
    ::unsetenv("DECKLIST_CARDS_CSV");
    const RunResult r = run_cli({"decode-code", "nonsense"});
    // 1: the database loaded and the code was refused (a missing database would be 2).
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_EQ(nlohmann::json::parse(r.out)["error_type"], "validation") << r.out;
}

TEST(Cli, DefaultCardDatabaseComesFromTheEnvironmentFirst) {
    ::setenv("DECKLIST_CARDS_CSV", "/nonexistent/from_env.csv", 1);
    const RunResult r = run_cli({"parse", first_screenshot()});
    ::unsetenv("DECKLIST_CARDS_CSV");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("/nonexistent/from_env.csv"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace decklist
