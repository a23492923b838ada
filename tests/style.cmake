# Style guards (CI): cheap source and binary checks that keep the rules of
# docs and STYLE.md true. The script is tests/style/style_check.py; each
# check also runs against tests/style/bad/ (a fixture full of violations)
# and must report exactly what was planted there, so a guard that stops
# finding anything is noticed.
set(_style ${DOSSIER_PYTHON} ${DOSSIER_TESTS_DIR}/style/style_check.py)
set(_style_bad ${DOSSIER_TESTS_DIR}/style/bad)
if(CMAKE_NM)
  set(_nm ${CMAKE_NM})
else()
  set(_nm nm)
endif()

# style.NAME: runs `style_check.py ARGS...`; it passes when the check does.
function(dossier_style_test name)
  add_test(NAME style.${name} COMMAND ${_style} ${ARGN})
  set_tests_properties(style.${name} PROPERTIES LABELS style TIMEOUT 60)
endfunction()

# style.selftest_NAME: the check run on the fixture must print EXPECT (its
# failure report); the exit status is then ignored on purpose.
function(dossier_style_selftest name expect)
  add_test(NAME style.selftest_${name} COMMAND ${_style} ${ARGN})
  set_tests_properties(style.selftest_${name} PROPERTIES LABELS style
    TIMEOUT 60 PASS_REGULAR_EXPRESSION "${expect}")
endfunction()

# (a) No sprintf, vsprintf, strcpy, strcat, strtok, atoi, atol, gets in
# core/, plugins/, samples/plugins/ (allow-list with reasons in the script).
dossier_style_test(banned_functions banned ${PROJECT_SOURCE_DIR})
dossier_style_selftest(banned "style banned: 3 problem" banned ${_style_bad})

# (d) The library never prints or exits: no printf(, fprintf(stderr, exit(,
# abort( ... in core/ outside core/cli/.
dossier_style_test(library_does_not_print noprint ${PROJECT_SOURCE_DIR})
dossier_style_selftest(noprint "style noprint: 4 problem" noprint ${_style_bad})

# (e) One concern per file: every .c/.h stays under 900 lines.
dossier_style_test(file_length lines ${PROJECT_SOURCE_DIR} 900)
dossier_style_selftest(lines "style lines: 1 problem" lines ${_style_bad} 10)

# (b) libdossier exports only dossier_* symbols (hidden visibility), and
# only ones a public header declares (no internal helper marked DOSSIER_API).
dossier_style_test(library_exports_prefixed
  exports ${_nm} $<TARGET_FILE:dossier> dossier_ ${PROJECT_SOURCE_DIR}/include)
dossier_style_selftest(exports
  "exports 'dossier_[a-z_]+' without the 'no_such_prefix_' prefix"
  exports ${_nm} $<TARGET_FILE:dossier> no_such_prefix_)
dossier_style_selftest(exports_declared "exports 'dossier_[a-z_]+', which no header"
  exports ${_nm} $<TARGET_FILE:dossier> dossier_ ${_style_bad}/include)

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
  dossier_style_test(plugins_export_only_entry entry ${_nm} ${_style_plugins})
endif()
dossier_style_selftest(entry "expected only dossier_plugin_entry"
  entry ${_nm} $<TARGET_FILE:dossier>)
