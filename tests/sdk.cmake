# The SDK end to end: install into a fresh prefix, build the example
# third-party plugin (samples/plugins/ics) out of tree with find_package and
# with pkg-config, load it with --plugin-path and read its output back with
# python3-icalendar; compile every C block of docs/PLUGINS.md.
add_test(NAME sdk_install_and_ics_plugin
  COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/sdk/sdk_test.sh
          ${CMAKE_BINARY_DIR} ${PROJECT_SOURCE_DIR} ${DOSSIER_PYTHON}
          ${CMAKE_CURRENT_BINARY_DIR}/sdk-work)
set_tests_properties(sdk_install_and_ics_plugin PROPERTIES TIMEOUT 300)
