# The examples of the input contract (../shared/spec/event-model.md) load
# and render as written.
if(NOT DEFINED DOSSIER_SHARED_DIR)
  set(DOSSIER_SHARED_DIR ${PROJECT_SOURCE_DIR}/../shared CACHE PATH
      "the shared/ folder beside the repository")
endif()
add_test(NAME spec_examples_load
  COMMAND ${DOSSIER_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/spec/spec_examples.py
          ${DOSSIER_CLI} ${DOSSIER_SHARED_DIR}/spec/event-model.md
          ${CMAKE_CURRENT_BINARY_DIR}/spec-work)
