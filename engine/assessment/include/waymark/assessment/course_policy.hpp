// waymark/assessment/course_policy.hpp: a course's assessment settings (course.json's
// "assessment") as the policy the engine applies.
//
// The one mapping from what an author writes to the rules of an attempt: the player
// (engine/player) and the published course in the browser (engine/publish, which hands
// the policy to this module compiled to WebAssembly) both take it from here, so the two
// deliveries draw, time, review and limit attempts the same way.
#pragma once

#include "waymark/assessment/policy.hpp"
#include "waymark/course/course.hpp"

namespace waymark::assessment {

AssessmentPolicy policy_of(const course::AssessmentSettings& settings);

}  // namespace waymark::assessment
