#include "waymark/assessment/response.hpp"

namespace waymark::assessment {

namespace {

struct KindName {
    const char* operator()(const ChosenOption&) const { return "chosen-option"; }
    const char* operator()(const ChosenOptions&) const { return "chosen-options"; }
    const char* operator()(const Matches&) const { return "matches"; }
    const char* operator()(const Arrangement&) const { return "arrangement"; }
    const char* operator()(const TypedText&) const { return "typed-text"; }
    const char* operator()(const TypedNumber&) const { return "typed-number"; }
    const char* operator()(const ScenarioPath&) const { return "scenario-path"; }
};

}  // namespace

const char* kind_name(const Response& response) {
    return std::visit(KindName{}, response.value);
}

}  // namespace waymark::assessment
