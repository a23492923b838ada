# The pdf briefing plugin (plugins/pdf, templates/pdf), checked through the
# real CLI and read back with qpdf, pdfinfo, pdftotext and pdffonts
# (tests/pdf/check_pdf.py). Each test writes to its own folder.
set(DOSSIER_SHARED_DIR "${PROJECT_SOURCE_DIR}/../shared" CACHE PATH
  "The shared folder holding peer-suites/ (CommonMark and Mustache specs)")

set(_pdf_check ${DOSSIER_TESTS_DIR}/pdf/check_pdf.py)
set(_pdf_out ${CMAKE_CURRENT_BINARY_DIR}/pdf-out)

add_test(NAME pdf.samples
  COMMAND ${DOSSIER_PYTHON} ${_pdf_check} briefing ${DOSSIER_CLI}
          ${DOSSIER_SAMPLES} ${_pdf_out}/samples)
add_test(NAME pdf.unicode
  COMMAND ${DOSSIER_PYTHON} ${_pdf_check} briefing ${DOSSIER_CLI}
          ${DOSSIER_TESTS_DIR}/pdf/unicode ${_pdf_out}/unicode)
add_test(NAME pdf.single_event
  COMMAND ${DOSSIER_PYTHON} ${_pdf_check} single ${DOSSIER_CLI}
          ${DOSSIER_TESTS_DIR}/pdf/single/2019-05-dushanbe.md ${_pdf_out}/single)
add_test(NAME pdf.russian_template
  COMMAND ${DOSSIER_PYTHON} ${_pdf_check} russian ${DOSSIER_CLI}
          ${DOSSIER_TESTS_DIR}/pdf/unicode ${_pdf_out}/russian
          ${PROJECT_SOURCE_DIR}/templates/pdf/briefing-ru.yaml)
add_test(NAME pdf.bad_template
  COMMAND ${DOSSIER_PYTHON} ${_pdf_check} bad-template ${DOSSIER_CLI}
          ${DOSSIER_TESTS_DIR}/pdf/unicode ${_pdf_out}/bad-template)
add_test(NAME pdf.hostile
  COMMAND ${DOSSIER_PYTHON} ${_pdf_check} hostile ${DOSSIER_CLI} - ${_pdf_out}/hostile)
add_test(NAME pdf.compact_roles
  COMMAND ${DOSSIER_PYTHON} ${_pdf_check} compact ${DOSSIER_CLI} - ${_pdf_out}/compact)
add_test(NAME pdf.scripts
  COMMAND ${DOSSIER_PYTHON} ${_pdf_check} scripts ${DOSSIER_CLI} - ${_pdf_out}/scripts)
# the content streams the plugin writes itself (pdf_content.c): deflated,
# parseable, text back, widths and embedded glyphs of everything drawn
add_test(NAME pdf.content_stream
  COMMAND ${DOSSIER_PYTHON} ${DOSSIER_TESTS_DIR}/pdf/check_content.py ${DOSSIER_CLI}
          ${_pdf_out}/content)
# pages deflated on a worker thread (pdf_pack.c): the same bytes as without
add_test(NAME pdf.threads
  COMMAND ${DOSSIER_PYTHON} ${DOSSIER_TESTS_DIR}/pdf/check_threads.py ${DOSSIER_CLI}
          ${_pdf_out}/threads)
set_tests_properties(pdf.samples pdf.unicode pdf.single_event pdf.russian_template
  pdf.bad_template pdf.hostile pdf.compact_roles pdf.scripts pdf.content_stream pdf.threads
  PROPERTIES LABELS pdf TIMEOUT 60)

if(EXISTS ${DOSSIER_SHARED_DIR}/peer-suites/commonmark/spec.txt)
  add_test(NAME pdf.commonmark_spec
    COMMAND ${DOSSIER_PYTHON} ${_pdf_check} commonmark ${DOSSIER_CLI}
            ${DOSSIER_SHARED_DIR}/peer-suites/commonmark/spec.txt ${_pdf_out}/commonmark)
  set_tests_properties(pdf.commonmark_spec PROPERTIES LABELS pdf TIMEOUT 60)
else()
  message(WARNING "CommonMark spec not found under ${DOSSIER_SHARED_DIR}: pdf.commonmark_spec skipped")
endif()
