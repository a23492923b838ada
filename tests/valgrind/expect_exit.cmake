# Runs CMD ARGS and fails unless it exits with EXPECT (valgrind's own error
# exit code is 99, so an invalid input's 1 is told apart from a memory error).
execute_process(COMMAND ${CMD} ${ARGS} RESULT_VARIABLE rc)
if(NOT rc EQUAL EXPECT)
  message(FATAL_ERROR "exit ${rc}, expected ${EXPECT}")
endif()
