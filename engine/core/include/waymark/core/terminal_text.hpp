// waymark/core/terminal_text.hpp: text from outside the program, made safe to print.
//
// A terminal obeys the control characters in what it is given: an LRS's error page, a
// learner's name from a merged ledger or a course file can hold ESC sequences that clear
// the screen, move the cursor to overwrite what was printed, retitle the window or, on
// some terminals, answer back as if typed. Everything the CLI prints that it did not
// write itself goes through printable(), which keeps text readable and shows every
// control character as a visible escape instead of sending it to the terminal.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace waymark {

// `text` with valid UTF-8 kept as it is ("Siân Öztürk" stays "Siân Öztürk") and shown as
// visible escapes:
//   newline, carriage return, tab                 \n \r \t
//   other C0 controls (U+0000..U+001F) and DEL    \x1b, \x7f, ...
//   C1 controls (U+0080..U+009F, as UTF-8)         \u009b, ...
//   bytes that are not valid UTF-8                 \xff, \xc3, ...
// A backslash is kept as it is, so Windows paths stay readable; the result is for
// people to read, not to be decoded back. printable(printable(x)) == printable(x).
std::string printable(std::string_view text);

// printable(text), cut to at most `max_bytes` bytes (never inside an escape or a
// character) and then followed by "... (N bytes in all)" when anything was left out:
// for quoting a reply that may be as long as its sender likes.
std::string printable_excerpt(std::string_view text, std::size_t max_bytes);

}  // namespace waymark
