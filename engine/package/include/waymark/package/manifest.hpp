// waymark/package/manifest.hpp: what a course package contains, as signed by its publisher.
//
// Every .wmpkg holds a manifest.json that lists each file with its size and SHA-256, a
// summary of the course (so `waymark inspect` needs no course parsing) and a content
// digest. The publisher signs the exact bytes of manifest.json, so the signature covers
// every file through its digest.
//
// The content digest identifies the exact course content whatever the zip layout: it is
// the SHA-256 of the concatenation, over the files sorted by path (byte order), of
//     path "\0" size-in-decimal "\0" lowercase-hex-sha256 "\n"
// Completions record it, so an auditor can tell which content a learner saw.
//
// manifest.json is canonical JSON: one byte sequence per manifest, which open_package
// enforces by writing the parsed manifest back and comparing. The form is
//     {
//       "format_version": 1,
//       "course": {
//         "id": "prevent-duty",
//         "version": "2.1.0",
//         "title": "...",
//         "summary": "...",
//         "publisher": "...",
//         "language": "en-GB",
//         "estimated_minutes": 45,
//         "reading_minutes": 30,
//         "modules": [
//           "Introduction",
//           "CONTEST and Prevent"
//         ],
//         "assessment_questions": 20,
//         "knowledge_checks": 8
//       },
//       "files": [
//         {"path": "course.json", "size": 812, "sha256": "<64 lowercase hex>"}
//       ],
//       "content_digest": "<64 lowercase hex>"
//     }
// Keys appear in exactly this order, indented by two spaces, with a final newline; an
// empty array is written "[]". Strings are UTF-8; only '"', '\\' and control characters
// are escaped (\b \f \n \r \t, others as \u00xx); nothing else is.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "waymark/core/crypto.hpp"
#include "waymark/core/result.hpp"

namespace waymark::package {

// Enough about a course to list and describe it without reading its pages.
struct CourseSummary {
    std::string id;
    std::string version;
    std::string title;
    std::string summary;
    std::string publisher;
    std::string language;  // BCP 47, e.g. "en-GB"
    int estimated_minutes = 0;
    int reading_minutes = 0;
    std::vector<std::string> modules;  // module titles, in course order
    int assessment_questions = 0;
    int knowledge_checks = 0;

    friend bool operator==(const CourseSummary&, const CourseSummary&) = default;
};

struct FileEntry {
    std::string path;  // relative, forward slashes, checked by entry_path_problem()
    std::uint64_t size = 0;
    Sha256Digest sha256{};

    friend bool operator==(const FileEntry&, const FileEntry&) = default;
};

struct Manifest {
    int format_version = 1;
    CourseSummary course;
    std::vector<FileEntry> files;  // sorted by path, byte order, no duplicates
    Sha256Digest content_digest{};

    friend bool operator==(const Manifest&, const Manifest&) = default;
};

// The content digest of `files` as defined above. `files` must already be sorted by path.
Sha256Digest content_digest(const std::vector<FileEntry>& files);

// The canonical manifest.json text of `manifest`. The caller is responsible for valid
// UTF-8 strings, sorted files and a matching content digest; parse_manifest() refuses
// a text that breaks any of these.
std::string to_canonical_json(const Manifest& manifest);

// Parses manifest.json and checks it: format_version 1, every field present with the
// right type, counts not negative, file paths safe, sorted and unique, the content
// digest matching the file list, and the text in canonical form. `file` names the text
// in error positions (e.g. "manifest.json"). ErrorCode::parse for malformed JSON or a
// wrong shape, ErrorCode::invalid for a rule broken by well-formed JSON.
Result<Manifest> parse_manifest(std::string_view text, std::string_view file);

// Why `path` may not name a file in a package, or nullopt when it may. A safe path is
// relative, uses forward slashes, has no empty, "." or ".." components, no trailing
// slash, no control characters, no ':' (a Windows drive or stream), is valid UTF-8 of
// at most 512 bytes, and is not one of the reserved names manifest.json and
// manifest.sig. The reason reads after the quoted path: `has a ".." path component`.
std::optional<std::string> entry_path_problem(std::string_view path);

// `text` in double quotes with control characters escaped and long names shortened,
// so a hostile entry name cannot garble a message or a terminal.
std::string quote_for_message(std::string_view text);

}  // namespace waymark::package
