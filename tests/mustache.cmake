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
