#include "waymark/assessment/draw.hpp"

#include <algorithm>
#include <set>

#include "waymark/assessment/random.hpp"

namespace waymark::assessment {

namespace {

using content::Question;

const char* scope_name(Quota::Scope scope) {
    return scope == Quota::Scope::module ? "module" : "category";
}

std::vector<Quota> expanded_quotas(std::span<const Question> bank, const AssessmentPolicy& policy) {
    std::vector<Quota> quotas = policy.quotas;
    if (policy.at_least_per_module == 0)
        return quotas;
    std::vector<std::string> modules;
    for (const auto& q : bank) {
        if (!q.is_scored() || q.module.empty())
            continue;
        if (std::find(modules.begin(), modules.end(), q.module) == modules.end())
            modules.push_back(q.module);
    }
    for (auto& module : modules)
        quotas.push_back({Quota::Scope::module, std::move(module), policy.at_least_per_module});
    return quotas;
}

}  // namespace

bool in_quota(const Question& q, const Quota& quota) {
    if (quota.scope == Quota::Scope::module)
        return q.module == quota.name;
    const auto& c = q.category;
    return c == quota.name || (c.size() > quota.name.size() && c.starts_with(quota.name) &&
                               c[quota.name.size()] == '/');
}

Result<std::vector<std::string>> draw_paper(std::span<const Question> bank,
                                            const AssessmentPolicy& policy, std::uint64_t seed) {
    if (auto valid = validate_policy(policy); !valid)
        return valid.error();

    std::vector<std::size_t> markable;  // indices into bank
    std::set<std::string> ids;
    for (std::size_t i = 0; i < bank.size(); ++i) {
        if (!ids.insert(bank[i].id).second)
            return make_error(
                ErrorCode::invalid,
                "two questions have the id \"" + bank[i].id + "\"; give each question its own id",
                bank[i].file.empty() ? std::string{}
                                     : bank[i].file + ":" + std::to_string(bank[i].line));
        if (bank[i].is_scored())
            markable.push_back(i);
    }
    const std::size_t count = policy.draw_count == 0 ? markable.size() : policy.draw_count;
    if (count > markable.size())
        return make_error(ErrorCode::invalid,
                          "the assessment asks for " + std::to_string(count) +
                              " questions but the bank has only " +
                              std::to_string(markable.size()) +
                              " that can be marked; add questions or lower the number drawn");
    if (count == 0)
        return make_error(ErrorCode::invalid,
                          "the bank has no questions that can be marked; add some questions");

    const auto quotas = expanded_quotas(bank, policy);
    std::size_t quota_total = 0;
    for (const auto& quota : quotas)
        quota_total += quota.at_least;
    if (quota_total > count)
        return make_error(ErrorCode::invalid,
                          "the quotas ask for " + std::to_string(quota_total) +
                              " questions but a paper has only " + std::to_string(count) +
                              "; lower the quotas or raise the number of questions drawn");

    SeededRandom random(seed);
    std::vector<bool> drawn(bank.size(), false);
    std::vector<std::size_t> paper;
    const auto draw_from = [&](std::vector<std::size_t> pool, std::size_t n) {
        // A partial Fisher-Yates: the first n of a shuffle, without shuffling the rest.
        for (std::size_t k = 0; k < n; ++k) {
            const auto j = k + static_cast<std::size_t>(random.below(pool.size() - k));
            std::swap(pool[k], pool[j]);
            drawn[pool[k]] = true;
            paper.push_back(pool[k]);
        }
    };

    for (const auto& quota : quotas) {
        std::size_t have = 0, available = 0;
        std::vector<std::size_t> pool;
        for (const std::size_t i : markable) {
            if (!in_quota(bank[i], quota))
                continue;
            ++available;
            if (drawn[i]) {
                ++have;
            } else {
                pool.push_back(i);
            }
        }
        if (available < quota.at_least)
            return make_error(ErrorCode::invalid,
                              "a quota asks for " + std::to_string(quota.at_least) +
                                  " questions from " + scope_name(quota.scope) + " \"" +
                                  quota.name + "\" but the bank has " + std::to_string(available) +
                                  "; add questions to it or lower the quota");
        if (have < quota.at_least)
            draw_from(std::move(pool), quota.at_least - have);
    }

    std::vector<std::size_t> rest;
    for (const std::size_t i : markable) {
        if (!drawn[i])
            rest.push_back(i);
    }
    draw_from(std::move(rest), count - paper.size());

    if (policy.shuffle_questions) {
        random.shuffle(paper);
    } else {
        std::sort(paper.begin(), paper.end());
    }
    std::vector<std::string> out;
    out.reserve(paper.size());
    for (const std::size_t i : paper)
        out.push_back(bank[i].id);
    return out;
}

}  // namespace waymark::assessment
