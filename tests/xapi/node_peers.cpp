#include "node_peers.hpp"

#include "node_packages.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <thread>

namespace waymark::xapi::testing {

namespace {

namespace fs = std::filesystem;

const fs::path kPeers = WAYMARK_XAPI_PEERS;
const fs::path kPeerSources = WAYMARK_SOURCE_DIR "/tests/xapi/peers";

int free_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    ::close(fd);
    return ntohs(addr.sin_port);
}

}  // namespace

std::string install_peers() {
    return waymark::testing::install_node_packages(kPeerSources, kPeers,
                                                   {"node_modules/xapi-statements/dist/index.js",
                                                    "node_modules/xapi-validation/dist/index.js"});
}

Validation validate_statements(const fs::path& file) {
    auto [status, output] = waymark::testing::run_shell(
        std::string(WAYMARK_NODE) + " '" + (kPeerSources / "validate.js").string() + "' '" +
        kPeers.string() + "' '" + file.string() + "'");
    return {status, output};
}

LrsProcess::LrsProcess(const fs::path& folder, int port)
    : folder_(folder), port_(port ? port : free_port()) {
    fs::create_directories(folder_);
    const std::string log = (folder_ / "lrs.log").string();
    const std::string script = (kPeers / "node_modules/xapi-statements/dist/index.js").string();
    const std::string port_text = std::to_string(port_);
    const pid_t parent = ::getpid();
    pid_ = ::fork();
    if (pid_ == 0) {
        // The child: dies with the test process, whatever happens to it.
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (::getppid() != parent)
            ::_exit(1);
        if (::chdir(folder_.c_str()) != 0)
            ::_exit(1);
        const int out = ::open(log.c_str(), O_CREAT | O_WRONLY | O_APPEND, 0644);
        ::dup2(out, 1);
        ::dup2(out, 2);
        ::setenv("AUTH_REPO", "test", 1);
        ::setenv("EVENTS_REPO", "test", 1);
        ::setenv("MODELS_REPO", "memory", 1);
        ::setenv("STORAGE_REPO", "local", 1);
        ::setenv("EXPRESS_PORT", port_text.c_str(), 1);
        ::setenv("WINSTON_CONSOLE_LEVEL", "warning", 1);
        ::execl(WAYMARK_NODE, WAYMARK_NODE, script.c_str(), static_cast<char*>(nullptr));
        ::_exit(127);
    }
}

LrsProcess::~LrsProcess() {
    kill();
}

void LrsProcess::kill() {
    if (pid_ <= 0)
        return;
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
    pid_ = -1;
}

bool LrsProcess::wait_ready(int seconds) {
    LrsOptions o;
    o.endpoint = endpoint();
    o.retries = 0;
    o.timeout = std::chrono::milliseconds(1000);
    auto client = LrsClient::create(o);
    if (!client)
        return false;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    while (std::chrono::steady_clock::now() < deadline) {
        if (pid_ > 0 && ::waitpid(pid_, nullptr, WNOHANG) == pid_) {
            pid_ = -1;
            return false;  // it exited
        }
        if (auto reply = client->get("about"); reply && reply->status == 200)
            return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return false;
}

std::string LrsProcess::endpoint() const {
    return "http://127.0.0.1:" + std::to_string(port_) + "/xAPI";
}

std::string LrsProcess::log() const {
    std::ifstream in(folder_ / "lrs.log");
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace waymark::xapi::testing
