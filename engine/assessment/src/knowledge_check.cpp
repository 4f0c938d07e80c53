#include "waymark/assessment/knowledge_check.hpp"

namespace waymark::assessment {

Result<PracticeFeedback> practise(const content::Question& q, const Response& response,
                                  UtcTime now) {
    auto marked = score(q, response);
    if (!marked)
        return marked.error();
    PracticeAnswered event{q.id, response, marked->fraction, marked->outcome, now};
    return PracticeFeedback{std::move(*marked), std::move(event)};
}

}  // namespace waymark::assessment
