#include <algorithm>
#include <set>

#include "waymark/core/files.hpp"
#include "waymark/package/package.hpp"
#include "waymark/package/zip_bytes.hpp"

namespace waymark::package {

namespace fs = std::filesystem;

namespace {

Result<void> check_summary(const CourseSummary& c, const fs::path& out) {
    const std::pair<const char*, const std::string*> texts[] = {
        {"id", &c.id},           {"version", &c.version},     {"title", &c.title},
        {"summary", &c.summary}, {"publisher", &c.publisher}, {"language", &c.language}};
    for (const auto& [field, text] : texts) {
        if (!valid_utf8(*text))
            return make_error(ErrorCode::invalid,
                              std::string("the course ") + field +
                                  " is not valid UTF-8; save the course files as UTF-8",
                              out.string());
    }
    for (const auto& title : c.modules) {
        if (!valid_utf8(title))
            return make_error(ErrorCode::invalid,
                              "a module title is not valid UTF-8; save the course files as UTF-8",
                              out.string());
    }
    const std::pair<const char*, int> counts[] = {{"estimated_minutes", c.estimated_minutes},
                                                  {"reading_minutes", c.reading_minutes},
                                                  {"assessment_questions", c.assessment_questions},
                                                  {"knowledge_checks", c.knowledge_checks}};
    for (const auto& [field, value] : counts) {
        if (value < 0)
            return make_error(
                ErrorCode::invalid,
                std::string("the course ") + field + " is negative (" + std::to_string(value) + ")",
                out.string());
    }
    return {};
}

}  // namespace

Result<void> write_package(const fs::path& source_dir, const std::vector<std::string>& files,
                           const CourseSummary& course, const Ed25519SecretKey& key,
                           const fs::path& out) {
    if (auto r = check_summary(course, out); !r)
        return r;
    const OpenLimits limits;
    if (files.size() + 2 > limits.max_entries)
        return make_error(ErrorCode::limit,
                          std::to_string(files.size()) +
                              " files is more than a package may hold (" +
                              std::to_string(limits.max_entries - 2) + ")",
                          out.string());

    std::vector<std::string> paths = files;
    std::sort(paths.begin(), paths.end());
    for (std::size_t i = 0; i < paths.size(); ++i) {
        if (auto problem = entry_path_problem(paths[i]))
            return make_error(ErrorCode::invalid,
                              "cannot pack " + quote_for_message(paths[i]) + ": the path " +
                                  *problem + "; rename the file inside the course folder",
                              source_dir.string());
        if (i > 0 && paths[i] == paths[i - 1])
            return make_error(ErrorCode::usage, quote_for_message(paths[i]) + " is listed twice",
                              source_dir.string());
    }

    // Entry order: manifest.json, manifest.sig, then the files by path.
    std::vector<ZipEntry> entries(2);
    entries.reserve(paths.size() + 2);
    Manifest manifest;
    manifest.course = course;
    std::uint64_t total = 0;
    for (const auto& path : paths) {
        const fs::path full = source_dir / fs::path(path);
        std::error_code ec;
        const auto status = fs::symlink_status(full, ec);
        if (fs::is_symlink(status))
            return make_error(ErrorCode::invalid,
                              "is a symbolic link; packages hold only regular files, so copy "
                              "the file it points to into the course folder",
                              full.string());
        auto data =
            read_file(full, limits.max_total_bytes - std::min(total, limits.max_total_bytes));
        if (!data) {
            Error e = data.error();
            if (e.code == ErrorCode::limit)
                e.message = "the course is larger than a package may hold (" +
                            std::to_string(limits.max_total_bytes >> 20) +
                            " MiB in all); make large media files smaller";
            return e;
        }
        total += data->size();
        manifest.files.push_back({path, data->size(), sha256(*data)});
        entries.push_back({path, std::move(*data)});
    }
    manifest.content_digest = content_digest(manifest.files);
    entries[0] = {"manifest.json", to_canonical_json(manifest)};
    if (total + entries[0].data.size() + 4096 > limits.max_total_bytes)
        return make_error(ErrorCode::limit,
                          "the course is larger than a package may hold (" +
                              std::to_string(limits.max_total_bytes >> 20) + " MiB in all)",
                          out.string());
    const ManifestSignature signature{key.public_key(), sign(key, entries[0].data)};
    entries[1] = {"manifest.sig", format_signature_file(signature)};

    auto bytes = zip_bytes(entries, out);
    if (!bytes)
        return bytes.error();
    return write_file_atomic(out, *bytes);
}

}  // namespace waymark::package
