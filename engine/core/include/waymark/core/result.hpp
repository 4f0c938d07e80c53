// waymark/core/result.hpp: expected failures as values.
//
// Every operation that can fail for a reason the user can fix (bad input, a missing
// file, a failed signature) returns Result<T>: either the value or an Error that says
// what went wrong, where, and what to do. Exceptions are kept for programming errors.
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace waymark {

enum class ErrorCode {
    io,            // a file or device could not be read or written
    parse,         // input is not well-formed (JSON, Markdown, GIFT, zip)
    invalid,       // well-formed but breaks a rule (a missing field, a bad value)
    not_found,     // a named thing does not exist
    verification,  // a digest or signature does not match
    untrusted,     // a valid signature by a key that is not trusted
    limit,         // input exceeds a configured limit (size, count, ratio)
    usage,         // the caller asked for something that makes no sense
};

const char* to_string(ErrorCode code);

struct Error {
    ErrorCode code = ErrorCode::invalid;
    std::string message;  // what went wrong and what to do about it
    std::string where;    // "file", "file:line" or "file:line:col"; may be empty

    // "where: message", the form the CLI prints.
    std::string describe() const { return where.empty() ? message : where + ": " + message; }
};

template <typename T>
class [[nodiscard]] Result {
  public:
    Result(T value) : state_(std::move(value)) {}
    Result(Error error) : state_(std::move(error)) {}

    bool ok() const { return state_.index() == 0; }
    explicit operator bool() const { return ok(); }

    T& value() & {
        assert(ok());
        return std::get<0>(state_);
    }
    const T& value() const& {
        assert(ok());
        return std::get<0>(state_);
    }
    T&& value() && {
        assert(ok());
        return std::get<0>(std::move(state_));
    }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

    const Error& error() const {
        assert(!ok());
        return std::get<1>(state_);
    }

  private:
    std::variant<T, Error> state_;
};

template <>
class [[nodiscard]] Result<void> {
  public:
    Result() = default;
    Result(Error error) : error_(std::move(error)), ok_(false) {}

    bool ok() const { return ok_; }
    explicit operator bool() const { return ok_; }
    const Error& error() const {
        assert(!ok_);
        return error_;
    }

  private:
    Error error_;
    bool ok_ = true;
};

inline Error make_error(ErrorCode code, std::string message, std::string where = {}) {
    return Error{code, std::move(message), std::move(where)};
}

}  // namespace waymark
