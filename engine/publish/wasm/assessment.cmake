# assessment.js: the assessment engine (engine/assessment, with the parts of content and
# core it uses) compiled to WebAssembly by Debian's emscripten, for published courses.
# Included from engine/publish/CMakeLists.txt, which embeds the result into the module.
#
# Only what scoring needs goes in: no libsodium, md4c, SQLite or libzip. -sSINGLE_FILE
# puts the WebAssembly inside the script as base64, so the page loads it from disk
# (file://) without fetch(); DYNAMIC_EXECUTION=0 keeps eval() out, so the pages' policy
# needs only 'wasm-unsafe-eval'. Debian's emscripten ships its system libraries prebuilt
# (/usr/share/emscripten/cache, a frozen cache), so a clean machine builds nothing more.
find_program(WAYMARK_EMXX em++)
if(NOT WAYMARK_EMXX)
  message(FATAL_ERROR
    "em++ (emscripten) was not found. It compiles the assessment engine that published "
    "courses run in the browser. Run tools/bootstrap.sh to install it.")
endif()

set(engine ${PROJECT_SOURCE_DIR}/engine)
set(WAYMARK_ASSESSMENT_WASM_SOURCES
  ${CMAKE_CURRENT_SOURCE_DIR}/wasm/assessment_binding.cpp
  ${engine}/assessment/src/attempt.cpp ${engine}/assessment/src/draw.cpp
  ${engine}/assessment/src/eligibility.cpp ${engine}/assessment/src/knowledge_check.cpp
  ${engine}/assessment/src/policy.cpp ${engine}/assessment/src/presentation.cpp
  ${engine}/assessment/src/random.cpp ${engine}/assessment/src/response.cpp
  ${engine}/assessment/src/scenario.cpp ${engine}/assessment/src/scoring.cpp
  ${engine}/assessment/src/serialized_fields.cpp ${engine}/assessment/src/text_match.cpp
  ${engine}/content/src/question.cpp ${engine}/content/src/bank.cpp
  ${engine}/core/src/result.cpp ${engine}/core/src/time.cpp ${engine}/core/src/diagnostics.cpp
  ${engine}/core/src/json.cpp ${engine}/core/src/json_reader.cpp ${engine}/core/src/files.cpp)
file(GLOB_RECURSE WAYMARK_ASSESSMENT_WASM_HEADERS CONFIGURE_DEPENDS
  ${engine}/core/include/*.hpp ${engine}/content/include/*.hpp
  ${engine}/assessment/include/*.hpp ${engine}/assessment/src/*.hpp)

# Built once per clone, not once per build folder (cmake/build_once_per_clone.cmake): the
# command uses none of the preset's flags and no build-folder path, so the default and
# asan presets would compile the same file twice (21 CPU s each on a busy machine;
# a build folder that finds it already built spends 1.2). The folder is shared
# the way tests/CMakeLists.txt shares the npm peers.
set(WAYMARK_WASM_SHARED "${PROJECT_SOURCE_DIR}/build/wasm-shared" CACHE PATH
  "Where assessment.js is built, once for every build folder of this clone")

# cereal and RapidJSON only: the rest of /usr/include (glibc's headers) would clash with
# emscripten's own C library.
set(wasm_headers ${WAYMARK_WASM_SHARED}/include)
file(MAKE_DIRECTORY ${wasm_headers})
file(CREATE_LINK ${CEREAL_INCLUDE_DIR}/cereal ${wasm_headers}/cereal SYMBOLIC)
find_path(WAYMARK_RAPIDJSON_INCLUDE_DIR rapidjson/reader.h REQUIRED)
file(CREATE_LINK ${WAYMARK_RAPIDJSON_INCLUDE_DIR}/rapidjson ${wasm_headers}/rapidjson SYMBOLIC)
file(GLOB_RECURSE wasm_library_headers ${CEREAL_INCLUDE_DIR}/cereal/*
     ${WAYMARK_RAPIDJSON_INCLUDE_DIR}/rapidjson/*)

# One translation unit of every source, as the native unity builds do: each em++ compile
# parses the same standard, cereal and RapidJSON headers again, so 21 files took 45 CPU s
# and one takes 13 (docs/PERFORMANCE.md). It lives in the shared folder, not the build
# folder, so every build folder's command line, and so its key, stays the same.
set(wasm_unity_source ${WAYMARK_WASM_SHARED}/assessment_unity.cpp)
list(TRANSFORM WAYMARK_ASSESSMENT_WASM_SOURCES PREPEND "#include \"" OUTPUT_VARIABLE wasm_includes)
list(TRANSFORM wasm_includes APPEND "\"")
list(JOIN wasm_includes "\n" wasm_includes)
file(CONFIGURE OUTPUT ${wasm_unity_source} CONTENT "${wasm_includes}\n" @ONLY)

# A cache entry so the tests (tests/publish) can run the same file.
set(WAYMARK_ASSESSMENT_JS ${CMAKE_CURRENT_BINARY_DIR}/wasm/assessment.js CACHE INTERNAL
  "assessment.js, the assessment engine in WebAssembly")
set(wasm_command
  # NodeSource's node does not look in Debian's folder, where emscripten's acorn lives.
  ${CMAKE_COMMAND} -E env NODE_PATH=/usr/share/nodejs
  ${WAYMARK_EMXX} -std=c++20 -Os
  # libc++ 14 has no <=> for std::array, which core/ids.hpp defaults (unused here).
  -Wall -Wextra -Werror -Wno-missing-field-initializers -Wno-defaulted-function-deleted
  -I${engine}/core/include -I${engine}/content/include -I${engine}/assessment/include
  -isystem ${wasm_headers}
  ${wasm_unity_source}
  -sSINGLE_FILE=1 -sMODULARIZE=1 -sEXPORT_NAME=WaymarkEngine -sENVIRONMENT=web,node
  -sFILESYSTEM=0 -sDYNAMIC_EXECUTION=0 -sALLOW_MEMORY_GROWTH=1
  -sEXPORTED_FUNCTIONS=_waymark_load,_waymark_call -sEXPORTED_RUNTIME_METHODS=ccall
  --pre-js ${CMAKE_CURRENT_SOURCE_DIR}/wasm/instantiate.js
  -o @OUT@)
set(wasm_inputs ${wasm_unity_source} ${WAYMARK_ASSESSMENT_WASM_SOURCES}
    ${WAYMARK_ASSESSMENT_WASM_HEADERS}
    ${CMAKE_CURRENT_SOURCE_DIR}/wasm/instantiate.js)
set(manifest ${CMAKE_CURRENT_BINARY_DIR}/wasm/assessment_js.cmake)
file(CONFIGURE OUTPUT ${manifest} CONTENT [=[
set(COMMAND "@wasm_command@")
set(INPUTS "@wasm_inputs@;@wasm_library_headers@")
set(VERSION "@CMAKE_COMMAND@;-E;env;NODE_PATH=/usr/share/nodejs;@WAYMARK_EMXX@;-v")
set(NAME assessment.js)
]=] @ONLY)
add_custom_command(
  OUTPUT ${WAYMARK_ASSESSMENT_JS}
  COMMAND ${CMAKE_COMMAND} -D MANIFEST=${manifest} -D SHARED_DIR=${WAYMARK_WASM_SHARED}
          -D OUTPUT=${WAYMARK_ASSESSMENT_JS} -P ${PROJECT_SOURCE_DIR}/cmake/build_once_per_clone.cmake
  DEPENDS ${wasm_inputs} ${manifest} ${PROJECT_SOURCE_DIR}/cmake/build_once_per_clone.cmake
  COMMENT "assessment.js: the assessment engine in WebAssembly, compiled once per clone"
  VERBATIM)
