# The dossier command line: usage, exit codes, plugins listing, renders with
# faulty plugins (crash, hang, stdout noise), Ctrl-C cleanup, check/dump/
# template. Uses the test plugins built by tests/host.cmake.
set(_dossier_cli_tests
  help usage_errors version plugins_list plugins_check plugins_unsafe
  render_good render_crash render_failures render_stdout_plugin render_hang
  render_no_isolate render_bad_formats render_readonly render_sigint
  render_host_api render_disk_full render_exits render_parallel render_progress
  render_unread_options
  check dump template)
foreach(t ${_dossier_cli_tests})
  add_test(NAME cli.${t}
    COMMAND ${DOSSIER_PYTHON} ${DOSSIER_TESTS_DIR}/cli/cli_test.py ${t}
            --cli ${DOSSIER_CLI}
            --plugins ${CMAKE_BINARY_DIR}/tests/plugins
            --work ${CMAKE_CURRENT_BINARY_DIR}/cli-work)
  set_tests_properties(cli.${t} PROPERTIES TIMEOUT 60)
endforeach()
