// Drawing certificates with cairo: A4 landscape, one page each, DejaVu fonts, vector text
// throughout, and the emblem (assets/certificate/emblem.png, built into the program) as
// its seal.
#include <cairo-ft.h>
#include <cairo-pdf.h>
#include <cairo.h>
#include <ft2build.h>
#include FT_FREETYPE_H

#include <algorithm>
#include <cstring>
#include <memory>
#include <vector>

#include "certificate_emblem.hpp"
#include "fields.hpp"
#include "waymark/report/certificate.hpp"
#include "waymark/report/dates.hpp"

namespace waymark::report {

namespace {

constexpr double kWidth = 842;  // A4 landscape, in points
constexpr double kHeight = 595;

struct SurfaceCloser {
    void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
struct ContextCloser {
    void operator()(cairo_t* c) const { cairo_destroy(c); }
};

constexpr const char* kFontFolder = "/usr/share/fonts/truetype/dejavu/";

// The two DejaVu faces, loaded straight from their files through FreeType: no
// fontconfig, so the certificate looks the same on every machine (and nothing is
// cached process-wide). cairo frees each FreeType face once it is done with it.
class Fonts {
  public:
    Result<void> load() {
        for (int bold = 0; bold < 2; ++bold) {
            const std::string file =
                std::string(kFontFolder) + (bold ? "DejaVuSans-Bold.ttf" : "DejaVuSans.ttf");
            auto owned = std::make_unique<FreeTypeFace>();
            if (FT_Init_FreeType(&owned->library) != 0)
                return make_error(ErrorCode::io, "FreeType could not start");
            if (FT_New_Face(owned->library, file.c_str(), 0, &owned->face) != 0)
                return make_error(ErrorCode::not_found,
                                  "the certificate font is missing; install fonts-dejavu-core "
                                  "(tools/bootstrap.sh)",
                                  file);
            faces_[bold] = cairo_ft_font_face_create_for_ft_face(owned->face, 0);
            // cairo keeps a font face (and the FreeType face under it) in its caches after
            // the last reference here goes, and finds faces by their FreeType address: the
            // face must be freed when cairo lets go, not when the certificate is drawn, or
            // a later certificate whose face lands at the same address is drawn with this
            // one's glyphs (the bold title came out as scattered letters).
            static const cairo_user_data_key_t kOwner{};
            if (cairo_font_face_set_user_data(faces_[bold], &kOwner, owned.get(),
                                              &FreeTypeFace::release) != CAIRO_STATUS_SUCCESS) {
                cairo_font_face_destroy(faces_[bold]);
                faces_[bold] = nullptr;
                return make_error(ErrorCode::io, "cairo could not take the certificate font");
            }
            owned.release();
        }
        return {};
    }
    cairo_font_face_t* face(bool bold) const { return faces_[bold ? 1 : 0]; }
    ~Fonts() {
        for (auto* f : faces_)
            if (f)
                cairo_font_face_destroy(f);
    }

  private:
    // A FreeType face with a library of its own, so that whichever thread cairo frees it
    // on touches nothing another face uses.
    struct FreeTypeFace {
        FT_Library library = nullptr;
        FT_Face face = nullptr;
        ~FreeTypeFace() {
            if (face)
                FT_Done_Face(face);
            if (library)
                FT_Done_FreeType(library);
        }
        static void release(void* self) { delete static_cast<FreeTypeFace*>(self); }
    };
    cairo_font_face_t* faces_[2] = {nullptr, nullptr};
};

cairo_status_t write_to_output(void* closure, const unsigned char* data, unsigned int length) {
    static_cast<OutputFile*>(closure)->write(
        std::string_view(reinterpret_cast<const char*>(data), length));
    return CAIRO_STATUS_SUCCESS;
}

// Feeds cairo_image_surface_create_from_png_stream from bytes in memory.
struct ByteReader {
    std::string_view bytes;
    std::size_t at = 0;
};

cairo_status_t read_from_bytes(void* closure, unsigned char* data, unsigned int length) {
    auto& reader = *static_cast<ByteReader*>(closure);
    if (reader.bytes.size() - reader.at < length)
        return CAIRO_STATUS_READ_ERROR;
    std::memcpy(data, reader.bytes.data() + reader.at, length);
    reader.at += length;
    return CAIRO_STATUS_SUCCESS;
}

using SurfacePtr = std::unique_ptr<cairo_surface_t, SurfaceCloser>;

// The emblem as an image, read once per file: every page shows this one image, so the
// PDF holds it once however many certificates it has.
Result<SurfacePtr> read_emblem() {
    ByteReader reader{certificate_emblem().front().bytes};
    SurfacePtr emblem(cairo_image_surface_create_from_png_stream(read_from_bytes, &reader));
    if (cairo_surface_status(emblem.get()) != CAIRO_STATUS_SUCCESS)
        return make_error(ErrorCode::io,
                          std::string("the certificate emblem built into this program does not "
                                      "read as a PNG image (") +
                              cairo_status_to_string(cairo_surface_status(emblem.get())) +
                              "); rebuild Waymark from an intact copy of "
                              "assets/certificate/emblem.png");
    return emblem;
}

// Draws the emblem `size` points square with its top left corner at (x, y).
void draw_emblem(cairo_t* cr, cairo_surface_t* emblem, double x, double y, double size) {
    cairo_save(cr);
    cairo_translate(cr, x, y);
    cairo_scale(cr, size / cairo_image_surface_get_width(emblem),
                size / cairo_image_surface_get_height(emblem));
    cairo_set_source_surface(cr, emblem, 0, 0);
    cairo_paint(cr);
    cairo_restore(cr);
}

class Page {
  public:
    Page(cairo_t* cr, const Fonts& fonts) : cr_(cr), fonts_(fonts) {}

    // Centred text, shrunk until it fits the width (a long name or title must never run
    // off the page).
    void centred(std::string_view text, double y, double size, bool bold = false,
                 double max_width = kWidth - 160) {
        const std::string s(text);
        const double width = fit(s, size, bold, max_width);
        cairo_move_to(cr_, (kWidth - width) / 2, y);
        cairo_show_text(cr_, s.c_str());
    }

    // Left-aligned text, shrunk like centred() to fit `max_width`.
    void left(std::string_view text, double x, double y, double size, bool bold = false,
              double max_width = kWidth) {
        const std::string s(text);
        fit(s, size, bold, max_width);
        cairo_move_to(cr_, x, y);
        cairo_show_text(cr_, s.c_str());
    }

    // Left-aligned text broken between words into lines of at most `max_width`, each
    // `size` * 1.25 below the last (a long organisation name takes two lines rather than
    // shrinking out of sight); a word wider than the line is shrunk to fit.
    void wrapped(std::string_view text, double x, double y, double size, bool bold,
                 double max_width) {
        font(size, bold);
        std::string line, word;
        std::size_t at = 0;
        while (at <= text.size()) {
            const std::size_t space = std::min(text.find(' ', at), text.size());
            word = std::string(text.substr(at, space - at));
            const std::string longer = line.empty() ? word : line + " " + word;
            cairo_text_extents_t ext;
            cairo_text_extents(cr_, longer.c_str(), &ext);
            if (ext.x_advance > max_width && !line.empty()) {
                left(line, x, y, size, bold, max_width);
                y += size * 1.25;
                line = word;
            } else {
                line = longer;
            }
            at = space + 1;
        }
        left(line, x, y, size, bold, max_width);
    }

    void colour(double r, double g, double b) { cairo_set_source_rgb(cr_, r, g, b); }

  private:
    // Sets the font at `size`, or smaller (down to 8 points) until `s` fits `max_width`;
    // returns the width of `s` as it will be drawn.
    double fit(const std::string& s, double size, bool bold, double max_width) {
        font(size, bold);
        cairo_text_extents_t ext;
        cairo_text_extents(cr_, s.c_str(), &ext);
        while (ext.x_advance > max_width && size > 8) {
            size *= 0.92;
            font(size, bold);
            cairo_text_extents(cr_, s.c_str(), &ext);
        }
        return ext.x_advance;
    }

    void font(double size, bool bold) {
        cairo_set_font_face(cr_, fonts_.face(bold));
        cairo_set_font_size(cr_, size);
    }
    cairo_t* cr_;
    const Fonts& fonts_;
};

// One certificate on the current page, which it ends: the one home of the layout.
void draw_certificate(cairo_t* cr, const Fonts& fonts, cairo_surface_t* emblem,
                      const CertificateData& c) {
    Page page(cr, fonts);

    // Frame: a heavy outer rule and a thin inner one.
    cairo_set_source_rgb(cr, 0.11, 0.25, 0.45);
    cairo_set_line_width(cr, 6);
    cairo_rectangle(cr, 24, 24, kWidth - 48, kHeight - 48);
    cairo_stroke(cr);
    cairo_set_line_width(cr, 1);
    cairo_rectangle(cr, 36, 36, kWidth - 72, kHeight - 72);
    cairo_stroke(cr);

    page.colour(0.11, 0.25, 0.45);
    page.centred("Certificate of completion", 110, 34, true);
    page.colour(0.2, 0.2, 0.2);
    page.centred("This certifies that", 160, 15);
    page.colour(0, 0, 0);
    page.centred(c.learner_name.empty() ? "(name erased)" : c.learner_name, 205, 30, true);
    page.colour(0.2, 0.2, 0.2);
    page.centred(c.staff_id.empty() ? "" : "Staff ID " + c.staff_id, 232, 12);
    page.centred("has completed", 268, 15);
    page.colour(0.11, 0.25, 0.45);
    page.centred(c.course_title, 310, 24, true);
    page.colour(0.2, 0.2, 0.2);
    page.centred("Version " + c.course_version, 334, 12);

    // Details in two columns of label and value.
    // The values stop short of the verification code's column.
    const double top = 380, row = 24, labels = 200, values = 330, code = 560;
    // An organisation that has not recorded its name gets no "Issued by" line rather than
    // a placeholder: `waymark certificate` warns whoever prints it to set organisation.name.
    std::vector<std::pair<std::string, std::string>> details = {
        {"Completed", date_in_words(c.completed_at)},
        {"Score", score_percent(c.score) + "%"},
        {"Valid until", c.valid_until ? date_in_words(*c.valid_until) : "Does not expire"},
    };
    if (!c.organisation.empty())
        details.emplace_back("Issued by", c.organisation);
    for (std::size_t i = 0; i < details.size(); ++i) {
        page.colour(0.35, 0.35, 0.35);
        page.left(details[i].first, labels, top + row * double(i), 12);
        page.colour(0, 0, 0);
        page.wrapped(details[i].second, values, top + row * double(i), 12, true,
                     code - values - 16);
    }

    page.colour(0.11, 0.25, 0.45);
    page.left("Verification code", code, top, 11);
    page.left(c.code, code, top + 26, 20, true);
    page.colour(0.35, 0.35, 0.35);
    page.wrapped(verification_line(c), code, top + 52, 10, false, kWidth - 48 - code - 8);

    page.centred("Recorded in a tamper-evident ledger by Waymark", kHeight - 56, 9);

    // The seal, left of the details and clear of the frame.
    draw_emblem(cr, emblem, 64, top - 30, 112);

    cairo_show_page(cr);
}

// "Certificate: Prevent duty"; for many, how many and (when they share it) the course.
std::string document_title(const std::vector<CertificateData>& certificates) {
    const std::string& course = certificates.front().course_title;
    if (certificates.size() == 1)
        return "Certificate: " + course;
    const bool one_course =
        std::all_of(certificates.begin(), certificates.end(),
                    [&](const CertificateData& c) { return c.course_title == course; });
    const std::string count = std::to_string(certificates.size()) + " learners";
    return "Certificates: " + (one_course ? course + ", " + count : count);
}

}  // namespace

Result<void> render_certificates_pdf(const std::vector<CertificateData>& certificates,
                                     OutputFile& out, const ExportProgress& progress) {
    if (certificates.empty())
        return make_error(ErrorCode::usage, "there are no certificates to print",
                          out.target().string());
    // Declared first so the fonts and the emblem outlive the surface that uses them.
    Fonts fonts;
    if (auto r = fonts.load(); !r)
        return r;
    auto emblem = read_emblem();
    if (!emblem)
        return emblem.error();
    SurfacePtr surface(cairo_pdf_surface_create_for_stream(write_to_output, &out, kWidth, kHeight));
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE,
                                   document_title(certificates).c_str());
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "Waymark");
    std::unique_ptr<cairo_t, ContextCloser> context(cairo_create(surface.get()));
    const auto total = static_cast<std::int64_t>(certificates.size());
    std::int64_t drawn = 0;
    for (const auto& c : certificates) {
        draw_certificate(context.get(), fonts, emblem->get(), c);
        // Stopped: what was drawn stays in `out`, which the caller drops uncommitted.
        if (!progress(++drawn, total))
            return export_stopped();
    }
    context.reset();
    cairo_surface_finish(surface.get());
    const cairo_status_t status = cairo_surface_status(surface.get());
    if (status != CAIRO_STATUS_SUCCESS)
        return make_error(
            ErrorCode::io,
            std::string("drawing the certificate failed: ") + cairo_status_to_string(status),
            out.target().string());
    return {};
}

Result<void> render_certificate_pdf(const CertificateData& certificate, OutputFile& out) {
    return render_certificates_pdf({certificate}, out);
}

void name_courses(std::vector<CertificateData>& certificates, const CourseTitles& titles) {
    for (auto& c : certificates)
        if (const auto title = titles.find(c.course_id);
            c.course_title == c.course_id && title != titles.end() && !title->second.empty())
            c.course_title = title->second;
}

Result<std::vector<CertificateData>> save_certificates_pdf(
    ledger::Ledger& ledger, const std::vector<CertificateRequest>& wanted,
    const std::filesystem::path& pdf, const CourseTitles& titles, const ExportProgress& progress) {
    if (wanted.empty())
        return make_error(ErrorCode::usage, "there are no certificates to print", pdf.string());
    // Every certificate is issued (and recorded) before any is drawn: a file whose pages
    // all carry codes the ledger knows, or no file.
    auto certificates = issue_certificates(ledger, wanted, progress);
    if (!certificates)
        return certificates.error();
    name_courses(*certificates, titles);
    auto out = OutputFile::create(pdf);
    if (!out)
        return out.error();
    if (auto r = render_certificates_pdf(*certificates, *out, progress); !r)
        return r.error();
    if (auto r = out->commit(); !r)
        return r.error();
    return certificates;
}

Result<CertificateData> save_certificate_pdf(ledger::Ledger& ledger, std::string_view learner,
                                             std::string_view course_id,
                                             const std::filesystem::path& pdf,
                                             std::string_view course_title) {
    CourseTitles titles;
    if (!course_title.empty())
        titles.emplace(course_id, course_title);
    auto saved = save_certificates_pdf(ledger, {{std::string(learner), std::string(course_id)}},
                                       pdf, titles);
    if (!saved)
        return saved.error();
    return std::move(saved->front());
}

}  // namespace waymark::report
