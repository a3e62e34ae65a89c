// decklist-cli: the engine without a server, for scripts, evaluation and benchmarks.

#include <iostream>
#include <string>
#include <vector>

#include "cli_args.hpp"
#include "commands.hpp"
#include "decklist/error.hpp"
#include "programs/single_threaded_openmp.hpp"

namespace {

constexpr const char* kUsage = R"(Usage: decklist-cli COMMAND [OPTION]... ARGUMENT...
  or:  decklist-cli --help | --version

Commands:
  decklist-cli parse [--cards CSV] [--format json|text|code] IMAGE...
      one JSON decklist (or {"filename","error","error_type"}) per image per line;
      text: the text decklist; code: one deck code per line (empty when none, reasons on
      stderr); exit 0 when every image parsed (and, for code, has a code), 1 otherwise
  decklist-cli decode-code [--cards CSV] CODE
      the deck code's cards joined with the card database (GET /api/v1/deck-codes/{code})
  decklist-cli eval --truth DIR [--cards CSV] [--json] [--min-precision P] [--min-recall R]
      IMAGE...
      score against DIR/<image name>.json: entry precision/recall, metadata exact matches;
      exit 1 when an image fails or the total precision/recall (%) is below P/R
  decklist-cli bench [--cards CSV] [--threads N] [--repeat K] IMAGE...
      median and p90 milliseconds per stage, images per second
  decklist-cli sweep --truth DIR [--subset full|ci] [--threads N] [--convert PATH]
      [--min-image-recall P] [--min-total-recall R] [--only TEXT] [--keep-failures DIR]
      [--cards CSV] IMAGE|FOLDER...
      every image re-encoded (JPEG 20-95 through OpenCV and ImageMagick, widths 480-2400,
      WebP 30-90, greyscale, q75 then q60, a cut bottom) and scored: one row per variant
      and the worst; exit 1 when an image of a variant reads under P % (98) of its
      entries, the sweep under R % (99.5), or a section is lost without needs_review.
      ci: every 5th JPEG quality and 30, 44, 45, 46, through both encoders;
      --only: the variants whose names contain TEXT; --keep-failures: each image that
      misses a bar saved as DIR/<variant>/<image>, to be read again with eval

  decklist-cli --version
      the version, e.g. "decklist-cli 0.1.0"
  decklist-cli --help
      this text, on stdout with exit 0 (on bad usage: on stderr, with exit 2)

The card database defaults to $DECKLIST_CARDS_CSV, else data/riftbound/cards.csv in the
installed share/decklist-ocr folder or the source tree the program was built in.
$DECKLIST_TESSDATA_DIR picks the Tesseract models.
)";

}  // namespace

int main(int argc, char** argv) {
    decklist::programs::restart_with_single_threaded_openmp(argv);
    const std::vector<std::string> all(argv + 1, argv + argc);
    if (all.empty()) {
        std::cerr << kUsage;
        return 2;
    }
    if (all[0] == "--help" || all[0] == "-h" || all[0] == "help") {
        std::cout << kUsage;
        return 0;
    }
    if (all[0] == "--version") {
        std::cout << "decklist-cli " << DECKLIST_VERSION << "\n";
        return 0;
    }
    const std::string command = all[0];
    const std::vector<std::string> rest(all.begin() + 1, all.end());
    try {
        if (command == "parse") return decklist::cli::run_parse(rest);
        if (command == "eval") return decklist::cli::run_eval(rest);
        if (command == "bench") return decklist::cli::run_bench(rest);
        if (command == "sweep") return decklist::cli::run_sweep(rest);
        if (command == "decode-code") return decklist::cli::run_decode_code(rest);
        std::cerr << "decklist-cli: unknown command \"" << command << "\"\n" << kUsage;
        return 2;
    } catch (const decklist::cli::UsageError& e) {
        std::cerr << "decklist-cli " << command << ": " << e.message << "\n" << kUsage;
        return 2;
    } catch (const decklist::Error& e) {
        // Setup failures (card database, Tesseract models) stop the whole run.
        std::cerr << "decklist-cli " << command << ": " << e.what() << "\n";
        return 2;
    }
}
