# The xlsx workbook plugin (plugins/xlsx, templates/xlsx), checked through
# the real CLI and read back with openpyxl and LibreOffice. Each test writes
# to its own folder under the build tree.
set(_xlsx_check ${DOSSIER_TESTS_DIR}/xlsx/check_xlsx.py)
set(_xlsx_out ${CMAKE_CURRENT_BINARY_DIR}/xlsx-out)

add_test(NAME xlsx.matrix.samples
  COMMAND ${DOSSIER_PYTHON} ${_xlsx_check} matrix ${DOSSIER_CLI}
          ${DOSSIER_SAMPLES} ${_xlsx_out}/samples)
add_test(NAME xlsx.matrix.roles
  COMMAND ${DOSSIER_PYTHON} ${_xlsx_check} matrix ${DOSSIER_CLI}
          ${DOSSIER_TESTS_DIR}/xlsx/roles ${_xlsx_out}/roles)
add_test(NAME xlsx.injection
  COMMAND ${DOSSIER_PYTHON} ${_xlsx_check} injection ${DOSSIER_CLI}
          ${DOSSIER_TESTS_DIR}/xlsx/injection ${_xlsx_out}/injection)
add_test(NAME xlsx.longquote
  COMMAND ${DOSSIER_PYTHON} ${_xlsx_check} longquote ${DOSSIER_CLI}
          - ${_xlsx_out}/longquote)
add_test(NAME xlsx.template.russian
  COMMAND ${DOSSIER_PYTHON} ${_xlsx_check} russian ${DOSSIER_CLI}
          ${DOSSIER_SAMPLES} ${_xlsx_out}/russian)
add_test(NAME xlsx.template.custom
  COMMAND ${DOSSIER_PYTHON} ${_xlsx_check} templates ${DOSSIER_CLI}
          ${DOSSIER_SAMPLES} ${_xlsx_out}/templates)
add_test(NAME xlsx.reproducible
  COMMAND ${DOSSIER_PYTHON} ${_xlsx_check} reproducible ${DOSSIER_CLI}
          ${DOSSIER_SAMPLES} ${_xlsx_out}/reproducible)
# The matrix in chunks of 1, 2, 5 pairs (one row per chunk) is the same file.
add_test(NAME xlsx.matrix.chunks
  COMMAND ${DOSSIER_PYTHON} ${_xlsx_check} chunks ${DOSSIER_CLI}
          ${DOSSIER_TESTS_DIR}/xlsx/roles ${_xlsx_out}/chunks-roles)
add_test(NAME xlsx.matrix.chunks.samples
  COMMAND ${DOSSIER_PYTHON} ${_xlsx_check} chunks ${DOSSIER_CLI}
          ${DOSSIER_SAMPLES} ${_xlsx_out}/chunks-samples)
# -O xlsx.zip_level reaches the zip entries libxlsxwriter writes (issue 8).
add_test(NAME xlsx.zip_level
  COMMAND ${DOSSIER_PYTHON} ${_xlsx_check} ziplevel ${DOSSIER_CLI}
          ${DOSSIER_SAMPLES} ${_xlsx_out}/ziplevel)
# Cell text written without a copy when clean, copied when not, and the row
# heights counted in the same pass (issue 8), against a reference count.
add_test(NAME xlsx.celltext
  COMMAND ${DOSSIER_PYTHON} ${DOSSIER_TESTS_DIR}/xlsx/check_celltext.py
          ${DOSSIER_CLI} ${_xlsx_out}/celltext)
set_tests_properties(xlsx.matrix.samples xlsx.matrix.roles xlsx.injection
  xlsx.longquote xlsx.template.russian xlsx.template.custom xlsx.reproducible
  xlsx.matrix.chunks xlsx.matrix.chunks.samples xlsx.celltext xlsx.zip_level
  PROPERTIES LABELS xlsx TIMEOUT 60)

# One soffice start converts every workbook (it is slow to boot); cached
# formula results are poisoned first, so only a recalculation passes.
find_program(DOSSIER_SOFFICE NAMES soffice libreoffice)
if(DOSSIER_SOFFICE)
  add_test(NAME xlsx.libreoffice
    COMMAND ${DOSSIER_PYTHON} ${_xlsx_check} libreoffice ${DOSSIER_CLI}
            ${DOSSIER_SAMPLES} ${_xlsx_out}/libreoffice
            ${DOSSIER_TESTS_DIR}/xlsx/roles ${DOSSIER_TESTS_DIR}/xlsx/injection)
  set_tests_properties(xlsx.libreoffice PROPERTIES LABELS xlsx TIMEOUT 240
    SKIP_RETURN_CODE 77)
endif()

# Scale: 1,000 events x 150 participations in constant-memory mode, driven
# without the loader so the render's own memory is what is measured; then
# 150 vs 800 participations per event (5x the matrix cells) without links
# and heading comments: the render may grow by at most 1.5 MB (issue 8).
add_executable(xlsx_harness ${DOSSIER_TESTS_DIR}/xlsx/xlsx_harness.c)
target_link_libraries(xlsx_harness PRIVATE dossier ${CMAKE_DL_LIBS})
target_include_directories(xlsx_harness PRIVATE ${PROJECT_SOURCE_DIR}/include)
# Sanitizers multiply memory use: the RSS bounds only apply without.
set(_xlsx_rss_mb 40)
set(_xlsx_growth_kb 1536)
if(DOSSIER_SANITIZE)
  set(_xlsx_rss_mb 0)
  set(_xlsx_growth_kb 0)
endif()
add_test(NAME xlsx.scale
  COMMAND ${DOSSIER_PYTHON} ${DOSSIER_TESTS_DIR}/xlsx/check_scale.py
          $<TARGET_FILE:xlsx_harness> $<TARGET_FILE:plugin_xlsx>
          ${_xlsx_out}/scale 1000 150 ${_xlsx_rss_mb} 800 ${_xlsx_growth_kb})
set_tests_properties(xlsx.scale PROPERTIES LABELS xlsx TIMEOUT 120)
