// Keys for package fixtures, derived from fixed seeds so that the committed .wmpkg files
// and the tests agree on who signed them. Test keys only: the seeds are public.
#pragma once

#include <sodium.h>

#include <cstdint>

#include "waymark/core/crypto.hpp"
#include "waymark/package/manifest.hpp"

namespace waymark::package::testing {

inline Ed25519KeyPair key_from_seed(std::uint8_t seed_byte) {
    crypto_init();
    std::array<std::uint8_t, 32> seed{};
    seed.fill(seed_byte);
    Ed25519KeyPair pair;
    crypto_sign_seed_keypair(pair.public_key.bytes.data(), pair.secret_key.bytes.data(),
                             seed.data());
    return pair;
}

// Signs good.wmpkg and every hostile fixture that needs a valid signature.
inline Ed25519KeyPair publisher_key() {
    return key_from_seed(0x01);
}
// Signs untrusted-signer.wmpkg, and the bad signature in wrong-signer.wmpkg.
inline Ed25519KeyPair stranger_key() {
    return key_from_seed(0x02);
}

inline CourseSummary sample_summary() {
    CourseSummary c;
    c.id = "prevent-duty-sample";
    c.version = "1.0.0";
    c.title = "Prevent duty: sample course";
    c.summary = "A two-page course used by the package tests.";
    c.publisher = "Waymark test suite";
    c.language = "en-GB";
    c.estimated_minutes = 10;
    c.reading_minutes = 4;
    c.modules = {"Introduction", "CONTEST"};
    c.assessment_questions = 5;
    c.knowledge_checks = 2;
    return c;
}

// The files of tests/fixtures/packages/source, as passed to write_package().
inline std::vector<std::string> sample_files() {
    return {"course.json", "modules/01-introduction.md", "modules/02-contest.md",
            "assets/logo.svg"};
}

}  // namespace waymark::package::testing
