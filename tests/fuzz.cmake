# Fuzz targets (tests/fuzz/fuzz_*.c). In every build each target is linked
# with a replay driver and run over its corpus (seeds and every past crash),
# so a fixed crash stays fixed. With -DDOSSIER_FUZZ=ON (clang) the same
# sources also become libFuzzer binaries; scripts/fuzz.sh runs them for a
# bounded time.
set(DOSSIER_FUZZ_TARGETS data load mustache)
if(TARGET plugin_pdf)
  list(APPEND DOSSIER_FUZZ_TARGETS pdf)
endif()
foreach(t ${DOSSIER_FUZZ_TARGETS})
  # Only the pdf target loads a plugin: it needs the path of the built pdf.so.
  set(_fuzz_defs)
  if(t STREQUAL "pdf")
    set(_fuzz_defs DOSSIER_FUZZ_PDF_PLUGIN="$<TARGET_FILE:plugin_pdf>")
  endif()
  add_executable(fuzz_${t}_replay
    ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/fuzz_${t}.c
    ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/replay_main.c)
  target_link_libraries(fuzz_${t}_replay PRIVATE dossier)
  set_target_properties(fuzz_${t}_replay PROPERTIES
    RUNTIME_OUTPUT_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR})
  target_compile_definitions(fuzz_${t}_replay PRIVATE ${_fuzz_defs})
  add_test(NAME fuzz_${t}_replay
    COMMAND fuzz_${t}_replay ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/corpus/${t})
  if(DOSSIER_FUZZ)
    add_executable(fuzz_${t} ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/fuzz_${t}.c)
    target_link_libraries(fuzz_${t} PRIVATE dossier)
    target_link_options(fuzz_${t} PRIVATE -fsanitize=fuzzer)
    target_compile_definitions(fuzz_${t} PRIVATE ${_fuzz_defs})
    set_target_properties(fuzz_${t} PROPERTIES
      RUNTIME_OUTPUT_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR})
  endif()
endforeach()

# The digest's direct writer against cmark (tests/fuzz/fuzz_digest_direct.c).
# It links the md plugin's sources and cmark, not libdossier (the plugin
# hides these functions), so it is built apart from the loop above.
find_package(Threads REQUIRED)
set(_fuzz_md_bins fuzz_digest_direct_replay)
add_executable(fuzz_digest_direct_replay
  ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/fuzz_digest_direct.c
  ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/replay_main.c ${DOSSIER_DIGEST_SOURCES})
add_test(NAME fuzz_digest_direct_replay
  COMMAND fuzz_digest_direct_replay
          ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/corpus/digest_direct)
if(DOSSIER_FUZZ)
  add_executable(fuzz_digest_direct
    ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/fuzz_digest_direct.c ${DOSSIER_DIGEST_SOURCES})
  target_link_options(fuzz_digest_direct PRIVATE -fsanitize=fuzzer)
  # undefined behaviour stops the run (as in DOSSIER_SANITIZE builds)
  # instead of printing a line libFuzzer does not count as a crash
  target_compile_options(fuzz_digest_direct PRIVATE
    -fno-sanitize-recover=undefined)
  list(APPEND _fuzz_md_bins fuzz_digest_direct)
endif()
foreach(b ${_fuzz_md_bins})
  target_include_directories(${b} PRIVATE ${PROJECT_SOURCE_DIR}/plugins/md
                                          ${CMAKE_CURRENT_SOURCE_DIR}/md)
  target_link_libraries(${b} PRIVATE PkgConfig::CMARK Threads::Threads)
  set_target_properties(${b} PROPERTIES
    RUNTIME_OUTPUT_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR})
endforeach()
