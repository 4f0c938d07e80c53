// Module files from Markdown to pages of blocks, on top of md4c's event callbacks.
//
// md4c reports blocks and spans as enter/leave events. The converter keeps a stack of
// frames, one per open block, and builds each Block when its frame closes. md4c gives
// no source offsets, but the text it passes points into the input buffer, so a block
// starts on the line of the first text inside it (a fenced code block one line above
// its first code line); a block without any text (a rule, an empty item) takes the
// next line after the last text seen that could hold it.
//
// The Block tree is only as deep as the quotes and lists in the file, so nesting is
// capped: beyond kMaxNesting the converter stops opening containers and puts what
// they hold into the deepest one allowed. Every function over the tree (comparison,
// destruction, word counts) may therefore recurse safely.
#include "waymark/content/markdown.hpp"

#include <md4c.h>

#include <algorithm>
#include <climits>
#include <functional>
#include <optional>
#include <set>
#include <string_view>
#include <utility>

#include "markdown_source.hpp"
#include "markdown_spans.hpp"
#include "waymark/core/files.hpp"

namespace waymark::content {
namespace {

using namespace markdown;

constexpr std::size_t kMaxBytes = 16u * 1024 * 1024;  // md4c sizes are 32-bit; pages are small
constexpr int kMaxNesting = 32;                       // quotes and lists inside each other
constexpr std::size_t kMaxTableColumns = 64;
constexpr std::size_t kMaxTableCells = 100000;
constexpr int kMaxRuleScan = 64;
constexpr std::size_t kPadding = 64;  // lines searched for a rule's own line
constexpr unsigned kFlags =
    MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH | MD_FLAG_WIKILINKS | MD_FLAG_PERMISSIVEAUTOLINKS;

const char* const kRawHtml = "raw HTML is not allowed in course pages; use Markdown";

// ---- The converter ---------------------------------------------------------------

enum class PieceKind { text, image, wikilink };

// A paragraph arrives as text with images and wiki links among it; each of those
// becomes a block of its own, so they are kept apart until the paragraph closes.
struct Piece {
    PieceKind kind = PieceKind::text;
    Inlines spans;       // text; for a wiki link, its label
    Image image;         // image
    std::string target;  // wiki link: "contact:prevent-team"
    int line = 0;
};

struct InlineRun {
    std::vector<Piece> pieces;
    // Where the first line ends, for the title after a callout marker.
    int break_piece = -1;
    std::size_t break_offset = 0;
    int second_line = 0;
};

enum class FrameKind {
    document,
    quote,
    list,
    item,
    paragraph,
    heading,
    code,
    html,
    rule,
    table,
    table_section,
    row,
    cell,
    flattened,  // a quote, list or item past the nesting limit: its blocks go up
};

enum class Marker { none, callout, steps, unknown };

struct Frame {
    FrameKind kind = FrameKind::document;
    int line = 0;  // 0 until the first text inside is seen
    Block block;
    ListItem item;
    InlineRun run;
    bool implicit = false;              // paragraph: md4c sends tight list items' text bare
    bool fenced = false;                // code
    bool marker_checked = false;        // quote: its first paragraph has been looked at
    Marker marker = Marker::none;       // quote
    bool in_head = false;               // table
    Alignment align = Alignment::left;  // cell
};

enum class LinkKind { contact, check, no_id, unknown };

LinkKind classify_link(const std::string& target, std::string& id) {
    for (auto [prefix, kind] :
         {std::pair<std::string_view, LinkKind>{"contact:", LinkKind::contact},
          std::pair<std::string_view, LinkKind>{"check:", LinkKind::check}}) {
        if (std::string_view(target).starts_with(prefix)) {
            Inlines t{Span{target.substr(prefix.size())}};
            trim(t);
            id = plain_text(t);
            return id.empty() ? LinkKind::no_id : kind;
        }
    }
    return LinkKind::unknown;
}

class Converter {
  public:
    Converter(std::string_view text, const std::string& file, Diagnostics& out)
        : input_size_(text.size()),
          buffer_(padded(text.size() <= kMaxBytes ? text : std::string_view())),
          text_(buffer_.data(), buffer_.size() - kPadding),
          file_(file),
          out_(out),
          lines_(text_) {}

    std::vector<Page> run();

    int enter_block(MD_BLOCKTYPE type, void* detail);
    int leave_block(MD_BLOCKTYPE type, void* detail);
    int enter_span(MD_SPANTYPE type, void* detail);
    int leave_span(MD_SPANTYPE type, void* detail);
    int text(MD_TEXTTYPE type, const MD_CHAR* text, MD_SIZE size);

    bool failed = false;   // a callback ran out of memory
    bool stopped = false;  // the input is past a limit, which has been reported

  private:
    void error(int line, std::string message) { out_.error(file_, line, 0, std::move(message)); }
    void warning(int line, std::string message) {
        out_.warning(file_, line, 0, std::move(message));
    }

    // Lines.
    void note_position(const char* p, std::size_t size);
    void resolve(int line);
    int fallback_line(FrameKind kind) const;
    void resolve_by_fallback(FrameKind kind);

    bool too_big(const MD_BLOCK_TABLE_DETAIL& table);

    // Frames.
    void push(FrameKind kind) {
        Frame f;
        f.kind = kind;
        stack_.push_back(std::move(f));
    }
    Frame* find(FrameKind kind);
    InlineRun* open_run();
    void close_implicit_paragraph();
    void enter_container(FrameKind kind);
    void emit(Block block);
    void add_to_page(Block block);

    // Inline content.
    Span style(bool code) const;
    void append_text(InlineRun& run, std::string_view text, bool is_break, int line);
    void finish_image();
    Inlines inline_only(InlineRun& run, const char* where);
    std::vector<Block> paragraph_blocks(std::vector<Piece> pieces, int line);
    bool take_marker(InlineRun& run, Frame& quote, int line);

    // Blocks.
    void finish(Frame f);
    void finish_paragraph(Frame f);
    void finish_heading(Frame f);
    void finish_quote(Frame f);
    void make_steps(Block& quote);
    void finish_cell(Frame f);
    void finish_table(Frame f);
    void start_page(Inlines title, int line);
    void finish_page();

    // md4c 0.4.8 reads past the end of its input in some unfinished constructs (an
    // unclosed link destination at the very end, found by fuzzing). It is given a copy
    // followed by newlines, which end every inline construct, and whatever it reports
    // beyond the real end is cut off.
    static std::string padded(std::string_view text) {
        std::string out;
        out.reserve(text.size() + kPadding);
        out.append(text);
        out.append(kPadding, '\n');
        return out;
    }
    std::string_view bounded(const char* p, std::size_t size) const;
    MD_ATTRIBUTE bounded(const MD_ATTRIBUTE& attr) const;

    std::size_t input_size_;
    std::string buffer_;
    std::string_view text_;
    const std::string& file_;
    Diagnostics& out_;
    SourceLines lines_;

    std::vector<Frame> stack_;
    std::vector<Page> pages_;
    std::set<std::string> anchors_;
    int last_line_ = 0;  // the last line any text or block was seen on
    int nesting_ = 0;
    bool reported_nesting_ = false;
    bool reported_preamble_ = false;
    int last_heading_level_ = 1;
    int last_html_line_ = 0;

    int bold_ = 0, italic_ = 0, strike_ = 0, code_ = 0, wiki_depth_ = 0;
    std::vector<std::string> links_;
    int image_depth_ = 0;
    Image image_;
    std::string image_alt_;
    int image_line_ = 0;
    bool after_nul_ = false;
};

// ---- Input bounds ----

std::string_view Converter::bounded(const char* p, std::size_t size) const {
    if (p == nullptr)
        return {};
    const std::less<const char*> before;
    const char* end = text_.data() + text_.size();
    if (before(p, text_.data()) || !before(p, buffer_.data() + buffer_.size()))
        return {p, size};  // md4c's own strings: line breaks, built attributes
    if (!before(p, end))
        return {};
    return {p, std::min<std::size_t>(size, static_cast<std::size_t>(end - p))};
}

MD_ATTRIBUTE Converter::bounded(const MD_ATTRIBUTE& attr) const {
    MD_ATTRIBUTE out = attr;
    out.size = static_cast<MD_SIZE>(bounded(attr.text, attr.size).size());
    return out;
}

// ---- Lines -----------------------------------------------------------------------

void Converter::note_position(const char* p, std::size_t size) {
    int line = lines_.line_of(p);
    if (line == 0)
        return;
    const Frame& top = stack_.back();
    // A fenced block starts on its opening fence, above its first code and any blank
    // lines before it.
    if (top.kind == FrameKind::code && top.fenced && top.line == 0 && line > 1) {
        --line;
        while (line > 1 && skip_quote_marks(lines_.line(line)).empty())
            --line;
    }
    resolve(line);
    last_line_ = std::max(last_line_, lines_.line_of(p + (size > 0 ? size - 1 : 0)));
}

// Gives `line` to the innermost frames still waiting for one: they all start there.
void Converter::resolve(int line) {
    for (auto it = stack_.rbegin(); it != stack_.rend() && it->line == 0; ++it)
        it->line = line;
}

// For a block that closes without any text: the line it must have started on.
void Converter::resolve_by_fallback(FrameKind kind) {
    const int line = fallback_line(kind);
    resolve(line);
    last_line_ = std::max(last_line_, line);
}

int Converter::fallback_line(FrameKind kind) const {
    const int last = std::max(1, lines_.count());
    const int from = std::min(last_line_ + 1, last);
    if (kind == FrameKind::rule) {
        for (int n = from; n <= last && n < from + kMaxRuleScan; ++n)
            if (could_hold_rule(lines_.line(n)))
                return n;
        return from;
    }
    for (int n = from; n <= last; ++n)
        if (!skip_indent(lines_.line(n)).empty())
            return n;
    return from;
}

// ---- Frames ----------------------------------------------------------------------

Frame* Converter::find(FrameKind kind) {
    for (auto it = stack_.rbegin(); it != stack_.rend(); ++it)
        if (it->kind == kind)
            return &*it;
    return nullptr;
}

// Where inline text goes now; opens the paragraph md4c leaves implicit in tight lists.
InlineRun* Converter::open_run() {
    if (stack_.empty())
        return nullptr;
    const FrameKind k = stack_.back().kind;
    if (k == FrameKind::paragraph || k == FrameKind::heading || k == FrameKind::cell)
        return &stack_.back().run;
    if (k == FrameKind::item || k == FrameKind::flattened) {
        push(FrameKind::paragraph);
        stack_.back().implicit = true;
        return &stack_.back().run;
    }
    return nullptr;
}

void Converter::close_implicit_paragraph() {
    if (stack_.empty() || !stack_.back().implicit)
        return;
    if (stack_.back().line == 0)
        resolve_by_fallback(FrameKind::paragraph);
    Frame f = std::move(stack_.back());
    stack_.pop_back();
    finish(std::move(f));
}

void Converter::enter_container(FrameKind kind) {
    if (nesting_ >= kMaxNesting) {
        if (!reported_nesting_) {
            reported_nesting_ = true;
            error(fallback_line(kind),
                  "quotes and lists are nested more than " + std::to_string(kMaxNesting) +
                      " levels deep; the deeper levels are shown flattened. Use fewer levels");
        }
        push(FrameKind::flattened);
        return;
    }
    ++nesting_;
    push(kind);
}

namespace {

constexpr std::string_view kCaptionPrefix = "Table:";

// The caption a paragraph gives a table ("Table: Referrals by year"); none when the
// paragraph does not start with the prefix or holds nothing after it.
std::optional<Inlines> caption_in(const Block& paragraph) {
    if (paragraph.kind != BlockKind::paragraph || paragraph.text.empty() ||
        !paragraph.text.front().text.starts_with(kCaptionPrefix))
        return std::nullopt;
    Inlines caption = paragraph.text;
    std::string& first = caption.front().text;
    const std::size_t start = first.find_first_not_of(' ', kCaptionPrefix.size());
    first.erase(0, start == std::string::npos ? first.size() : start);
    if (first.empty())
        caption.erase(caption.begin());
    if (plain_text(caption).find_first_not_of(" \n") == std::string::npos)
        return std::nullopt;
    return caption;
}

// Joins a "Table: ..." paragraph to the table directly before or after it, so the
// caption travels with the table; true when `block` was consumed into `siblings`.
bool join_table_caption(std::vector<Block>& siblings, Block& block) {
    if (siblings.empty())
        return false;
    Block& previous = siblings.back();
    if (block.kind == BlockKind::table && block.table.caption.empty()) {
        if (auto caption = caption_in(previous)) {
            block.table.caption = std::move(*caption);
            block.line = previous.line;
            previous = std::move(block);
            return true;
        }
    } else if (previous.kind == BlockKind::table && previous.table.caption.empty()) {
        if (auto caption = caption_in(block)) {
            previous.table.caption = std::move(*caption);
            return true;
        }
    }
    return false;
}

}  // namespace

void Converter::emit(Block block) {
    for (auto it = stack_.rbegin(); it != stack_.rend(); ++it) {
        switch (it->kind) {
            case FrameKind::document:
                if (!pages_.empty() && join_table_caption(pages_.back().blocks, block))
                    return;
                add_to_page(std::move(block));
                return;
            case FrameKind::quote:
                it->marker_checked = true;
                if (join_table_caption(it->block.children, block))
                    return;
                it->block.children.push_back(std::move(block));
                return;
            case FrameKind::item:
                if (join_table_caption(it->item.blocks, block))
                    return;
                it->item.blocks.push_back(std::move(block));
                return;
            default:
                break;
        }
    }
}

void Converter::add_to_page(Block block) {
    if (pages_.empty()) {
        if (!reported_preamble_) {
            reported_preamble_ = true;
            error(block.line,
                  "content before the first page heading; start the file with '# Page title'");
        }
        return;
    }
    if (block.kind == BlockKind::heading) {
        if (block.level > last_heading_level_ + 1) {
            warning(block.line,
                    "heading level jumps from " +
                        std::string(static_cast<std::size_t>(last_heading_level_), '#') + " to " +
                        std::string(static_cast<std::size_t>(block.level), '#') + "; use " +
                        std::string(static_cast<std::size_t>(last_heading_level_ + 1), '#') +
                        " here so the page outline has no gaps");
        }
        last_heading_level_ = block.level;
    }
    pages_.back().blocks.push_back(std::move(block));
}

// md4c 0.4 pads every row to the delimiter row's width, so a short file can ask for
// millions of cells (one wide delimiter row, many one-character rows). Such a table
// stops the conversion before md4c emits them; no course page needs one.
bool Converter::too_big(const MD_BLOCK_TABLE_DETAIL& table) {
    const std::size_t columns = table.col_count;
    const std::size_t cells = columns * (std::size_t{table.head_row_count} + table.body_row_count);
    if (columns <= kMaxTableColumns && cells <= kMaxTableCells)
        return false;
    error(fallback_line(FrameKind::table),
          "this table has " + std::to_string(columns) + " columns and " + std::to_string(cells) +
              " cells, more than a page can show (at most " + std::to_string(kMaxTableColumns) +
              " columns and " + std::to_string(kMaxTableCells) +
              " cells); split it into smaller tables. The rest of the file was not read");
    return true;
}

// ---- Callbacks -------------------------------------------------------------------

int Converter::enter_block(MD_BLOCKTYPE type, void* detail) {
    close_implicit_paragraph();
    switch (type) {
        case MD_BLOCK_DOC:
            push(FrameKind::document);
            stack_.back().line = 1;
            break;
        case MD_BLOCK_QUOTE:
            enter_container(FrameKind::quote);
            break;
        case MD_BLOCK_UL:
        case MD_BLOCK_OL:
            enter_container(FrameKind::list);
            if (stack_.back().kind == FrameKind::list) {
                Block& b = stack_.back().block;
                b.kind = BlockKind::list;
                b.ordered = type == MD_BLOCK_OL;
                if (b.ordered && detail != nullptr) {
                    const unsigned start = static_cast<MD_BLOCK_OL_DETAIL*>(detail)->start;
                    b.start = static_cast<int>(std::min<unsigned>(start, INT_MAX));
                }
            }
            break;
        case MD_BLOCK_LI:
            push(!stack_.empty() && stack_.back().kind == FrameKind::list ? FrameKind::item
                                                                          : FrameKind::flattened);
            break;
        case MD_BLOCK_HR:
            push(FrameKind::rule);
            break;
        case MD_BLOCK_H:
            push(FrameKind::heading);
            stack_.back().block.kind = BlockKind::heading;
            stack_.back().block.level =
                detail ? static_cast<int>(static_cast<MD_BLOCK_H_DETAIL*>(detail)->level) : 2;
            break;
        case MD_BLOCK_CODE: {
            push(FrameKind::code);
            Frame& f = stack_.back();
            f.block.kind = BlockKind::code;
            if (detail != nullptr) {
                const auto* d = static_cast<MD_BLOCK_CODE_DETAIL*>(detail);
                f.fenced = d->fence_char != 0;
                f.block.code_language = attribute_text(bounded(d->lang));
                // The info string sits on the opening fence line itself.
                if (const int line = lines_.line_of(d->info.text); line > 0 && d->info.size > 0)
                    resolve(line);
            }
            break;
        }
        case MD_BLOCK_HTML:
            push(FrameKind::html);
            break;
        case MD_BLOCK_P:
            push(FrameKind::paragraph);
            break;
        case MD_BLOCK_TABLE:
            if (detail != nullptr && too_big(*static_cast<MD_BLOCK_TABLE_DETAIL*>(detail))) {
                stopped = true;
                return 1;
            }
            push(FrameKind::table);
            stack_.back().block.kind = BlockKind::table;
            break;
        case MD_BLOCK_THEAD:
        case MD_BLOCK_TBODY:
            if (Frame* table = find(FrameKind::table))
                table->in_head = type == MD_BLOCK_THEAD;
            push(FrameKind::table_section);
            break;
        case MD_BLOCK_TR:
            if (Frame* table = find(FrameKind::table); table && !table->in_head)
                table->block.table.rows.emplace_back();
            push(FrameKind::row);
            break;
        case MD_BLOCK_TH:
        case MD_BLOCK_TD: {
            Alignment align = Alignment::left;
            const MD_ALIGN a =
                detail ? static_cast<MD_BLOCK_TD_DETAIL*>(detail)->align : MD_ALIGN_DEFAULT;
            if (a == MD_ALIGN_CENTER)
                align = Alignment::center;
            if (a == MD_ALIGN_RIGHT)
                align = Alignment::right;
            push(FrameKind::cell);
            stack_.back().align = align;
            break;
        }
    }
    return 0;
}

int Converter::leave_block(MD_BLOCKTYPE, void*) {
    close_implicit_paragraph();
    if (stack_.size() <= 1)
        return 0;  // the document frame stays until run() ends
    Frame& top = stack_.back();
    switch (top.kind) {
        case FrameKind::table_section:
        case FrameKind::row:
        case FrameKind::cell:
        case FrameKind::flattened:
            break;
        default:
            if (top.line == 0)
                resolve_by_fallback(top.kind);
    }
    Frame f = std::move(stack_.back());
    stack_.pop_back();
    finish(std::move(f));
    return 0;
}

int Converter::enter_span(MD_SPANTYPE type, void* detail) {
    if (image_depth_ > 0) {
        // Everything inside an image is its alt text; only nested images are counted
        // so the right leave_span closes it.
        if (type == MD_SPAN_IMG)
            ++image_depth_;
        return 0;
    }
    switch (type) {
        case MD_SPAN_EM:
            ++italic_;
            break;
        case MD_SPAN_STRONG:
            ++bold_;
            break;
        case MD_SPAN_DEL:
            ++strike_;
            break;
        case MD_SPAN_CODE:
            ++code_;
            break;
        case MD_SPAN_A:
            links_.push_back(
                detail ? attribute_text(bounded(static_cast<MD_SPAN_A_DETAIL*>(detail)->href))
                       : std::string());
            break;
        case MD_SPAN_IMG: {
            open_run();
            image_depth_ = 1;
            image_ = Image{};
            image_alt_.clear();
            image_line_ = 0;
            if (detail != nullptr) {
                const auto* d = static_cast<MD_SPAN_IMG_DETAIL*>(detail);
                image_.src = attribute_text(bounded(d->src));
                image_.title = attribute_text(bounded(d->title));
                image_line_ = lines_.line_of(d->src.text);
                if (d->src.size > 0)
                    note_position(d->src.text, 1);
            }
            break;
        }
        case MD_SPAN_WIKILINK: {
            InlineRun* run = open_run();
            if (++wiki_depth_ == 1 && run != nullptr) {
                Piece piece;
                piece.kind = PieceKind::wikilink;
                if (detail != nullptr) {
                    const auto& target = static_cast<MD_SPAN_WIKILINK_DETAIL*>(detail)->target;
                    piece.target = attribute_text(bounded(target));
                    piece.line = lines_.line_of(target.text);
                    if (target.size > 0)
                        note_position(target.text, 1);
                }
                run->pieces.push_back(std::move(piece));
            }
            break;
        }
        default:
            break;  // underline and LaTeX spans are not enabled
    }
    return 0;
}

int Converter::leave_span(MD_SPANTYPE type, void*) {
    if (image_depth_ > 0) {
        if (type == MD_SPAN_IMG && --image_depth_ == 0)
            finish_image();
        return 0;
    }
    auto down = [](int& n) { n = n > 0 ? n - 1 : 0; };
    switch (type) {
        case MD_SPAN_EM:
            down(italic_);
            break;
        case MD_SPAN_STRONG:
            down(bold_);
            break;
        case MD_SPAN_DEL:
            down(strike_);
            break;
        case MD_SPAN_CODE:
            down(code_);
            break;
        case MD_SPAN_A:
            if (!links_.empty())
                links_.pop_back();
            break;
        case MD_SPAN_WIKILINK:
            down(wiki_depth_);
            break;
        default:
            break;
    }
    return 0;
}

int Converter::text(MD_TEXTTYPE type, const MD_CHAR* p, MD_SIZE size) {
    if (stack_.empty())
        return 0;
    const std::string_view raw = bounded(p, size);
    const FrameKind top = stack_.back().kind;
    if (top == FrameKind::code) {
        note_position(p, size);
        std::string_view code = raw;
        // md4c 0.4 reports a NUL in a code block twice: as MD_TEXT_NULLCHAR and again
        // at the start of the code text after it.
        if (after_nul_ && code.starts_with('\0'))
            code.remove_prefix(1);
        after_nul_ = type == MD_TEXT_NULLCHAR;
        append_without_nul(stack_.back().block.code, after_nul_ ? "" : code);
        if (after_nul_)
            stack_.back().block.code += kReplacement;
        return 0;
    }
    if (top == FrameKind::html) {
        note_position(p, size);
        return 0;
    }
    if (type == MD_TEXT_HTML) {
        note_position(p, size);
        const int line = lines_.line_of(p) ? lines_.line_of(p) : std::max(1, last_line_);
        if (line != last_html_line_)
            error(line, kRawHtml);
        last_html_line_ = line;
        return 0;
    }

    std::string decoded;
    bool is_break = false;
    switch (type) {
        case MD_TEXT_NULLCHAR:
            decoded = kReplacement;
            break;
        case MD_TEXT_ENTITY:
            append_entity(decoded, raw);
            break;
        case MD_TEXT_BR:
            decoded = "\n";
            is_break = true;
            break;
        case MD_TEXT_SOFTBR:
            decoded = " ";
            is_break = true;
            break;
        default:
            append_without_nul(decoded, raw);
            break;
    }
    if (image_depth_ > 0) {
        note_position(p, size);
        image_alt_ += decoded;
        return 0;
    }
    InlineRun* run = open_run();
    note_position(p, size);
    if (run != nullptr)
        append_text(*run, decoded, is_break, lines_.line_of(p));
    return 0;
}

// ---- Inline content --------------------------------------------------------------

Span Converter::style(bool code) const {
    Span s;
    s.bold = bold_ > 0;
    s.italic = italic_ > 0;
    s.strikethrough = strike_ > 0;
    s.code = code || code_ > 0;
    if (!links_.empty())
        s.link = links_.back();
    return s;
}

void Converter::append_text(InlineRun& run, std::string_view text, bool is_break, int line) {
    if (run.pieces.empty() || run.pieces.back().kind == PieceKind::image ||
        (run.pieces.back().kind == PieceKind::wikilink && wiki_depth_ == 0))
        run.pieces.emplace_back();
    Piece& piece = run.pieces.back();
    if (is_break && run.break_piece < 0 && piece.kind == PieceKind::text) {
        run.break_piece = static_cast<int>(run.pieces.size() - 1);
        run.break_offset = text_length(piece.spans);
    } else if (!is_break && run.break_piece >= 0 && run.second_line == 0) {
        run.second_line = line;
    }
    if (piece.line == 0)
        piece.line = line;
    append_span(piece.spans, text, style(false));
}

void Converter::finish_image() {
    Inlines alt{Span{image_alt_}};
    trim(alt);
    image_.alt = plain_text(alt);
    InlineRun* run = open_run();
    const int line = image_line_ ? image_line_ : std::max(1, last_line_);
    if (image_.alt.empty()) {
        error(line, "image \"" + image_.src +
                        "\" has no alt text; describe it in the brackets: ![A diagram of ...](" +
                        image_.src + ")");
    }
    if (run == nullptr)
        return;
    if (stack_.back().kind == FrameKind::paragraph && wiki_depth_ == 0) {
        Piece piece;
        piece.kind = PieceKind::image;
        piece.image = std::move(image_);
        piece.line = line;
        run->pieces.push_back(std::move(piece));
        return;
    }
    if (wiki_depth_ == 0) {
        error(line, "image \"" + image_.src +
                        "\" cannot go in a heading or a table cell; put it in a paragraph of "
                        "its own");
    }
    append_text(*run, image_.alt, false, line);
}

// Headings and table cells hold text only: wiki links there keep their label as text.
Inlines Converter::inline_only(InlineRun& run, const char* where) {
    Inlines out;
    for (Piece& piece : run.pieces) {
        if (piece.kind == PieceKind::wikilink) {
            error(piece.line ? piece.line : std::max(1, last_line_),
                  "\"[[" + piece.target + "]]\" cannot go in " + where +
                      "; put it alone in a paragraph of its own");
        }
        append_spans(out, piece.spans);
    }
    trim(out);
    return out;
}

std::vector<Block> Converter::paragraph_blocks(std::vector<Piece> pieces, int line) {
    std::vector<Block> out;
    const auto blank = [](const Piece& p) {
        return p.kind == PieceKind::text && is_blank(p.spans);
    };
    const auto solid =
        std::count_if(pieces.begin(), pieces.end(), [&](const Piece& p) { return !blank(p); });

    // A wiki link alone in its paragraph is a contact card or a knowledge check.
    for (Piece& piece : pieces) {
        if (piece.kind != PieceKind::wikilink)
            continue;
        const int at = piece.line ? piece.line : line;
        std::string id;
        const LinkKind kind = classify_link(piece.target, id);
        if (solid == 1 && (kind == LinkKind::contact || kind == LinkKind::check)) {
            Block b;
            b.kind =
                kind == LinkKind::contact ? BlockKind::contact_card : BlockKind::knowledge_check;
            b.line = at;
            b.ref = id;
            out.push_back(std::move(b));
            return out;
        }
        const std::string link = "\"[[" + piece.target + "]]\"";
        switch (kind) {
            case LinkKind::unknown:
                error(at, "unknown link " + link +
                              "; only [[contact:id]] (a contact card) and [[check:id]] (a "
                              "knowledge check) are allowed");
                break;
            case LinkKind::no_id:
                error(
                    at,
                    link + " has no id; write it as [[contact:team-id]] or [[check:question-id]]");
                break;
            default:
                error(at, link +
                              " must be alone in its paragraph; put it on a line of its own with a "
                              "blank line before and after it");
        }
        piece.kind = PieceKind::text;  // keep its label so no words vanish
    }

    // Text between images becomes paragraphs of its own.
    bool first = true;
    Inlines text;
    int text_line = 0;
    auto flush = [&]() {
        trim(text);
        if (!text.empty()) {
            Block b;
            b.kind = BlockKind::paragraph;
            b.line = text_line ? text_line : line;
            b.text = std::move(text);
            out.push_back(std::move(b));
        }
        text.clear();
        text_line = 0;
    };
    for (Piece& piece : pieces) {
        if (piece.kind == PieceKind::image) {
            flush();
            Block b;
            b.kind = BlockKind::image;
            b.line = piece.line ? piece.line : line;
            b.image = std::move(piece.image);
            out.push_back(std::move(b));
        } else if (!blank(piece) || !text.empty()) {
            if (text.empty())
                text_line = first ? line : piece.line;
            append_spans(text, piece.spans);
        }
        first = false;
    }
    flush();
    return out;
}

// Takes "[!NOTE] Title" off the start of a quote's first paragraph.
bool Converter::take_marker(InlineRun& run, Frame& quote, int line) {
    if (run.pieces.empty() || run.pieces[0].kind != PieceKind::text)
        return false;
    Inlines& first = run.pieces[0].spans;
    if (first.empty() || is_styled(first[0]))
        return false;
    const std::string_view t = first[0].text;
    if (!t.starts_with("[!"))
        return false;
    const std::size_t close = t.find(']');
    if (close == std::string_view::npos || close < 3 || close > 40)
        return false;
    std::string name(t.substr(2, close - 2));
    for (char& c : name) {
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')))
            return false;
        if (c >= 'a' && c <= 'z')
            c = static_cast<char>(c - 'a' + 'A');
    }
    if (name == "STEPS") {
        quote.marker = Marker::steps;
    } else if (name == "NOTE" || name == "IMPORTANT" || name == "EMERGENCY") {
        quote.marker = Marker::callout;
        quote.block.callout = name == "NOTE"        ? CalloutKind::note
                              : name == "IMPORTANT" ? CalloutKind::important
                                                    : CalloutKind::emergency;
    } else {
        quote.marker = Marker::unknown;
        error(line, "unknown callout \"" + std::string(t.substr(0, close + 1)) +
                        "\"; use [!NOTE], [!IMPORTANT], [!EMERGENCY] or [!STEPS]");
        return false;
    }
    const std::size_t length = text_length(first);
    const std::size_t title_end = run.break_piece == 0 ? run.break_offset : length;
    quote.block.title = slice(first, close + 1, title_end);
    trim(quote.block.title);
    first = run.break_piece == 0 ? slice(first, title_end + 1, length) : Inlines{};
    run.pieces[0].line = run.second_line;
    return true;
}

// ---- Blocks ----------------------------------------------------------------------

void Converter::finish(Frame f) {
    switch (f.kind) {
        case FrameKind::document:
        case FrameKind::table_section:
        case FrameKind::row:
        case FrameKind::flattened:
            break;
        case FrameKind::quote:
            --nesting_;
            finish_quote(std::move(f));
            break;
        case FrameKind::list:
            --nesting_;
            f.block.line = f.line;
            emit(std::move(f.block));
            break;
        case FrameKind::item:
            if (!stack_.empty() && stack_.back().kind == FrameKind::list) {
                stack_.back().block.items.push_back(std::move(f.item));
            } else {
                for (Block& b : f.item.blocks)
                    emit(std::move(b));
            }
            break;
        case FrameKind::paragraph:
            finish_paragraph(std::move(f));
            break;
        case FrameKind::heading:
            finish_heading(std::move(f));
            break;
        case FrameKind::code: {
            Block b = std::move(f.block);
            b.line = f.line;
            if (!b.code.empty() && b.code.back() == '\n')
                b.code.pop_back();
            if (f.fenced) {
                // The closing fence follows the last code line and any blank lines; past
                // it, blocks without text look for their line.
                int n = last_line_ + 1;
                while (n < lines_.count() && skip_quote_marks(lines_.line(n)).empty())
                    ++n;
                if (is_code_fence(lines_.line(n))) {
                    last_line_ = std::max(last_line_, n);
                } else {
                    warning(b.line,
                            "this code block is never closed; add a line with ``` after its "
                            "last line");
                }
            }
            emit(std::move(b));
            break;
        }
        case FrameKind::html:
            error(f.line, kRawHtml);
            break;
        case FrameKind::rule: {
            Block b;
            b.kind = BlockKind::rule;
            b.line = f.line;
            emit(std::move(b));
            break;
        }
        case FrameKind::table:
            finish_table(std::move(f));
            break;
        case FrameKind::cell:
            finish_cell(std::move(f));
            break;
    }
}

void Converter::finish_paragraph(Frame f) {
    int line = f.line;
    if (!stack_.empty() && stack_.back().kind == FrameKind::quote &&
        !stack_.back().marker_checked) {
        Frame& quote = stack_.back();
        quote.marker_checked = true;
        if (take_marker(f.run, quote, line))
            line = f.run.second_line ? f.run.second_line : line;
    }
    for (Block& b : paragraph_blocks(std::move(f.run.pieces), line))
        emit(std::move(b));
}

void Converter::finish_heading(Frame f) {
    Inlines text = inline_only(f.run, "a heading");
    const bool top_level = !stack_.empty() && stack_.back().kind == FrameKind::document;
    if (f.block.level == 1 && top_level) {
        start_page(std::move(text), f.line);
        return;
    }
    Block b = std::move(f.block);
    b.line = f.line;
    b.text = std::move(text);
    if (b.level == 1) {
        error(b.line,
              "a page heading ('# ...') inside a quote or list does not start a page; move it "
              "out, or use '##' for a heading within the page");
        b.level = 2;
    }
    emit(std::move(b));
}

void Converter::finish_quote(Frame f) {
    Block b = std::move(f.block);
    b.line = f.line;
    switch (f.marker) {
        case Marker::callout:
            b.kind = BlockKind::callout;
            break;
        case Marker::steps:
            make_steps(b);
            break;
        default:
            b.kind = BlockKind::quote;
            break;
    }
    emit(std::move(b));
}

void Converter::make_steps(Block& quote) {
    auto list = std::find_if(quote.children.begin(), quote.children.end(),
                             [](const Block& b) { return b.kind == BlockKind::list && b.ordered; });
    if (list == quote.children.end()) {
        error(quote.line,
              "[!STEPS] needs a numbered list of steps inside the quote, one item per step: "
              "'> 1. **Notice** the concern ...'");
        quote.kind = BlockKind::quote;
        return;
    }
    for (const Block& child : quote.children) {
        if (&child == &*list)
            continue;
        error(child.line,
              "only the numbered list of steps belongs inside [!STEPS]; move this out of the "
              "quote or into one of the steps");
    }
    int number = list->start;
    for (ListItem& item : list->items) {
        Step step;
        std::vector<Block>& blocks = item.blocks;
        const int line = blocks.empty() ? list->line : blocks.front().line;
        if (!blocks.empty() && blocks.front().kind == BlockKind::paragraph) {
            Inlines& text = blocks.front().text;
            std::size_t lead = 0;
            while (lead < text.size() && text[lead].bold)
                ++lead;
            if (lead > 0) {
                step.title.assign(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(lead));
                for (Span& s : step.title)
                    s.bold = false;
                text.erase(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(lead));
                drop_leading_separator(text);
                if (text.empty())
                    blocks.erase(blocks.begin());
            } else {
                step.title = std::move(text);
                blocks.erase(blocks.begin());
            }
        }
        trim(step.title);
        if (step.title.empty()) {
            error(line, "step " + std::to_string(number) +
                            " has no title; start it with its title in bold: '1. **Notice** ...'");
        }
        step.detail = std::move(blocks);
        quote.steps.push_back(std::move(step));
        ++number;
    }
    quote.kind = BlockKind::step_flow;
    quote.children.clear();
}

void Converter::finish_cell(Frame f) {
    Frame* table = find(FrameKind::table);
    if (table == nullptr)
        return;
    Inlines text = inline_only(f.run, "a table cell");
    Table& t = table->block.table;
    if (table->in_head) {
        t.header.push_back(std::move(text));
        t.alignment.push_back(f.align);
    } else {
        if (t.rows.empty())
            t.rows.emplace_back();
        t.rows.back().push_back(std::move(text));
    }
}

void Converter::finish_table(Frame f) {
    Block b = std::move(f.block);
    b.line = f.line;
    const std::size_t columns = b.table.header.size();
    b.table.alignment.resize(columns, Alignment::left);
    for (auto& row : b.table.rows)
        row.resize(columns);
    emit(std::move(b));
}

void Converter::start_page(Inlines title, int line) {
    finish_page();
    Page page;
    for (char c : plain_text(title))
        page.title += c == '\n' ? ' ' : c;
    page.line = line;
    if (page.title.empty())
        error(line, "page heading has no title; write the title after the '# '");
    std::string anchor = slug(page.title);
    for (int n = 2; anchors_.count(anchor) > 0; ++n)
        anchor = slug(page.title) + "-" + std::to_string(n);
    anchors_.insert(anchor);
    page.anchor = std::move(anchor);
    pages_.push_back(std::move(page));
    last_heading_level_ = 1;
}

void Converter::finish_page() {
    if (pages_.empty() || !pages_.back().blocks.empty())
        return;
    const Page& page = pages_.back();
    warning(page.line,
            "page \"" + page.title + "\" is empty; write something under its heading or remove it");
}

// md4c is C: an exception must not unwind through it, so a callback that runs out of
// memory stops the parse instead.
template <typename F>
int guarded(void* self, F&& call) {
    auto& converter = *static_cast<Converter*>(self);
    try {
        return call(converter);
    } catch (const std::exception&) {
        converter.failed = true;
        return 1;
    }
}

std::vector<Page> Converter::run() {
    if (input_size_ > kMaxBytes) {
        error(0, "the file is " + std::to_string(input_size_) + " bytes, more than the " +
                     std::to_string(kMaxBytes / (1024 * 1024)) +
                     " MiB a module may have; split it into several modules");
        return {};
    }
    if (text_.starts_with("\xFF\xFE") || text_.starts_with("\xFE\xFF")) {
        out_.error(file_, 1, 1, "the file is saved as UTF-16; save it with the UTF-8 encoding");
        return {};
    }
    std::size_t bad = 0;
    if (!valid_utf8(text_, &bad)) {
        const int line = lines_.line_at(bad);
        int column = 1;
        for (std::size_t i = lines_.start_of(line); i < bad; ++i)
            if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80)
                ++column;
        out_.error(file_, line, column,
                   "the text is not valid UTF-8; save the file with the UTF-8 encoding");
        return {};
    }

    if (const std::size_t nul = text_.find('\0'); nul != std::string_view::npos) {
        warning(lines_.line_at(nul),
                "the file contains a NUL byte, shown as \"\xEF\xBF\xBD\"; remove it (a file "
                "saved as UTF-16 looks like this: save it as UTF-8)");
    }

    MD_PARSER parser{};
    parser.flags = kFlags;
    parser.enter_block = [](MD_BLOCKTYPE t, void* d, void* self) {
        return guarded(self, [&](Converter& c) { return c.enter_block(t, d); });
    };
    parser.leave_block = [](MD_BLOCKTYPE t, void* d, void* self) {
        return guarded(self, [&](Converter& c) { return c.leave_block(t, d); });
    };
    parser.enter_span = [](MD_SPANTYPE t, void* d, void* self) {
        return guarded(self, [&](Converter& c) { return c.enter_span(t, d); });
    };
    parser.leave_span = [](MD_SPANTYPE t, void* d, void* self) {
        return guarded(self, [&](Converter& c) { return c.leave_span(t, d); });
    };
    parser.text = [](MD_TEXTTYPE t, const MD_CHAR* p, MD_SIZE n, void* self) {
        return guarded(self, [&](Converter& c) { return c.text(t, p, n); });
    };
    const int rc = md_parse(text_.data(), static_cast<MD_SIZE>(text_.size()), &parser, this);
    if (stopped)
        return {};
    if (rc != 0 || failed) {
        error(0, "the file could not be converted (out of memory); make it smaller");
        return {};
    }
    finish_page();
    if (pages_.empty()) {
        error(0, "the file has no pages; start it with a page heading: '# Page title'");
    }
    return std::move(pages_);
}

}  // namespace

std::vector<Page> parse_module_markdown(std::string_view text, const std::string& file,
                                        Diagnostics& out) {
    Converter converter(text, file, out);
    return converter.run();
}

}  // namespace waymark::content
