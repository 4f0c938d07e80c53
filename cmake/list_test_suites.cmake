# Run at build time by waymark_add_suite_tests (TestSuites.cmake): lists the GoogleTest
# suites of EXECUTABLE and writes OUTPUT, a CTest file with one test per suite.
# Inputs: TARGET, EXECUTABLE, WORKING_DIR, TIMEOUT, LABELS (-D on the command line).
execute_process(
  COMMAND "${EXECUTABLE}" --gtest_list_tests
  WORKING_DIRECTORY "${WORKING_DIR}"
  OUTPUT_VARIABLE listing
  ERROR_VARIABLE listing_errors
  RESULT_VARIABLE result
  TIMEOUT 60)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "${EXECUTABLE} --gtest_list_tests failed (${result}):\n${listing}\n${listing_errors}")
endif()

# A suite line is flush left and ends with '.', optionally followed by "  # TypeParam = ...";
# its test cases follow, indented.
string(REPLACE ";" "\\;" listing "${listing}")
string(REPLACE "\n" ";" lines "${listing}")
set(content "# Written by cmake/list_test_suites.cmake from `${TARGET} --gtest_list_tests`.\n")
set(count 0)
foreach(line IN LISTS lines)
  if(line MATCHES "^([^ #][^ ]*)\\.( .*)?$")
    set(suite "${CMAKE_MATCH_1}")
    string(APPEND content
      "add_test([=[${TARGET}.${suite}]=] [==[${EXECUTABLE}]==] [=[--gtest_filter=${suite}.*]=])\n"
      "set_tests_properties([=[${TARGET}.${suite}]=] PROPERTIES"
      " WORKING_DIRECTORY [==[${WORKING_DIR}]==] TIMEOUT ${TIMEOUT}")
    if(LABELS)
      string(APPEND content " LABELS [=[${LABELS}]=]")
    endif()
    string(APPEND content ")\n")
    math(EXPR count "${count} + 1")
  endif()
endforeach()
if(count EQUAL 0)
  message(FATAL_ERROR "${EXECUTABLE} lists no test suites:\n${listing}")
endif()
file(WRITE "${OUTPUT}" "${content}")
