// Ids for imported GIFT questions: readable, stable and unique within one file.
//
// GIFT has no ids, only optional ::Title::s; courses refer to questions by id, so ids
// are derived from titles ("Who leads Channel?" -> "who-leads-channel") and stay the
// same when other questions of the file change.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>

namespace waymark::gift {

class QuestionIds {
  public:
    // An id for the `number`-th question of a file (1-based) titled `title`: its slug, or
    // "q<number>" without a usable title, with "-2", "-3", ... added when already taken.
    std::string assign(std::string_view title, int number);

  private:
    // Every id given out, with the suffix to try next when it is wanted again.
    std::unordered_map<std::string, int> taken_;
};

// Lower-case ASCII letters and digits of `title`, other runs of characters replaced by
// one '-', at most 60 characters, no '-' at either end.
std::string slug(std::string_view title);

}  // namespace waymark::gift
