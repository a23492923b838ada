# The Markdown/HTML digest (plugins/md, plugins/html, templates/md), checked
# through the real CLI and read back with the cmark CLI. Each test writes to
# its own folder under the build tree.
# The incremental chunker against its whole-text form, fed in pieces of
# every size (plugins/md/digest_cmark.c compiled in; the plugin hides it).
add_executable(md_chunker_test ${DOSSIER_TESTS_DIR}/md/chunker_test.c
  ${DOSSIER_DIGEST_SOURCES})
find_package(Threads REQUIRED)
target_include_directories(md_chunker_test PRIVATE ${PROJECT_SOURCE_DIR}/plugins/md)
target_link_libraries(md_chunker_test PRIVATE PkgConfig::CMARK Threads::Threads)
set_target_properties(md_chunker_test PROPERTIES
  RUNTIME_OUTPUT_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR})
add_test(NAME md.chunker COMMAND md_chunker_test)
set_tests_properties(md.chunker PROPERTIES LABELS md TIMEOUT 120)

# dossier_digest_direct against cmark on random chunks of its subset and
# near misses: when it accepts a chunk, cmark's bytes and shape (the plugin
# hides both, so their sources are compiled in).
add_executable(md_direct_test ${DOSSIER_TESTS_DIR}/md/direct_test.c
  ${DOSSIER_DIGEST_SOURCES})
target_include_directories(md_direct_test PRIVATE ${PROJECT_SOURCE_DIR}/plugins/md)
target_link_libraries(md_direct_test PRIVATE PkgConfig::CMARK Threads::Threads)
set_target_properties(md_direct_test PROPERTIES
  RUNTIME_OUTPUT_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR})
# fewer cases under the sanitizers (4-10x slower)
if(DOSSIER_SANITIZE OR DOSSIER_FUZZ)
  add_test(NAME md.direct COMMAND md_direct_test 60000)
else()
  add_test(NAME md.direct COMMAND md_direct_test)
endif()
set_tests_properties(md.direct PROPERTIES LABELS md TIMEOUT 120
  PASS_REGULAR_EXPRESSION "direct tests passed")

# The chunk allocator cmark uses in the digest (plugins/md/digest_arena.c):
# its edge cases, and cmark on it against cmark's own allocator.
add_executable(md_arena_test ${DOSSIER_TESTS_DIR}/md/arena_test.c
  ${PROJECT_SOURCE_DIR}/plugins/md/digest_arena.c)
target_include_directories(md_arena_test PRIVATE ${PROJECT_SOURCE_DIR}/plugins/md)
target_link_libraries(md_arena_test PRIVATE PkgConfig::CMARK)
set_target_properties(md_arena_test PROPERTIES
  RUNTIME_OUTPUT_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR})
file(GLOB _md_arena_docs ${DOSSIER_SAMPLES}/events/*.md)
add_test(NAME md.arena COMMAND md_arena_test ${_md_arena_docs})
set_tests_properties(md.arena PROPERTIES LABELS md TIMEOUT 120
  PASS_REGULAR_EXPRESSION "arena tests passed")

# The plugin with a host API 1.1 table (streamed render) and a 1.0 one
# (whole render): the same bytes, and only the calls each table allows;
# refdef.mustache makes the streamed attempt restart whole.
add_executable(md_harness ${DOSSIER_TESTS_DIR}/md/md_harness.c)
target_link_libraries(md_harness PRIVATE dossier ${CMAKE_DL_LIBS})
set_target_properties(md_harness PROPERTIES
  RUNTIME_OUTPUT_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR})
foreach(_fmt md html)
  file(MAKE_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR}/md-out/host10-${_fmt})
  add_test(NAME md.host10.${_fmt}
    COMMAND md_harness $<TARGET_FILE:plugin_${_fmt}> ${PROJECT_SOURCE_DIR}/templates
            ${CMAKE_CURRENT_BINARY_DIR}/md-out/host10-${_fmt} ${DOSSIER_SAMPLES}
            standalone=1)
  set_tests_properties(md.host10.${_fmt} PROPERTIES
    PASS_REGULAR_EXPRESSION "1.1 host: 1 streamed [+] 0 whole")
endforeach()
file(MAKE_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR}/md-out/host10-refdef)
add_test(NAME md.host10.refdef
  COMMAND md_harness $<TARGET_FILE:plugin_md> ${PROJECT_SOURCE_DIR}/templates
          ${CMAKE_CURRENT_BINARY_DIR}/md-out/host10-refdef ${DOSSIER_SAMPLES}
          template=${DOSSIER_TESTS_DIR}/md/data/refdef.mustache)
set_tests_properties(md.host10.refdef PROPERTIES
  PASS_REGULAR_EXPRESSION "1.1 host: 1 streamed [+] 1 whole")
set_tests_properties(md.host10.md md.host10.html md.host10.refdef PROPERTIES
  LABELS md FAIL_REGULAR_EXPRESSION "FAIL")

find_program(DOSSIER_CMARK cmark)
if(NOT DOSSIER_CMARK)
  message(WARNING "cmark CLI not found: md tests skipped (apt-get install cmark)")
  return()
endif()

set(_md_check ${DOSSIER_TESTS_DIR}/md/check_digest.py)
set(_md_out ${CMAKE_CURRENT_BINARY_DIR}/md-out)

add_test(NAME md.digest.samples
  COMMAND ${DOSSIER_PYTHON} ${_md_check} digest ${DOSSIER_CLI}
          ${DOSSIER_SAMPLES} ${_md_out}/samples)
add_test(NAME md.digest.hostile
  COMMAND ${DOSSIER_PYTHON} ${_md_check} hostile ${DOSSIER_CLI}
          ${DOSSIER_TESTS_DIR}/md/hostile ${_md_out}/hostile)
add_test(NAME md.template.edit
  COMMAND ${DOSSIER_PYTHON} ${_md_check} template ${DOSSIER_CLI}
          ${DOSSIER_SAMPLES} ${_md_out}/template ${PROJECT_SOURCE_DIR}/templates)
add_test(NAME md.template.errors
  COMMAND ${DOSSIER_PYTHON} ${_md_check} errors ${DOSSIER_CLI}
          ${DOSSIER_SAMPLES} ${_md_out}/errors)
# The chunked normalisation on a generated 200-event dossier (bench's
# generator), against cmark's whole-document round trip; and its fallback.
add_test(NAME md.digest.chunks
  COMMAND ${DOSSIER_PYTHON} ${_md_check} chunks ${DOSSIER_CLI}
          ${PROJECT_SOURCE_DIR}/bench/gen_dossier.py ${_md_out}/chunks
          ${PROJECT_SOURCE_DIR}/templates)
set_tests_properties(md.digest.samples md.digest.hostile md.template.edit
  md.template.errors md.digest.chunks PROPERTIES LABELS md TIMEOUT 120)

# A write failing in a digest worker thread (file size limit, SIGXFSZ
# ignored) is reported with its own errno, not the render thread's.
foreach(_fmt md html)
  add_test(NAME md.write_error.threads.${_fmt}
    COMMAND /bin/sh -c "trap '' XFSZ; ulimit -f 8; exec \"$0\" \"$@\""
            ${DOSSIER_CLI} render ${DOSSIER_SAMPLES} -f ${_fmt}
            -o ${_md_out}/write-error-${_fmt} --no-isolate -O ${_fmt}.threads=2)
  set_tests_properties(md.write_error.threads.${_fmt} PROPERTIES LABELS md
    PASS_REGULAR_EXPRESSION "cannot write output: File too large")
endforeach()

# The plugins in-process under valgrind: no leak or invalid access on the
# hostile fixture, for both formats, nor on a failing template.
find_program(DOSSIER_VALGRIND valgrind)
if(DOSSIER_VALGRIND AND NOT DOSSIER_SANITIZE)
  add_test(NAME md.valgrind
    COMMAND ${DOSSIER_VALGRIND} -q --leak-check=full --error-exitcode=99
            ${DOSSIER_CLI} render ${DOSSIER_TESTS_DIR}/md/hostile -f md,html
            -o ${_md_out}/valgrind --no-isolate -j1 -O html.standalone=1)
  add_test(NAME md.valgrind.bad-template
    COMMAND ${DOSSIER_VALGRIND} -q --leak-check=full --error-exitcode=99
            ${DOSSIER_CLI} render ${DOSSIER_TESTS_DIR}/md/hostile -f md
            -o ${_md_out}/valgrind-bad --no-isolate
            -O md.template=${DOSSIER_TESTS_DIR}/md/data/unclosed.mustache)
  # The streamed render stopped by a chunk that cannot be cut (a reference
  # definition), the output restarted and rendered whole.
  add_test(NAME md.valgrind.restart
    COMMAND ${DOSSIER_VALGRIND} -q --leak-check=full --error-exitcode=99
            ${DOSSIER_CLI} render ${DOSSIER_TESTS_DIR}/md/hostile -f md,html
            -o ${_md_out}/valgrind-restart --no-isolate -j1
            -O md.template=${DOSSIER_TESTS_DIR}/md/data/refdef.mustache
            -O html.template=${DOSSIER_TESTS_DIR}/md/data/refdef.mustache
            -O html.standalone=1 -O md.verify=1)
  set_tests_properties(md.valgrind.restart PROPERTIES LABELS md TIMEOUT 120
    PASS_REGULAR_EXPRESSION "md: whole document; 0 chunks"
    FAIL_REGULAR_EXPRESSION "==[0-9]+==")
  # exit 1 = the render failed as it should; 99 would be a valgrind error
  set_tests_properties(md.valgrind.bad-template PROPERTIES
    PASS_REGULAR_EXPRESSION "unclosed section 'events'" FAIL_REGULAR_EXPRESSION "==[0-9]+==")
  set_tests_properties(md.valgrind md.valgrind.bad-template PROPERTIES
    LABELS md TIMEOUT 120)
endif()
