# bench/: a smoke test of the benchmark's input generator (never timed; the
# benchmark itself is bench/run.sh and does not run under ctest).
add_test(NAME bench_generator_check
  COMMAND sh ${DOSSIER_TESTS_DIR}/bench/smoke.sh ${DOSSIER_PYTHON}
          ${PROJECT_SOURCE_DIR}/bench/gen_dossier.py ${DOSSIER_CLI}
          ${CMAKE_CURRENT_BINARY_DIR}/bench-smoke)
set_tests_properties(bench_generator_check PROPERTIES TIMEOUT 60
  PASS_REGULAR_EXPRESSION "bench smoke OK: 5 events x 150 rows")
