// What a person types on the kiosk's on-screen keypads: digits (phone numbers, PINs), booking codes,
// and Vietnamese names with tone marks, typed without a physical keyboard.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace kiosk {

// The five Vietnamese tone marks (plus none), as the on-screen keyboard offers them.
enum class ToneMark { none, acute, grave, hook, tilde, dotBelow }; // sắc, huyền, hỏi, ngã, nặng

class TextEntry {
  public:
    enum class Kind {
        digits, // 0-9 only
        code,   // booking-code letters and digits only (kiosk::bookingCodeAlphabet), upper case
        name,   // Vietnamese letters and spaces; each word starts with a capital
        note,   // Vietnamese letters, digits, spaces and . , - / : ( ); only the first letter a capital
    };

    TextEntry() = default;
    TextEntry(Kind kind, std::size_t maxCharacters) : m_kind(kind), m_maxCharacters(maxCharacters) {}

    // Appends one key's text (a digit, a letter such as "ư", or " "). Keys this kind does not take are
    // ignored, as is anything past the length limit.
    void type(std::string_view key);
    // Puts the tone mark on the right vowel of the last word (Vietnamese spelling rules, the traditional
    // placement used in names: "Hòa", "Thủy"); the same mark again takes it off. A word with no vowel yet
    // ("B", or nothing) gets the key's own letter, "a" with the mark: "b" then "à" is "Bà". Names only.
    void setTone(ToneMark mark);
    void erase(); // the last character (a whole letter, never half of its UTF-8 bytes)
    void clear() { m_text.clear(); }

    [[nodiscard]] const std::string& text() const { return m_text; } // UTF-8, NFC
    [[nodiscard]] std::size_t characters() const;
    [[nodiscard]] bool empty() const { return m_text.empty(); }
    [[nodiscard]] Kind kind() const { return m_kind; }
    // The text without spaces at either end, and inner runs of spaces made one.
    [[nodiscard]] std::string tidy() const;

  private:
    Kind m_kind = Kind::digits;
    std::size_t m_maxCharacters = 16;
    std::string m_text;
};

} // namespace kiosk
