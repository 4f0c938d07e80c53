#include "waymark/player/manager.hpp"

#include <algorithm>
#include <cctype>
#include <tuple>

#include "waymark/player/name_search.hpp"
#include "waymark/report/dates.hpp"

namespace waymark::player {

namespace {

using report::Status;

// The order a manager acts on: who is late, who soon will be, who is on the way, who has
// not begun, whose completion does not count, then who is done.
int urgency(Status s) {
    switch (s) {
        case Status::overdue:
            return 0;
        case Status::due_soon:
            return 1;
        case Status::in_progress:
            return 2;
        case Status::not_started:
            return 3;
        case Status::untrusted:
            return 4;
        case Status::completed:
            return 5;
    }
    return 6;
}

char lower(char c) {
    return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

bool less_folded(std::string_view a, std::string_view b) {
    return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(),
                                        [](char x, char y) { return lower(x) < lower(y); });
}

// Rows without a due date sort after those with one.
UtcTime due_key(const ManagerRow& r) {
    return r.due_by ? *r.due_by : UtcTime::max();
}

}  // namespace

const char* status_label(report::Status status) {
    switch (status) {
        case Status::not_started:
            return "Not started";
        case Status::in_progress:
            return "In progress";
        case Status::completed:
            return "Complete";
        case Status::due_soon:
            return "Due soon";
        case Status::overdue:
            return "Overdue";
        case Status::untrusted:
            return "Untrusted";
    }
    return "";
}

namespace {

std::string required_status_text(const ManagerRow& row, UtcTime as_of) {
    const auto days = [](UtcTime from, UtcTime to) {
        const auto n = std::chrono::floor<std::chrono::days>(to - from).count();
        return std::to_string(n) + (n == 1 ? " day" : " days");
    };
    const std::string due = row.due_by ? report::date_in_words(*row.due_by) : std::string();
    switch (row.status) {
        case Status::overdue:
            return row.due_by ? "Overdue by " + days(*row.due_by, as_of) + " (due " + due + ")"
                              : "Overdue";
        case Status::due_soon:
            return row.due_by ? "Due in " + days(as_of, *row.due_by) + " (by " + due + ")"
                              : "Due soon";
        case Status::completed:
            return row.due_by ? "Complete, due again by " + due : "Complete";
        case Status::in_progress:
            return "In progress, " + std::to_string(row.percent) + "% read" +
                   (row.due_by ? ", due by " + due : "");
        case Status::not_started:
            return row.due_by ? "Not started, due by " + due : "Not started";
        case Status::untrusted:
            return "Untrusted: completed on a package that is not trusted";
    }
    return "";
}

}  // namespace

std::string status_text(const ManagerRow& row, UtcTime as_of) {
    return (row.required ? "" : "Optional: ") + required_status_text(row, as_of);
}

const char* sort_label(ManagerSort sort) {
    switch (sort) {
        case ManagerSort::status:
            return "Status";
        case ManagerSort::name:
            return "Name";
        case ManagerSort::staff_id:
            return "Staff ID";
        case ManagerSort::team:
            return "Team";
        case ManagerSort::course:
            return "Course";
        case ManagerSort::due_by:
            return "Due date";
    }
    return "";
}

namespace {

Error cancelled() {
    return make_error(ErrorCode::usage, "reading the training records was stopped");
}

}  // namespace

Result<ManagerArea> ManagerArea::load(ledger::Ledger& ledger, UtcTime as_of,
                                      const std::map<std::string, std::string>& titles,
                                      AreaLoadProgress* progress) {
    AreaLoadProgress unwatched;
    AreaLoadProgress& watch = progress ? *progress : unwatched;
    report::StatusOptions options;
    options.as_of = as_of;
    auto matrix = report::StatusMatrix::load(ledger, options);
    if (!matrix)
        return matrix.error();
    if (watch.cancel)
        return cancelled();
    ManagerArea area;
    area.matrix_ = std::make_unique<report::StatusMatrix>(std::move(*matrix));
    area.ledger_path_ = ledger.path();
    area.course_ids_ = area.matrix_->course_ids();
    area.teams_ = area.matrix_->teams();
    std::sort(area.teams_.begin(), area.teams_.end());
    const report::StatusMatrix& m = *area.matrix_;
    const auto rows = m.count_rows({});
    area.rows_.reserve(static_cast<std::size_t>(rows));
    watch.rows = rows;
    watch.stage = AreaLoadProgress::listing;
    m.for_each_row({}, [&](const report::StatusRow& r) {
        // The organisation's title when it set one; else the installed course's own.
        if (!area.titles_.contains(r.course_id)) {
            const auto own = titles.find(std::string(r.course_id));
            area.titles_.emplace(r.course_id, r.course_title == r.course_id && own != titles.end()
                                                  ? own->second
                                                  : std::string(r.course_title));
        }
        // The matrix visits each learner's courses one after another: a new learner
        // starts where the id changes.
        if (area.rows_.empty() || area.rows_.back().learner_id != r.learner_id)
            area.learner_rows_.push_back(static_cast<std::uint32_t>(area.rows_.size()));
        area.learner_of_.push_back(static_cast<std::uint32_t>(area.learner_rows_.size() - 1));
        area.rows_.push_back({r.learner_id,
                              r.staff_id,
                              r.name,
                              r.team,
                              r.course_id,
                              {},
                              r.status,
                              r.required,
                              r.percent,
                              r.completed_at,
                              r.due_by});
        // Counted and checked every 4,096 rows: often enough to show, cheap to count.
        if (area.rows_.size() % 4096 == 0) {
            watch.listed = static_cast<std::int64_t>(area.rows_.size());
            return !watch.cancel.load();
        }
        return true;
    });
    if (watch.cancel)
        return cancelled();
    watch.listed = static_cast<std::int64_t>(area.rows_.size());
    watch.stage = AreaLoadProgress::sorting;
    for (auto& row : area.rows_)
        row.course_title = area.titles_.find(row.course_id)->second;
    for (const auto& course : area.course_ids_) {
        const auto summary = m.summarise({course, "", "", {}, {}});
        for (const auto& [team, tally] : summary.by_team)
            area.by_team_course_.push_back({team, course, area.course_title(course), tally});
    }
    std::stable_sort(area.by_team_course_.begin(), area.by_team_course_.end(),
                     [](const TeamCourseTally& a, const TeamCourseTally& b) {
                         return std::tie(a.team, a.course_title) < std::tie(b.team, b.course_title);
                     });
    area.count();
    area.order();
    area.relist();
    return area;
}

std::string ManagerArea::course_title(std::string_view course_id) const {
    const auto it = titles_.find(course_id);
    return it == titles_.end() ? std::string(course_id) : it->second;
}

void ManagerArea::set_team(std::string team) {
    filter_.team = std::move(team);
    count();
    relist();
}

void ManagerArea::set_course(std::string course_id) {
    filter_.course = std::move(course_id);
    count();
    relist();
}

void ManagerArea::set_status(std::optional<report::Status> status) {
    filter_.status = status;
    filter_.required = status ? std::optional<bool>(true) : std::nullopt;
    relist();
}

void ManagerArea::show_optional() {
    filter_.status.reset();
    filter_.required = false;
    relist();
}

void ManagerArea::set_sort(ManagerSort sort) {
    sort_ = sort;
    order();
    relist();
}

report::RowFilter ManagerArea::export_filter() const {
    return {filter_.course, filter_.team, "", filter_.status, filter_.required};
}

void ManagerArea::count() {
    tally_ = matrix_->summarise({filter_.course, filter_.team, "", {}, {}}).all;
    cells_listed_.clear();
    for (std::uint32_t i = 0; i < by_team_course_.size(); ++i)
        if ((filter_.team.empty() || by_team_course_[i].team == filter_.team) &&
            (filter_.course.empty() || by_team_course_[i].course_id == filter_.course))
            cells_listed_.push_back(i);
}

void ManagerArea::order() {
    const auto by_name = [](const ManagerRow& a, const ManagerRow& b) {
        if (less_folded(a.name, b.name))
            return true;
        if (less_folded(b.name, a.name))
            return false;
        return a.course_title < b.course_title;
    };
    const auto before = [&](std::uint32_t ia, std::uint32_t ib) {
        const ManagerRow& a = rows_[ia];
        const ManagerRow& b = rows_[ib];
        switch (sort_) {
            case ManagerSort::status:
                if (a.required != b.required)
                    return a.required;
                if (urgency(a.status) != urgency(b.status))
                    return urgency(a.status) < urgency(b.status);
                if (due_key(a) != due_key(b))
                    return due_key(a) < due_key(b);
                break;
            case ManagerSort::name:
                break;
            case ManagerSort::staff_id:
                if (a.staff_id != b.staff_id)
                    return less_folded(a.staff_id, b.staff_id);
                break;
            case ManagerSort::team:
                if (a.team != b.team)
                    return less_folded(a.team, b.team);
                break;
            case ManagerSort::course:
                if (a.course_title != b.course_title)
                    return a.course_title < b.course_title;
                break;
            case ManagerSort::due_by:
                if (due_key(a) != due_key(b))
                    return due_key(a) < due_key(b);
                break;
        }
        return by_name(a, b);
    };
    order_.resize(rows_.size());
    for (std::uint32_t i = 0; i < rows_.size(); ++i)
        order_[i] = i;
    std::stable_sort(order_.begin(), order_.end(), before);
}

void ManagerArea::relist() {
    const NameSearch search(filter_.search);
    // The search looks at each learner's name and staff id once, not once per course.
    const bool searching = !search.empty();
    if (searching) {
        found_.resize(learner_rows_.size());
        for (std::size_t k = 0; k < learner_rows_.size(); ++k) {
            const ManagerRow& r = rows_[learner_rows_[k]];
            found_[k] = search.matches(r.name, r.staff_id);
        }
    }
    // A pass over the rows in their sorted order: typing in the search costs no sort.
    listed_.clear();
    selected_at_.reset();
    for (std::uint32_t i : order_) {
        const ManagerRow& r = rows_[i];
        if ((!filter_.team.empty() && r.team != filter_.team) ||
            (!filter_.course.empty() && r.course_id != filter_.course) ||
            (filter_.status && r.status != *filter_.status) ||
            (filter_.required && r.required != *filter_.required))
            continue;
        if (searching && !found_[learner_of_[i]])
            continue;
        if (selected_ == i)
            selected_at_ = listed_.size();
        listed_.push_back(i);
    }
}

ManagerLoad::ManagerLoad(std::filesystem::path ledger_path, UtcTime as_of,
                         std::map<std::string, std::string> titles)
    : ledger_path_(std::move(ledger_path)), as_of_(as_of), titles_(std::move(titles)) {
    worker_ = std::thread([this] {
        // Its own connection, for reading only: the player's stays on the drawing thread.
        ledger::OpenOptions options;
        options.create = false;
        options.read_only = true;
        auto ledger = ledger::Ledger::open(ledger_path_, options);
        Result<ManagerArea> area = ledger ? ManagerArea::load(*ledger, as_of_, titles_, &progress_)
                                          : Result<ManagerArea>(ledger.error());
        {
            std::lock_guard lock(mutex_);
            result_.emplace(std::move(area));
            finished_ = true;
        }
        done_.notify_all();
    });
}

ManagerLoad::~ManagerLoad() {
    progress_.cancel = true;
    if (worker_.joinable())
        worker_.join();
}

bool ManagerLoad::wait_for(std::chrono::milliseconds wait) const {
    std::unique_lock lock(mutex_);
    return done_.wait_for(lock, wait, [this] { return finished_.load(); });
}

std::string ManagerLoad::message() const {
    switch (progress_.stage.load()) {
        case AreaLoadProgress::reading:
            break;
        case AreaLoadProgress::listing:
            return "Reading the training records: listing who must do what...";
        case AreaLoadProgress::sorting:
            return "Reading the training records: putting the most urgent first...";
    }
    return "Reading the training records...";
}

float ManagerLoad::fraction() const {
    // Reading the matrix is most of the time, and it says nothing as it goes: the bar
    // moves on as the rows are listed and sorted after it.
    const auto rows = progress_.rows.load();
    switch (progress_.stage.load()) {
        case AreaLoadProgress::reading:
            break;
        case AreaLoadProgress::listing:
            return rows > 0 ? 0.5f + 0.3f * float(progress_.listed.load()) / float(rows) : 0.5f;
        case AreaLoadProgress::sorting:
            return 0.8f;
    }
    return 0;
}

Result<ManagerArea> ManagerLoad::take() {
    std::lock_guard lock(mutex_);
    if (!result_)
        return make_error(ErrorCode::usage, "the training records are still being read");
    Result<ManagerArea> out = std::move(*result_);
    result_.reset();
    return out;
}

void ManagerArea::select(std::size_t i) {
    if (listed_.empty())
        return;
    selected_at_ = std::min(i, listed_.size() - 1);
    selected_ = listed_[*selected_at_];
}

void ManagerArea::move_selection(std::ptrdiff_t delta) {
    if (listed_.empty())
        return;
    if (!selected_at_)
        return select(0);
    const auto last = static_cast<std::ptrdiff_t>(listed_.size()) - 1;
    select(static_cast<std::size_t>(
        std::clamp(static_cast<std::ptrdiff_t>(*selected_at_) + delta, std::ptrdiff_t{0}, last)));
}

}  // namespace waymark::player
