// The subjects the kiosk teaches; each guide belongs to one. Titles are what residents read on the home
// screen.
#pragma once

#include <span>
#include <string_view>

namespace content {

struct Topic {
    std::string_view id;       // as written in guide files: vneid, ihanoi, dichvucong, antoan
    std::string_view title;    // e.g. "VNeID"
    std::string_view subtitle; // one short line under the title
};

[[nodiscard]] std::span<const Topic> topics();
[[nodiscard]] const Topic* findTopic(std::string_view id);

} // namespace content
