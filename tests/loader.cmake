# Loader tests: the model built from good input, exact diagnostics for the
# bad-input corpus (tests/loader/bad/<case>/ with an `expect` file each),
# generated hostile input, encodings, and data parsing of JSON files.
add_executable(loader_test ${DOSSIER_TESTS_DIR}/loader/loader_test.c)
target_link_libraries(loader_test PRIVATE dossier)
add_executable(loader_data_dump ${DOSSIER_TESTS_DIR}/loader/data_dump.c)
target_link_libraries(loader_data_dump PRIVATE dossier)

set(LOADER_DIR ${DOSSIER_TESTS_DIR}/loader)
set(LOADER_OUT ${CMAKE_CURRENT_BINARY_DIR}/loader-out)

add_test(NAME loader_good COMMAND loader_test good ${LOADER_DIR}/good)
add_test(NAME loader_many COMMAND loader_test many ${LOADER_OUT}-many)
add_test(NAME loader_multi COMMAND loader_test multi ${LOADER_DIR})
add_test(NAME loader_hostile COMMAND loader_test hostile ${LOADER_OUT}-hostile)
add_test(NAME loader_encodings COMMAND loader_test encodings ${LOADER_OUT}-encodings)
add_test(NAME loader_data_json
  COMMAND ${DOSSIER_PYTHON} ${LOADER_DIR}/check_data.py $<TARGET_FILE:loader_data_dump>
          ${LOADER_DIR}/data)
if(TARGET dossier_cli)
  # JSON from Python's json.dumps: surrogate-pair escapes load; columns kept.
  add_test(NAME loader_json_surrogates
    COMMAND ${DOSSIER_PYTHON} ${LOADER_DIR}/check_surrogates.py ${DOSSIER_CLI}
            ${LOADER_OUT}-surrogates)
endif()
if(EXISTS /work/shared/peer-suites/mustache)
  add_test(NAME loader_data_mustache_spec
    COMMAND ${DOSSIER_PYTHON} ${LOADER_DIR}/check_data.py $<TARGET_FILE:loader_data_dump>
            /work/shared/peer-suites/mustache)
endif()

# One test per bad-input case: `loader_test expect CASE NAME` runs the case
# from tests/loader/bad/ (so paths in diagnostics read "NAME/...") and
# compares every formatted diagnostic with CASE/expect.
file(GLOB LOADER_BAD_CASES LIST_DIRECTORIES true CONFIGURE_DEPENDS ${LOADER_DIR}/bad/*)
foreach(c ${LOADER_BAD_CASES})
  if(IS_DIRECTORY ${c})
    get_filename_component(name ${c} NAME)
    add_test(NAME loader_bad_${name} COMMAND loader_test expect ${c} ${name}
             WORKING_DIRECTORY ${LOADER_DIR}/bad)
    if(TARGET dossier_cli)
      # The same case through the CLI: exit status 1, same diagnostics.
      add_test(NAME loader_cli_bad_${name}
               COMMAND ${CMAKE_COMMAND} -DCLI=${DOSSIER_CLI} -DBAD=${LOADER_DIR}/bad
                       -DCASE=${name} -P ${LOADER_DIR}/cli_case.cmake)
    endif()
  endif()
endforeach()

if(EXISTS ${DOSSIER_SAMPLES}/dossier.yaml)
  add_test(NAME loader_samples_clean COMMAND loader_test clean ${DOSSIER_SAMPLES})
endif()
