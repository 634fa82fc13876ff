#include "content/toml_report.hpp"

#include <fmt/format.h>

namespace content {

namespace {

std::string formatDate(const toml::date& date) {
    return fmt::format("{:04}-{:02}-{:02}", date.year, date.month, date.day);
}

} // namespace

std::string fileLineMessage(std::string_view file, int line, std::string_view message) {
    if (line <= 0) {
        return fmt::format("{}: {}", file, message);
    }
    return fmt::format("{}:{}: {}", file, line, message);
}

int lineOf(const toml::node& node, int fallback) {
    const auto line = static_cast<int>(node.source().begin.line);
    return line > 0 ? line : fallback;
}

int lineOf(const toml::key& key, const toml::node& node, int fallback) {
    const auto line = static_cast<int>(key.source().begin.line);
    return line > 0 ? line : lineOf(node, fallback);
}

int lineOf(const toml::parse_error& error) {
    return static_cast<int>(error.source().begin.line);
}

std::string describeValue(const toml::node& node) {
    if (const auto* text = node.as_string()) {
        return quoteText(text->get());
    }
    if (const auto* integer = node.as_integer()) {
        return fmt::format("{}", integer->get());
    }
    if (const auto* number = node.as_floating_point()) {
        // fmt prints 90.0 as "90"; keep the ".0" so "must be an integer, got 90.0" makes sense.
        std::string text = fmt::format("{}", number->get());
        if (text.find_first_of(".eEn") == std::string::npos) {
            text += ".0";
        }
        return text;
    }
    if (const auto* boolean = node.as_boolean()) {
        return boolean->get() ? "true" : "false";
    }
    if (const auto* date = node.as_date()) {
        return formatDate(date->get());
    }
    if (node.is_array()) {
        return "a list [...]";
    }
    if (node.is_table()) {
        return "a table {...}";
    }
    if (node.is_time()) {
        return "a time of day";
    }
    if (node.is_date_time()) {
        return "a date with a time";
    }
    return "a value of another kind";
}

std::string quoteText(std::string_view text) {
    return "\"" + printableText(text) + "\"";
}

} // namespace content
