#include "waymark/content/bank.hpp"

#include <cereal/archives/json.hpp>
#include <cereal/types/string.hpp>
#include <cereal/types/vector.hpp>

#include <cmath>
#include <set>
#include <sstream>

#include "waymark/core/json.hpp"
#include "waymark/core/json_reader.hpp"

namespace waymark::content {

// ---- Writing: cereal's save() beside each type, fields in a fixed order. Optional fields
// are written only when they differ from their default, so banks stay readable. --------

constexpr int kBankVersion = 1;

namespace {
double to_percent(double fraction) {
    return std::round(fraction * 1e6) / 1e4;
}
std::string type_key(QuestionType t) {
    std::string s = to_string(t);
    for (char& c : s)
        if (c == '-')
            c = '_';
    return s;
}
}  // namespace

template <class Archive>
void save(Archive& ar, const Choice& c) {
    ar(cereal::make_nvp("text", c.text), cereal::make_nvp("weight", to_percent(c.weight)));
    if (!c.feedback.empty())
        ar(cereal::make_nvp("feedback", c.feedback));
    if (c.fixed)
        ar(cereal::make_nvp("fixed", c.fixed));
}

template <class Archive>
void save(Archive& ar, const MatchPair& p) {
    ar(cereal::make_nvp("prompt", p.prompt), cereal::make_nvp("answer", p.answer));
}

template <class Archive>
void save(Archive& ar, const TextAnswer& a) {
    ar(cereal::make_nvp("text", a.text), cereal::make_nvp("weight", to_percent(a.weight)));
    if (!a.feedback.empty())
        ar(cereal::make_nvp("feedback", a.feedback));
}

template <class Archive>
void save(Archive& ar, const NumericAnswer& a) {
    if (a.range) {
        ar(cereal::make_nvp("min", a.min), cereal::make_nvp("max", a.max));
    } else {
        ar(cereal::make_nvp("value", a.value), cereal::make_nvp("tolerance", a.tolerance));
    }
    ar(cereal::make_nvp("weight", to_percent(a.weight)));
    if (!a.feedback.empty())
        ar(cereal::make_nvp("feedback", a.feedback));
}

template <class Archive>
void save(Archive& ar, const ScenarioOption& o) {
    ar(cereal::make_nvp("text", o.text));
    if (o.next.empty()) {
        ar(cereal::make_nvp("score", to_percent(o.score)));
    } else {
        ar(cereal::make_nvp("next", o.next));
    }
    if (!o.feedback.empty())
        ar(cereal::make_nvp("feedback", o.feedback));
}

template <class Archive>
void save(Archive& ar, const ScenarioStep& s) {
    ar(cereal::make_nvp("id", s.id), cereal::make_nvp("text", s.text),
       cereal::make_nvp("options", s.options));
}

template <class Archive>
void save(Archive& ar, const Question& q) {
    ar(cereal::make_nvp("id", q.id), cereal::make_nvp("type", type_key(q.type)));
    if (!q.title.empty())
        ar(cereal::make_nvp("title", q.title));
    if (q.format != TextFormat::markdown)
        ar(cereal::make_nvp("format", std::string(to_string(q.format))));
    if (!q.category.empty())
        ar(cereal::make_nvp("category", q.category));
    if (!q.module.empty())
        ar(cereal::make_nvp("module", q.module));
    if (!q.source.empty())
        ar(cereal::make_nvp("source", q.source));
    ar(cereal::make_nvp("stem", q.stem));
    if (!q.stem_after.empty())
        ar(cereal::make_nvp("stem_after", q.stem_after));
    if (!q.choices.empty())
        ar(cereal::make_nvp("choices", q.choices));
    if (!q.pairs.empty())
        ar(cereal::make_nvp("pairs", q.pairs));
    if (!q.order.empty())
        ar(cereal::make_nvp("order", q.order));
    if (!q.text_answers.empty())
        ar(cereal::make_nvp("answers", q.text_answers));
    if (q.case_sensitive)
        ar(cereal::make_nvp("case_sensitive", q.case_sensitive));
    if (!q.numeric_answers.empty())
        ar(cereal::make_nvp("numbers", q.numeric_answers));
    if (!q.steps.empty())
        ar(cereal::make_nvp("steps", q.steps));
    if (!q.shuffle)
        ar(cereal::make_nvp("shuffle", q.shuffle));
    if (!q.general_feedback.empty())
        ar(cereal::make_nvp("feedback", q.general_feedback));
}

std::string write_bank_json(const QuestionBank& bank) {
    std::ostringstream os;
    {
        cereal::JSONOutputArchive ar(os, cereal::JSONOutputArchive::Options::Default());
        ar(cereal::make_nvp("format", std::string("waymark-bank")),
           cereal::make_nvp("version", kBankVersion),
           cereal::make_nvp("questions", bank.questions));
    }
    os << "\n";
    return os.str();
}

// ---- Reading: every problem reported with its place; bad questions are left out. ------

namespace {

class BankReader {
  public:
    BankReader(std::string file, Diagnostics& out) : file_(std::move(file)), out_(out) {}

    QuestionBank read(const JsonValue& root) {
        QuestionBank bank;
        bank.file = file_;
        JsonObjectReader r(root, file_, out_, "the question bank");
        std::string format;
        int version = 0;
        if (r.string("format", format, true) && format != "waymark-bank")
            out_.error(file_, root.find("format")->line, root.find("format")->column,
                       "\"format\" must be \"waymark-bank\"");
        if (r.integer("version", version, true) && version != kBankVersion)
            out_.error(file_, root.find("version")->line, root.find("version")->column,
                       "this Waymark reads bank version " + std::to_string(kBankVersion) +
                           ", not " + std::to_string(version));
        const JsonValue* questions = r.array("questions", true);
        r.finish();
        if (!questions)
            return bank;
        std::set<std::string> ids;
        for (const JsonValue& v : questions->items) {
            const std::size_t errors_before = out_.error_count();
            Question q = question(v);
            if (!q.id.empty() && !ids.insert(q.id).second)
                out_.error(file_, v.line, v.column,
                           "two questions have the id \"" + q.id + "\"; ids must be unique");
            if (out_.error_count() == errors_before)
                validate_question(q, out_);
            if (out_.error_count() == errors_before)
                bank.questions.push_back(std::move(q));
        }
        return bank;
    }

  private:
    // Percent in JSON, fraction in the model.
    bool weight(JsonObjectReader& r, const JsonValue& obj, const char* key, double& fraction) {
        double percent = 0;
        if (!r.number(key, percent))
            return false;
        if (percent < -100 || percent > 100) {
            const JsonValue* v = obj.find(key);
            out_.error(file_, v->line, v->column,
                       std::string("\"") + key + "\" is a percentage and must be within -100..100");
            return false;
        }
        fraction = percent / 100.0;
        return true;
    }

    Question question(const JsonValue& v) {
        Question q;
        q.file = file_;
        q.line = v.line;
        const JsonValue* id_value = v.find("id");
        const std::string what = id_value && id_value->is(JsonValue::Kind::string)
                                     ? "question \"" + id_value->string + "\""
                                     : "a question";
        JsonObjectReader r(v, file_, out_, what);
        r.string("id", q.id, true);
        std::string type;
        if (r.string("type", type, true) && !parse_question_type(type, q.type)) {
            const JsonValue* t = v.find("type");
            out_.error(file_, t->line, t->column,
                       "unknown question type \"" + type +
                           "\"; use single_choice, multiple_response, true_false, matching, "
                           "ordering, short_answer, numerical, scenario, essay or description");
        }
        r.string("title", q.title);
        std::string format;
        if (r.string("format", format)) {
            if (format == "markdown")
                q.format = TextFormat::markdown;
            else if (format == "html")
                q.format = TextFormat::html;
            else if (format == "plain")
                q.format = TextFormat::plain;
            else if (format == "moodle")
                q.format = TextFormat::moodle;
            else {
                const JsonValue* f = v.find("format");
                out_.error(
                    file_, f->line, f->column,
                    "unknown text format \"" + format + "\"; use markdown, html, plain or moodle");
            }
        }
        r.string("category", q.category);
        r.string("module", q.module);
        r.string("source", q.source);
        r.string("stem", q.stem, q.type != QuestionType::scenario);
        r.string("stem_after", q.stem_after);
        if (const JsonValue* a = r.array("choices")) {
            for (const JsonValue& c : a->items)
                q.choices.push_back(choice(c, what));
        }
        if (q.type == QuestionType::true_false && q.choices.empty()) {
            out_.error(file_, v.line, v.column,
                       what + " is true/false: give \"choices\" True and False, one correct");
        }
        if (const JsonValue* a = r.array("pairs")) {
            for (const JsonValue& p : a->items) {
                MatchPair pair;
                JsonObjectReader pr(p, file_, out_, "a pair of " + what);
                pr.string("prompt", pair.prompt);
                pr.string("answer", pair.answer, true);
                pr.finish();
                q.pairs.push_back(std::move(pair));
            }
        }
        if (const JsonValue* a = r.array("order")) {
            for (const JsonValue& item : a->items) {
                if (item.is(JsonValue::Kind::string))
                    q.order.push_back(item.string);
                else
                    report_wrong_kind(item, "order", JsonValue::Kind::string, file_, out_);
            }
        }
        if (const JsonValue* a = r.array("answers")) {
            for (const JsonValue& item : a->items) {
                TextAnswer t;
                JsonObjectReader ar(item, file_, out_, "an answer of " + what);
                ar.string("text", t.text, true);
                weight(ar, item, "weight", t.weight);
                ar.string("feedback", t.feedback);
                ar.finish();
                q.text_answers.push_back(std::move(t));
            }
        }
        r.boolean("case_sensitive", q.case_sensitive);
        if (const JsonValue* a = r.array("numbers")) {
            for (const JsonValue& item : a->items)
                q.numeric_answers.push_back(number(item, what));
        }
        if (const JsonValue* a = r.array("steps")) {
            for (const JsonValue& item : a->items)
                q.steps.push_back(step(item, what));
        }
        r.boolean("shuffle", q.shuffle);
        r.string("feedback", q.general_feedback);
        r.finish();
        return q;
    }

    Choice choice(const JsonValue& v, const std::string& what) {
        Choice c;
        JsonObjectReader r(v, file_, out_, "a choice of " + what);
        r.string("text", c.text, true);
        bool correct = false;
        const bool has_correct = r.boolean("correct", correct);
        const bool has_weight = weight(r, v, "weight", c.weight);
        if (has_correct && has_weight)
            out_.error(file_, v.line, v.column,
                       "a choice of " + what + " has both \"correct\" and \"weight\"; keep one");
        else if (has_correct)
            c.weight = correct ? 1.0 : 0.0;
        r.string("feedback", c.feedback);
        r.boolean("fixed", c.fixed);
        r.finish();
        return c;
    }

    NumericAnswer number(const JsonValue& v, const std::string& what) {
        NumericAnswer a;
        JsonObjectReader r(v, file_, out_, "a numerical answer of " + what);
        const bool has_value = r.number("value", a.value);
        r.number("tolerance", a.tolerance);
        const bool has_min = r.number("min", a.min);
        const bool has_max = r.number("max", a.max);
        a.range = has_min || has_max;
        if (a.range && !(has_min && has_max))
            out_.error(file_, v.line, v.column, "a range needs both \"min\" and \"max\"");
        if (a.range == has_value)
            out_.error(file_, v.line, v.column,
                       "a numerical answer needs either \"value\" (with an optional "
                       "\"tolerance\") or \"min\" and \"max\"");
        weight(r, v, "weight", a.weight);
        r.string("feedback", a.feedback);
        r.finish();
        return a;
    }

    ScenarioStep step(const JsonValue& v, const std::string& what) {
        ScenarioStep s;
        JsonObjectReader r(v, file_, out_, "a step of " + what);
        r.string("id", s.id, true);
        r.string("text", s.text, true);
        if (const JsonValue* options = r.array("options", true)) {
            for (const JsonValue& o : options->items) {
                ScenarioOption opt;
                JsonObjectReader orr(o, file_, out_, "an option of step \"" + s.id + "\"");
                orr.string("text", opt.text, true);
                const bool has_next = orr.string("next", opt.next);
                const bool has_score = weight(orr, o, "score", opt.score);
                if (has_next == has_score)
                    out_.error(file_, o.line, o.column,
                               "an option of step \"" + s.id +
                                   "\" needs either \"next\" (a step id) or \"score\" (an "
                                   "ending, 0..100)");
                orr.string("feedback", opt.feedback);
                orr.finish();
                s.options.push_back(std::move(opt));
            }
        }
        r.finish();
        return s;
    }

    std::string file_;
    Diagnostics& out_;
};

}  // namespace

QuestionBank read_bank_json(std::string_view text, const std::string& file, Diagnostics& out) {
    auto root = parse_json(text, file);
    if (!root) {
        out.add(root.error());
        QuestionBank empty;
        empty.file = file;
        return empty;
    }
    return BankReader(file, out).read(*root);
}

}  // namespace waymark::content
