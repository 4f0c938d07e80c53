#include "waymark/report/json_export.hpp"

#include <cstdio>

#include "fields.hpp"
#include "waymark/core/files.hpp"
#include "waymark/report/status_columns.hpp"

namespace waymark::report {

namespace {

std::string text_or_null(std::string_view s) {
    return s.empty() ? "null" : json_string(s);
}

void tally_json(std::string& out, const Tally& t) {
    out += "{\"total\":" + std::to_string(t.total);
    for (int s = 0; s < kStatusCount; ++s) {
        std::string key = to_string(static_cast<Status>(s));
        for (char& c : key)
            if (c == '-')
                c = '_';
        out += ",\"" + key + "\":" + std::to_string(t.by_status[s]);
    }
    char rate[32];
    std::snprintf(rate, sizeof rate, "%.4f", t.rate());
    out += ",\"compliant\":" + std::to_string(t.compliant()) + ",\"compliance_rate\":" + rate +
           ",\"optional\":" + std::to_string(t.optional) + "}";
}

void tallies_json(std::string& out, const char* name,
                  const std::map<std::string, Tally, std::less<>>& tallies) {
    out += ",\"" + std::string(name) + "\":[";
    bool first = true;
    for (const auto& [key, tally] : tallies) {
        out += first ? "" : ",";
        first = false;
        out += "{\"name\":" + json_string(key) + ",\"tally\":";
        tally_json(out, tally);
        out += "}";
    }
    out += "]";
}

void write_value(std::string& out, ColumnType type, const ColumnValue& value) {
    if (std::holds_alternative<std::monostate>(value)) {
        out += "null";
        return;
    }
    switch (type) {
        case ColumnType::text:
            out += json_string(std::get<std::string_view>(value));
            return;
        case ColumnType::percent:
            out += std::to_string(std::get<int>(value));
            return;
        case ColumnType::date:
            out += "\"" + format_date(std::get<UtcTime>(value)) + "\"";
            return;
        case ColumnType::score:
            out += score_percent(std::get<double>(value));
            return;
        case ColumnType::yes_no:
            out += std::get<bool>(value) ? "true" : "false";
            return;
    }
}

}  // namespace

std::string json_string(std::string_view text) {
    std::string clean;
    std::size_t bad = 0;
    std::string_view rest = text;
    // Replace each invalid byte so a damaged name cannot make the whole file invalid.
    while (!valid_utf8(rest, &bad)) {
        clean.append(rest.substr(0, bad));
        clean += "\xEF\xBF\xBD";
        rest.remove_prefix(bad + 1);
    }
    clean.append(rest);
    std::string out = "\"";
    for (unsigned char c : clean) {
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            default:
                if (c < 0x20) {
                    char esc[8];
                    std::snprintf(esc, sizeof esc, "\\u%04x", c);
                    out += esc;
                } else {
                    out += static_cast<char>(c);
                }
        }
    }
    return out + "\"";
}

bool write_status_json(const StatusMatrix& matrix, const ExportInfo& info, OutputFile& out,
                       const ExportProgress& progress) {
    const RowFilter& filter = info.filter;
    std::string b =
        "{\"schema\":\"waymark-report\",\"schema_version\":" + std::to_string(kReportSchemaVersion);
    b += ",\"generated_at\":" + json_string(info.generated_at);
    b += ",\"as_of\":\"" + format_iso8601(matrix.as_of()) + "\"";
    b += ",\"due_soon_days\":" + std::to_string(matrix.due_soon_days());
    b += ",\"organisation\":" + text_or_null(matrix.settings().name);
    b += ",\"source\":{\"device_id\":" + json_string(info.device_id) +
         ",\"device_key\":" + json_string(info.device_key) +
         ",\"checkpoint_seq\":" + std::to_string(info.checkpoint_seq) +
         ",\"checkpoint_head\":" + json_string(info.checkpoint_head) +
         ",\"checkpoint_time\":" + json_string(info.checkpoint_time) + "}";
    b += ",\"filter\":{\"course\":" + text_or_null(filter.course) +
         ",\"team\":" + text_or_null(filter.team) + ",\"role\":" + text_or_null(filter.role) +
         ",\"status\":" + (filter.status ? json_string(to_string(*filter.status)) : "null") + "}";
    const Summary summary = matrix.summarise(filter);
    b += ",\"summary\":{\"all\":";
    tally_json(b, summary.all);
    tallies_json(b, "by_course", summary.by_course);
    tallies_json(b, "by_team", summary.by_team);
    tallies_json(b, "by_role", summary.by_role);
    b += "},\"rows\":[";
    bool first = true;
    std::int64_t done = 0;
    bool go_on = true;
    const std::int64_t total = summary.all.total + summary.all.optional;
    const auto columns = status_columns();
    matrix.for_each_row(filter, [&](const StatusRow& r) {
        b += first ? "\n" : ",\n";
        first = false;
        char separator = '{';
        for (const StatusColumn& column : columns) {
            b += separator;
            separator = ',';
            b += '"';
            b += column.name;
            b += "\":";
            write_value(b, column.type, column.value(r));
        }
        b += '}';
        if (b.size() >= kFlushBytes) {
            out.write(b);
            b.clear();
        }
        if (progress && ++done % kRowsBetweenProgress == 0)
            go_on = progress(done, total);
        return go_on;
    });
    if (!go_on)
        return false;
    b += "\n]}\n";
    out.write(b);
    return progress(total, total);
}

}  // namespace waymark::report
