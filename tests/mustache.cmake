# Mustache engine, JSON writer and the model's data view (owner: mustache).
# The official spec lives beside the repository (../shared in CI); a missing
# folder makes the test fail, never skip.
set(DOSSIER_SHARED_DIR "${PROJECT_SOURCE_DIR}/../shared" CACHE PATH
    "Folder holding peer-suites/mustache (the official Mustache spec)")

add_executable(mustache_spec_runner ${CMAKE_CURRENT_SOURCE_DIR}/mustache/spec_runner.c)
target_link_libraries(mustache_spec_runner PRIVATE dossier)
set_target_properties(mustache_spec_runner PROPERTIES
  RUNTIME_OUTPUT_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR})
add_test(NAME mustache_spec
  COMMAND mustache_spec_runner ${DOSSIER_SHARED_DIR}/peer-suites/mustache)
# The exit status decides; the regex also catches a FAIL line on stderr.
set_tests_properties(mustache_spec PROPERTIES FAIL_REGULAR_EXPRESSION "ERROR|FAIL ")

# Engine behaviour beyond the spec: located errors, limits, partial folders,
# escape modes; Markdown escaping is read back with libcmark.
add_executable(mustache_unit ${CMAKE_CURRENT_SOURCE_DIR}/mustache/mustache_unit.c)
target_link_libraries(mustache_unit PRIVATE dossier PkgConfig::CMARK)
set_target_properties(mustache_unit PROPERTIES
  RUNTIME_OUTPUT_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR})
add_test(NAME mustache_unit
  COMMAND mustache_unit ${CMAKE_CURRENT_BINARY_DIR}/mustache_unit.d)

# JSON writer, read back with Python's json module.
add_executable(mustache_json_test ${CMAKE_CURRENT_SOURCE_DIR}/mustache/json_test.c)
target_link_libraries(mustache_json_test PRIVATE dossier m)
set_target_properties(mustache_json_test PROPERTIES
  RUNTIME_OUTPUT_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR})
add_test(NAME json_write
  COMMAND ${DOSSIER_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/mustache/check_json.py
          $<TARGET_FILE:mustache_json_test> ${CMAKE_CURRENT_SOURCE_DIR}/mustache)

# The model's data view: every documented field of a hand-built model, and
# a 1,000 events x 150 rows conversion run for correctness at scale (under
# the sanitizers too). Its time is printed but never asserted: speed targets
# live in bench/ (docs/PERFORMANCE.md), not in unit tests.
add_executable(mustache_model_data_test ${CMAKE_CURRENT_SOURCE_DIR}/mustache/model_data_test.c)
target_link_libraries(mustache_model_data_test PRIVATE dossier PkgConfig::CMARK)
set_target_properties(mustache_model_data_test PROPERTIES
  RUNTIME_OUTPUT_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR})
add_test(NAME model_data_json
  COMMAND ${DOSSIER_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/mustache/check_model_json.py
          $<TARGET_FILE:mustache_model_data_test>)
add_test(NAME model_data_sharing COMMAND mustache_model_data_test share)
# Summaries found from a body's first lines equal the whole body's first
# paragraph, on bodies made to break that shortcut.
add_test(NAME model_data_summaries COMMAND mustache_model_data_test summaries)
add_test(NAME model_data_scale
  COMMAND mustache_model_data_test bench 1000 150 0)
