# The asan preset links the sanitizers' runtime as a shared library (-shared-libsan) and
# with gold. Linked statically, the runtime is copied into each of the build's forty-odd
# programs and gold cannot be used: it warns, about 170 lines a link, of symbols the
# runtime asks to export but hides. Shared, a link takes about half the CPU of bfd's static
# one (ledger_tests: 1.4 CPU s against 3.0). The programs find the library through an rpath
# to clang's runtime folder, so they run from the build folder with no environment set.
if(CMAKE_EXE_LINKER_FLAGS MATCHES "-shared-libsan")
  execute_process(COMMAND ${CMAKE_CXX_COMPILER} -print-runtime-dir
                  OUTPUT_VARIABLE sanitizer_runtime_dir OUTPUT_STRIP_TRAILING_WHITESPACE
                  COMMAND_ERROR_IS_FATAL ANY)
  add_link_options("LINKER:-rpath,${sanitizer_runtime_dir}")
endif()
