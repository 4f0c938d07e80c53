// waymark/player/name_search.hpp: one rule for finding a person in a list by what was
// typed, used by the learners screen and the manager area alike.
//
// What was typed matches a person when it occurs in their name or their staff id, in any
// case of ASCII letters ("bob" finds "Bob Hart", "wf-1" finds "WF-10234"); spaces typed
// around it are not part of it. Nothing typed matches everyone.
#pragma once

#include <string>
#include <string_view>

namespace waymark::player {

class NameSearch {
  public:
    explicit NameSearch(std::string_view typed);
    // Whether nothing but spaces was typed.
    bool empty() const { return part_.empty(); }
    bool matches(std::string_view name, std::string_view staff_id) const;

  private:
    std::string part_;  // lower case, without the spaces around it
};

}  // namespace waymark::player
