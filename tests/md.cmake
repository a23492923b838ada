# The Markdown/HTML digest (plugins/md, plugins/html, templates/md), checked
# through the real CLI and read back with the cmark CLI. Each test writes to
# its own folder under the build tree.
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
  # exit 1 = the render failed as it should; 99 would be a valgrind error
  set_tests_properties(md.valgrind.bad-template PROPERTIES
    PASS_REGULAR_EXPRESSION "unclosed section 'events'" FAIL_REGULAR_EXPRESSION "==[0-9]+==")
  set_tests_properties(md.valgrind md.valgrind.bad-template PROPERTIES
    LABELS md TIMEOUT 120)
endif()
