# waymark_embed_files(TARGET NAMESPACE FUNCTION FILES...) builds files from assets/ into
# `TARGET`: at build time (and again whenever one of them changes) cmake/embed_files.cmake
# writes <FUNCTION>.hpp and <FUNCTION>.cpp into the build folder, declaring
#
#   namespace NAMESPACE { struct EmbeddedFile { std::string_view name, bytes; };
#                         std::span<const EmbeddedFile> FUNCTION(); }
#
# with one entry per file, named by its file name. The one home of the embed rule: the web
# runtime of published courses uses it, and so can the icon and the certificate emblem.
set(WAYMARK_EMBED_SCRIPT ${CMAKE_CURRENT_LIST_DIR}/embed_files.cmake)

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
  target_include_directories(${target} PRIVATE ${folder})
endfunction()
