# Our own targets build with -Wall -Wextra -Werror; third-party headers come in as SYSTEM.
function(waymark_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Werror -Wno-missing-field-initializers)
  # GCC 12 reports -Wrestrict inside libstdc++ for plain std::string concatenation at -O3
  # (GCC bug 105329), which would fail the release preset on correct code.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
    target_compile_options(${target} PRIVATE -Wno-restrict)
  endif()
  # A unity build (the presets set CMAKE_UNITY_BUILD) includes each .cpp into one
  # generated file, so GCC takes a class in a .cpp with a member of an anonymous-namespace
  # type for one in a header and warns; in a .cpp it is safe.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    target_compile_options(${target} PRIVATE
      $<$<BOOL:$<TARGET_PROPERTY:UNITY_BUILD>>:-Wno-subobject-linkage>)
  endif()
endfunction()

# add_waymark_module(NAME SOURCES... DEPENDS targets...) builds engine/<NAME> as the
# library waymark::<NAME> with its public headers in include/.
function(add_waymark_module name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPENDS" ${ARGN})
  add_library(waymark_${name} STATIC ${ARG_SOURCES})
  add_library(waymark::${name} ALIAS waymark_${name})
  target_include_directories(waymark_${name} PUBLIC ${CMAKE_CURRENT_SOURCE_DIR}/include)
  target_link_libraries(waymark_${name} PUBLIC ${ARG_DEPENDS})
  waymark_warnings(waymark_${name})
endfunction()

# add_waymark_test(NAME SOURCES... DEPENDS targets...) builds one GoogleTest executable
# and registers each of its suites with CTest (TestSuites.cmake says why per suite).
function(add_waymark_test name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPENDS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_DEPENDS} GTest::gtest GTest::gmock GTest::gtest_main)
  target_compile_definitions(${name} PRIVATE
    WAYMARK_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
    WAYMARK_FIXTURES="${PROJECT_SOURCE_DIR}/tests/fixtures")
  waymark_warnings(${name})
  waymark_test_code_optimisation(${name})
  waymark_test_precompiled_headers(${name})
  waymark_add_suite_tests(${name})
endfunction()

# In the optimised test build (the default preset, RelWithDebInfo) a test program's own
# code is compiled at -O0: the engine libraries it tests keep the build's -O2, while the
# test bodies, whose GoogleTest macros are most of the build's compile time, compile about
# a quarter faster than at -O1 (a unity file of tests/gift: 11.0 CPU s at -O1, 8.0 at
# -O0; of tests/core: 6.7 and 5.3). Test bodies call into the engine and hold no hot loop
# of their own, and timings belong in tools/bench, not in tests. Debug builds are at -O0
# already.
function(waymark_test_code_optimisation target)
  target_compile_options(${target} PRIVATE $<$<CONFIG:RelWithDebInfo>:-O0>)
endfunction()

# GoogleTest's and gMock's headers are parsed once in every unity file of every test
# program. They are parsed once per build folder instead, into a precompiled header that
# every test program reuses (REUSE_FROM): that saved 0.3-3.3 CPU s per unity file (1.3 on
# average over tests/core, gift and ledger; 1.1 for a tests/ledger file under asan),
# against 8 CPU s to build it once. One per program would cost more than it saves. GCC
# uses a precompiled header only when the options that shape it match, so the carrier
# library is compiled exactly as a test program is; CMake passes -Winvalid-pch, which
# -Werror turns into a build error, so a mismatch fails loudly instead of quietly costing
# the time again.
function(waymark_test_precompiled_headers target)
  if(NOT TARGET waymark_test_headers)
    set(source "${PROJECT_BINARY_DIR}/waymark_test_headers.cpp")
    file(CONFIGURE OUTPUT "${source}"
      CONTENT "// Carries the test programs' precompiled headers (cmake/Warnings.cmake).\n")
    add_library(waymark_test_headers STATIC "${source}")
    target_link_libraries(waymark_test_headers PRIVATE GTest::gtest GTest::gmock)
    waymark_warnings(waymark_test_headers)
    waymark_test_code_optimisation(waymark_test_headers)
    target_precompile_headers(waymark_test_headers PRIVATE
      <gtest/gtest.h> <gmock/gmock.h> <filesystem> <fstream> <string> <vector>)
  endif()
  target_precompile_headers(${target} REUSE_FROM waymark_test_headers)
endfunction()
