// waymark/report/package_trust.hpp: which completions count as earned on a trusted package.
//
// A completion names the exact content it was earned on (the package's content digest)
// and whether the player trusted the package's signer at the time. By default reports
// take that flag as the device recorded it. An auditor who holds the packages and the
// publishers' keys can decide instead: only completions on the content digest of a
// package signed by a key they trust count; every other completion is reported as
// untrusted, whatever the device recorded.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "waymark/core/result.hpp"
#include "waymark/ledger/events.hpp"
#include "waymark/package/trust.hpp"

namespace waymark::report {

class CompletionTrust {
  public:
    // As the device recorded it: each completion's own trusted flag.
    CompletionTrust() = default;
    // Only completions whose course digest (64 lowercase hex) is one of these.
    static CompletionTrust of_digests(std::set<std::string, std::less<>> digests);

    bool trusts(const ledger::CourseRef& course) const;
    // True when digests decide (of_digests), not the device's flag.
    bool by_digest() const { return digests_.has_value(); }

  private:
    std::optional<std::set<std::string, std::less<>>> digests_;
};

struct PackageFolderTrust {
    CompletionTrust trust;  // by the digests of the trusted packages
    // One line per package: "FILE: COURSE VERSION, content digest HEX".
    std::vector<std::string> trusted;
};

// Told of each package that does not count (damaged, or signed by a key not trusted):
// the error names the file and says why.
using SkippedPackage = std::function<void(const Error&)>;

// Opens every *.wmpkg directly inside `folder` (in name order, as hostile input: see
// waymark/package/package.hpp) and trusts the content digest of each one signed by a key
// in `keys`. ErrorCode::not_found when `folder` is not a folder; ErrorCode::untrusted when
// no package in it is both intact and signed by a trusted key (every completion would
// show as untrusted; `skipped` has then been told why for each).
Result<PackageFolderTrust> trust_packages_in(const std::filesystem::path& folder,
                                             const package::TrustStore& keys,
                                             const SkippedPackage& skipped = {});

}  // namespace waymark::report
