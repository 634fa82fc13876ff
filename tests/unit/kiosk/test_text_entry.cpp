// The on-screen keypads' typing rules: digits, booking codes, and Vietnamese names with tone marks.
#include "app/text_entry.hpp"

#include <doctest/doctest.h>

#include <initializer_list>
#include <string>

using kiosk::TextEntry;
using kiosk::ToneMark;

namespace {
TextEntry typed(TextEntry::Kind kind, std::initializer_list<const char*> keys, std::size_t max = 40) {
    TextEntry entry(kind, max);
    for (const char* key : keys)
        entry.type(key);
    return entry;
}
} // namespace

TEST_CASE("TextEntry: digits take only digits, up to the limit") {
    TextEntry phone = typed(TextEntry::Kind::digits, {"0", "9", "a", "1", " ", "2"}, 3);
    CHECK(phone.text() == "091");
    phone.erase();
    CHECK(phone.text() == "09");
}

TEST_CASE("TextEntry: a booking code takes only the code's letters, in capitals") {
    TextEntry code = typed(TextEntry::Kind::code, {"a", "c", "0", "O", "1", "3", "x"}, 6);
    CHECK(code.text() == "AC3X");
}

TEST_CASE("TextEntry: names capitalise each word and keep single spaces") {
    TextEntry name = typed(TextEntry::Kind::name, {" ", "b", "à", " ", " ", "l", "a", "n", "1", " "});
    CHECK(name.text() == "Bà Lan ");
    CHECK(name.tidy() == "Bà Lan");
    CHECK(name.characters() == 7);
}

TEST_CASE("TextEntry: tone marks land on the vowel Vietnamese spelling puts them on") {
    struct Case {
        std::initializer_list<const char*> keys;
        ToneMark mark;
        const char* expected;
    };
    const Case cases[] = {
        {{"b", "a"}, ToneMark::grave, "Bà"},
        {{"h", "o", "a"}, ToneMark::grave, "Hòa"}, // two vowels at the end: the first
        {{"t", "h", "u", "y"}, ToneMark::hook, "Thủy"},
        {{"h", "o", "a", "n", "g"}, ToneMark::grave, "Hoàng"},       // a consonant after: the last vowel
        {{"n", "g", "u", "y", "ê", "n"}, ToneMark::tilde, "Nguyễn"}, // a vowel with a hat takes it
        {{"n", "g", "ư", "ơ", "i"}, ToneMark::grave, "Người"},
        {{"q", "u", "y"}, ToneMark::acute, "Quý"},             // the u of "qu" is a consonant
        {{"g", "i", "a"}, ToneMark::hook, "Giả"},              // so is the i of "gi"
        {{"n", "g", "o", "a", "i"}, ToneMark::acute, "Ngoái"}, // three vowels: the middle
        {{"đ", "ư", "c"}, ToneMark::dotBelow, "Đực"},
    };
    for (const Case& c : cases) {
        TextEntry name = typed(TextEntry::Kind::name, c.keys);
        name.setTone(c.mark);
        CHECK(name.text() == c.expected);
    }
}

TEST_CASE("TextEntry: a tone goes on the last word only, replaces another tone, and toggles off") {
    TextEntry name = typed(TextEntry::Kind::name, {"c", "h", "i", " ", "h", "o", "a"});
    name.setTone(ToneMark::acute);
    CHECK(name.text() == "Chi Hóa");
    name.setTone(ToneMark::grave);
    CHECK(name.text() == "Chi Hòa");
    name.setTone(ToneMark::grave);
    CHECK(name.text() == "Chi Hoa");
    name.setTone(ToneMark::dotBelow);
    CHECK(name.text() == "Chi Họa");
    name.erase(); // one whole letter, never a broken byte
    CHECK(name.text() == "Chi H\xe1\xbb\x8d");
    CHECK(name.characters() == 6);
}

// The tone keys show "á à ả ã ạ" and look like letters: where no vowel can carry the mark they type that
// letter, after any consonant, at the start of the field and at the start of a word.
TEST_CASE("TextEntry: a tone key with no vowel to carry its mark types its own letter") {
    TextEntry name = typed(TextEntry::Kind::name, {"b"});
    name.setTone(ToneMark::grave);
    CHECK(name.text() == "Bà");
    name.setTone(ToneMark::grave); // now there is a vowel: the same key takes the mark off again
    CHECK(name.text() == "Ba");

    TextEntry ng = typed(TextEntry::Kind::name, {"n", "g"});
    ng.setTone(ToneMark::acute);
    CHECK(ng.text() == "Ngá");

    TextEntry empty(TextEntry::Kind::name, 10);
    empty.setTone(ToneMark::hook);
    CHECK(empty.text() == "Ả"); // a word's first letter is a capital, as typed letters are
    empty.type(" ");
    empty.setTone(ToneMark::dotBelow);
    CHECK(empty.text() == "Ả Ạ");
    CHECK(empty.characters() == 3);

    TextEntry full = typed(TextEntry::Kind::name, {"b", "b"}, 2); // the length limit still holds
    full.setTone(ToneMark::acute);
    CHECK(full.text() == "Bb");
}

TEST_CASE("TextEntry: a tone on digits or a booking code changes nothing") {
    TextEntry digits = typed(TextEntry::Kind::digits, {"1"});
    digits.setTone(ToneMark::acute);
    CHECK(digits.text() == "1");
    TextEntry code = typed(TextEntry::Kind::code, {"a"});
    code.setTone(ToneMark::acute);
    CHECK(code.text() == "A");
}
