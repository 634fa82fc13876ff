// How a TOML file's readers (the guides here, kiosk.toml in kiosk/config) report a problem:
// "file:line: message", the line of a key, and what was found for the "got ..." end of a message.
// One copy for both; callers link toml++ themselves (kiosk_content's public dependency).
#pragma once

#include <toml++/toml.h>

#include <string>
#include <string_view>

namespace content {

// "file:line: message"; "file: message" when the line is unknown (0 or less).
[[nodiscard]] std::string fileLineMessage(std::string_view file, int line, std::string_view message);

// The line of a value, else fallback (toml++ keeps 0 when it has none).
[[nodiscard]] int lineOf(const toml::node& node, int fallback = 0);
// The line of a key as written in the file, else of its value, else fallback.
[[nodiscard]] int lineOf(const toml::key& key, const toml::node& node, int fallback = 0);
// The line a parse error points at, else 0.
[[nodiscard]] int lineOf(const toml::parse_error& error);

// What was found, for the "got ..." end of a message: a quoted string, a number, true/false, a date,
// or the kind of value ("a list [...]", "a table {...}", "a time of day", "a date with a time").
[[nodiscard]] std::string describeValue(const toml::node& node);

// Text for a message, one line: control characters and bytes that are not UTF-8 escaped, cut after
// 60 characters with "…". printableText without quotes, quoteText with them.
[[nodiscard]] std::string printableText(std::string_view text);
[[nodiscard]] std::string quoteText(std::string_view text);

} // namespace content
