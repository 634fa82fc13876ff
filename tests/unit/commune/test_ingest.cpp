// What the hub accepts from outside beyond the upload schema: control characters, village names, gzip.
#include "ingest.hpp"
#include "sample_upload.hpp"

#include <doctest/doctest.h>
#include <zlib.h>

#include <string>

using namespace commune;

namespace {

std::string gzipped(const std::string& text) {
    z_stream s{};
    REQUIRE(deflateInit2(&s, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) ==
            Z_OK);
    std::string out(deflateBound(&s, text.size()) + 32, '\0');
    s.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
    s.avail_in = static_cast<uInt>(text.size());
    s.next_out = reinterpret_cast<Bytef*>(out.data());
    s.avail_out = static_cast<uInt>(out.size());
    REQUIRE(deflate(&s, Z_FINISH) == Z_STREAM_END);
    out.resize(s.total_out);
    deflateEnd(&s);
    return out;
}

} // namespace

TEST_CASE("control characters: C0, DEL, C1, separators and bidirectional overrides, nothing else") {
    using namespace std::string_literals;
    for (const std::string& bad :
         {"a\x1b[31m"s, "a\0b"s, "\x07"s, "\t"s, "\r\n"s, "x\x7f"s, "\xc2\x9b"s, "\xe2\x80\xae"s,
          "\xe2\x80\xa8"s, "\xe2\x81\xa6"s, "\xd8\x9c"s, "\xe2\x80\x8f"s})
        CHECK(hasControlCharacter(bad));
    for (const char* good : {"Thôn Đông", "vneid-kich-hoat", "lỗi: đĩa đầy", "Toàn xã — 2026", "«»", "€"})
        CHECK_FALSE(hasControlCharacter(good));
    CHECK(withoutControlCharacters("a\x1b[2Jb\xe2\x80\xae"
                                   "c") == "a [2Jb c");
}

TEST_CASE("cleanUpload: free text is cleaned, key names are refused naming the field") {
    auto upload = test::sampleUpload();
    upload.heartbeat.lastError = "disk\x1b]0;x\x07 full";
    upload.heartbeat.version = "1.0\r\n";
    REQUIRE(cleanUpload(upload).has_value());
    CHECK(upload.heartbeat.lastError == "disk ]0;x  full");
    CHECK(upload.heartbeat.version == "1.0  ");

    auto guide = test::sampleUpload();
    guide.days[0].guides[0].guideId += "\x1b";
    CHECK(cleanUpload(guide).error() ==
          kiosk::Error{kiosk::ErrorKind::invalidInput,
                       "days[0].guides[0].guide_id: holds a control character"});
    auto topic = test::sampleUpload();
    topic.days[0].guides[0].topic = "a\xe2\x80\xae";
    CHECK(cleanUpload(topic).error().message == "days[0].guides[0].topic: holds a control character");
    auto screen = test::sampleUpload();
    screen.days[0].screens[std::string("home\0", 5)] = 1;
    CHECK(cleanUpload(screen).error().message == "days[0].screens: a screen name holds a control character");
}

TEST_CASE("village names for registration") {
    CHECK(villageProblem("Thôn 1").empty());
    CHECK(villageProblem("") == "must not be empty");
    CHECK(villageProblem("   ") == "must not be empty");
    CHECK(villageProblem("Thôn\x1b[31m") == "holds a control character");
    CHECK(villageProblem(std::string(201, 'a')) == "longer than 200 bytes");
}

TEST_CASE("gzip: only one whole member, its check and length intact, and nothing after it") {
    const std::string text = R"({"schema_version": 1})";
    const std::string good = gzipped(text);
    CHECK(inflateGzip(good, 1000).value() == text);
    for (std::size_t cut : {1, 4, 8, 12})
        CHECK_FALSE(inflateGzip(good.substr(0, good.size() - cut), 1000).has_value());
    CHECK_FALSE(inflateGzip(good + "x", 1000).has_value());
    CHECK_FALSE(inflateGzip(good + good, 1000).has_value());
    CHECK_FALSE(inflateGzip(text, 1000).has_value());
    CHECK_FALSE(inflateGzip("", 1000).has_value());
    std::string corrupt = good;
    corrupt[corrupt.size() - 6] ^= 0x01; // the CRC
    CHECK_FALSE(inflateGzip(corrupt, 1000).has_value());
    const auto big = inflateGzip(gzipped(std::string(100'000, ' ')), 50'000);
    REQUIRE_FALSE(big.has_value());
    CHECK(big.error().kind == kiosk::ErrorKind::refused);
    CHECK(big.error().message == "body: larger than 50000 bytes");
    CHECK(inflateGzip(good + "x", 1000).error().kind == kiosk::ErrorKind::invalidInput);
}
