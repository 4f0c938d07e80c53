// waymark/report/certificate.hpp: one-page PDF certificates, and checking them later.
//
// A certificate prints a verification code derived from the course-completed event it
// certifies. Issuing records a certificate-issued event, so anyone holding the ledger
// (an auditor, the organisation years later) can type the code into
// `waymark certificate verify` and learn whether the certificate is genuine and still
// valid. Only completions on trusted packages are certified.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "waymark/core/result.hpp"
#include "waymark/core/time.hpp"
#include "waymark/ledger/ledger.hpp"
#include "waymark/report/output_file.hpp"

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

// Finds the latest trusted completion of `learner` (id or staff id) on `course_id`,
// records a certificate for it unless one was issued already, and returns what to
// print. ErrorCode::not_found names what is missing (learner, completion);
// ErrorCode::untrusted when the only completions are on untrusted packages.
Result<CertificateData> issue_certificate(ledger::Ledger& ledger, std::string_view learner,
                                          std::string_view course_id);

// Draws the one-page (A4 landscape) certificate into `out` (not committed).
Result<void> render_certificate_pdf(const CertificateData& certificate, OutputFile& out);

// issue_certificate(), then the certificate drawn to `pdf` (replaced only when whole).
// A course the organisation has given no title is named `course_title` when that is
// not empty (the course's own title, which the ledger does not keep), else by its id.
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

// Looks the code up in the ledger. A code that is not there is a result (not genuine),
// not an error; errors are for a ledger that cannot be read.
Result<CertificateCheck> verify_certificate(ledger::Ledger& ledger, std::string_view code,
                                            UtcTime now);

}  // namespace waymark::report
