#include "banks.hpp"

#include "waymark/content/bank.hpp"
#include "waymark/gift/gift.hpp"

namespace waymark::course {

namespace {
bool ends_with(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}
}  // namespace

bool is_bank_file(std::string_view file) {
    return ends_with(file, ".json") || ends_with(file, ".gift");
}

content::QuestionBank read_bank(std::string_view text, const std::string& file, Diagnostics& out) {
    if (ends_with(file, ".gift"))
        return gift::import_gift(text, file, out);
    if (ends_with(file, ".json"))
        return content::read_bank_json(text, file, out);
    out.error(file, 0, 0, "a question bank must be a .json (Waymark) or .gift (Moodle) file");
    content::QuestionBank empty;
    empty.file = file;
    return empty;
}

}  // namespace waymark::course
