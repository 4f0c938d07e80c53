// Writes the hostile and good package fixtures into tests/fixtures/packages (and copies
// them into its corpus/ folder for the fuzzer). Run once when the package format
// changes; the tests read the committed files.
//     package_fixtures <repo>/tests/fixtures/packages
#include <sys/stat.h>
#include <zip.h>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <memory>
#include <stdexcept>

#include "fixture_keys.hpp"
#include "waymark/core/files.hpp"
#include "waymark/package/package.hpp"

namespace fs = std::filesystem;
using namespace waymark;
using namespace waymark::package;
using namespace waymark::package::testing;

namespace {

struct RawEntry {
    std::string name;
    std::string data;
    std::uint32_t unix_mode = 0100644;
    zip_int32_t method = ZIP_CM_DEFLATE;
    bool directory = false;
    bool encrypted = false;
};

[[noreturn]] void fail(const std::string& what) {
    throw std::runtime_error(what);
}

struct ArchiveDiscard {
    void operator()(zip_t* z) const { zip_discard(z); }
};
struct SourceFree {
    void operator()(zip_source_t* s) const { zip_source_free(s); }
};

// A zip of `entries` exactly as given: any names, modes and methods, no checks.
std::string zip_of(const std::vector<RawEntry>& entries) {
    zip_error_t error;
    zip_error_init(&error);
    std::unique_ptr<zip_source_t, SourceFree> memory(
        zip_source_buffer_create(nullptr, 0, 0, &error));
    if (!memory)
        fail("zip_source_buffer_create");
    zip_source_keep(memory.get());
    std::unique_ptr<zip_t, ArchiveDiscard> archive(
        zip_open_from_source(memory.get(), ZIP_TRUNCATE, &error));
    if (!archive)
        fail("zip_open_from_source");
    for (const RawEntry& e : entries) {
        zip_int64_t index;
        if (e.directory) {
            index = zip_dir_add(archive.get(), e.name.c_str(), ZIP_FL_ENC_UTF_8);
        } else {
            zip_source_t* data = zip_source_buffer(archive.get(), e.data.data(), e.data.size(), 0);
            index = zip_file_add(archive.get(), e.name.c_str(), data, ZIP_FL_ENC_UTF_8);
            if (index < 0)
                zip_source_free(data);
        }
        if (index < 0)
            fail("cannot add " + e.name + ": " + zip_strerror(archive.get()));
        const auto i = static_cast<zip_uint64_t>(index);
        if (!e.directory && zip_set_file_compression(archive.get(), i, e.method, 9) != 0)
            fail("compression for " + e.name);
        if (e.encrypted &&
            zip_file_set_encryption(archive.get(), i, ZIP_EM_AES_256, "fixture") != 0)
            fail("encryption for " + e.name);
        zip_file_set_dostime(archive.get(), i, 0, 0x21, 0);
        zip_file_set_external_attributes(archive.get(), i, 0, ZIP_OPSYS_UNIX,
                                         (e.directory ? 040755u : e.unix_mode) << 16);
    }
    if (zip_close(archive.get()) != 0)
        fail(std::string("zip_close: ") + zip_strerror(archive.get()));
    archive.release();
    zip_stat_t st;
    if (zip_source_stat(memory.get(), &st) != 0 || zip_source_open(memory.get()) != 0)
        fail("reading the zip back");
    std::string bytes(st.size, '\0');
    zip_source_read(memory.get(), bytes.data(), st.size);
    zip_source_close(memory.get());
    zip_error_fini(&error);
    return bytes;
}

std::vector<RawEntry> sample_entries(const fs::path& source) {
    std::vector<RawEntry> entries;
    for (const auto& path : sample_files()) {
        auto data = read_file(source / path);
        if (!data)
            fail(data.error().describe());
        entries.push_back({path, *data});
    }
    return entries;
}

Manifest manifest_of(const std::vector<RawEntry>& files) {
    Manifest m;
    m.course = sample_summary();
    for (const auto& f : files)
        m.files.push_back({f.name, f.data.size(), sha256(f.data)});
    std::sort(m.files.begin(), m.files.end(),
              [](const FileEntry& a, const FileEntry& b) { return a.path < b.path; });
    m.content_digest = content_digest(m.files);
    return m;
}

std::vector<RawEntry> signed_header(const std::string& manifest_json, const Ed25519KeyPair& key) {
    return {{"manifest.json", manifest_json},
            {"manifest.sig",
             format_signature_file({key.public_key, sign(key.secret_key, manifest_json)})}};
}

// A package whose manifest (signed by the publisher) lists `listed`, holding `present`.
std::string package_of(const std::vector<RawEntry>& listed, const std::vector<RawEntry>& present) {
    auto entries = signed_header(to_canonical_json(manifest_of(listed)), publisher_key());
    entries.insert(entries.end(), present.begin(), present.end());
    return zip_of(entries);
}

std::string package_of(const std::vector<RawEntry>& files) {
    return package_of(files, files);
}

void replace_all(std::string& bytes, std::string_view from, std::string_view to) {
    if (from.size() != to.size())
        fail("replace_all needs equal lengths");
    std::size_t count = 0;
    for (auto at = bytes.find(from); at != std::string::npos; at = bytes.find(from, at + 1)) {
        bytes.replace(at, from.size(), to);
        ++count;
    }
    if (count == 0)
        fail("nothing to replace");
}

void put_u32(std::string& bytes, std::size_t at, std::uint32_t value) {
    for (int i = 0; i < 4; ++i)
        bytes[at + i] = static_cast<char>((value >> (8 * i)) & 0xff);
}

// Rewrites the uncompressed size of `name` in its local and central headers.
void lie_about_size(std::string& bytes, const std::string& name, std::uint32_t size) {
    int patched = 0;
    for (std::size_t at = 0; at + 46 + name.size() <= bytes.size(); ++at) {
        if (std::memcmp(&bytes[at], "PK\3\4", 4) == 0 &&
            bytes.compare(at + 30, name.size(), name) == 0) {
            put_u32(bytes, at + 22, size);
            ++patched;
        } else if (std::memcmp(&bytes[at], "PK\1\2", 4) == 0 &&
                   bytes.compare(at + 46, name.size(), name) == 0) {
            put_u32(bytes, at + 24, size);
            ++patched;
        }
    }
    if (patched != 2)
        fail("lie_about_size found " + std::to_string(patched) + " headers");
}

void write(const fs::path& dir, const std::string& name, const std::string& bytes) {
    for (const auto& d : {dir, dir / "corpus"}) {
        auto r = write_file_atomic(d / name, bytes);
        if (!r)
            fail(r.error().describe());
    }
    std::cout << name << " (" << bytes.size() << " bytes)\n";
}

void write_packed(const fs::path& dir, const std::string& name, const Ed25519KeyPair& key) {
    const fs::path out = dir / name;
    auto r = write_package(dir / "source", sample_files(), sample_summary(), key.secret_key, out);
    if (!r)
        fail(r.error().describe());
    auto bytes = read_file(out);
    write(dir, name, *bytes);
}

}  // namespace

int main(int argc, char** argv) try {
    if (argc != 2) {
        std::cerr << "usage: package_fixtures <repo>/tests/fixtures/packages\n";
        return 2;
    }
    const fs::path dir = argv[1];
    fs::create_directories(dir / "corpus");
    const auto good = sample_entries(dir / "source");

    write_packed(dir, "good.wmpkg", publisher_key());
    write_packed(dir, "untrusted-signer.wmpkg", stranger_key());

    auto plus = [&](RawEntry extra) {
        auto files = good;
        files.push_back(std::move(extra));
        return files;
    };
    write(dir, "dotdot-path.wmpkg", package_of(plus({"../evil.md", "# gotcha\n"})));
    write(dir, "absolute-path.wmpkg", package_of(plus({"/tmp/evil.md", "# gotcha\n"})));
    write(dir, "backslash-path.wmpkg", package_of(plus({"modules\\evil.md", "# gotcha\n"})));
    write(dir, "symlink.wmpkg", package_of(plus({"modules/passwd.md", "/etc/passwd", 0120777})));
    write(dir, "directory-entry.wmpkg",
          package_of(good, plus({"modules/", "", 0, ZIP_CM_STORE, true})));
    {
        // libzip will not add a name twice, so add a look-alike and rename it in the bytes.
        auto bytes = package_of(good, plus({"course.jsoX", "{\"evil\": true}\n"}));
        replace_all(bytes, "course.jsoX", "course.json");
        write(dir, "duplicate-name.wmpkg", bytes);
    }
    write(dir, "unlisted-entry.wmpkg", package_of(good, plus({"modules/extra.md", "# extra\n"})));
    {
        auto present = good;
        present.pop_back();  // assets/logo.svg
        write(dir, "missing-file.wmpkg", package_of(good, present));
    }
    {
        auto tampered = good;
        tampered[1].data[2] ^=
            0x20;  // modules/01-introduction.md: "# Introduction" -> "# introduction"
        write(dir, "tampered-file.wmpkg", package_of(good, tampered));
    }
    {
        auto shorter = good;
        shorter[0].data.resize(shorter[0].data.size() - 10);  // course.json loses its end
        write(dir, "truncated-file.wmpkg", package_of(good, shorter));
    }
    {
        auto manifest = to_canonical_json(manifest_of(good));
        auto entries = signed_header(manifest, publisher_key());
        replace_all(entries[0].data, "Prevent duty: sample course", "Prevent duty: SAMPLE COURSE");
        entries.insert(entries.end(), good.begin(), good.end());
        write(dir, "tampered-manifest.wmpkg", zip_of(entries));
    }
    {
        // Names the publisher's key but carries a signature made by the stranger's.
        const auto manifest = to_canonical_json(manifest_of(good));
        std::vector<RawEntry> entries = {
            {"manifest.json", manifest},
            {"manifest.sig", format_signature_file({publisher_key().public_key,
                                                    sign(stranger_key().secret_key, manifest)})}};
        entries.insert(entries.end(), good.begin(), good.end());
        write(dir, "wrong-signer.wmpkg", zip_of(entries));
    }
    {
        auto entries = signed_header(to_canonical_json(manifest_of(good)), publisher_key());
        auto no_manifest = std::vector<RawEntry>{entries[1]};
        no_manifest.insert(no_manifest.end(), good.begin(), good.end());
        write(dir, "missing-manifest.wmpkg", zip_of(no_manifest));
        auto no_signature = std::vector<RawEntry>{entries[0]};
        no_signature.insert(no_signature.end(), good.begin(), good.end());
        write(dir, "missing-signature.wmpkg", zip_of(no_signature));
        auto garbled = entries;
        garbled[1].data = "waymark-package-signature-v1\nsigner nothex\n";
        garbled.insert(garbled.end(), good.begin(), good.end());
        write(dir, "malformed-signature.wmpkg", zip_of(garbled));
    }
    {
        auto entries = signed_header("{\"format_version\": 1, \"course\": ", publisher_key());
        entries.insert(entries.end(), good.begin(), good.end());
        write(dir, "malformed-manifest.wmpkg", zip_of(entries));
    }
    {
        auto manifest = to_canonical_json(manifest_of(good));
        replace_all(manifest, "\"format_version\": 1", "\"format_version\":1 ");
        auto entries = signed_header(manifest, publisher_key());
        entries.insert(entries.end(), good.begin(), good.end());
        write(dir, "noncanonical-manifest.wmpkg", zip_of(entries));
    }
    {
        std::vector<RawEntry> many;
        for (int i = 0; i < 40; ++i) {
            char name[32];
            std::snprintf(name, sizeof name, "pages/%02d.md", i);
            many.push_back({name, "# Page " + std::to_string(i) + "\n"});
        }
        write(dir, "forty-files.wmpkg", package_of(many));
    }
    const std::string four_mib_of_zeros(4u << 20, '\0');
    write(dir, "ratio-bomb.wmpkg", package_of(plus({"assets/zeros.bin", four_mib_of_zeros})));
    {
        auto bytes = package_of(plus({"assets/zeros.bin", four_mib_of_zeros}));
        lie_about_size(bytes, "assets/zeros.bin", 1000);
        write(dir, "lying-header-bomb.wmpkg", bytes);
    }
    {
        auto files = good;
        for (const char* name : {"assets/a.bin", "assets/b.bin", "assets/c.bin"})
            files.push_back({name, std::string(1u << 20, '\0')});
        write(dir, "three-mib.wmpkg", package_of(files));
    }
    {
        // Large enough (6 MiB) to be checked on several threads; zeros keep the file small.
        std::vector<RawEntry> big;
        for (int i = 1; i <= 6; ++i)
            big.push_back({"big/" + std::to_string(i) + ".bin", std::string(1u << 20, '\0')});
        write(dir, "six-mib.wmpkg", package_of(big));
        auto tampered = big;
        tampered[1].data[1000] = 1;  // big/2.bin
        tampered[4].data[2000] = 1;  // big/5.bin
        write(dir, "six-mib-two-tampered.wmpkg", package_of(big, tampered));
    }
    if (zip_encryption_method_supported(ZIP_EM_AES_256, 1)) {
        auto files = good;
        files[1].encrypted = true;
        write(dir, "encrypted-entry.wmpkg", package_of(files));
    }
    if (zip_compression_method_supported(ZIP_CM_BZIP2, 1)) {
        auto files = good;
        for (auto& f : files)
            f.method = ZIP_CM_BZIP2;
        write(dir, "bzip2-method.wmpkg", package_of(files));
    }
    {
        auto bytes = read_file(dir / "good.wmpkg");
        write(dir, "truncated-zip.wmpkg", bytes->substr(0, bytes->size() / 2));
    }
    {
        // The two text entries on their own, for the fuzzer's direct parser calls.
        const auto manifest = to_canonical_json(manifest_of(good));
        const auto header = signed_header(manifest, publisher_key());
        for (const auto& e : header) {
            auto r = write_file_atomic(dir / "corpus" / e.name, e.data);
            if (!r)
                fail(r.error().describe());
        }
    }
    {
        // Garbles the deflated data of one entry; headers and CRC are left as they were.
        auto bytes = *read_file(dir / "good.wmpkg");
        const std::string name = "modules/02-contest.md";
        std::size_t at = bytes.find("PK\3\4");
        while (at != std::string::npos && bytes.compare(at + 30, name.size(), name) != 0)
            at = bytes.find("PK\3\4", at + 1);
        if (at == std::string::npos)
            fail("no local header for " + name);
        const auto u16 = [&](std::size_t i) {
            return static_cast<unsigned char>(bytes[i]) |
                   (static_cast<unsigned char>(bytes[i + 1]) << 8);
        };
        const std::size_t data = at + 30 + u16(at + 26) + u16(at + 28);
        for (std::size_t i = data + 4; i < data + 24; ++i)
            bytes[i] = static_cast<char>(bytes[i] ^ 0x5a);
        write(dir, "corrupt-deflate.wmpkg", bytes);
    }
    write(dir, "not-a-zip.wmpkg", "This is a text file, not a course package.\n");
    write(dir, "empty.wmpkg", "");
    return 0;
} catch (const std::exception& e) {
    std::cerr << "package_fixtures: " << e.what() << "\n";
    return 1;
}
