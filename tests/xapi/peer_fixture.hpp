// Set-up shared by the tests that need Node.js: the peers installed once per process,
// and a ledger written by waymark-gen.
#pragma once

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "node_peers.hpp"
#include "scratch_folder.hpp"
#include "waymark/core/crypto.hpp"
#include "waymark/ledger/ledger.hpp"
#include "waymark/xapi/statement.hpp"

namespace waymark::xapi::testing {

class PeerTest : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        crypto_init();
        install_problem_ = new std::string(install_peers());
    }
    static void TearDownTestSuite() {
        delete install_problem_;
        install_problem_ = nullptr;
    }
    void SetUp() override {
        ASSERT_EQ(*install_problem_, "") << "the Node.js peers could not be installed";
    }

    // A ledger of `learners` synthetic learners (waymark-gen, fixed seed).
    std::filesystem::path generate(int learners) {
        const auto file = dir_ / "ledger.db";
        const std::string command = std::string(WAYMARK_GEN) + " --learners " +
                                    std::to_string(learners) + " --seed 7 --ledger '" +
                                    file.string() + "' > /dev/null";
        EXPECT_EQ(std::system(command.c_str()), 0) << command;
        return file;
    }

    // Every statement of `ledger` after `after`.
    static std::vector<MappedStatement> statements_of(ledger::Ledger& ledger,
                                                      std::int64_t after = 0) {
        auto mapper = make_mapper(ledger, std::vector<course::Course>{});
        EXPECT_TRUE(mapper) << mapper.error().describe();
        std::vector<MappedStatement> out;
        auto r = for_each_statement(ledger, *mapper, after, [&](const MappedStatement& s) {
            out.push_back(s);
            return true;
        });
        EXPECT_TRUE(r) << r.error().describe();
        return out;
    }

    const waymark::testing::ScratchFolder dir_{"lrs"};
    static inline std::string* install_problem_ = nullptr;
};

// Whether every member of `sent` is in `got` with the same value (the LRS adds its own:
// stored, authority, version). Times compare as instants, numbers as numbers. On a
// difference, `why` names its path.
inline bool contains(const rapidjson::Value& sent, const rapidjson::Value& got,
                     const std::string& path, std::string& why) {
    if (sent.IsObject()) {
        if (!got.IsObject())
            return why = path + " is not an object", false;
        for (const auto& m : sent.GetObject()) {
            const std::string key = m.name.GetString();
            if (!got.HasMember(m.name))
                return why = path + "." + key + " is missing", false;
            if (!contains(m.value, got[m.name], path + "." + key, why))
                return false;
        }
        return true;
    }
    if (sent.IsArray()) {
        if (!got.IsArray() || got.Size() != sent.Size())
            return why = path + " differs in length", false;
        for (rapidjson::SizeType i = 0; i < sent.Size(); ++i)
            if (!contains(sent[i], got[i], path + "[" + std::to_string(i) + "]", why))
                return false;
        return true;
    }
    if (sent.IsNumber())
        return got.IsNumber() && std::abs(sent.GetDouble() - got.GetDouble()) < 1e-9
                   ? true
                   : (why = path + " differs", false);
    if (sent.IsString() && got.IsString() && path.ends_with(".timestamp")) {
        auto a = parse_iso8601(sent.GetString());
        auto b = parse_iso8601(got.GetString());
        return a && b && *a == *b ? true : (why = path + " is another time", false);
    }
    return sent == got ? true : (why = path + " differs", false);
}

}  // namespace waymark::xapi::testing
