// Issuing and verifying certificates against the ledger.
#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <tuple>

#include "waymark/ledger/person.hpp"
#include "waymark/report/certificate.hpp"
#include "waymark/report/dates.hpp"
#include "waymark/report/settings.hpp"

namespace waymark::report {

namespace {

constexpr char kCrockford[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

// The ledger's learners (not erased), found by id or staff id: read once for a whole team.
class LearnerIndex {
  public:
    static Result<LearnerIndex> read(ledger::Ledger& ledger) {
        auto learners = ledger.learners();
        if (!learners)
            return learners.error();
        LearnerIndex index;
        index.learners_ = std::move(*learners);
        std::erase_if(index.learners_, [](const ledger::Learner& l) { return l.erased(); });
        for (const auto& l : index.learners_) {
            index.by_name_.emplace(l.id, &l);
            // emplace keeps the first: the learner a scan in enrolment order finds first.
            index.by_name_.emplace(l.person.staff_id, &l);
        }
        return index;
    }

    Result<const ledger::Learner*> find(ledger::Ledger& ledger, std::string_view who) const {
        if (auto it = by_name_.find(who); it != by_name_.end())
            return it->second;
        return make_error(ErrorCode::not_found,
                          "there is no learner with the id or staff id \"" + std::string(who) +
                              "\" in the ledger " + ledger.path().string() +
                              "; 'waymark learner list' shows who is enrolled");
    }

  private:
    std::vector<ledger::Learner> learners_;
    std::map<std::string, const ledger::Learner*, std::less<>> by_name_;
};

Result<OrganisationSettings> organisation(ledger::Ledger& ledger) {
    auto settings = ledger.settings("");
    if (!settings)
        return settings.error();
    return read_organisation_settings(*settings);
}

CertificateData describe(const ledger::Completion& c, const ledger::Learner* learner,
                         const OrganisationSettings& org, std::string code) {
    CertificateData d;
    if (learner) {
        d.learner_name = learner->person.name;
        d.staff_id = learner->person.staff_id;
    }
    const CourseSettings& course = org.course(c.course.id);
    d.course_id = c.course.id;
    d.course_title = course.shown_title(c.course.id);
    d.course_version = c.course.version;
    d.completed_at = parse_iso8601(c.completed_at).value_or(UtcTime{});
    d.score = c.score;
    std::optional<UtcTime> recorded;
    if (c.valid_until)
        recorded = parse_iso8601(*c.valid_until);
    d.valid_until = valid_until(course.recertification, d.completed_at, recorded);
    d.organisation = org.name;
    d.code = std::move(code);
    d.completion_event_id = c.event_id;
    return d;
}

}  // namespace

std::string certificate_code(std::string_view completion_event_id) {
    const Sha256Digest digest =
        sha256("waymark-certificate-v1\n" + std::string(completion_event_id));
    std::uint64_t bits = 0;
    for (int i = 0; i < 8; ++i)
        bits = bits << 8 | digest[i];
    std::string code;
    for (int i = 0; i < 12; ++i) {
        if (i > 0 && i % 4 == 0)
            code += '-';
        code += kCrockford[(bits >> (59 - 5 * i)) & 31];
    }
    return code;
}

std::optional<std::string> normalise_certificate_code(std::string_view typed) {
    std::string chars;
    for (char c : typed) {
        if (c == '-' || c == ' ')
            continue;
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        if (c == 'O')
            c = '0';
        if (c == 'I' || c == 'L')
            c = '1';
        if (std::string_view(kCrockford).find(c) == std::string_view::npos)
            return std::nullopt;
        chars += c;
    }
    if (chars.size() != 12)
        return std::nullopt;
    return chars.substr(0, 4) + "-" + chars.substr(4, 4) + "-" + chars.substr(8, 4);
}

namespace {

// Issues one certificate from rows already checked against the chain.
Result<CertificateData> issue_from_checked_rows(ledger::Ledger& ledger,
                                                const LearnerIndex& learners,
                                                const OrganisationSettings& org,
                                                std::string_view who, std::string_view course_id) {
    auto found = learners.find(ledger, who);
    if (!found)
        return found.error();
    const ledger::Learner* learner = *found;
    auto completions = ledger.completions(learner->id, course_id);
    if (!completions)
        return completions.error();
    const ledger::Completion* latest = nullptr;
    bool untrusted = false;
    for (const auto& c : *completions) {
        if (!c.course.trusted) {
            untrusted = true;
            continue;
        }
        // As times, not text: "10:00:00Z" sorts after "10:00:00.400Z" as text.
        if (!latest || parse_iso8601(c.completed_at) >= parse_iso8601(latest->completed_at))
            latest = &c;
    }
    if (!latest && untrusted)
        return make_error(ErrorCode::untrusted,
                          learner->person.name + " completed " + std::string(course_id) +
                              " only on an untrusted package, which does not count; install the "
                              "signed course package and ask them to complete it again");
    if (!latest)
        return make_error(
            ErrorCode::not_found,
            ledger::name_with_staff_id(learner->person.name, learner->person.staff_id) +
                " has no completion of the course \"" + std::string(course_id) +
                "\" in the ledger");
    const std::string code = certificate_code(latest->event_id);
    auto existing = ledger.certificate_by_code(code);
    if (!existing)
        return existing.error();
    if (!*existing) {
        auto recorded = ledger.record_certificate(
            learner->id, latest->course, ledger::CertificateIssued{latest->event_id, code});
        if (!recorded)
            return recorded.error();
    }
    return describe(*latest, learner, org, code);
}

}  // namespace

CertificateList certificates_for(const StatusMatrix& matrix, const RowFilter& filter) {
    struct Listed {
        std::string_view team, name, staff_id;
        CertificateRequest request;
    };
    std::vector<Listed> listed;
    CertificateList list;
    matrix.for_each_row(filter, [&](const StatusRow& r) {
        // Only a completion that still counts is certified, as the report shows it.
        if (r.status == Status::completed || r.status == Status::due_soon)
            listed.push_back(
                {r.team,
                 r.name,
                 r.staff_id,
                 {std::string(r.learner_id), std::string(r.course_id), std::string(r.staff_id)}});
        else
            ++list.skipped;
        return true;
    });
    // Team, then name: the order a manager hands them out in.
    std::stable_sort(listed.begin(), listed.end(), [](const Listed& a, const Listed& b) {
        return std::tie(a.team, a.name, a.staff_id, a.request.course_id) <
               std::tie(b.team, b.name, b.staff_id, b.request.course_id);
    });
    list.wanted.reserve(listed.size());
    for (auto& l : listed)
        list.wanted.push_back(std::move(l.request));
    return list;
}

Result<std::vector<CertificateData>> issue_certificates(
    ledger::Ledger& ledger, const std::vector<CertificateRequest>& wanted,
    const ExportProgress& progress) {
    // Checked and issued in one write transaction: the completions the certificates name
    // are ones the evidence check saw, with no commit from another program in between.
    std::vector<CertificateData> issued;
    auto r = ledger.in_one_transaction([&]() -> Result<void> {
        // A certificate vouches for the ledger's rows: only ones that match the chain.
        if (auto sound = ledger::refuse_unless_evidence(ledger); !sound)
            return sound;
        auto learners = LearnerIndex::read(ledger);
        if (!learners)
            return learners.error();
        auto org = organisation(ledger);
        if (!org)
            return org.error();
        const auto total = static_cast<std::int64_t>(wanted.size());
        issued.reserve(wanted.size());
        for (const auto& w : wanted) {
            if (!progress(0, total))
                return export_stopped();
            auto data = issue_from_checked_rows(ledger, *learners, *org, w.learner, w.course_id);
            if (!data)
                return data.error();
            issued.push_back(std::move(*data));
        }
        return {};
    });
    if (!r)
        return r.error();
    return issued;
}

Result<CertificateData> issue_certificate(ledger::Ledger& ledger, std::string_view who,
                                          std::string_view course_id) {
    auto issued = issue_certificates(ledger, {{std::string(who), std::string(course_id)}});
    if (!issued)
        return issued.error();
    return std::move(issued->front());
}

std::string verification_line(const CertificateData& c) {
    const std::string who = c.organisation.empty() ? "the organisation that issued it"
                                                   : c.organisation + "'s training team";
    return "To check that this certificate is genuine and still valid, ask " + who +
           " to look up this code in their training records.";
}

namespace {

// verify_certificate() on rows already checked against the chain.
Result<CertificateCheck> look_up_checked_code(ledger::Ledger& ledger, std::string_view typed,
                                              UtcTime now) {
    CertificateCheck check;
    const auto code = normalise_certificate_code(typed);
    if (!code) {
        check.explanation = "\"" + std::string(typed) +
                            "\" is not a certificate code: codes have 12 letters and digits, "
                            "like 7KQ2-M9XD-4TJH";
        return check;
    }
    auto certificate = ledger.certificate_by_code(*code);
    if (!certificate)
        return certificate.error();
    if (!*certificate) {
        check.explanation = "no certificate with the code " + *code +
                            " was issued from this ledger: it is not genuine, or it was issued "
                            "from another organisation's records";
        return check;
    }
    auto completion = ledger.completion((*certificate)->completion_event_id);
    if (!completion)
        return completion.error();
    if (!*completion || certificate_code((*completion)->event_id) != *code ||
        !(*completion)->course.trusted) {
        check.explanation = "the code " + *code +
                            " is recorded, but it does not match a trusted completion: the "
                            "ledger may have been tampered with; run 'waymark ledger verify'";
        return check;
    }
    auto org = organisation(ledger);
    if (!org)
        return org.error();
    auto learner = ledger.learner((*completion)->learner_id);
    const ledger::Learner* person = learner && !learner->erased() ? &*learner : nullptr;
    check.certificate = describe(**completion, person, *org, *code);
    check.genuine = true;
    const auto& until = check.certificate->valid_until;
    check.valid = !until || now < *until;
    check.explanation = check.valid
                            ? "genuine and valid" + (until ? " until " + date_in_words(*until)
                                                           : std::string(" (never expires)"))
                            : "genuine, but it expired on " + date_in_words(*until) +
                                  "; the learner must complete the course again";
    return check;
}

}  // namespace

Result<CertificateCheck> verify_certificate(ledger::Ledger& ledger, std::string_view typed,
                                            UtcTime now) {
    // Checked and read in one transaction: the certificate, completion, learner and
    // settings read are the rows the evidence check saw, with no commit from another
    // program in between (a row inserted with sqlite3 after the check is not genuine).
    Result<CertificateCheck> check = CertificateCheck{};
    auto r = ledger.in_one_transaction([&]() -> Result<void> {
        // "Genuine" only from rows that match the chain.
        if (auto sound = ledger::refuse_unless_evidence(ledger); !sound)
            return sound;
        check = look_up_checked_code(ledger, typed, now);
        if (!check)
            return check.error();
        return {};
    });
    if (!r)
        return r.error();
    return check;
}

}  // namespace waymark::report
