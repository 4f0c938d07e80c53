# waymark_embed_files(TARGET NAMESPACE FUNCTION FILES...) builds files from assets/ into
# `TARGET`: at build time (and again whenever one of them changes) cmake/embed_files.cmake
# writes <FUNCTION>.hpp and <FUNCTION>.cpp into the build folder, declaring
#
#   namespace NAMESPACE { std::span<const waymark::EmbeddedFile> FUNCTION(); }
#
# with one entry per file, named by its file name. waymark::EmbeddedFile has one
# definition, cmake/include/waymark/embedded_file.hpp, so a target may embed several sets.
# The one home of the embed rule for what the programs take from assets/ (the web
# runtime, the certificate's emblem, the window icon).
set(WAYMARK_EMBED_SCRIPT ${CMAKE_CURRENT_LIST_DIR}/embed_files.cmake)
set(WAYMARK_EMBED_INCLUDE ${CMAKE_CURRENT_LIST_DIR}/include)

function(waymark_embed_files target)
  cmake_parse_arguments(ARG "" "NAMESPACE;FUNCTION" "FILES" ${ARGN})
  set(folder ${CMAKE_CURRENT_BINARY_DIR}/embedded)
  set(header ${folder}/${ARG_FUNCTION}.hpp)
  set(source ${folder}/${ARG_FUNCTION}.cpp)
  list(JOIN ARG_FILES "|" files)
  add_custom_command(
    OUTPUT ${header} ${source}
    COMMAND ${CMAKE_COMMAND} -DNAMESPACE=${ARG_NAMESPACE} -DFUNCTION=${ARG_FUNCTION}
            "-DFILES=${files}" -DHEADER=${header} -DSOURCE=${source} -P ${WAYMARK_EMBED_SCRIPT}
    DEPENDS ${ARG_FILES} ${WAYMARK_EMBED_SCRIPT}
    COMMENT "Embedding ${ARG_FUNCTION}: ${ARG_FILES}"
    VERBATIM)
  target_sources(${target} PRIVATE ${source} ${header})
  target_include_directories(${target} PRIVATE ${folder} ${WAYMARK_EMBED_INCLUDE})
endfunction()
