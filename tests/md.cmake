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
set_tests_properties(md.digest.samples md.digest.hostile md.template.edit
  md.template.errors PROPERTIES LABELS md TIMEOUT 60)
