#include "assessment_data.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <vector>

#include "waymark/content/bank.hpp"
#include "waymark/publish/html_text.hpp"

namespace waymark::publish {

std::string policy_json(const assessment::AssessmentPolicy& p) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
    w.StartObject();
    w.Key("draw_count");
    w.Uint64(p.draw_count);
    w.Key("at_least_per_module");
    w.Uint64(p.at_least_per_module);
    w.Key("quotas");
    w.StartArray();
    for (const auto& q : p.quotas) {
        w.StartObject();
        w.Key("scope");
        w.String(q.scope == assessment::Quota::Scope::module ? "module" : "category");
        w.Key("name");
        w.String(q.name.c_str(), static_cast<rapidjson::SizeType>(q.name.size()));
        w.Key("at_least");
        w.Uint64(q.at_least);
        w.EndObject();
    }
    w.EndArray();
    w.Key("pass_mark");
    w.Double(p.pass_mark);
    w.Key("attempts_allowed");
    w.Int(p.attempts_allowed);
    w.Key("wait_minutes");
    w.Int64(p.wait_between_attempts.count());
    w.Key("time_limit_minutes");
    w.Int64(p.time_limit.count());
    w.Key("review");
    w.String(assessment::to_string(p.review));
    w.Key("shuffle_questions");
    w.Bool(p.shuffle_questions);
    w.Key("shuffle_options");
    w.Bool(p.shuffle_options);
    w.EndObject();
    return {buffer.GetString(), buffer.GetSize()};
}

std::string course_json(const course::Course& course, long page, std::size_t page_count) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
    const std::string key = course.id + "@" + course.version;
    w.StartObject();
    w.Key("course");
    w.String(key.c_str(), static_cast<rapidjson::SizeType>(key.size()));
    w.Key("page");
    w.Int64(page);
    w.Key("pages");
    w.Uint64(page_count);
    w.Key("required");
    w.StartArray();
    std::size_t n = 0;
    for (const auto& module : course.modules)
        for (std::size_t p = 0; p < module.pages.size(); ++p, ++n)
            if (module.required || course.completion.all_modules)
                w.Uint64(n);
    w.EndArray();
    w.Key("assessment");
    w.Bool(course.completion.assessment && !course.assessment_questions.empty());
    w.EndObject();
    return {buffer.GetString(), buffer.GetSize()};
}

std::string bank_json(std::span<const content::Question> questions) {
    content::QuestionBank bank;
    bank.questions.assign(questions.begin(), questions.end());
    return content::write_bank_json(bank);
}

std::string json_script(std::string_view id, std::string_view json) {
    std::string out = "<script type=\"application/json\" id=\"" + html_escape(id) + "\">";
    out.reserve(out.size() + json.size() + 16);
    for (const char c : json) {
        if (c == '<')
            out += "\\u003c";
        else
            out += c;
    }
    return out + "</script>\n";
}

}  // namespace waymark::publish
