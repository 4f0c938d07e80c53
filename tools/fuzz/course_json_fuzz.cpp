// libFuzzer target: the fuzzer's bytes are course.json of a small course, so every path
// of the course.json reader and the cross-checks that follow it is reachable.
#include <cstddef>
#include <cstdint>
#include <string>

#include "waymark/course/load.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::map<std::string, std::string> files{
        {"course.json", std::string(reinterpret_cast<const char*>(data), size)},
        {"contacts.json",
         R"({"contacts": [{"id": "c", "name": "C", "phone": "1", "checked_on": "2026-01-01"}]})"},
        {"modules/a.md", "# Page\n\nText [[contact:c]]\n\n[[check:k]]\n"},
        {"checks.json",
         R"({"format": "waymark-bank", "version": 1, "questions": [{"id": "k", "type": "true_false", "stem": "s", "choices": [{"text": "True", "correct": true}, {"text": "False"}]}]})"},
        {"final.gift", "::q1::A? {T}\n\n::q2::B? {=a ~b}\n"},
    };
    waymark::course::load_course(waymark::course::MemoryFiles(std::move(files)));
    return 0;
}
