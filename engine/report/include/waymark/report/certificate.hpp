// waymark/report/certificate.hpp: PDF certificates, and checking them later.
//
// A certificate prints a verification code derived from the course-completed event it
// certifies. Issuing records a certificate-issued event (once per completion, however
// often it is printed), so anyone holding the ledger (an auditor, the organisation years
// later) can type the code into `waymark certificate verify` and learn whether the
// certificate is genuine and still valid. Only completions on trusted packages are
// certified.
//
// A certificate is one A4-landscape page. A file holds one certificate, or a team's: one
// page each, in the order certificates_for() gives (team, then name), so that a manager
// can print or send them as one.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "waymark/core/result.hpp"
#include "waymark/core/time.hpp"
#include "waymark/ledger/ledger.hpp"
#include "waymark/report/export_progress.hpp"
#include "waymark/report/output_file.hpp"
#include "waymark/report/status.hpp"

namespace waymark::report {

// "7KQ2-M9XD-4TJH": 60 bits of SHA-256 over the completion event's id, in Crockford
// base32 (no I, L, O or U, so it survives being read aloud or retyped).
std::string certificate_code(std::string_view completion_event_id);

// The code as a person typed it ("7kq2 m9xd 4tjh", "7KQ2M9XD4TJH", O for 0) in its
// printed form; none when it cannot be a code.
std::optional<std::string> normalise_certificate_code(std::string_view typed);

struct CertificateData {
    std::string learner_name;  // "" once the learner has been erased
    std::string staff_id;
    std::string course_id;
    std::string course_title;
    std::string course_version;
    UtcTime completed_at{};
    double score = 0;                    // scaled, 0..1
    std::optional<UtcTime> valid_until;  // none: never expires
    std::string organisation;            // "" when the setting is not recorded
    std::string code;
    std::string completion_event_id;
};

// How a reader checks the certificate, in words for someone who has never heard of
// Waymark: whom to give the code to ("... ask Westmorland and Furness Council's training
// team to look up this code in their training records").
std::string verification_line(const CertificateData& certificate);

// One certificate asked for: a learner (id or staff id) and a course id.
struct CertificateRequest {
    std::string learner;
    std::string course_id;
    std::string staff_id = {};  // as listed, for naming a file of its own; may be empty
};

// The certificates the rows of a report call for, as `waymark report` with the same
// filter would list them (so the two agree on who is in a team).
struct CertificateList {
    // Rows whose learner holds a current trusted completion (completed or due soon),
    // ordered by team, then name, then staff id and course id.
    std::vector<CertificateRequest> wanted;
    // Rows with nothing current to certify: not started, in progress, overdue (an
    // expired completion is not certified again) or completed only on an untrusted package.
    std::int64_t skipped = 0;
};
CertificateList certificates_for(const StatusMatrix& matrix, const RowFilter& filter);

// Finds the latest trusted completion of `learner` (id or staff id) on `course_id`,
// records a certificate for it unless one was issued already, and returns what to
// print. ErrorCode::not_found names what is missing (learner, completion);
// ErrorCode::untrusted when the only completions are on untrusted packages.
Result<CertificateData> issue_certificate(ledger::Ledger& ledger, std::string_view learner,
                                          std::string_view course_id);

// issue_certificate() for each of `wanted`, in that order, after one evidence check and
// in one write transaction: one that cannot be issued, or `progress` returning false
// (export_stopped()), records none of them.
Result<std::vector<CertificateData>> issue_certificates(
    ledger::Ledger& ledger, const std::vector<CertificateRequest>& wanted,
    const ExportProgress& progress = {});

// Draws the certificates into `out` (not committed), one A4-landscape page each, in the
// order given. The PDF's title names the course ("Certificate: Prevent duty",
// "Certificates: Prevent duty, 12 learners"). `progress` hears pages drawn; false stops
// (export_stopped()). ErrorCode::usage for an empty list.
Result<void> render_certificates_pdf(const std::vector<CertificateData>& certificates,
                                     OutputFile& out, const ExportProgress& progress = {});
Result<void> render_certificate_pdf(const CertificateData& certificate, OutputFile& out);

// Course id -> title, for courses the organisation has given no title: the course's own
// title, which the ledger does not keep. A course in neither is named by its id.
using CourseTitles = std::map<std::string, std::string>;

// Names each certificate's course by `titles` where the organisation gave it no title
// (its title is still its id).
void name_courses(std::vector<CertificateData>& certificates, const CourseTitles& titles);

// issue_certificates(), then every certificate drawn to `pdf`, which is replaced only
// when whole: Cancel (`progress` returning false) or a failure leaves an earlier `pdf`
// as it was. `progress` hears pages drawn of the total (0 while they are issued).
Result<std::vector<CertificateData>> save_certificates_pdf(
    ledger::Ledger& ledger, const std::vector<CertificateRequest>& wanted,
    const std::filesystem::path& pdf, const CourseTitles& titles = {},
    const ExportProgress& progress = {});

// One learner's certificate: save_certificates_pdf() of one.
Result<CertificateData> save_certificate_pdf(ledger::Ledger& ledger, std::string_view learner,
                                             std::string_view course_id,
                                             const std::filesystem::path& pdf,
                                             std::string_view course_title = {});

struct CertificateCheck {
    bool genuine = false;     // the code is recorded in this ledger for this completion
    bool valid = false;       // genuine and not expired at `now`
    std::string explanation;  // one sentence for the person checking
    std::optional<CertificateData> certificate;
};

// Looks the code up in the ledger, after the evidence check and in the same transaction,
// so the answer is about the state checked. A code that is not there is a result (not
// genuine), not an error; errors are for a ledger that cannot be read or used as evidence.
Result<CertificateCheck> verify_certificate(ledger::Ledger& ledger, std::string_view code,
                                            UtcTime now);

}  // namespace waymark::report
