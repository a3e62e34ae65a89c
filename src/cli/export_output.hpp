#pragma once
// `decklist-cli parse --format text|code`: the decklist's exports instead of its JSON.

#include <iosfwd>
#include <string>

#include "image_files.hpp"

namespace decklist::cli {

// "json", "text" and "code" are the formats parse knows.
bool is_output_format(const std::string& format);

// text: the text export (under "# filename" when several images are printed);
// code: one line per image, the deck code, or an empty line when there is none.
// Failures and the reasons for a missing code go to `err`. Returns false when the image
// failed or the decklist has nothing to show in that format.
bool print_export(const Outcome& outcome, const std::string& format, const std::string& filename,
                  bool several_images, std::ostream& out, std::ostream& err);

}  // namespace decklist::cli
