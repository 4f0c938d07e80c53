// One rule for finding a person by what was typed: the learners screen and the manager area.
#include <gtest/gtest.h>

#include "waymark/player/name_search.hpp"

using waymark::player::NameSearch;

TEST(NameSearch, FindsPartOfANameInAnyCase) {
    EXPECT_TRUE(NameSearch("hART").matches("Bob Hart", "B-2"));
}

TEST(NameSearch, FindsPartOfAStaffIdInAnyCase) {
    EXPECT_TRUE(NameSearch("wf-10").matches("Bob Hart", "WF-10234"));
}

TEST(NameSearch, IgnoresSpacesTypedAroundIt) {
    EXPECT_TRUE(NameSearch("  bob ").matches("Bob Hart", ""));
}

TEST(NameSearch, DoesNotFindWhatIsInNeither) {
    EXPECT_FALSE(NameSearch("cara").matches("Bob Hart", "B-2"));
}

TEST(NameSearch, NothingTypedMatchesEveryone) {
    const NameSearch nothing("   ");
    EXPECT_TRUE(nothing.empty());
    EXPECT_TRUE(nothing.matches("Bob Hart", "B-2"));
}
