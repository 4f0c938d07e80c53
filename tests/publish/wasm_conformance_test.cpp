// The browser scores exactly as the engine: the assessment engine as published
// (assessment.js, WebAssembly, run under Node) against engine/assessment called directly,
// on the Prevent course's own questions, for many generated seeds and answers. Draws,
// option orders, outcomes and pass or fail must be identical; fractions and totals too,
// to within the last bit that core's JSON reader (RapidJSON's fast, not full-precision,
// number parsing) may round differently when reading the engine's reply.
#include <gtest/gtest.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <random>
#include <sstream>

#include "assessment_data.hpp"
#include "node_packages.hpp"
#include "scratch_folder.hpp"
#include "waymark/assessment/attempt.hpp"
#include "waymark/assessment/draw.hpp"
#include "waymark/assessment/knowledge_check.hpp"
#include "waymark/assessment/presentation.hpp"
#include "waymark/assessment/random.hpp"
#include "waymark/assessment/scenario.hpp"
#include "waymark/content/bank.hpp"
#include "waymark/core/json.hpp"
#include "waymark/course/load.hpp"

namespace waymark::publish {
namespace {

namespace as = waymark::assessment;
namespace fs = std::filesystem;
using content::Question;
using content::QuestionType;
using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

// One generated answer: as the learner gave it (displayed positions), and its JSON.
struct Answer {
    as::Response displayed;
    std::string json;
};

std::string json_of(const std::vector<std::size_t>& list) {
    std::string out = "[";
    for (std::size_t i = 0; i < list.size(); ++i)
        out += (i ? "," : "") + std::to_string(list[i]);
    return out + "]";
}

std::string json_string(const std::string& s) {
    rapidjson::StringBuffer buffer;
    Writer w(buffer);
    w.String(s.c_str(), static_cast<rapidjson::SizeType>(s.size()));
    return buffer.GetString();
}

std::string json_number(double x) {
    rapidjson::StringBuffer buffer;
    Writer w(buffer);
    w.Double(x);
    return buffer.GetString();
}

// The right answer to q as the learner would give it when shown `shown`, worked out
// from the question itself; nullopt for a type not covered (scenarios: random paths
// reach their best ending often enough).
std::optional<Answer> right_answer(const Question& q, const as::Presentation& shown) {
    const auto position = [](const std::vector<std::size_t>& list, auto&& wanted) {
        for (std::size_t d = 0; d < list.size(); ++d)
            if (wanted(list[d]))
                return d;
        return list.size();
    };
    switch (q.type) {
        case QuestionType::single_choice:
        case QuestionType::true_false: {
            const std::size_t d =
                position(shown.options, [&](std::size_t m) { return q.choices[m].weight >= 1; });
            return Answer{as::ChosenOption{d}, std::to_string(d)};
        }
        case QuestionType::multiple_response: {
            std::vector<std::size_t> chosen;
            for (std::size_t d = 0; d < shown.options.size(); ++d)
                if (q.choices[shown.options[d]].weight > 0)
                    chosen.push_back(d);
            return Answer{as::ChosenOptions{chosen}, json_of(chosen)};
        }
        case QuestionType::matching: {
            as::Matches m;
            std::vector<std::size_t> list;
            for (std::size_t p = 0; p < shown.prompts.size(); ++p) {
                const std::string& text = q.pairs[shown.prompts[p]].answer;
                m.matches[p] = position(shown.answers,
                                        [&](std::size_t a) { return q.pairs[a].answer == text; });
                list.push_back(m.matches[p]);
            }
            return Answer{m, json_of(list)};
        }
        case QuestionType::ordering: {
            std::vector<std::size_t> order;
            for (std::size_t pos = 0; pos < q.order.size(); ++pos)
                order.push_back(position(shown.options, [&](std::size_t m) { return m == pos; }));
            return Answer{as::Arrangement{order}, json_of(order)};
        }
        case QuestionType::short_answer:
        case QuestionType::numerical:
        case QuestionType::scenario:
        case QuestionType::essay:
        case QuestionType::description:
            break;
    }
    return std::nullopt;
}

// A random but well-formed answer to q shown as `shown`: right, wrong or partly right.
Answer generate(const Question& q, const as::Presentation& shown, std::mt19937_64& random) {
    const auto below = [&](std::size_t n) { return static_cast<std::size_t>(random() % n); };
    // Half the time the right answer where it can be worked out, so that attempts land on
    // both sides of the pass mark.
    if (random() % 2 == 0)
        if (auto right = right_answer(q, shown))
            return *right;
    switch (q.type) {
        case QuestionType::single_choice:
        case QuestionType::true_false: {
            const std::size_t k = below(shown.options.size());
            return {as::ChosenOption{k}, std::to_string(k)};
        }
        case QuestionType::multiple_response: {
            std::vector<std::size_t> chosen;
            for (std::size_t k = 0; k < shown.options.size(); ++k)
                if (random() % 2)
                    chosen.push_back(k);
            return {as::ChosenOptions{chosen}, json_of(chosen)};
        }
        case QuestionType::matching: {
            as::Matches m;
            std::string json = "[";
            for (std::size_t p = 0; p < shown.prompts.size(); ++p) {
                json += p ? "," : "";
                if (random() % 5 == 0) {
                    json += "null";
                    continue;
                }
                const std::size_t a = below(shown.answers.size());
                m.matches[p] = a;
                json += std::to_string(a);
            }
            return {m, json + "]"};
        }
        case QuestionType::ordering: {
            std::vector<std::size_t> order(q.order.size());
            for (std::size_t i = 0; i < order.size(); ++i)
                order[i] = i;
            std::shuffle(order.begin(), order.end(), random);
            return {as::Arrangement{order}, json_of(order)};
        }
        case QuestionType::short_answer: {
            std::string text = random() % 3 == 0 ? "not an answer" : q.text_answers[0].text;
            for (char& c : text)
                if (c == '*')
                    c = 'x';
            if (random() % 2)
                text = "  " + text + " ";
            for (char& c : text)
                if (random() % 4 == 0 && c >= 'a' && c <= 'z')
                    c = static_cast<char>(c - 'a' + 'A');
            return {as::TypedText{text}, json_string(text)};
        }
        case QuestionType::numerical: {
            const auto& a = q.numeric_answers[below(q.numeric_answers.size())];
            const double centre = a.range ? (a.min + a.max) / 2 : a.value;
            const double spread = a.range ? a.max - a.min : std::fabs(a.tolerance) * 2;
            const double x =
                centre + (static_cast<double>(random() % 2001) / 1000.0 - 1) * (spread + 1);
            return {as::TypedNumber{x}, json_number(x)};
        }
        case QuestionType::scenario: {
            // Sometimes left part-way, as a learner may leave it: an unfinished walk is
            // an answer that scores 0 in both engines.
            as::ScenarioPath path;
            std::size_t step = 0;
            for (;;) {
                path.options.push_back(below(q.steps[step].options.size()));
                auto walked = as::walk_scenario(q, path);
                if (!walked || walked->finished || random() % 4 == 0)
                    break;
                step = *walked->current;
            }
            return {path, json_of(path.options)};
        }
        case QuestionType::essay:
        case QuestionType::description:
            break;
    }
    return {};
}

class EngineInTheBrowser : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        Diagnostics listing;
        files_ =
            new course::FolderFiles(fs::path(WAYMARK_SOURCE_DIR) / "courses/prevent-duty", listing);
        loaded_ = new course::LoadedCourse(course::load_course(*files_));
        ASSERT_TRUE(loaded_->ok());
        folder_ = new waymark::testing::ScratchFolder("wasm-conformance");
    }
    static void TearDownTestSuite() {
        delete folder_;
        folder_ = nullptr;
        delete loaded_;
        delete files_;
    }

    static const course::Course& course() { return loaded_->course; }

    // The engine's replies, one per request, from assessment.js under Node.
    static std::vector<JsonValue> ask_engine(std::span<const Question> bank,
                                             const std::string& policy,
                                             const std::vector<std::string>& requests) {
        const fs::path bank_file = *folder_ / "bank.json";
        const fs::path policy_file = *folder_ / "policy.json";
        const fs::path requests_file = *folder_ / "requests.jsonl";
        std::ofstream(bank_file) << bank_json(bank);
        std::ofstream(policy_file) << policy;
        std::ofstream lines(requests_file);
        for (const auto& r : requests)
            lines << r << "\n";
        lines.close();
        const auto run = waymark::testing::run_shell(
            std::string("'") + WAYMARK_NODE + "' '" + WAYMARK_SOURCE_DIR +
            "/tests/publish/wasm/engine_replies.mjs' '" + WAYMARK_ASSESSMENT_JS + "' '" +
            bank_file.string() + "' '" + policy_file.string() + "' '" + requests_file.string() +
            "' 2>&1");
        EXPECT_EQ(run.status, 0) << run.output;
        std::vector<JsonValue> replies;
        std::istringstream in(run.output);
        for (std::string line; std::getline(in, line);) {
            auto reply = parse_json(line, "reply");
            EXPECT_TRUE(reply) << line;
            if (reply)
                replies.push_back(std::move(*reply));
        }
        EXPECT_EQ(replies.size(), requests.size()) << run.output.substr(0, 2000);
        return replies;
    }

    static std::vector<std::size_t> indices(const JsonValue* list) {
        std::vector<std::size_t> out;
        if (list)
            for (const auto& item : list->items)
                out.push_back(static_cast<std::size_t>(item.integer));
        return out;
    }

    static inline course::FolderFiles* files_ = nullptr;
    static inline course::LoadedCourse* loaded_ = nullptr;
    static inline waymark::testing::ScratchFolder* folder_ = nullptr;
};

TEST_F(EngineInTheBrowser, DrawsOrdersAndScoresFiveHundredAttemptsExactlyAsTheNativeEngine) {
    const auto& bank = course().assessment_questions;
    const auto policy = assessment::policy_of(course().assessment);
    std::mt19937_64 random(20261205);
    const UtcTime started{std::chrono::milliseconds{1'780'000'000'000}};
    const UtcTime submitted = started + std::chrono::minutes(20);

    std::vector<std::string> requests;
    std::vector<std::vector<std::string>> papers;
    std::vector<std::vector<as::Presentation>> shown;
    std::vector<as::AttemptResult> expected;
    for (int n = 0; n < 500; ++n) {
        const std::uint64_t seed = random();
        const std::string hex = as::format_seed(seed);
        auto paper = as::draw_paper(bank, policy, seed);
        ASSERT_TRUE(paper) << paper.error().describe();
        as::Attempt attempt;
        ASSERT_TRUE(attempt.apply(as::AttemptStarted{"a", seed, started, *paper, {}}));
        std::string answers = "[";
        std::vector<as::Presentation> orders;
        for (std::size_t i = 0; i < paper->size(); ++i) {
            const Question& q = *course().find_assessment_question((*paper)[i]);
            orders.push_back(as::present(q, as::question_seed(seed, q.id), policy.shuffle_options));
            answers += i ? "," : "";
            if (random() % 20 == 0) {  // left unanswered
                answers += "null";
                continue;
            }
            const Answer a = generate(q, orders.back(), random);
            answers += a.json;
            auto model = as::to_model(orders.back(), a.displayed);
            ASSERT_TRUE(model) << model.error().describe();
            ASSERT_TRUE(attempt.apply(as::AnswerSaved{q.id, *model, submitted}));
        }
        ASSERT_TRUE(attempt.apply(as::AttemptSubmitted{submitted}));
        auto scored = as::score_attempt(attempt, bank, policy, submitted);
        ASSERT_TRUE(scored) << scored.error().describe();
        requests.push_back("{\"op\":\"draw\",\"seed\":\"" + hex + "\"}");
        requests.push_back("{\"op\":\"score\",\"seed\":\"" + hex + "\",\"started\":" +
                           std::to_string(started.time_since_epoch().count()) + ",\"submitted\":" +
                           std::to_string(submitted.time_since_epoch().count()) +
                           ",\"answers\":" + answers + "]}");
        papers.push_back(*paper);
        shown.push_back(orders);
        expected.push_back(scored->result);
    }

    const auto replies = ask_engine(bank, policy_json(policy), requests);
    ASSERT_EQ(replies.size(), requests.size());
    std::size_t passes = 0, questions = 0;
    for (std::size_t n = 0; n < papers.size(); ++n) {
        const JsonValue& drawn = replies[2 * n];
        const JsonValue& marked = replies[2 * n + 1];
        ASSERT_TRUE(drawn.find("ok")->boolean) << requests[2 * n];
        ASSERT_TRUE(marked.find("ok")->boolean) << marked.find("error")->string;
        const auto& paper = drawn.find("paper")->items;
        ASSERT_EQ(paper.size(), papers[n].size());
        for (std::size_t i = 0; i < paper.size(); ++i) {
            EXPECT_EQ(paper[i].find("id")->string, papers[n][i]) << "attempt " << n;
            EXPECT_EQ(indices(paper[i].find("options")), shown[n][i].options);
            EXPECT_EQ(indices(paper[i].find("prompts")), shown[n][i].prompts);
            EXPECT_EQ(indices(paper[i].find("answers")), shown[n][i].answers);
        }
        const as::AttemptResult& want = expected[n];
        EXPECT_DOUBLE_EQ(marked.find("raw")->number, want.raw) << requests[2 * n + 1];
        EXPECT_EQ(marked.find("max")->number, want.max);
        EXPECT_EQ(marked.find("passed")->boolean, want.passed) << requests[2 * n + 1];
        const auto& results = marked.find("questions")->items;
        ASSERT_EQ(results.size(), want.questions.size());
        for (std::size_t i = 0; i < results.size(); ++i, ++questions) {
            EXPECT_EQ(results[i].find("id")->string, want.questions[i].question_id);
            EXPECT_EQ(results[i].find("answered")->boolean, want.questions[i].answered);
            EXPECT_DOUBLE_EQ(results[i].find("fraction")->number, want.questions[i].fraction)
                << want.questions[i].question_id << " in " << requests[2 * n + 1];
            EXPECT_EQ(results[i].find("outcome")->string, as::to_string(want.questions[i].outcome));
        }
        passes += want.passed ? 1 : 0;
    }
    // The generated answers reach both sides of the pass mark, so both were compared.
    EXPECT_GT(questions, 5000u);
    EXPECT_GT(passes, 0u);
    EXPECT_LT(passes, papers.size());
}

TEST_F(EngineInTheBrowser, OrdersAndMarksKnowledgeChecksExactlyAsTheNativeEngine) {
    const auto& checks = course().knowledge_checks;
    std::mt19937_64 random(18);
    std::vector<std::string> requests;
    std::vector<as::Presentation> shown;
    std::vector<as::Score> expected;
    for (int n = 0; n < 50; ++n)
        for (const Question& q : checks) {
            const std::uint64_t seed = random();
            const as::Presentation order = as::present(q, seed, q.shuffle);
            const Answer a = generate(q, order, random);
            auto model = as::to_model(order, a.displayed);
            ASSERT_TRUE(model) << model.error().describe();
            auto practised = as::practise(q, *model, UtcTime{});
            ASSERT_TRUE(practised) << practised.error().describe();
            const std::string common =
                "\"id\":" + json_string(q.id) + ",\"seed\":\"" + as::format_seed(seed) + "\"";
            requests.push_back("{\"op\":\"present\"," + common + "}");
            requests.push_back("{\"op\":\"check\"," + common + ",\"answer\":" + a.json + "}");
            shown.push_back(order);
            expected.push_back(practised->score);
        }
    const auto replies = ask_engine(checks, "", requests);
    ASSERT_EQ(replies.size(), requests.size());
    for (std::size_t n = 0; n < expected.size(); ++n) {
        const JsonValue& order = replies[2 * n];
        const JsonValue& marked = replies[2 * n + 1];
        ASSERT_TRUE(marked.find("ok")->boolean) << marked.find("error")->string;
        EXPECT_EQ(indices(order.find("options")), shown[n].options) << requests[2 * n];
        EXPECT_EQ(indices(order.find("prompts")), shown[n].prompts) << requests[2 * n];
        EXPECT_EQ(indices(order.find("answers")), shown[n].answers) << requests[2 * n];
        EXPECT_DOUBLE_EQ(marked.find("fraction")->number, expected[n].fraction)
            << requests[2 * n + 1];
        EXPECT_EQ(marked.find("outcome")->string, as::to_string(expected[n].outcome));
        std::vector<std::string> feedback;
        for (const auto& f : marked.find("feedback")->items)
            feedback.push_back(f.string);
        EXPECT_EQ(feedback, expected[n].feedback) << requests[2 * n + 1];
    }
}

// Tampering: an answer edited to name an option the question does not have is refused,
// never scored, as the native engine refuses it.
TEST_F(EngineInTheBrowser, RefusesAnAnswerNamingAnOptionThatDoesNotExist) {
    const auto& checks = course().knowledge_checks;
    const Question* choice = nullptr;
    for (const auto& q : checks)
        if (q.type == QuestionType::single_choice && !choice)
            choice = &q;
    ASSERT_NE(choice, nullptr);
    const auto replies = ask_engine(checks, "",
                                    {"{\"op\":\"check\",\"id\":" + json_string(choice->id) +
                                         ",\"seed\":\"0000000000000001\",\"answer\":99}",
                                     "{\"op\":\"check\",\"id\":" + json_string(choice->id) +
                                         ",\"seed\":\"0000000000000001\",\"answer\":-1}"});
    ASSERT_EQ(replies.size(), 2u);
    for (const auto& reply : replies) {
        EXPECT_FALSE(reply.find("ok")->boolean);
        EXPECT_EQ(reply.find("fraction"), nullptr);
    }
}

}  // namespace
}  // namespace waymark::publish
