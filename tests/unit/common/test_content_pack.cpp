// Signed content packs: a good pack unpacks whole; a tampered, unsigned, wrongly signed, truncated or
// padded one is refused and leaves nothing behind.
#include "../kiosk/temp_dir.hpp"
#include "common/content_pack.hpp"

#include <archive.h>
#include <archive_entry.h>
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using kiosk::pack::Manifest;

namespace {

std::string slurp(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

void spit(const fs::path& file, std::string_view bytes) {
    fs::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary | std::ios::trunc) << bytes;
}

// A small content root: a guide, a picture and a narration, plus what a pack leaves out.
struct Fixture {
    test::TempDir dir{"kiosk-pack-test"};
    kiosk::pack::KeyPair keys = kiosk::pack::makeKeys();
    fs::path root = dir.path / "root";
    fs::path pack = dir.path / "pack.tar";
    Fixture() {
        spit(root / "content/guides/vneid-a.toml", "id = \"vneid-a\"\n# NỘI-DUNG-BÀI\n");
        spit(root / "content/narration/vneid-a/01.ogg", std::string(3000, 'o'));
        spit(root / "images/vneid/a-01.png", "PNG-BYTES-" + std::string(70000, 'p'));
        spit(root / "images/src/vneid/a-01.svg", "<svg/>");             // sources stay home
        spit(root / "images/screenshots/home.png", "screenshot");       // so do screenshots
        spit(root / "content/guides/.vneid-a.toml.swp", "editor junk"); // and hidden files
    }
    Manifest make(std::int64_t version = 7) {
        auto made = kiosk::pack::writePack(root, keys.secretKey, version, "2026-12-03", pack);
        REQUIRE_MESSAGE(made.has_value(), (made ? "" : made.error().message));
        return *made;
    }
    kiosk::Result<Manifest> unpackTo(const fs::path& into) {
        return kiosk::pack::unpack(pack, keys.publicKey, into);
    }
};

// Rewrites a pack entry by entry through libarchive: `change` may alter a name's bytes or drop it (nullopt).
void rewrite(const fs::path& from, const fs::path& to,
             const std::function<std::optional<std::string>(const std::string&, std::string)>& change,
             const std::vector<std::pair<std::string, std::string>>& extra = {}) {
    archive* in = archive_read_new();
    archive_read_support_format_tar(in);
    REQUIRE(archive_read_open_filename(in, from.c_str(), 10240) == ARCHIVE_OK);
    archive* out = archive_write_new();
    archive_write_set_format_pax_restricted(out);
    REQUIRE(archive_write_open_filename(out, to.c_str()) == ARCHIVE_OK);
    const auto put = [&](const std::string& name, const std::string& bytes) {
        archive_entry* e = archive_entry_new();
        archive_entry_set_pathname(e, name.c_str());
        archive_entry_set_size(e, static_cast<la_int64_t>(bytes.size()));
        archive_entry_set_filetype(e, AE_IFREG);
        archive_entry_set_perm(e, 0644);
        archive_write_header(out, e);
        archive_write_data(out, bytes.data(), bytes.size());
        archive_entry_free(e);
    };
    archive_entry* entry = nullptr;
    while (archive_read_next_header(in, &entry) == ARCHIVE_OK) {
        const std::string name = archive_entry_pathname(entry);
        std::string bytes(static_cast<std::size_t>(archive_entry_size(entry)), '\0');
        archive_read_data(in, bytes.data(), bytes.size());
        if (auto changed = change(name, std::move(bytes))) put(name, *changed);
    }
    for (const auto& [name, bytes] : extra)
        put(name, bytes);
    archive_write_close(out);
    archive_write_free(out);
    archive_read_free(in);
}

} // namespace

TEST_CASE("content pack: a good pack unpacks every file with its manifest and leaves the sources out") {
    Fixture f;
    const Manifest made = f.make(202612031900);
    CHECK(made.version == 202612031900);
    REQUIRE(made.files.size() == 3);
    CHECK(made.files[0].path == "content/guides/vneid-a.toml");
    CHECK(made.files[1].path == "content/narration/vneid-a/01.ogg");
    CHECK(made.files[2].path == "images/vneid/a-01.png");
    CHECK(made.files[2].size == 70010);
    CHECK(made.files[0].sha256.size() == 64);

    const auto into = f.dir.path / "v1";
    auto unpacked = f.unpackTo(into);
    REQUIRE_MESSAGE(unpacked.has_value(), (unpacked ? "" : unpacked.error().message));
    CHECK(unpacked->version == 202612031900);
    CHECK(unpacked->date == "2026-12-03");
    CHECK(unpacked->files == made.files);
    for (const auto& file : made.files)
        CHECK(slurp(into / file.path) == slurp(f.root / file.path));
    CHECK_FALSE(fs::exists(into / "images/src"));
    CHECK_FALSE(fs::exists(into / "images/screenshots"));
    CHECK_FALSE(fs::exists(into / "manifest.json"));

    auto manifest = kiosk::pack::readManifest(f.pack, f.keys.publicKey);
    REQUIRE(manifest.has_value());
    CHECK(manifest->files == made.files);
}

TEST_CASE("content pack: a file changed after signing is refused and nothing is left behind") {
    Fixture f;
    f.make();
    const auto tampered = f.dir.path / "tampered.tar";
    rewrite(f.pack, tampered, [](const std::string& name, std::string bytes) -> std::optional<std::string> {
        if (name == "content/guides/vneid-a.toml") bytes.replace(bytes.find("NỘI"), 3, "XYZ");
        return bytes;
    });
    const auto into = f.dir.path / "v1";
    auto result = kiosk::pack::unpack(tampered, f.keys.publicKey, into);
    REQUIRE_FALSE(result.has_value());
    CHECK(result.error().message ==
          "pack: content/guides/vneid-a.toml does not match its SHA-256 in the manifest (tampered)");
    CHECK_FALSE(fs::exists(into));
}

TEST_CASE("content pack: another key, an edited manifest and a missing signature are refused") {
    Fixture f;
    f.make();
    const auto into = f.dir.path / "v1";
    const auto other = kiosk::pack::makeKeys();
    auto wrongKey = kiosk::pack::unpack(f.pack, other.publicKey, into);
    REQUIRE_FALSE(wrongKey.has_value());
    CHECK(wrongKey.error().kind == kiosk::ErrorKind::refused);
    CHECK(wrongKey.error().message.starts_with("pack: the signature does not match content.pack_public_key"));
    CHECK_FALSE(fs::exists(into));

    const auto edited = f.dir.path / "edited.tar";
    rewrite(f.pack, edited, [](const std::string& name, std::string bytes) -> std::optional<std::string> {
        if (name == "manifest.json") bytes.replace(bytes.find("\"version\": 7"), 12, "\"version\": 9");
        return bytes;
    });
    auto editedResult = kiosk::pack::unpack(edited, f.keys.publicKey, into);
    REQUIRE_FALSE(editedResult.has_value());
    CHECK(editedResult.error().kind == kiosk::ErrorKind::refused);

    const auto unsigned_ = f.dir.path / "unsigned.tar";
    rewrite(f.pack, unsigned_, [](const std::string& name, std::string bytes) -> std::optional<std::string> {
        if (name == "manifest.sig") return std::nullopt;
        return bytes;
    });
    auto unsignedResult = kiosk::pack::unpack(unsigned_, f.keys.publicKey, into);
    REQUIRE_FALSE(unsignedResult.has_value());
    CHECK(unsignedResult.error().message ==
          "pack: manifest.sig must come second, found content/guides/vneid-a.toml");

    auto noKey = kiosk::pack::unpack(f.pack, "", into);
    REQUIRE_FALSE(noKey.has_value());
    CHECK(noKey.error().message == "content.pack_public_key: not set, so no pack can be trusted");
    auto badKey = kiosk::pack::unpack(f.pack, "not-a-key", into);
    REQUIRE_FALSE(badKey.has_value());
    CHECK(badKey.error().message == "content.pack_public_key: not a base64 Ed25519 public key (32 bytes)");
    CHECK_FALSE(fs::exists(into));
}

TEST_CASE("content pack: a truncated download is refused at any length") {
    Fixture f;
    f.make();
    const std::string whole = slurp(f.pack);
    const auto cut = f.dir.path / "cut.tar";
    const auto into = f.dir.path / "v1";
    for (std::size_t length : {std::size_t{0}, std::size_t{100}, std::size_t{512}, std::size_t{2048},
                               whole.size() / 2, whole.size() - 70000, whole.size() - 1500}) {
        spit(cut, whole.substr(0, length));
        INFO("cut at ", length, " of ", whole.size());
        auto result = kiosk::pack::unpack(cut, f.keys.publicKey, into);
        CHECK_FALSE(result.has_value());
        CHECK_FALSE(fs::exists(into));
    }
}

TEST_CASE("content pack: a file the manifest does not name is refused") {
    Fixture f;
    f.make();
    const auto padded = f.dir.path / "padded.tar";
    rewrite(f.pack, padded,
            [](const std::string&, std::string bytes) -> std::optional<std::string> { return bytes; },
            {{"content/guides/extra.toml", "id = \"extra\"\n"}});
    const auto into = f.dir.path / "v1";
    auto result = kiosk::pack::unpack(padded, f.keys.publicKey, into);
    REQUIRE_FALSE(result.has_value());
    CHECK(result.error().message ==
          "pack: content/guides/extra.toml is not in the signed manifest (or comes twice): "
          "refused");
    CHECK_FALSE(fs::exists(into));
}

TEST_CASE("content pack: manifest paths cannot leave the folder and each field is checked") {
    const auto bad = [](std::string_view json) {
        auto parsed = kiosk::pack::parseManifest(json);
        REQUIRE_FALSE(parsed.has_value());
        return parsed.error().message;
    };
    const std::string sha(64, 'a');
    const auto withPath = [&](std::string_view path) {
        return R"({"format":"village-kiosk-pack/1","version":3,"date":"2026-12-03","files":[{"path":")" +
               std::string(path) + R"(","size":1,"sha256":")" + sha + R"("}]})";
    };
    CHECK(kiosk::pack::parseManifest(withPath("content/guides/a.toml")).has_value());
    CHECK(bad(withPath("../etc/passwd")) ==
          "manifest: files[1].path: ../etc/passwd is not a relative path under content/ or images/");
    CHECK(bad(withPath("content/../../x")).starts_with("manifest: files[1].path"));
    CHECK(bad(withPath("/content/x")).starts_with("manifest: files[1].path"));
    CHECK(bad(withPath("etc/x")).starts_with("manifest: files[1].path"));
    CHECK(bad(R"({"format":"zip","version":3})") == "manifest: format: must be \"village-kiosk-pack/1\"");
    CHECK(bad(R"({"format":"village-kiosk-pack/1","version":0})") ==
          "manifest: version: must be a whole number above 0");
    CHECK(bad(R"({"format":"village-kiosk-pack/1","version":3,"date":"3 Dec"})") ==
          "manifest: date: must be text like \"2026-12-03\"");
}
