#include "export_output.hpp"

#include <ostream>

namespace decklist::cli {

bool is_output_format(const std::string& format) {
    return format == "json" || format == "text" || format == "code";
}

bool print_export(const Outcome& outcome, const std::string& format, const std::string& filename,
                  bool several_images, std::ostream& out, std::ostream& err) {
    const auto* decklist = std::get_if<Decklist>(&outcome);
    if (!decklist) {
        const auto& error = std::get<Error>(outcome);
        err << filename << ": " << error.kind().name() << ": " << error.what() << "\n";
        if (format == "code") out << "\n";
        return false;
    }
    if (format == "text") {
        if (several_images) out << "# " << filename << "\n";
        out << decklist->exported("text").value_or("") << (several_images ? "\n" : "");
        return true;
    }
    const auto code = decklist->exported("deck_code");
    out << code.value_or("") << "\n";
    if (code) return true;
    for (const auto& warning : decklist->warnings)
        if (warning.starts_with("deck_code is null")) err << filename << ": " << warning << "\n";
    return false;
}

}  // namespace decklist::cli
