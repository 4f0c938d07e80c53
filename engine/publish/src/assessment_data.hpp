// What a published page hands to the assessment engine in the browser (wasm/): the
// questions, the assessment's rules and the course facts waymark.js needs, as JSON in
// <script type="application/json"> elements, which the browser never runs.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "waymark/assessment/course_policy.hpp"
#include "waymark/assessment/policy.hpp"
#include "waymark/content/question.hpp"
#include "waymark/course/course.hpp"

namespace waymark::publish {

// The policy as JSON, read by wasm/assessment_binding.cpp's read_policy().
std::string policy_json(const assessment::AssessmentPolicy& policy);

// What waymark.js needs on every page to track progress and completion: the course and
// version its saved progress belongs to, where this page is in reading order (`page`, -1
// for a page that is not read, such as contacts.html), how many pages there are, which
// of them must be read, and whether the assessment must be passed.
//     {"course":"prevent-duty@2.0.0","page":3,"pages":40,"required":[0,1,...],
//      "assessment":true}
std::string course_json(const course::Course& course, long page, std::size_t page_count);

// `questions` as a bank in content/bank.hpp's JSON, which the engine reads back.
std::string bank_json(std::span<const content::Question> questions);

// `<script type="application/json" id="ID">JSON</script>`. Every '<' in the JSON is
// written as \u003c, so no text in it (a question saying "</script>") can end the
// element early; JSON.parse reads it back unchanged.
std::string json_script(std::string_view id, std::string_view json);

}  // namespace waymark::publish
