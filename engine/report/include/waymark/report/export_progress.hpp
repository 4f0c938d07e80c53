// waymark/report/export_progress.hpp: how a long export says how far it has got, and
// learns that it should stop.
//
// Every writer that can take long (the status CSV, JSON and XLSX, a file of many
// certificates) calls one of these now and then with the work done so far and the total.
// A callback that returns false stops the writer before it finishes; the writer then says
// so (false, or an error), and the export it was writing for is abandoned: nothing is
// committed (write_signed_export.hpp). A callback that returns nothing only watches, as
// a terminal's "exporting: 65536 of 100000 rows" does.
#pragma once

#include <concepts>
#include <cstdint>
#include <functional>
#include <type_traits>
#include <utility>

#include "waymark/core/result.hpp"

namespace waymark::report {

// Rows written between calls: often enough that Cancel takes effect within a fraction of
// a second, rarely enough to cost nothing.
inline constexpr std::int64_t kRowsBetweenProgress = 65536;

class ExportProgress {
  public:
    ExportProgress() = default;

    // `decide(done, total)` returns true to go on, false to stop.
    template <class Decide>
    requires(!std::same_as<std::remove_cvref_t<Decide>, ExportProgress> &&
             std::same_as<std::invoke_result_t<Decide&, std::int64_t, std::int64_t>, bool>)
        ExportProgress(Decide decide)
        : report_(std::move(decide)) {}

    // `watch(done, total)` is told how far the export has got and never stops it.
    template <class Watch>
    requires(!std::same_as<std::remove_cvref_t<Watch>, ExportProgress> &&
             std::is_void_v<std::invoke_result_t<Watch&, std::int64_t, std::int64_t>>)
        ExportProgress(Watch watch)
        : report_([watch = std::move(watch)](std::int64_t done, std::int64_t total) mutable {
              watch(done, total);
              return true;
          }) {}

    explicit operator bool() const { return static_cast<bool>(report_); }

    // Tells the callback (if any); false when it asked the export to stop.
    bool operator()(std::int64_t done, std::int64_t total) const {
        return !report_ || report_(done, total);
    }

  private:
    std::function<bool(std::int64_t, std::int64_t)> report_;
};

// What a writer that returns Result returns when its ExportProgress asked it to stop,
// and what the export then says: Cancel was pressed, so nothing was written.
inline Error export_stopped() {
    return make_error(ErrorCode::usage, "the export was cancelled; nothing was written");
}

}  // namespace waymark::report
