#include "ingest.hpp"

#include "common/local_time.hpp"

#include <fmt/format.h>
#include <zlib.h>

#include <array>

namespace commune {

namespace {

// Bytes of the control character starting at text[i] (valid UTF-8), or 0 when it is not one.
std::size_t controlAt(std::string_view text, std::size_t i) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char c = byte(i);
    if (c < 0x20 || c == 0x7F) return 1;
    if (c == 0xC2 && i + 1 < text.size() && byte(i + 1) >= 0x80 && byte(i + 1) <= 0x9F) return 2; // C1
    if (c == 0xD8 && i + 1 < text.size() && byte(i + 1) == 0x9C) return 2;                        // U+061C
    if (c == 0xE2 && i + 2 < text.size()) {
        const unsigned char b1 = byte(i + 1), b2 = byte(i + 2);
        if (b1 == 0x80 && (b2 == 0x8E || b2 == 0x8F)) return 3; // U+200E, U+200F
        if (b1 == 0x80 && b2 >= 0xA8 && b2 <= 0xAE) return 3;   // U+2028..U+202E
        if (b1 == 0x81 && b2 >= 0xA6 && b2 <= 0xA9) return 3;   // U+2066..U+2069
    }
    return 0;
}

bool cleanText(std::string& text) {
    if (!hasControlCharacter(text)) return false;
    text = withoutControlCharacters(text);
    return true;
}

} // namespace

bool hasControlCharacter(std::string_view text) {
    for (std::size_t i = 0; i < text.size(); ++i)
        if (controlAt(text, i) > 0) return true;
    return false;
}

std::string withoutControlCharacters(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        if (const std::size_t n = controlAt(text, i); n > 0) {
            out += ' ';
            i += n;
        } else {
            out += text[i++];
        }
    }
    return out;
}

kiosk::Result<void> cleanUpload(kiosk::upload::Upload& upload) {
    for (std::size_t d = 0; d < upload.days.size(); ++d) {
        const auto& day = upload.days[d];
        for (const auto& [screen, views] : day.screens)
            if (hasControlCharacter(screen))
                return kiosk::fail(
                    kiosk::ErrorKind::invalidInput,
                    fmt::format("days[{}].screens: a screen name holds a control character", d));
        for (std::size_t g = 0; g < day.guides.size(); ++g) {
            if (hasControlCharacter(day.guides[g].guideId))
                return kiosk::fail(
                    kiosk::ErrorKind::invalidInput,
                    fmt::format("days[{}].guides[{}].guide_id: holds a control character", d, g));
            if (hasControlCharacter(day.guides[g].topic))
                return kiosk::fail(kiosk::ErrorKind::invalidInput,
                                   fmt::format("days[{}].guides[{}].topic: holds a control character", d, g));
        }
    }
    for (std::size_t i = 0; i < upload.flags.size(); ++i) {
        auto& f = upload.flags[i];
        if (hasControlCharacter(f.guideId))
            return kiosk::fail(kiosk::ErrorKind::invalidInput,
                               fmt::format("screen_flags[{}].guide_id: holds a control character", i));
        if (!kiosk::parseIsoUtc(f.flaggedAt))
            return kiosk::fail(kiosk::ErrorKind::invalidInput,
                               fmt::format("screen_flags[{}].flagged_at: must be a UTC time like "
                                           "2026-11-25T08:00:00Z",
                                           i));
        // Typed text is shown on a web page: no control characters, but an honest note stays readable.
        cleanText(f.guideTitle);
        cleanText(f.note);
    }
    auto& h = upload.heartbeat;
    for (std::string* text : {&upload.village, &h.version, &h.contentVersion, &h.lastError, &h.sentAt})
        cleanText(*text);
    return {};
}

std::string villageProblem(std::string_view village) {
    if (village.find_first_not_of(" \t") == std::string_view::npos) return "must not be empty";
    if (village.size() > kiosk::upload::kMaxVillageBytes)
        return fmt::format("longer than {} bytes", kiosk::upload::kMaxVillageBytes);
    if (hasControlCharacter(village)) return "holds a control character";
    return {};
}

kiosk::Result<std::string> inflateGzip(std::string_view compressed, std::size_t maxBytes) {
    z_stream stream{};
    if (inflateInit2(&stream, 16 + MAX_WBITS) != Z_OK)
        return kiosk::fail(kiosk::ErrorKind::unavailable, "body: cannot inflate now (out of memory)");
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
    stream.avail_in = static_cast<uInt>(compressed.size());
    std::string out;
    std::array<char, 16 * 1024> buffer{};
    int result = Z_OK;
    while (result == Z_OK) {
        stream.next_out = reinterpret_cast<Bytef*>(buffer.data());
        stream.avail_out = static_cast<uInt>(buffer.size());
        result = inflate(&stream, Z_NO_FLUSH);
        const std::size_t produced = buffer.size() - stream.avail_out;
        if (out.size() + produced > maxBytes) {
            inflateEnd(&stream);
            return kiosk::fail(kiosk::ErrorKind::refused,
                               fmt::format("body: larger than {} bytes", maxBytes));
        }
        out.append(buffer.data(), produced);
        if (result == Z_BUF_ERROR) break; // the input ended before the stream did
    }
    const bool complete = result == Z_STREAM_END && stream.avail_in == 0;
    inflateEnd(&stream);
    if (!complete)
        return kiosk::fail(kiosk::ErrorKind::invalidInput,
                           "body: not valid gzip (corrupt, cut short, or followed by other bytes)");
    return out;
}

} // namespace commune
