#include "waymark/package/manifest.hpp"

#include <algorithm>
#include <cstdio>
#include <limits>

#include "waymark/core/files.hpp"
#include "waymark/core/json.hpp"

namespace waymark::package {

namespace {

constexpr std::size_t kMaxPathBytes = 512;

void append_escaped(std::string& out, unsigned char c) {
    switch (c) {
        case '"':
            out += "\\\"";
            return;
        case '\\':
            out += "\\\\";
            return;
        case '\b':
            out += "\\b";
            return;
        case '\f':
            out += "\\f";
            return;
        case '\n':
            out += "\\n";
            return;
        case '\r':
            out += "\\r";
            return;
        case '\t':
            out += "\\t";
            return;
        default:
            break;
    }
    if (c < 0x20) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\u%04x", c);
        out += buf;
    } else {
        out += static_cast<char>(c);
    }
}

void append_json_string(std::string& out, std::string_view s) {
    out += '"';
    for (const char c : s)
        append_escaped(out, static_cast<unsigned char>(c));
    out += '"';
}

}  // namespace

Sha256Digest content_digest(const std::vector<FileEntry>& files) {
    Sha256 h;
    for (const auto& f : files) {
        h.update(f.path);
        h.update(std::string_view("\0", 1));
        h.update(std::to_string(f.size));
        h.update(std::string_view("\0", 1));
        h.update(to_hex(f.sha256));
        h.update("\n");
    }
    return h.finish();
}

std::string to_canonical_json(const Manifest& m) {
    std::string out;
    out.reserve(512 + m.files.size() * 128);
    const CourseSummary& c = m.course;
    auto string_field = [&](const char* key, std::string_view value) {
        out += "    \"";
        out += key;
        out += "\": ";
        append_json_string(out, value);
        out += ",\n";
    };
    auto int_field = [&](const char* key, long long value, bool last) {
        out += "    \"";
        out += key;
        out += "\": ";
        out += std::to_string(value);
        out += last ? "\n" : ",\n";
    };
    out += "{\n  \"format_version\": " + std::to_string(m.format_version) + ",\n";
    out += "  \"course\": {\n";
    string_field("id", c.id);
    string_field("version", c.version);
    string_field("title", c.title);
    string_field("summary", c.summary);
    string_field("publisher", c.publisher);
    string_field("language", c.language);
    int_field("estimated_minutes", c.estimated_minutes, false);
    int_field("reading_minutes", c.reading_minutes, false);
    if (c.modules.empty()) {
        out += "    \"modules\": [],\n";
    } else {
        out += "    \"modules\": [\n";
        for (std::size_t i = 0; i < c.modules.size(); ++i) {
            out += "      ";
            append_json_string(out, c.modules[i]);
            out += i + 1 < c.modules.size() ? ",\n" : "\n";
        }
        out += "    ],\n";
    }
    int_field("assessment_questions", c.assessment_questions, false);
    int_field("knowledge_checks", c.knowledge_checks, true);
    out += "  },\n";
    if (m.files.empty()) {
        out += "  \"files\": [],\n";
    } else {
        out += "  \"files\": [\n";
        for (std::size_t i = 0; i < m.files.size(); ++i) {
            const FileEntry& f = m.files[i];
            out += "    {\"path\": ";
            append_json_string(out, f.path);
            out += ", \"size\": " + std::to_string(f.size) + ", \"sha256\": \"" + to_hex(f.sha256) +
                   "\"}";
            out += i + 1 < m.files.size() ? ",\n" : "\n";
        }
        out += "  ],\n";
    }
    out += "  \"content_digest\": \"" + to_hex(m.content_digest) + "\"\n}\n";
    return out;
}

namespace {

// Reads fields out of a parsed manifest, remembering the first problem with its position.
class ManifestFields {
  public:
    explicit ManifestFields(std::string_view file) : file_(file) {}

    const JsonValue* member(const JsonValue& obj, const char* key, JsonValue::Kind kind) {
        const JsonValue* v = obj.find(key);
        if (!v) {
            fail(obj, std::string("missing \"") + key + "\"");
            return nullptr;
        }
        if (!v->is(kind)) {
            fail(*v, std::string("\"") + key + "\" should be " + to_string(kind) + ", found " +
                         to_string(v->kind));
            return nullptr;
        }
        return v;
    }

    void text(const JsonValue& obj, const char* key, std::string& out) {
        if (const JsonValue* v = member(obj, key, JsonValue::Kind::string))
            out = v->string;
    }

    void count(const JsonValue& obj, const char* key, int& out) {
        std::uint64_t n = 0;
        if (unsigned_integer(obj, key, std::numeric_limits<int>::max(), n))
            out = static_cast<int>(n);
    }

    bool unsigned_integer(const JsonValue& obj, const char* key, std::uint64_t max,
                          std::uint64_t& out) {
        const JsonValue* v = member(obj, key, JsonValue::Kind::number);
        if (!v)
            return false;
        if (!v->is_integer || v->integer < 0 || static_cast<std::uint64_t>(v->integer) > max) {
            fail(*v, std::string("\"") + key + "\" should be a whole number from 0 to " +
                         std::to_string(max));
            return false;
        }
        out = static_cast<std::uint64_t>(v->integer);
        return true;
    }

    void digest(const JsonValue& obj, const char* key, Sha256Digest& out) {
        const JsonValue* v = member(obj, key, JsonValue::Kind::string);
        if (v && !from_hex(v->string, out))
            fail(*v, std::string("\"") + key + "\" should be 64 hex digits");
    }

    void fail(const JsonValue& at, std::string message, ErrorCode code = ErrorCode::parse) {
        if (error_)
            return;
        error_ = make_error(
            code, std::move(message),
            std::string(file_) + ":" + std::to_string(at.line) + ":" + std::to_string(at.column));
    }

    const std::optional<Error>& error() const { return error_; }

  private:
    std::string_view file_;
    std::optional<Error> error_;
};

}  // namespace

Result<Manifest> parse_manifest(std::string_view text, std::string_view file) {
    auto doc = parse_json(text, file);
    if (!doc)
        return doc.error();
    const JsonValue& root = *doc;
    ManifestFields fields(file);
    if (!root.is(JsonValue::Kind::object)) {
        fields.fail(root,
                    std::string("the manifest should be an object, found ") + to_string(root.kind));
        return *fields.error();
    }
    Manifest m;
    std::uint64_t format = 0;
    if (fields.unsigned_integer(root, "format_version", 1000000, format) && format != 1) {
        fields.fail(*root.find("format_version"),
                    "format_version " + std::to_string(format) +
                        " is not supported by this version of Waymark (it reads format 1); "
                        "install a newer Waymark to open this package",
                    ErrorCode::invalid);
    }
    if (const JsonValue* course = fields.member(root, "course", JsonValue::Kind::object)) {
        CourseSummary& c = m.course;
        fields.text(*course, "id", c.id);
        fields.text(*course, "version", c.version);
        fields.text(*course, "title", c.title);
        fields.text(*course, "summary", c.summary);
        fields.text(*course, "publisher", c.publisher);
        fields.text(*course, "language", c.language);
        fields.count(*course, "estimated_minutes", c.estimated_minutes);
        fields.count(*course, "reading_minutes", c.reading_minutes);
        if (const JsonValue* modules = fields.member(*course, "modules", JsonValue::Kind::array)) {
            for (const JsonValue& title : modules->items) {
                if (!title.is(JsonValue::Kind::string)) {
                    fields.fail(title, std::string("a module title should be a string, found ") +
                                           to_string(title.kind));
                    break;
                }
                c.modules.push_back(title.string);
            }
        }
        fields.count(*course, "assessment_questions", c.assessment_questions);
        fields.count(*course, "knowledge_checks", c.knowledge_checks);
    }
    if (const JsonValue* files = fields.member(root, "files", JsonValue::Kind::array)) {
        m.files.reserve(files->items.size());
        for (const JsonValue& item : files->items) {
            if (!item.is(JsonValue::Kind::object)) {
                fields.fail(item, std::string("a file entry should be an object, found ") +
                                      to_string(item.kind));
                break;
            }
            FileEntry f;
            fields.text(item, "path", f.path);
            fields.unsigned_integer(item, "size", std::numeric_limits<std::int64_t>::max(), f.size);
            fields.digest(item, "sha256", f.sha256);
            if (fields.error())
                break;
            if (auto problem = entry_path_problem(f.path)) {
                fields.fail(item, "file " + quote_for_message(f.path) + " " + *problem,
                            ErrorCode::invalid);
                break;
            }
            if (!m.files.empty() && !(m.files.back().path < f.path)) {
                fields.fail(item,
                            m.files.back().path == f.path
                                ? "file " + quote_for_message(f.path) + " is listed twice"
                                : "files are not sorted by path at " + quote_for_message(f.path),
                            ErrorCode::invalid);
                break;
            }
            m.files.push_back(std::move(f));
        }
    }
    fields.digest(root, "content_digest", m.content_digest);
    if (fields.error())
        return *fields.error();

    if (m.content_digest != content_digest(m.files))
        return make_error(ErrorCode::verification, "content_digest does not match the listed files",
                          std::string(file));
    // Comparing with the canonical form rejects duplicate or unknown keys, reordering,
    // escapes and whitespace changes in one go: a signed manifest has exactly one form.
    if (to_canonical_json(m) != text)
        return make_error(ErrorCode::invalid,
                          "not in Waymark's canonical form (extra keys, reordering or "
                          "reformatting); repack the course with `waymark pack`",
                          std::string(file));
    return m;
}

std::optional<std::string> entry_path_problem(std::string_view path) {
    if (path.empty())
        return "is empty";
    if (path.size() > kMaxPathBytes)
        return "is longer than " + std::to_string(kMaxPathBytes) + " bytes";
    if (!valid_utf8(path))
        return "is not valid UTF-8";
    for (const char c : path) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7f)
            return "contains a control character";
        if (c == '\\')
            return "contains a backslash (paths use forward slashes)";
        if (c == ':')
            return "contains ':' (a drive letter or alternate stream)";
    }
    if (path.front() == '/')
        return "is an absolute path";
    if (path.back() == '/')
        return "is a folder, not a file";
    std::size_t start = 0;
    while (start <= path.size()) {
        const std::size_t end = std::min(path.find('/', start), path.size());
        const std::string_view part = path.substr(start, end - start);
        if (part.empty())
            return "has an empty path component (\"//\")";
        if (part == ".")
            return "has a \".\" path component";
        if (part == "..")
            return "has a \"..\" path component";
        start = end + 1;
    }
    if (path == "manifest.json" || path == "manifest.sig")
        return "uses a name reserved for the package's own manifest";
    return std::nullopt;
}

std::string quote_for_message(std::string_view text) {
    constexpr std::size_t kShown = 120;
    std::string out = "\"";
    const std::string_view shown = text.substr(0, kShown);
    for (std::size_t i = 0; i < shown.size();) {
        const auto c = static_cast<unsigned char>(shown[i]);
        if (c < 0x80) {
            if (c == 0x7f)
                out += "\\u007f";
            else
                append_escaped(out, c);
            ++i;
            continue;
        }
        // Copy a whole valid UTF-8 sequence; show a stray byte as \xNN so broken text
        // never reaches a terminal.
        const std::size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
        if (i + len <= shown.size() && valid_utf8(shown.substr(i, len))) {
            out += shown.substr(i, len);
            i += len;
        } else {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02x", c);
            out += buf;
            ++i;
        }
    }
    if (text.size() > kShown)
        out += "...";
    out += '"';
    return out;
}

}  // namespace waymark::package
