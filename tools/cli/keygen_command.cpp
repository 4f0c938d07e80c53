// `waymark keygen --out NAME`: a publisher's signing key pair.
#include <iostream>

#include "commands.hpp"
#include "output.hpp"
#include "waymark/core/keys.hpp"

namespace waymark::cli {

void add_keygen_command(CLI::App& app, CommandContext& ctx) {
    auto name = std::make_shared<std::string>();
    CLI::App* cmd = app.add_subcommand(
        "keygen", "Create a signing key pair: NAME.key (secret, mode 0600) and NAME.pub");
    cmd->add_option("-o,--out", *name, "Path and name of the key files, without extension")
        ->required();
    cmd->callback([name, &ctx] {
        const Ed25519KeyPair pair = Ed25519KeyPair::generate();
        if (auto r = write_key_pair(*name, pair); !r) {
            ctx.exit_code = print_error(r.error());
            return;
        }
        std::cout << "wrote " << *name << ".key (secret: keep it safe, never share it)\n"
                  << "wrote " << *name << ".pub (give it to those who must trust your courses)\n"
                  << "fingerprint " << pair.public_key.fingerprint() << "\n";
        ctx.exit_code = kExitOk;
    });
}

}  // namespace waymark::cli
