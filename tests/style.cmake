# Style guards (CI): cheap source and binary checks that keep the rules of
# docs and STYLE.md true. The script is tests/style/style_check.py; each
# check also runs against tests/style/bad/ (a fixture full of violations)
# and must fail there, so a guard that stops finding anything is noticed.
set(_style ${DOSSIER_PYTHON} ${DOSSIER_TESTS_DIR}/style/style_check.py)
set(_style_bad ${DOSSIER_TESTS_DIR}/style/bad)
if(CMAKE_NM)
  set(_nm ${CMAKE_NM})
else()
  set(_nm nm)
endif()

# (a) No sprintf, vsprintf, strcpy, strcat, strtok, atoi, atol, gets in
# core/, plugins/, samples/plugins/ (allow-list with reasons in the script).
add_test(NAME style.banned_functions
  COMMAND ${_style} banned ${PROJECT_SOURCE_DIR})
# (d) The library never prints or exits: no printf(, fprintf(stderr, exit(,
# abort( ... in core/ outside core/cli/.
add_test(NAME style.library_does_not_print
  COMMAND ${_style} noprint ${PROJECT_SOURCE_DIR})
# (e) One concern per file: every .c/.h stays under 900 lines.
add_test(NAME style.file_length
  COMMAND ${_style} lines ${PROJECT_SOURCE_DIR} 900)
# (b) libdossier exports only dossier_* symbols (hidden visibility), and
# only ones a public header declares (no internal helper marked DOSSIER_API).
add_test(NAME style.library_exports_prefixed
  COMMAND ${_style} exports ${_nm} $<TARGET_FILE:dossier> dossier_
          ${PROJECT_SOURCE_DIR}/include)

# (c) A built-in plugin exports dossier_plugin_entry and nothing else, not
# even a non-dossier_ name (host.no_core_symbols_* checks only dossier_
# names and the undefined side).
set(_style_plugins)
foreach(p pdf xlsx md html)
  if(TARGET plugin_${p})
    list(APPEND _style_plugins $<TARGET_FILE:plugin_${p}>)
  endif()
endforeach()
if(_style_plugins)
  add_test(NAME style.plugins_export_only_entry
    COMMAND ${_style} entry ${_nm} ${_style_plugins})
endif()

# The guards themselves must find every planted problem in the fixture
# (the pass expression is the failure summary, so a guard that stops
# finding things, or crashes, fails here).
add_test(NAME style.selftest_banned
  COMMAND ${_style} banned ${_style_bad})
add_test(NAME style.selftest_noprint
  COMMAND ${_style} noprint ${_style_bad})
add_test(NAME style.selftest_lines
  COMMAND ${_style} lines ${_style_bad} 10)
add_test(NAME style.selftest_exports
  COMMAND ${_style} exports ${_nm} $<TARGET_FILE:dossier> no_such_prefix_)
add_test(NAME style.selftest_exports_declared
  COMMAND ${_style} exports ${_nm} $<TARGET_FILE:dossier> dossier_
          ${_style_bad}/include)
add_test(NAME style.selftest_entry
  COMMAND ${_style} entry ${_nm} $<TARGET_FILE:dossier>)
set_tests_properties(style.selftest_banned PROPERTIES
  PASS_REGULAR_EXPRESSION "style banned: 3 problem")
set_tests_properties(style.selftest_noprint PROPERTIES
  PASS_REGULAR_EXPRESSION "style noprint: 4 problem")
set_tests_properties(style.selftest_lines PROPERTIES
  PASS_REGULAR_EXPRESSION "style lines: 1 problem")
set_tests_properties(style.selftest_exports PROPERTIES
  PASS_REGULAR_EXPRESSION "exports 'dossier_[a-z_]+' without the 'no_such_prefix_' prefix")
set_tests_properties(style.selftest_exports_declared PROPERTIES
  PASS_REGULAR_EXPRESSION "exports 'dossier_[a-z_]+', which no header")
set_tests_properties(style.selftest_entry PROPERTIES
  PASS_REGULAR_EXPRESSION "expected only dossier_plugin_entry")

set_tests_properties(style.banned_functions style.library_does_not_print
  style.file_length style.library_exports_prefixed
  style.selftest_banned style.selftest_noprint style.selftest_lines
  style.selftest_exports style.selftest_exports_declared style.selftest_entry
  PROPERTIES LABELS style TIMEOUT 60)
if(TARGET plugin_pdf)
  set_tests_properties(style.plugins_export_only_entry
    PROPERTIES LABELS style TIMEOUT 60)
endif()
