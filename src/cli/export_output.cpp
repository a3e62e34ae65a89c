#include "export_output.hpp"

#include <ostream>
#include <string_view>

#include "decklist/export/exports.hpp"

namespace decklist::cli {
namespace {

// The deck code is the one format printed a line per image, and `--format code` has always
// named it; every other format is printed under its key.
constexpr std::string_view kDeckCodeKey = "deck_code";

std::string_view cli_name(const ExportFormat& format) {
    return format.key == kDeckCodeKey ? std::string_view("code") : format.key;
}

const ExportFormat* export_format_named(std::string_view name) {
    for (const ExportFormat& format : export_formats())
        if (cli_name(format) == name) return &format;
    return nullptr;
}

}  // namespace

bool is_output_format(const std::string& format) {
    return format == "json" || export_format_named(format) != nullptr;
}

bool print_export(const Outcome& outcome, const std::string& format_name,
                  const std::string& filename, bool several_images, std::ostream& out,
                  std::ostream& err) {
    const ExportFormat& format = *export_format_named(format_name);
    const bool line_per_image = format.key == kDeckCodeKey;
    const auto* decklist = std::get_if<Decklist>(&outcome);
    if (!decklist) {
        const auto& error = std::get<Error>(outcome);
        err << filename << ": " << error.kind().name() << ": " << error.what() << "\n";
        if (line_per_image) out << "\n";
        return false;
    }
    const auto rendered = decklist->exported(format.key);
    if (line_per_image) {
        out << rendered.value_or("") << "\n";
    } else {
        if (several_images) out << "# " << filename << "\n";
        out << rendered.value_or("") << (several_images ? "\n" : "");
    }
    if (rendered) return true;
    // The format's own reasons, as the registry words them ("deck_code is null: ...").
    const std::string reason_prefix = std::string(format.key) + " is null";
    for (const auto& warning : decklist->warnings)
        if (warning.starts_with(reason_prefix)) err << filename << ": " << warning << "\n";
    return false;
}

}  // namespace decklist::cli
