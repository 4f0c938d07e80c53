#include "waymark/player/read_aloud.hpp"

#include <algorithm>

#include "waymark/content/blocks.hpp"

namespace waymark::player {
namespace {

using content::Block;
using content::BlockKind;

// Joins sentences with a space, each ending with a full stop unless it has its own
// punctuation, so the voice pauses between them as a reader does.
void add_sentence(std::string& to, const std::string& sentence) {
    if (sentence.empty())
        return;
    if (!to.empty())
        to += ' ';
    std::string line = sentence;
    std::replace(line.begin(), line.end(), '\n', ' ');  // Markdown's soft line breaks
    to += line;
    const char last = sentence.back();
    if (last != '.' && last != '?' && last != '!' && last != ':')
        to += '.';
}

void read_blocks(const std::vector<Block>& blocks, const course::Course& course, std::string& to);

void read_block(const Block& b, const course::Course& course, std::string& to) {
    switch (b.kind) {
        case BlockKind::heading:
        case BlockKind::paragraph:
            add_sentence(to, content::plain_text(b.text));
            break;
        case BlockKind::list:
            for (std::size_t i = 0; i < b.items.size(); ++i) {
                if (b.ordered)
                    add_sentence(to, std::to_string(b.start + static_cast<int>(i)) + ":");
                read_blocks(b.items[i].blocks, course, to);
            }
            break;
        case BlockKind::table:
            // The caption, then row by row, each cell after its column's heading, as a
            // screen reader does.
            if (!b.table.caption.empty())
                add_sentence(to, "Table: " + content::plain_text(b.table.caption));
            for (const auto& row : b.table.rows)
                for (std::size_t c = 0; c < row.size() && c < b.table.header.size(); ++c)
                    add_sentence(to, content::plain_text(b.table.header[c]) + ": " +
                                         content::plain_text(row[c]));
            break;
        case BlockKind::image:
            add_sentence(to, "Image: " + b.image.alt);
            break;
        case BlockKind::quote:
            read_blocks(b.children, course, to);
            break;
        case BlockKind::callout:
            add_sentence(to, b.callout == content::CalloutKind::emergency   ? "Emergency:"
                             : b.callout == content::CalloutKind::important ? "Important:"
                                                                            : "Note:");
            add_sentence(to, content::plain_text(b.title));
            read_blocks(b.children, course, to);
            break;
        case BlockKind::contact_card:
            if (const course::Contact* c = course.find_contact(b.ref)) {
                add_sentence(to, c->name);
                add_sentence(to, c->role);
                add_sentence(to, c->description);
                if (!c->phone.empty())
                    add_sentence(to, "Phone: " + c->phone);
                if (!c->email.empty())
                    add_sentence(to, "Email: " + c->email);
                if (!c->url.empty())
                    add_sentence(to, "Website: " + c->url);
                if (!c->hours.empty())
                    add_sentence(to, "Hours: " + c->hours);
            }
            break;
        case BlockKind::step_flow:
            add_sentence(to, content::plain_text(b.title));
            for (std::size_t i = 0; i < b.steps.size(); ++i) {
                add_sentence(to, "Step " + std::to_string(i + 1) + ": " +
                                     content::plain_text(b.steps[i].title));
                read_blocks(b.steps[i].detail, course, to);
            }
            break;
        case BlockKind::code:
        case BlockKind::rule:
        case BlockKind::knowledge_check:  // read with its options by page_passages
            break;
    }
}

void read_blocks(const std::vector<Block>& blocks, const course::Course& course, std::string& to) {
    for (const auto& b : blocks)
        read_block(b, course, to);
}

std::string question_text(const content::Question& q, const assessment::Presentation& shown) {
    std::string to;
    add_sentence(to, q.is_missing_word() ? q.stem + " blank " + q.stem_after : q.stem);
    using T = content::QuestionType;
    switch (q.type) {
        case T::single_choice:
        case T::true_false:
        case T::multiple_response:
            for (std::size_t i = 0; i < shown.options.size(); ++i)
                if (shown.options[i] < q.choices.size())
                    add_sentence(to,
                                 std::to_string(i + 1) + ": " + q.choices[shown.options[i]].text);
            break;
        case T::ordering:
            add_sentence(to, "Put these in order:");
            for (const std::size_t o : shown.options)
                if (o < q.order.size())
                    add_sentence(to, q.order[o]);
            break;
        case T::matching:
            for (const std::size_t p : shown.prompts)
                if (p < q.pairs.size())
                    add_sentence(to, q.pairs[p].prompt);
            add_sentence(to, "Choose from:");
            for (const std::size_t a : shown.answers)
                if (a < q.pairs.size())
                    add_sentence(to, q.pairs[a].answer);
            break;
        case T::scenario:
            if (!q.steps.empty()) {
                add_sentence(to, q.steps.front().text);
                for (std::size_t i = 0; i < q.steps.front().options.size(); ++i)
                    add_sentence(to,
                                 std::to_string(i + 1) + ": " + q.steps.front().options[i].text);
            }
            break;
        case T::short_answer:
        case T::numerical:
        case T::essay:
        case T::description:
            break;
    }
    return to;
}

}  // namespace

std::vector<Passage> page_passages(CourseReader& reader) {
    std::vector<Passage> passages;
    passages.push_back({reader.page().title, Passage::title});
    const auto& blocks = reader.page().blocks;
    for (std::size_t i = 0; i < blocks.size(); ++i) {
        std::string text;
        if (blocks[i].kind == BlockKind::knowledge_check) {
            const content::Question* q = reader.course().find_knowledge_check(blocks[i].ref);
            const CheckState* state = q ? reader.check(blocks[i].ref) : nullptr;
            if (state) {
                add_sentence(text, "Check your understanding:");
                text += ' ' + question_text(*q, state->shown);
            }
        } else {
            read_block(blocks[i], reader.course(), text);
        }
        if (!text.empty())
            passages.push_back({std::move(text), i});
    }
    return passages;
}

std::vector<Passage> question_passages(const content::Question& q,
                                       const assessment::Presentation& shown) {
    return {{question_text(q, shown), 0}};
}

std::vector<std::string> passage_texts(const std::vector<Passage>& passages) {
    std::vector<std::string> texts;
    texts.reserve(passages.size());
    for (const auto& p : passages)
        texts.push_back(p.text);
    return texts;
}

}  // namespace waymark::player
