#include "app/text_entry.hpp"

#include "bookings/bookings.hpp"

#include <utf8proc.h>

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <string_view>
#include <vector>

namespace kiosk {

namespace {

using CodePoints = std::vector<utf8proc_int32_t>;

constexpr utf8proc_int32_t kToneMarks[] = {0, 0x0301, 0x0300, 0x0309, 0x0303, 0x0323}; // by ToneMark

bool isToneMark(utf8proc_int32_t c) {
    return std::ranges::find(kToneMarks + 1, std::end(kToneMarks), c) != std::end(kToneMarks);
}
bool isCombining(utf8proc_int32_t c) {
    return c >= 0x0300 && c <= 0x036F;
}
bool isVowelBase(utf8proc_int32_t c) {
    const utf8proc_int32_t lower = utf8proc_tolower(c);
    return lower == 'a' || lower == 'e' || lower == 'i' || lower == 'o' || lower == 'u' || lower == 'y';
}

CodePoints decode(std::string_view text, utf8proc_option_t options) {
    utf8proc_uint8_t* mapped = nullptr;
    const auto length = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                                     static_cast<utf8proc_ssize_t>(text.size()), &mapped, options);
    std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owner(mapped, &std::free);
    CodePoints result;
    if (length < 0) return result;
    utf8proc_ssize_t at = 0;
    while (at < length) {
        utf8proc_int32_t c = 0;
        const auto used = utf8proc_iterate(mapped + at, length - at, &c);
        if (used <= 0) break;
        result.push_back(c);
        at += used;
    }
    return result;
}

std::string encode(const CodePoints& codePoints) {
    std::string raw;
    for (utf8proc_int32_t c : codePoints) {
        utf8proc_uint8_t bytes[4];
        const auto n = utf8proc_encode_char(c, bytes);
        raw.append(reinterpret_cast<const char*>(bytes), static_cast<std::size_t>(n));
    }
    // Back to NFC: ImGui draws only precomposed letters, and the database should hold one form.
    CodePoints composed = decode(raw, static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE));
    std::string result;
    for (utf8proc_int32_t c : composed) {
        utf8proc_uint8_t bytes[4];
        const auto n = utf8proc_encode_char(c, bytes);
        result.append(reinterpret_cast<const char*>(bytes), static_cast<std::size_t>(n));
    }
    return result;
}

// One letter: a base code point and the combining marks after it (decomposed form).
struct Letter {
    utf8proc_int32_t base = 0;
    std::vector<utf8proc_int32_t> marks;
    [[nodiscard]] bool hasShapeMark() const { // â ê ô, ă, ơ ư: the tone goes on such a vowel
        return std::ranges::any_of(
            marks, [](utf8proc_int32_t m) { return m == 0x0302 || m == 0x0306 || m == 0x031B; });
    }
};

// Which letter of the word carries the tone, or -1 if the word has no vowel.
int toneCarrier(const std::vector<Letter>& word) {
    std::vector<int> vowels;
    for (int i = 0; i < static_cast<int>(word.size()); ++i) {
        if (!isVowelBase(word[i].base)) continue;
        const utf8proc_int32_t lower = utf8proc_tolower(word[i].base);
        const utf8proc_int32_t before = i > 0 ? utf8proc_tolower(word[i - 1].base) : 0;
        // "qu" and "gi" (before another vowel) spell consonants: their u and i never take the tone.
        const bool nextIsVowel = i + 1 < static_cast<int>(word.size()) && isVowelBase(word[i + 1].base);
        if ((lower == 'u' && before == 'q') || (lower == 'i' && before == 'g' && nextIsVowel)) continue;
        if (!vowels.empty() && vowels.back() != i - 1) vowels.clear(); // keep the last run of vowels
        vowels.push_back(i);
    }
    if (vowels.empty()) return -1;
    for (auto it = vowels.rbegin(); it != vowels.rend(); ++it) {
        if (word[*it].hasShapeMark()) return *it;
    }
    const bool endsWord = vowels.back() == static_cast<int>(word.size()) - 1;
    if (!endsWord || vowels.size() == 1) return vowels.back(); // "hoàn", "bà"
    if (vowels.size() == 3) return vowels[1];                  // "ngoái", "khuỷu"
    return vowels[0];                                          // "hòa", "thủy", "mái"
}

} // namespace

std::size_t TextEntry::characters() const {
    return decode(m_text, UTF8PROC_STABLE).size();
}

void TextEntry::type(std::string_view key) {
    CodePoints keyPoints = decode(key, static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE));
    if (keyPoints.size() != 1 || characters() >= m_maxCharacters) return;
    utf8proc_int32_t c = keyPoints[0];
    switch (m_kind) {
    case Kind::digits:
        if (c < '0' || c > '9') return;
        break;
    case Kind::code:
        c = utf8proc_toupper(c);
        if (c > 0x7F || bookingCodeAlphabet.find(static_cast<char>(c)) == std::string_view::npos) return;
        break;
    case Kind::name: {
        const bool letter =
            utf8proc_category(c) == UTF8PROC_CATEGORY_LL || utf8proc_category(c) == UTF8PROC_CATEGORY_LU;
        if (c == ' ') {
            if (m_text.empty() || m_text.back() == ' ') return; // no leading or double spaces
        } else if (!letter) {
            return;
        } else if (m_text.empty() || m_text.back() == ' ') {
            c = utf8proc_toupper(c); // names: each word starts with a capital
        }
        break;
    }
    case Kind::note: {
        const bool letter =
            utf8proc_category(c) == UTF8PROC_CATEGORY_LL || utf8proc_category(c) == UTF8PROC_CATEGORY_LU;
        const bool other =
            (c >= '0' && c <= '9') ||
            std::u32string_view(U".,-/:()").find(static_cast<char32_t>(c)) != std::u32string_view::npos;
        if (c == ' ') {
            if (m_text.empty() || m_text.back() == ' ') return;
        } else if (!letter && !other) {
            return;
        } else if (m_text.empty()) {
            c = utf8proc_toupper(c); // a sentence: its first letter only
        }
        break;
    }
    }
    m_text += encode({c});
}

void TextEntry::setTone(ToneMark mark) {
    if (m_kind != Kind::name && m_kind != Kind::note) return;
    // The key shows its mark on an "a" and looks like a letter: with no vowel to carry the mark (an empty
    // field, a new word, "B"), it types that letter, so "b" then "à" gives "Bà" instead of nothing.
    const auto typeOwnLetter = [&] {
        if (mark == ToneMark::none) return;
        type(encode({'a', kToneMarks[static_cast<int>(mark)]}));
    };
    if (m_text.empty() || m_text.back() == ' ') return typeOwnLetter();
    const std::size_t wordStart = m_text.rfind(' ') == std::string::npos ? 0 : m_text.rfind(' ') + 1;
    CodePoints points = decode(std::string_view(m_text).substr(wordStart),
                               static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_DECOMPOSE));
    std::vector<Letter> word;
    for (utf8proc_int32_t c : points) {
        if (isCombining(c) && !word.empty())
            word.back().marks.push_back(c);
        else
            word.push_back({c, {}});
    }
    const int carrier = toneCarrier(word);
    if (carrier < 0) return typeOwnLetter();
    utf8proc_int32_t previous = 0;
    for (Letter& letter : word) {
        for (utf8proc_int32_t m : letter.marks)
            if (isToneMark(m)) previous = m;
        std::erase_if(letter.marks, isToneMark);
    }
    const utf8proc_int32_t wanted = kToneMarks[static_cast<int>(mark)];
    if (wanted != 0 && wanted != previous) word[static_cast<std::size_t>(carrier)].marks.push_back(wanted);
    CodePoints rebuilt;
    for (const Letter& letter : word) {
        rebuilt.push_back(letter.base);
        rebuilt.insert(rebuilt.end(), letter.marks.begin(), letter.marks.end());
    }
    m_text = m_text.substr(0, wordStart) + encode(rebuilt);
}

void TextEntry::erase() {
    if (m_text.empty()) return;
    std::size_t at = m_text.size() - 1;
    while (at > 0 && (static_cast<unsigned char>(m_text[at]) & 0xC0) == 0x80)
        --at; // a UTF-8 continuation byte
    m_text.erase(at);
}

std::string TextEntry::tidy() const {
    std::string result;
    for (char c : m_text) {
        if (c == ' ' && (result.empty() || result.back() == ' ')) continue;
        result += c;
    }
    while (!result.empty() && result.back() == ' ')
        result.pop_back();
    return result;
}

} // namespace kiosk
