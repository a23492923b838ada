# Runs one bad-input case through `dossier check` (cmake -P script):
#   cmake -DCLI=path/to/dossier -DBAD=tests/loader/bad -DCASE=name -P cli_case.cmake
# Passes when the exit status is 1 and stderr starts with CASE/expect
# (the CLI then adds its "dossier: N errors" summary line).
set(input ${CASE})
if(NOT EXISTS ${BAD}/${CASE}/dossier.yaml AND NOT EXISTS ${BAD}/${CASE}/dossier.json)
  foreach(f event.md event.yaml event.json)
    if(EXISTS ${BAD}/${CASE}/${f} OR IS_SYMLINK ${BAD}/${CASE}/${f})
      set(input ${CASE}/${f})
    endif()
  endforeach()
endif()
execute_process(COMMAND ${CLI} check ${input} WORKING_DIRECTORY ${BAD}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
file(READ ${BAD}/${CASE}/expect want)
if(NOT rc EQUAL 1)
  message(FATAL_ERROR "dossier check ${input}: exit status ${rc}, expected 1\n${err}")
endif()
string(FIND "${err}" "${want}" pos)
if(NOT pos EQUAL 0)
  message(FATAL_ERROR "dossier check ${input}: stderr differs\n--- expected\n${want}--- got\n${err}")
endif()
