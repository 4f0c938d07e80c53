#include "waymark/report/package_trust.hpp"

#include <algorithm>

#include "waymark/core/crypto.hpp"
#include "waymark/package/package.hpp"

namespace waymark::report {

namespace fs = std::filesystem;

CompletionTrust CompletionTrust::of_digests(std::set<std::string, std::less<>> digests) {
    CompletionTrust t;
    t.digests_ = std::move(digests);
    return t;
}

bool CompletionTrust::trusts(const ledger::CourseRef& course) const {
    return digests_ ? digests_->count(course.digest) > 0 : course.trusted;
}

Result<PackageFolderTrust> trust_packages_in(const fs::path& folder,
                                             const package::TrustStore& keys,
                                             const SkippedPackage& skipped) {
    std::error_code ec;
    if (!fs::is_directory(folder, ec))
        return make_error(ErrorCode::not_found,
                          "packages folder not found; name the folder that holds the course "
                          "packages (.wmpkg) the learners were trained on",
                          folder.string());
    std::vector<fs::path> files;
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec))
        if (it->path().extension() == ".wmpkg" && it->is_regular_file(ec))
            files.push_back(it->path());
    if (ec)
        return make_error(ErrorCode::io, "cannot list the packages: " + ec.message(),
                          folder.string());
    std::sort(files.begin(), files.end());

    PackageFolderTrust result;
    std::set<std::string, std::less<>> digests;
    for (const auto& file : files) {
        auto pkg = package::open_package(file);
        if (!pkg) {
            if (skipped)
                skipped(pkg.error());
            continue;
        }
        const auto& m = pkg->manifest();
        if (!pkg->trusted_by(keys)) {
            if (skipped)
                skipped(make_error(ErrorCode::untrusted,
                                   "signed by key " + pkg->signer().fingerprint() +
                                       ", which you have not trusted: completions on it count "
                                       "as untrusted (if you trust its publisher, add their key "
                                       "with --trust NAME.pub)",
                                   file.string()));
            continue;
        }
        const std::string digest = to_hex(m.content_digest);
        digests.insert(digest);
        result.trusted.push_back(file.filename().string() + ": " + m.course.id + " " +
                                 m.course.version + ", content digest " + digest);
    }
    if (digests.empty()) {
        std::string why = files.empty() ? "there is no .wmpkg file in it"
                                        : "none of its " + std::to_string(files.size()) +
                                              " packages is intact and signed by a key you trust";
        if (keys.keys().empty())
            why += " (no trusted keys were given)";
        return make_error(ErrorCode::untrusted,
                          why +
                              ", so every completion would count as untrusted; name the folder "
                              "of the course packages, and their publishers' keys with --trust "
                              "NAME.pub or --trust-dir DIR",
                          folder.string());
    }
    result.trust = CompletionTrust::of_digests(std::move(digests));
    return result;
}

}  // namespace waymark::report
