#include "waymark/report/csv.hpp"

#include <unordered_map>

#include "fields.hpp"
#include "waymark/report/status_columns.hpp"

namespace waymark::report {

namespace {

bool needs_quotes(std::string_view v) {
    return v.find_first_of(",\"\r\n") != std::string_view::npos ||
           (!v.empty() && (v.front() == ' ' || v.back() == ' '));
}

void append_quoted(std::string& out, std::string_view v) {
    out += '"';
    for (char c : v) {
        if (c == '"')
            out += '"';
        out += c;
    }
    out += '"';
}

void write_cell(CsvWriter& csv, ColumnType type, const ColumnValue& value) {
    if (std::holds_alternative<std::monostate>(value))
        return csv.plain("");
    switch (type) {
        case ColumnType::text:
            return csv.text(std::get<std::string_view>(value));
        case ColumnType::percent:
            return csv.plain(std::to_string(std::get<int>(value)));
        case ColumnType::date:
            return csv.plain(format_date(std::get<UtcTime>(value)));
        case ColumnType::score:
            return csv.plain(score_percent(std::get<double>(value)));
        case ColumnType::yes_no:
            return csv.plain(std::get<bool>(value) ? "yes" : "no");
    }
}

}  // namespace

void CsvWriter::separator() {
    if (row_started_)
        out_ += ',';
    row_started_ = true;
}

void CsvWriter::plain(std::string_view value) {
    separator();
    if (needs_quotes(value))
        append_quoted(out_, value);
    else
        out_ += value;
}

void CsvWriter::text(std::string_view value) {
    const bool formula =
        !value.empty() && (value.front() == '=' || value.front() == '+' || value.front() == '-' ||
                           value.front() == '@' || value.front() == '\t' || value.front() == '\r');
    if (!formula)
        return plain(value);
    separator();
    // The apostrophe makes spreadsheets treat the cell as text; the quotes keep the
    // apostrophe part of the value for any RFC 4180 reader.
    append_quoted(out_, "'" + std::string(value));
}

void CsvWriter::end_row() {
    out_ += excel_ ? "\r\n" : "\n";
    row_started_ = false;
}

bool write_status_csv(const StatusMatrix& matrix, const RowFilter& filter,
                      const CsvOptions& options, OutputFile& out, const ExportProgress& progress) {
    std::string buffer;
    buffer.reserve(kFlushBytes + 4096);
    if (options.excel)
        buffer += "\xEF\xBB\xBF";
    CsvWriter csv(buffer, options);
    const auto columns = status_columns();
    for (const StatusColumn& column : columns)
        csv.plain(column.name);
    csv.end_row();
    const std::int64_t total = progress ? matrix.count_rows(filter) : 0;
    std::int64_t done = 0;
    bool go_on = true;
    matrix.for_each_row(filter, [&](const StatusRow& r) {
        for (const StatusColumn& column : columns)
            write_cell(csv, column.type, column.value(r));
        csv.end_row();
        if (buffer.size() >= kFlushBytes) {
            out.write(buffer);
            buffer.clear();
        }
        if (progress && ++done % kRowsBetweenProgress == 0)
            go_on = progress(done, total);
        return go_on;
    });
    if (!go_on)
        return false;
    out.write(buffer);
    return progress(total, total);
}

Result<void> write_completion_history_csv(ledger::Ledger& ledger, const RowFilter& filter,
                                          const CsvOptions& options, OutputFile& out,
                                          const CompletionTrust& trust) {
    auto learners = ledger.learners();
    if (!learners)
        return learners.error();
    std::unordered_map<std::string, const ledger::Learner*> by_id;
    for (const auto& l : *learners)
        if (!l.erased() && (filter.team.empty() || l.person.team == filter.team) &&
            (filter.role.empty() || l.person.role == filter.role))
            by_id.emplace(l.id, &l);
    std::string buffer;
    if (options.excel)
        buffer += "\xEF\xBB\xBF";
    CsvWriter csv(buffer, options);
    for (const char* column :
         {"learner_id", "staff_id", "name", "team", "role", "course_id", "version", "trusted",
          "completed_at", "valid_until", "score", "completion_event_id"})
        csv.plain(column);
    csv.end_row();
    auto r = ledger.for_each_completion([&](const ledger::Completion& c) {
        const auto it = by_id.find(c.learner_id);
        if (it == by_id.end() || (!filter.course.empty() && c.course.id != filter.course))
            return true;
        const ledger::Person& p = it->second->person;
        csv.text(c.learner_id);
        csv.text(p.staff_id);
        csv.text(p.name);
        csv.text(p.team);
        csv.text(p.role);
        csv.text(c.course.id);
        csv.text(c.course.version);
        csv.plain(trust.trusts(c.course) ? "yes" : "no");
        csv.text(c.completed_at);
        csv.text(c.valid_until.value_or(""));
        csv.plain(score_percent(c.score));
        csv.text(c.event_id);
        csv.end_row();
        if (buffer.size() >= kFlushBytes) {
            out.write(buffer);
            buffer.clear();
        }
        return true;
    });
    if (!r)
        return r;
    out.write(buffer);
    return {};
}

}  // namespace waymark::report
