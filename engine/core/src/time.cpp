#include "waymark/core/time.hpp"

#include <cstdio>

namespace waymark {

using namespace std::chrono;

UtcTime utc_now() {
    return time_point_cast<milliseconds>(system_clock::now());
}

namespace {

// Digits by hand rather than snprintf: events are stamped by the thousand, and
// snprintf's format parsing was 3% of an append.
char* put_digits(char* out, unsigned value, int width) {
    for (int i = width - 1; i >= 0; --i) {
        out[i] = static_cast<char>('0' + value % 10);
        value /= 10;
    }
    return out + width;
}

// Writes YYYY-MM-DD; false for a year that does not have four digits.
bool put_date(char* out, UtcTime t) {
    const year_month_day ymd{floor<days>(t)};
    const int year = static_cast<int>(ymd.year());
    if (year < 0 || year > 9999)
        return false;
    out = put_digits(out, static_cast<unsigned>(year), 4);
    *out++ = '-';
    out = put_digits(out, static_cast<unsigned>(ymd.month()), 2);
    *out++ = '-';
    put_digits(out, static_cast<unsigned>(ymd.day()), 2);
    return true;
}

}  // namespace

std::string format_date(UtcTime t) {
    char buf[16];
    if (put_date(buf, t))
        return std::string(buf, 10);
    const year_month_day ymd{floor<days>(t)};
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
    return buf;
}

std::string format_iso8601(UtcTime t) {
    const auto day = floor<days>(t);
    const hh_mm_ss hms{t - day};
    const auto ms = static_cast<unsigned>(hms.subseconds().count());
    char buf[40];
    char* out = buf;
    if (put_date(out, t)) {
        out += 10;
    } else {
        const std::string date = format_date(t);
        out = std::copy(date.begin(), date.end(), out);
    }
    *out++ = 'T';
    out = put_digits(out, static_cast<unsigned>(hms.hours().count()), 2);
    *out++ = ':';
    out = put_digits(out, static_cast<unsigned>(hms.minutes().count()), 2);
    *out++ = ':';
    out = put_digits(out, static_cast<unsigned>(hms.seconds().count()), 2);
    if (ms != 0) {
        *out++ = '.';
        out = put_digits(out, ms, 3);
    }
    *out++ = 'Z';
    return std::string(buf, out);
}

namespace {

bool digits(std::string_view s, std::size_t pos, std::size_t n, int& out) {
    if (pos + n > s.size())
        return false;
    out = 0;
    for (std::size_t i = pos; i < pos + n; ++i) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        out = out * 10 + (s[i] - '0');
    }
    return true;
}

}  // namespace

std::optional<UtcTime> parse_iso8601(std::string_view s) {
    int y, mo, d;
    if (!digits(s, 0, 4, y) || s.size() < 10 || s[4] != '-' || !digits(s, 5, 2, mo) ||
        s[7] != '-' || !digits(s, 8, 2, d))
        return std::nullopt;
    const year_month_day ymd{year{y}, month{static_cast<unsigned>(mo)},
                             day{static_cast<unsigned>(d)}};
    if (!ymd.ok())
        return std::nullopt;
    UtcTime t = time_point_cast<milliseconds>(sys_days{ymd});
    if (s.size() == 10)
        return t;

    int h, mi, sec;
    if (s[10] != 'T' || !digits(s, 11, 2, h) || s.size() < 19 || s[13] != ':' ||
        !digits(s, 14, 2, mi) || s[16] != ':' || !digits(s, 17, 2, sec))
        return std::nullopt;
    if (h > 23 || mi > 59 || sec > 60)
        return std::nullopt;
    std::size_t pos = 19;
    int ms = 0;
    if (pos < s.size() && s[pos] == '.') {
        ++pos;
        int scale = 100, count = 0;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
            ms += (s[pos] - '0') * scale;
            scale /= 10;
            ++pos;
            ++count;
        }
        if (count == 0)
            return std::nullopt;
    }
    t += hours{h} + minutes{mi} + seconds{sec} + milliseconds{ms};
    if (pos == s.size())
        return std::nullopt;  // a zone is required for times
    if (s[pos] == 'Z' && pos + 1 == s.size())
        return t;
    int oh, om;
    if ((s[pos] != '+' && s[pos] != '-') || pos + 6 != s.size() || !digits(s, pos + 1, 2, oh) ||
        s[pos + 3] != ':' || !digits(s, pos + 4, 2, om) || oh > 23 || om > 59)
        return std::nullopt;
    const auto offset = hours{oh} + minutes{om};
    return s[pos] == '+' ? t - offset : t + offset;
}

UtcTime add_months(UtcTime t, int count) {
    const auto day_start = floor<days>(t);
    const auto time_of_day = t - day_start;
    const year_month_day ymd{day_start};
    const year_month target_month = year_month{ymd.year(), ymd.month()} + months{count};
    year_month_day target = target_month / ymd.day();
    if (!target.ok()) {
        target = year_month_day_last{target.year(), month_day_last{target.month()}};
    }
    return sys_days{target} + time_of_day;
}

}  // namespace waymark
