# Every dependency is a Debian package (tools/bootstrap.sh installs them); nothing is
# downloaded at build time.
find_package(PkgConfig REQUIRED)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
# SHA-256 only (engine/core's crypto.hpp): libcrypto's uses the CPU's SHA instructions.
pkg_check_modules(LIBCRYPTO REQUIRED IMPORTED_TARGET libcrypto)
pkg_check_modules(MD4C REQUIRED IMPORTED_TARGET md4c)
pkg_check_modules(LIBZIP REQUIRED IMPORTED_TARGET libzip)
find_package(SQLite3 REQUIRED)

# cereal is header-only; its bundled RapidJSON also gives us a positioned JSON reader.
find_path(CEREAL_INCLUDE_DIR cereal/cereal.hpp REQUIRED)
add_library(waymark_cereal INTERFACE)
target_include_directories(waymark_cereal SYSTEM INTERFACE ${CEREAL_INCLUDE_DIR})
add_library(waymark::cereal ALIAS waymark_cereal)

find_path(CLI11_INCLUDE_DIR CLI/CLI.hpp REQUIRED)
add_library(waymark_cli11 INTERFACE)
target_include_directories(waymark_cli11 SYSTEM INTERFACE ${CLI11_INCLUDE_DIR})
add_library(waymark::cli11 ALIAS waymark_cli11)

if(WAYMARK_TESTS)
  find_package(GTest REQUIRED)
  include(GoogleTest)
endif()
if(WAYMARK_BENCH)
  find_package(benchmark REQUIRED)
endif()
