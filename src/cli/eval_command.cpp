// decklist-cli eval: how close the engine gets to hand-made ground truth.

#include <cstdio>
#include <iostream>
#include <optional>
#include <stdexcept>

#include "cli_args.hpp"
#include "commands.hpp"
#include "decklist/config/defaults.hpp"
#include "decklist/eval/evaluate.hpp"
#include "image_files.hpp"

namespace decklist::cli {
namespace {

struct Row {
    ImageEvaluation evaluation;
    std::string error;  // set when the image could not be processed
};

// An image that failed to process scored nothing: every truth entry is missed.
ImageEvaluation failed_evaluation(const Truth& truth, const std::string& image) {
    Decklist nothing;
    nothing.filename = image;
    ImageEvaluation e = evaluate(nothing, truth);
    e.image = image;
    return e;
}

std::string percent(double value) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%6.1f", value);
    return buffer;
}

void print_table(const std::vector<Row>& rows) {
    std::printf("%-42s %8s %8s %8s", "image", "entries", "prec%", "recall%");
    for (std::string_view field : kMetadataFields)
        std::printf(" %9.*s", static_cast<int>(field.size()), field.data());
    std::printf("\n");
    EntryCounts total;
    std::array<int, 5> fields_right{};
    for (const Row& row : rows) {
        const ImageEvaluation& e = row.evaluation;
        total += e.entries;
        std::printf("%-42s %8d %8s %8s", e.image.c_str(), e.entries.expected,
                    percent(e.entries.precision()).c_str(), percent(e.entries.recall()).c_str());
        for (std::size_t f = 0; f < kMetadataFields.size(); ++f) {
            fields_right[f] += e.metadata_correct[f];
            std::printf(" %9s", e.metadata_correct[f] ? "ok" : "WRONG");
        }
        std::printf("\n");
    }
    std::printf("%-42s %8d %8s %8s", "TOTAL", total.expected, percent(total.precision()).c_str(),
                percent(total.recall()).c_str());
    for (int right : fields_right)
        std::printf(" %8s%%", percent(rows.empty() ? 0 : 100.0 * right / rows.size()).c_str() + 1);
    std::printf("\n");

    for (const Row& row : rows) {
        if (!row.error.empty())
            std::printf("\n%s: %s\n", row.evaluation.image.c_str(), row.error.c_str());
        if (row.evaluation.differences.empty()) continue;
        std::printf("\n%s:\n", row.evaluation.image.c_str());
        for (const std::string& d : row.evaluation.differences) std::printf("  %s\n", d.c_str());
    }
}

nlohmann::json to_json(const std::vector<Row>& rows) {
    nlohmann::json images = nlohmann::json::array();
    EntryCounts total;
    std::array<int, 5> fields_right{};
    for (const Row& row : rows) {
        const ImageEvaluation& e = row.evaluation;
        total += e.entries;
        nlohmann::json metadata;
        for (std::size_t f = 0; f < kMetadataFields.size(); ++f) {
            metadata[std::string(kMetadataFields[f])] = e.metadata_correct[f];
            fields_right[f] += e.metadata_correct[f];
        }
        images.push_back(
            {{"image", e.image},
             {"entries",
              {{"correct", e.entries.correct},
               {"predicted", e.entries.predicted},
               {"expected", e.entries.expected}}},
             {"precision", e.entries.precision()},
             {"recall", e.entries.recall()},
             {"metadata", metadata},
             {"differences", e.differences},
             {"error", row.error.empty() ? nlohmann::json(nullptr) : nlohmann::json(row.error)}});
    }
    nlohmann::json metadata_rate;
    for (std::size_t f = 0; f < kMetadataFields.size(); ++f)
        metadata_rate[std::string(kMetadataFields[f])] =
            rows.empty() ? 0.0 : 100.0 * fields_right[f] / rows.size();
    return {{"images", images},
            {"total",
             {{"precision", total.precision()},
              {"recall", total.recall()},
              {"entries",
               {{"correct", total.correct},
                {"predicted", total.predicted},
                {"expected", total.expected}}},
              {"metadata_exact_rate", metadata_rate}}}};
}

// A percentage threshold from the command line; absent when the option was not given.
std::optional<double> percent_option(const ParsedArgs& args, const std::string& name) {
    const auto text = args.option(name);
    if (!text) return std::nullopt;
    std::size_t used = 0;
    double value = -1;
    try {
        value = std::stod(*text, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (used != text->size() || value < 0 || value > 100)
        throw UsageError{name + " takes a percentage between 0 and 100"};
    return value;
}

}  // namespace

int run_eval(const std::vector<std::string>& raw) {
    const ParsedArgs args =
        parse_args(raw, {"--truth", "--cards", "--min-precision", "--min-recall"}, {"--json"});
    const auto min_precision = percent_option(args, "--min-precision");
    const auto min_recall = percent_option(args, "--min-recall");
    const auto truth_dir = args.option("--truth");
    if (!truth_dir) throw UsageError{"--truth DIR is required"};
    if (args.positional.empty()) throw UsageError{"no images given"};

    const Engine engine(
        EngineOptions{cards_path(args.option("--cards").value_or("")), default_tessdata_dir()});
    const auto worker = engine.make_worker();

    std::vector<Row> rows;
    bool all_evaluated = true;
    for (const std::filesystem::path path : args.positional) {
        const std::filesystem::path truth_file =
            std::filesystem::path(*truth_dir) / (path.stem().string() + ".json");
        const Truth truth = load_truth(truth_file.string());  // a missing truth is a setup error
        const Outcome outcome = process_file(*worker, path);
        Row row;
        if (const auto* decklist = std::get_if<Decklist>(&outcome)) {
            row.evaluation = evaluate(*decklist, truth);
            row.evaluation.image = path.filename().string();
        } else {
            all_evaluated = false;
            row.evaluation = failed_evaluation(truth, path.filename().string());
            row.error = std::get<Error>(outcome).what();
        }
        rows.push_back(std::move(row));
    }
    if (args.flag("--json"))
        std::cout << to_json(rows).dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
                  << "\n";
    else
        print_table(rows);

    EntryCounts total;
    for (const Row& row : rows) total += row.evaluation.entries;
    bool good_enough = true;
    if (min_precision && total.precision() < *min_precision) {
        std::cerr << "entry precision " << total.precision() << "% is below " << *min_precision
                  << "%\n";
        good_enough = false;
    }
    if (min_recall && total.recall() < *min_recall) {
        std::cerr << "entry recall " << total.recall() << "% is below " << *min_recall << "%\n";
        good_enough = false;
    }
    return all_evaluated && good_enough ? 0 : 1;
}

}  // namespace decklist::cli
