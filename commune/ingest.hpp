// What the hub accepts as text from outside (uploads, imports, kiosk registration) beyond what the upload
// schema checks: no control characters, which would print raw in a terminal (escape sequences), end up as
// NUL bytes in HTML and CSV, or reorder text (bidirectional overrides). And the strict gzip reader.
#pragma once

#include "common/error.hpp"
#include "common/usage_upload.hpp"

#include <cstddef>
#include <string>
#include <string_view>

namespace commune {

// True for C0 controls and DEL, C1 controls (U+0080..U+009F), line and paragraph separators, and the
// invisible bidirectional marks and overrides (U+061C, U+200E, U+200F, U+202A..U+202E, U+2066..U+2069).
// `text` is valid UTF-8 (the JSON parser checked it).
[[nodiscard]] bool hasControlCharacter(std::string_view text);
// Each such character replaced by one space.
[[nodiscard]] std::string withoutControlCharacters(std::string_view text);

// Free text (heartbeat versions, last error, sent_at; village, which the hub does not use) is cleaned;
// names that are keys (guide ids, topics, screen names) are refused (invalidInput), naming the field:
// cleaning them could make two of them equal.
[[nodiscard]] kiosk::Result<void> cleanUpload(kiosk::upload::Upload& upload);

// A village name for `kiosk add --village`: "" when acceptable, else why not.
[[nodiscard]] std::string villageProblem(std::string_view village);

// One complete gzip member, its CRC and length checked, nothing after it; at most maxBytes inflated.
// Errors: refused when it inflates past maxBytes; invalidInput when it is not such gzip (corrupt, cut
// short, or followed by other bytes).
[[nodiscard]] kiosk::Result<std::string> inflateGzip(std::string_view compressed, std::size_t maxBytes);

} // namespace commune
