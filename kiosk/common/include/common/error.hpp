// The one error type for failures a caller handles: returned as std::expected<T, Error>, shown to staff,
// logged or retried. Exceptions are kept for programming errors and for start-up failure (main turns
// those into the out-of-service page); see README "How it is built".
#pragma once

#include <expected>
#include <string>
#include <utility>

namespace kiosk {

// What the caller can do about it: fix the input, look elsewhere, retry later, or tell a technician.
enum class ErrorKind {
    invalidInput, // a field, file or message that breaks its format: the message names which
    notFound,     // the thing asked for does not exist
    refused,      // a rule says no (e.g. the last active team member cannot be removed)
    unavailable,  // the network or the other side is down: retry later
    io,           // the disk: a file that cannot be read, written or renamed
};

struct Error {
    ErrorKind kind;
    std::string message; // for a person: names the file, line, field or address involved

    friend bool operator==(const Error&, const Error&) = default;
};

template <class T> using Result = std::expected<T, Error>;

[[nodiscard]] inline std::unexpected<Error> fail(ErrorKind kind, std::string message) {
    return std::unexpected(Error{kind, std::move(message)});
}

} // namespace kiosk
