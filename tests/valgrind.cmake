# valgrind memcheck over a full sample render (every built-in format,
# in-process so valgrind sees the plugins) and over loading bad input.
# Skipped in sanitizer builds: ASan and valgrind do not mix.
find_program(DOSSIER_VALGRIND valgrind)
if(DOSSIER_VALGRIND AND NOT DOSSIER_SANITIZE AND NOT DOSSIER_FUZZ)
  set(_vg ${DOSSIER_VALGRIND} --error-exitcode=99 --leak-check=full
      --errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect
      --track-fds=no -q)
  add_test(NAME valgrind_render_samples
    COMMAND ${_vg} $<TARGET_FILE:dossier_cli> render ${DOSSIER_SAMPLES}
            -f pdf,xlsx,md,html --no-isolate -o ${CMAKE_CURRENT_BINARY_DIR}/valgrind-out)
  add_test(NAME valgrind_check_bad_input
    COMMAND ${CMAKE_COMMAND} -DCMD=${DOSSIER_VALGRIND}
            "-DARGS=--error-exitcode=99;--leak-check=full;--errors-for-leak-kinds=definite,indirect;-q;$<TARGET_FILE:dossier_cli>;check;${CMAKE_CURRENT_SOURCE_DIR}/valgrind/bad-event.md"
            -DEXPECT=1 -P ${CMAKE_CURRENT_SOURCE_DIR}/valgrind/expect_exit.cmake)
  set_tests_properties(valgrind_render_samples valgrind_check_bad_input
    PROPERTIES TIMEOUT 600)
endif()
