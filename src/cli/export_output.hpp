#pragma once
// `decklist-cli parse --format FORMAT`: one of the decklist's exports (decklist/export/
// exports.hpp) instead of its JSON.

#include <iosfwd>
#include <string>

#include "image_files.hpp"

namespace decklist::cli {

// "json", and every export format under its key in the decklist JSON ("text"); the deck
// code's is "code".
bool is_output_format(const std::string& format);

// The deck code: one line per image, the code, or an empty line when there is none (so that
// line N answers image N). Any other export: the rendering, under "# filename" when several
// images are printed. Failures and the reasons for a missing rendering go to `err`. Returns
// false when the image failed or the decklist has nothing to show in that format.
// `format`: an export format's name (is_output_format), not "json".
bool print_export(const Outcome& outcome, const std::string& format, const std::string& filename,
                  bool several_images, std::ostream& out, std::ostream& err);

}  // namespace decklist::cli
