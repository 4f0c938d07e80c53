# waymark_add_suite_tests(TARGET [TIMEOUT seconds] [LABELS labels...]) registers each
# GoogleTest suite of TARGET as one CTest test, `TARGET.Suite`, run as
# `TARGET --gtest_filter=Suite.*`. TIMEOUT (default 600) bounds a whole suite, so it is
# generous: ledger_tests.FaultTest takes over a minute under ASan on a busy machine.
#
# Why per suite and not per test case (gtest_discover_tests): one process per case cost
# about 1,300 process starts per preset (some 0.15 CPU s each under ASan) and ran each
# SetUpTestSuite once per case, so report_cli_tests generated its organisation 27 times.
# One process per suite runs each suite's shared setup once, as GoogleTest means it to,
# and still lets `ctest -j` spread the suites over the cores. The suites are listed after
# each build (like gtest_discover_tests' POST_BUILD mode), so a new suite needs no CMake
# change.
set(WAYMARK_SUITE_LISTER "${CMAKE_CURRENT_LIST_DIR}/list_test_suites.cmake")

function(waymark_add_suite_tests target)
  cmake_parse_arguments(ARG "" "TIMEOUT" "LABELS" ${ARGN})
  if(NOT ARG_TIMEOUT)
    set(ARG_TIMEOUT 600)
  endif()
  set(include_file "${CMAKE_CURRENT_BINARY_DIR}/${target}_suites_include.cmake")
  set(suites_file "${CMAKE_CURRENT_BINARY_DIR}/${target}_suites.cmake")
  add_custom_command(TARGET ${target} POST_BUILD
    BYPRODUCTS "${suites_file}"
    COMMAND "${CMAKE_COMMAND}"
            -D "TARGET=${target}"
            -D "EXECUTABLE=$<TARGET_FILE:${target}>"
            -D "WORKING_DIR=${CMAKE_CURRENT_BINARY_DIR}"
            -D "TIMEOUT=${ARG_TIMEOUT}"
            -D "LABELS=${ARG_LABELS}"
            -D "OUTPUT=${suites_file}"
            -P "${WAYMARK_SUITE_LISTER}"
    VERBATIM)
  # A test program that was never built shows up in ctest as a failing test, not as
  # silently missing suites.
  file(WRITE "${include_file}"
    "if(EXISTS \"${suites_file}\")\n"
    "  include(\"${suites_file}\")\n"
    "else()\n"
    "  add_test(${target}_NOT_BUILT ${target}_NOT_BUILT)\n"
    "endif()\n")
  set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES "${include_file}")
endfunction()
