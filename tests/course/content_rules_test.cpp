// The checks that keep a course's facts true: contacts checked within the course's review
// period, phone numbers and email addresses only where contacts.json has them, no
// short-answer pattern that accepts wrong answers, and the pinned emergency contact.
#include <gtest/gtest.h>

#include <string>

#include "course_fixture.hpp"
#include "waymark/core/time.hpp"

using namespace waymark;
using namespace waymark::course;
using namespace waymark::course::testing;

namespace {

std::string months_ago(int months) {
    return format_date(add_months(utc_now(), -months));
}

// The sample course with its first contact checked `months` ago and, when `review` is
// not 0, a "review_months" in course.json.
std::map<std::string, std::string> course_with_contact_checked(int months, int review) {
    auto files = sample_course_files();
    replace(files["contacts.json"], "\"checked_on\": \"2026-11-25\"",
            "\"checked_on\": \"" + months_ago(months) + "\"");
    if (review != 0)
        replace(files["course.json"], "\"refresher_months\": 12,",
                "\"refresher_months\": 12, \"review_months\": " + std::to_string(review) + ",");
    return files;
}

std::size_t warnings(const LoadedCourse& c) {
    return c.diagnostics.warning_count();
}

// Adds a paragraph at the end of the sample's first page.
std::map<std::string, std::string> page_saying(const std::string& text) {
    auto files = sample_course_files();
    replace(files["modules/01-pages.md"], "[[check:sample-block-kinds]]",
            text + "\n\n[[check:sample-block-kinds]]");
    return files;
}

}  // namespace

// --- contacts checked within the review period ------------------------------------------

TEST(StaleContacts, WarnsAboutAContactCheckedLongerAgoThanTheReviewPeriod) {
    const LoadedCourse c = load(course_with_contact_checked(7, 6));
    EXPECT_TRUE(c.ok()) << listing(c);
    EXPECT_TRUE(reports(c, "contacts.json", 4,
                        "longer ago than the course's review period of 6 months",
                        Severity::warning))
        << listing(c);
}

TEST(StaleContacts, AcceptsAContactCheckedWithinTheReviewPeriod) {
    const LoadedCourse c = load(course_with_contact_checked(5, 6));
    EXPECT_TRUE(c.diagnostics.empty()) << listing(c);
}

TEST(StaleContacts, UsesTwelveMonthsWhenTheCourseSetsNoReviewPeriod) {
    EXPECT_EQ(warnings(load(course_with_contact_checked(11, 0))), 0u);
    const LoadedCourse old = load(course_with_contact_checked(13, 0));
    EXPECT_TRUE(reports(old, "contacts.json", 4, "review period of 12 months", Severity::warning))
        << listing(old);
}

TEST(StaleContacts, RefusesAReviewPeriodOutsideOneToSixtyMonths) {
    for (const char* months : {"0", "61"}) {
        auto files = sample_course_files();
        replace(files["course.json"], "\"refresher_months\": 12,",
                std::string("\"refresher_months\": 12, \"review_months\": ") + months + ",");
        const LoadedCourse c = load(files);
        EXPECT_TRUE(reports(c, "course.json", 10, "must be between 1 and 60")) << listing(c);
    }
}

// --- phone numbers and email addresses live in contacts.json ------------------------------

TEST(ContactDetailsInText, WarnsAboutAPhoneNumberOnAPageThatIsNotAContact) {
    const LoadedCourse c = load(page_saying("For advice call 0800 123 4567 today."));
    EXPECT_TRUE(c.ok()) << listing(c);
    EXPECT_TRUE(reports(c, "modules/01-pages.md", 36,
                        "phone number \"0800 123 4567\" is not a contact in contacts.json",
                        Severity::warning))
        << listing(c);
}

TEST(ContactDetailsInText, AcceptsANumberThatIsAContactHoweverItIsSpaced) {
    auto files = page_saying("In immediate danger call 999. Write to training@example.org.");
    replace(files["contacts.json"], "\"phone\": \"999\"", "\"phone\": \"01772 413 398\"");
    replace(files["modules/01-pages.md"], "call 999.", "call 01772 413398 or +44 1772 413 398.");
    const LoadedCourse c = load(files);
    EXPECT_TRUE(c.diagnostics.empty()) << listing(c);
}

TEST(ContactDetailsInText, WarnsAboutAServiceNumberThatIsNotAContact) {
    const LoadedCourse c = load(page_saying("For health advice call 111."));
    EXPECT_TRUE(reports(c, "modules/01-pages.md", 0, "phone number \"111\"", Severity::warning))
        << listing(c);
}

TEST(ContactDetailsInText, DoesNotMistakeYearsCountsSectionsOrMoneyForPhoneNumbers) {
    const LoadedCourse c = load(page_saying(
        "In 2023/24 there were 6,922 referrals; 8,778 in 2024/25. Section 26 came into force "
        "on 31 December 2023 (CP 903). It costs £101 for 15 questions, 1.5 hours, room 4101, "
        "ages 11 to 16, 0.999 of the time, version 1.0.0."));
    EXPECT_TRUE(c.diagnostics.empty()) << listing(c);
}

TEST(ContactDetailsInText, WarnsAboutAnEmailAddressInAChoiceFeedbackThatIsNotAContact) {
    auto files = sample_course_files();
    replace(files["questions/checks.json"], "\"Yes: write it as a Markdown table.\"",
            "\"Yes. Ask help@elsewhere.example.org for more.\"");
    const LoadedCourse c = load(files);
    EXPECT_TRUE(reports(c, "questions/checks.json", 2,
                        "question \"sample-block-kinds\": the email address "
                        "\"help@elsewhere.example.org\" in a choice's feedback",
                        Severity::warning))
        << listing(c);
}

TEST(ContactDetailsInText, AcceptsAContactsEmailAddressWrittenInCapitals) {
    const LoadedCourse c = load(page_saying("Questions? Write to Training@Example.ORG."));
    EXPECT_TRUE(c.diagnostics.empty()) << listing(c);
}

TEST(ContactDetailsInText, ReportsALinkedEmailAddressOnce) {
    const LoadedCourse c = load(page_saying("Write to <help@elsewhere.example.org> today."));
    EXPECT_EQ(c.diagnostics.warning_count(), 1u) << listing(c);
}

TEST(ContactDetailsInText, WarnsAboutANumberInAMailtoOrTelLink) {
    const LoadedCourse c =
        load(page_saying("[Ring the team](tel:01234567890) or [write](mailto:x@team.example)."));
    EXPECT_TRUE(reports(c, "modules/01-pages.md", 36, "\"01234567890\"", Severity::warning))
        << listing(c);
    EXPECT_TRUE(reports(c, "modules/01-pages.md", 36, "\"x@team.example\"", Severity::warning))
        << listing(c);
}

TEST(ContactDetailsInText, WarnsAboutAPhoneNumberInAGiftQuestion) {
    auto files = sample_course_files();
    files["questions/extra.gift"] +=
        "\n::gift-phone:: Which number is the helpline? "
        "{=0808 800 5000 ~999}\n";
    const LoadedCourse c = load(files);
    EXPECT_TRUE(reports(c, "questions/extra.gift", 0,
                        "question \"gift-phone\": the phone number \"0808 800 5000\" in a choice",
                        Severity::warning))
        << listing(c);
}

TEST(ContactDetailsInText, WarnsAboutANumberInAScenarioStep) {
    auto files = sample_course_files();
    const std::string& final = files["questions/final.json"];
    ASSERT_NE(final.find("\"type\": \"scenario\""), std::string::npos);
    const auto at = final.find("\"text\": \"", final.find("\"steps\""));
    files["questions/final.json"].insert(at + 9, "Ring 07700 900123. ");
    const LoadedCourse c = load(files);
    EXPECT_TRUE(reports(c, "questions/final.json", 0, "\"07700 900123\" in scenario step",
                        Severity::warning))
        << listing(c);
}

TEST(ContactDetailsInText, SurvivesAPageOfDigitsSeparatorsAndAtSigns) {
    std::string hostile;
    for (int i = 0; i < 20000; ++i)
        hostile += (i % 7 == 0) ? "@" : (i % 5 == 0) ? " " : (i % 3 == 0) ? "(" : "0";
    const LoadedCourse c = load(page_saying(hostile + " a@b.c@d.e @. .@ +44 +"));
    EXPECT_TRUE(c.ok()) << listing(c);
}

// --- short-answer patterns --------------------------------------------------------------

TEST(ShortAnswerPatterns, WarnsAboutAWildcardAroundOneWord) {
    auto files = sample_course_files();
    replace(files["questions/final.json"], "{\"text\": \"step*\"", "{\"text\": \"*step*\"");
    const LoadedCourse c = load(files);
    EXPECT_TRUE(reports(c, "questions/final.json", 19,
                        "question \"sample-callout-marker\": the answer pattern \"*step*\" "
                        "gives credit for any answer that contains \"step\"",
                        Severity::warning))
        << listing(c);
}

TEST(ShortAnswerPatterns, WarnsAboutAWildcardAroundOneWordWithSpaces) {
    auto files = sample_course_files();
    replace(files["questions/final.json"], "{\"text\": \"step*\"", "{\"text\": \" * steps * \"");
    EXPECT_TRUE(reports(load(files), "questions/final.json", 19, "\"steps\"", Severity::warning));
}

TEST(ShortAnswerPatterns, WarnsThatAWildcardForAWrongAnswerCatchesRightOnes) {
    auto files = sample_course_files();
    replace(files["questions/final.json"], "{\"text\": \"step*\", \"weight\": 50,",
            "{\"text\": \"*callout*\", \"weight\": 0,");
    const LoadedCourse c = load(files);
    EXPECT_TRUE(reports(c, "questions/final.json", 19,
                        "the answer pattern \"*callout*\" catches any answer that contains "
                        "\"callout\", including right ones",
                        Severity::warning))
        << listing(c);
}

TEST(ShortAnswerPatterns, AcceptsALoneWildcardAPrefixAndAPhrase) {
    auto files = sample_course_files();
    replace(files["questions/final.json"], "{\"text\": \"step*\", \"weight\": 50,",
            "{\"text\": \"step*\", \"weight\": 50, \"feedback\": \"Near.\"}, "
            "{\"text\": \"*a step flow*\", \"weight\": 0, \"feedback\": \"No.\"}, "
            "{\"text\": \"*\", \"weight\": 0,");
    const LoadedCourse c = load(files);
    EXPECT_TRUE(c.diagnostics.empty()) << listing(c);
}

TEST(ShortAnswerPatterns, WarnsAboutAWildcardPatternInAGiftShortAnswer) {
    auto files = sample_course_files();
    files["questions/extra.gift"] += "\n::gift-share:: Notice, check and what? {=*share* =share}\n";
    const LoadedCourse c = load(files);
    EXPECT_TRUE(reports(c, "questions/extra.gift", 0, "\"*share*\"", Severity::warning))
        << listing(c);
}

// --- the pinned contact ---------------------------------------------------------------

TEST(PinnedContact, IsTheContactCourseJsonNames) {
    auto files = sample_course_files();
    replace(files["course.json"], "\"contacts\": \"contacts.json\",",
            "\"contacts\": \"contacts.json\", \"pinned_contact\": \"emergency\",");
    const LoadedCourse c = load(files);
    EXPECT_TRUE(c.diagnostics.empty()) << listing(c);
    const Contact* pinned = c.course.pinned_contact();
    ASSERT_NE(pinned, nullptr);
    EXPECT_EQ(pinned->id, "emergency");
    EXPECT_EQ(pinned->phone, "999");
}

TEST(PinnedContact, IsNothingWhenCourseJsonPinsNone) {
    const LoadedCourse c = load(sample_course_files());
    EXPECT_EQ(c.course.pinned_contact(), nullptr);
}

TEST(PinnedContact, MustNameAContactInTheContactsFile) {
    auto files = sample_course_files();
    replace(files["course.json"], "\"contacts\": \"contacts.json\",",
            "\"contacts\": \"contacts.json\", \"pinned_contact\": \"emergncy\",");
    const LoadedCourse c = load(files);
    EXPECT_TRUE(reports(c, "course.json", 11,
                        "\"pinned_contact\" names contact \"emergncy\", which is not in "
                        "contacts.json (did you mean \"emergency\"?)"))
        << listing(c);
    EXPECT_EQ(c.course.pinned_contact(), nullptr);
}

TEST(PinnedContact, NeedsAContactsFile) {
    auto files = sample_course_files();
    replace(files["course.json"], "\"contacts\": \"contacts.json\",",
            "\"pinned_contact\": \"emergency\",");
    replace(files["modules/01-pages.md"], "[[contact:emergency]]", "");
    replace(files["modules/01-pages.md"], "[[contact:course-team]]", "");
    files.erase("contacts.json");
    const LoadedCourse c = load(files);
    EXPECT_TRUE(reports(c, "course.json", 11, "there is no \"contacts\" file")) << listing(c);
}

// --- --strict --------------------------------------------------------------------------

TEST(StrictCheck, MakesEveryWarningAnErrorAndKeepsTheRest) {
    const LoadedCourse c = load(page_saying("Call 0800 123 4567."));
    ASSERT_EQ(c.diagnostics.error_count(), 0u) << listing(c);
    ASSERT_GE(c.diagnostics.warning_count(), 1u);
    const Diagnostics strict_list = strict(c.diagnostics);
    EXPECT_EQ(strict_list.warning_count(), 0u);
    EXPECT_EQ(strict_list.error_count(), c.diagnostics.warning_count());
    EXPECT_EQ(strict_list.items()[0].message, c.diagnostics.items()[0].message);
}
