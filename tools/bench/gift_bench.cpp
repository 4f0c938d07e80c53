// Importing a generated 20,000-question GIFT file (target: under 200 ms), against two
// baselines in the same run: reading the same questions from Waymark's JSON bank format
// (what a course check pays for a bank anyway), and the floor of any line-based reader,
// splitting the text into lines. Exporting the bank back to GIFT is measured too.
//
// The file mixes every GIFT question type in the proportions of a real bank (mostly
// multiple choice), with titles, feedback, weights, escapes and multi-line answers.
#include <benchmark/benchmark.h>

#include <random>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "waymark/content/bank.hpp"
#include "waymark/gift/gift.hpp"

using namespace waymark;

namespace {

constexpr int kQuestions = 20000;

std::string generate_gift(int count) {
    std::mt19937 rng(20261125);
    const char* words[] = {"Prevent", "duty",    "safeguarding", "Channel", "referral",
                           "staff",   "support", "concern",      "risk",    "training",
                           "CONTEST", "partner", "authority",    "people",  "radicalisation"};
    auto phrase = [&](int n) {
        std::string s;
        for (int i = 0; i < n; ++i)
            s += std::string(i ? " " : "") + words[rng() % std::size(words)];
        return s;
    };
    std::string out = "// Generated benchmark bank\n\n$CATEGORY: $course$/top/Bench\n\n";
    for (int i = 0; i < count; ++i) {
        out += "::Question " + std::to_string(i) + "::" + phrase(12) + "?";
        switch (i % 10) {
            case 0:
            case 1:
            case 2:
                out += " {\n\t=one " + phrase(4) + "#Right\\: " + phrase(6) + "\n\t~two " +
                       phrase(4) + "#" + phrase(5) + "\n\t~three " + phrase(3) + "\n\t~%50%four " +
                       phrase(5) + "\n\t####" + phrase(10) + "\n}\n\n";
                break;
            case 3:
                out += " {~%50%one " + phrase(3) + " ~%50%two " + phrase(3) + " ~%-100%three " +
                       phrase(3) + "}\n\n";
                break;
            case 4:
                out += "{TRUE#" + phrase(6) + "#" + phrase(6) + "}\n\n";
                break;
            case 5:
                out += " {=" + phrase(2) + " =%50%" + phrase(2) + "#" + phrase(4) + "}\n\n";
                break;
            case 6:
                out += " {\n\t=a -> " + phrase(2) + "\n\t=b -> " + phrase(2) + "\n\t=c -> " +
                       phrase(2) + "\n}\n\n";
                break;
            case 7:
                out += " {#\n\t=2015:1#" + phrase(4) + "\n\t=%50%2010..2020\n\t~#No\n}\n\n";
                break;
            case 8:
                out += " A {=first " + phrase(1) + " ~second " + phrase(1) + " ~third " +
                       phrase(1) + "} " + phrase(5) + ".\n\n";
                break;
            case 9:
                out += "{}\n\n";
                break;
        }
    }
    return out;
}

struct BenchData {
    std::string gift = generate_gift(kQuestions);
    content::QuestionBank bank;
    std::string json;

    BenchData() {
        Diagnostics out;
        bank = gift::import_gift(gift, "bench.gift", out);
        if (out.has_errors() || bank.questions.size() != kQuestions)
            throw std::runtime_error("the generated GIFT bank does not import cleanly");
        json = content::write_bank_json(bank);
    }
};

BenchData& data() {
    static BenchData d;
    return d;
}

void BM_ImportGift(benchmark::State& state) {
    const BenchData& d = data();
    for (auto _ : state) {
        Diagnostics out;
        const auto bank = gift::import_gift(d.gift, "bench.gift", out);
        benchmark::DoNotOptimize(bank.questions.data());
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * d.gift.size()));
    state.SetItemsProcessed(state.iterations() * kQuestions);
}
BENCHMARK(BM_ImportGift)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_ReadSameBankAsJson(benchmark::State& state) {
    const BenchData& d = data();
    for (auto _ : state) {
        Diagnostics out;
        const auto bank = content::read_bank_json(d.json, "bench.json", out);
        benchmark::DoNotOptimize(bank.questions.data());
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * d.json.size()));
    state.SetItemsProcessed(state.iterations() * kQuestions);
}
BENCHMARK(BM_ReadSameBankAsJson)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_SplitGiftIntoLines(benchmark::State& state) {
    const BenchData& d = data();
    for (auto _ : state) {
        std::vector<std::string> lines;
        std::string_view rest = d.gift;
        for (std::size_t end; (end = rest.find('\n')) != std::string_view::npos;
             rest.remove_prefix(end + 1))
            lines.emplace_back(rest.substr(0, end));
        benchmark::DoNotOptimize(lines.data());
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * d.gift.size()));
}
BENCHMARK(BM_SplitGiftIntoLines)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_ExportGift(benchmark::State& state) {
    const BenchData& d = data();
    for (auto _ : state) {
        Diagnostics warnings;
        const std::string text = gift::export_gift(d.bank, warnings);
        benchmark::DoNotOptimize(text.data());
    }
    state.SetItemsProcessed(state.iterations() * kQuestions);
}
BENCHMARK(BM_ExportGift)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
