// Every decklist carries every format: matching, the rules and both exports together take a
// median 0.15 ms against about 190 ms of OCR (docs/ARCHITECTURE.md, "An export format").

#include "decklist/export/exports.hpp"

#include <array>

#include "decklist/export/decklist_code.hpp"
#include "decklist/export/text_export.hpp"

namespace decklist {
namespace {

std::optional<std::string> deck_code_export(const Decklist& decklist,
                                            std::vector<std::string>& warnings) {
    auto result = make_deck_code(decklist);
    for (const auto& problem : result.problems) warnings.push_back("deck_code is null: " + problem);
    return std::move(result.code);
}

std::optional<std::string> text_export(const Decklist& decklist, std::vector<std::string>&) {
    return render_text(decklist);
}

constexpr std::array<ExportFormat, 2> kExportFormats{{
    {"deck_code", deck_code_export},
    {"text", text_export},
}};

}  // namespace

std::span<const ExportFormat> export_formats() noexcept {
    return kExportFormats;
}

void attach_exports(Decklist& decklist) {
    std::vector<std::string> warnings;
    for (const ExportFormat& format : kExportFormats) {
        decklist.exports.insert_or_assign(std::string(format.key),
                                          format.render(decklist, warnings));
    }
    decklist.warnings.insert(decklist.warnings.end(), warnings.begin(), warnings.end());
}

}  // namespace decklist
