// Checks on the text inside guide files (UTF-8, NFC, control characters, lengths) and message helpers.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace content::detail {

// The byte offset of the first byte that does not belong to well-formed UTF-8, or npos.
[[nodiscard]] std::size_t invalidUtf8Offset(std::string_view text);

// Unicode code points in valid UTF-8: "Đ" counts 1, not 2.
[[nodiscard]] std::size_t codePointCount(std::string_view text);

// True when the text is already in NFC form (what ImGui needs: it does not combine accents).
[[nodiscard]] bool isNfc(std::string_view text);

// The first C0 (tab and line breaks included), DEL or C1 control character, if any.
[[nodiscard]] std::optional<char32_t> firstControlCharacter(std::string_view text);

// Sentence ends: '.', '!' or '?' followed by a space or the end of the text.
[[nodiscard]] int sentenceCount(std::string_view text);

// Levenshtein distance on bytes, for "did you mean" suggestions on (ASCII) key names.
[[nodiscard]] std::size_t editDistance(std::string_view a, std::string_view b);

} // namespace content::detail
