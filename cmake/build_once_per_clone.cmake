# Run as cmake -P by a custom command: makes OUTPUT by running a command whose result does
# not depend on the build folder (no preset flags, no build-folder paths), once per clone
# rather than once per build folder. The result is kept in SHARED_DIR under a key, the
# SHA-256 of everything that decides it: the command line, the contents of every input
# file and the toolchain's `--version` line. A build folder whose key is already there
# copies the result; a changed input or tool gives a new key, so a stale result is never
# used. Two build folders building the same key at once take turns (a file lock).
#
# MANIFEST is a CMake file written at configure time that sets
#   COMMAND   the command, with @OUT@ where the output path goes
#   INPUTS    every file the command reads (sources, headers, scripts)
#   VERSION   a command that prints the toolchain's version
#   NAME      the output's file name
cmake_minimum_required(VERSION 3.25)
include("${MANIFEST}")

execute_process(COMMAND ${VERSION} OUTPUT_VARIABLE version_text ERROR_VARIABLE version_text
                RESULT_VARIABLE version_status)
if(NOT version_status EQUAL 0)
  message(FATAL_ERROR "`${VERSION}` failed (${version_status}): ${version_text}")
endif()
set(key_text "${COMMAND}\n${version_text}\n")
foreach(input IN LISTS INPUTS)
  file(SHA256 "${input}" input_hash)
  string(APPEND key_text "${input} ${input_hash}\n")
endforeach()
string(SHA256 key "${key_text}")

set(result "${SHARED_DIR}/${key}/${NAME}")
if(NOT EXISTS "${result}")
  file(MAKE_DIRECTORY "${SHARED_DIR}")
  file(LOCK "${SHARED_DIR}/${key}.lock" GUARD PROCESS TIMEOUT 1800)
  # Another build folder may have made it while this one waited for the lock.
  if(NOT EXISTS "${result}")
    # Built beside the final folder and renamed into place, so a build stopped half way
    # never leaves a partial result under the key.
    set(partial "${SHARED_DIR}/${key}.partial")
    file(REMOVE_RECURSE "${partial}")
    file(MAKE_DIRECTORY "${partial}")
    string(REPLACE "@OUT@" "${partial}/${NAME}" command "${COMMAND}")
    execute_process(COMMAND ${command} RESULT_VARIABLE status COMMAND_ECHO STDOUT)
    if(NOT status EQUAL 0)
      file(REMOVE_RECURSE "${partial}")
      message(FATAL_ERROR "Building ${NAME} failed (${status}); the compiler's messages are above.")
    endif()
    file(RENAME "${partial}" "${SHARED_DIR}/${key}")
  endif()
  file(LOCK "${SHARED_DIR}/${key}.lock" RELEASE)
endif()
file(COPY_FILE "${result}" "${OUTPUT}")
# Newer than its inputs, or Ninja would run this again on every build.
file(TOUCH_NOCREATE "${OUTPUT}")
