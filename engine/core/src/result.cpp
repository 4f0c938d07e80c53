#include "waymark/core/result.hpp"

namespace waymark {

const char* to_string(ErrorCode code) {
    switch (code) {
        case ErrorCode::io:
            return "io";
        case ErrorCode::parse:
            return "parse";
        case ErrorCode::invalid:
            return "invalid";
        case ErrorCode::not_found:
            return "not_found";
        case ErrorCode::verification:
            return "verification";
        case ErrorCode::untrusted:
            return "untrusted";
        case ErrorCode::limit:
            return "limit";
        case ErrorCode::usage:
            return "usage";
    }
    return "unknown";
}

}  // namespace waymark
