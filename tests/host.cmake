# Plugin host: registry, ABI checks, isolated rendering, output safety.
# Test plugins (good and deliberately broken) are MODULE libraries built into
# build/tests/plugins, loaded through dlopen like any third-party plugin.
set(DOSSIER_TEST_PLUGIN_DIR ${CMAKE_BINARY_DIR}/tests/plugins)

# name -> "VARIANT;PLUGIN_NAME"
set(_dossier_test_plugins
  "testgood|good|testgood"
  "testgood_dup|good|testgood"
  "noentry|noentry|noentry"
  "abi_major|abi_major|abi_major"
  "newer_minor|newer_minor|newer_minor"
  "big_struct|big_struct|big_struct"
  "null_render|null_render|null_render"
  "badname|good|Bad Name"
  "fails|fails|fails"
  "crash|crash|crash"
  "hang|hang|hang"
  "stdout|stdout|stdout"
  "error_ok|error_ok|error_ok"
  "exits|exits|exits"
  "slow1|slow|slow1"
  "slow2|slow|slow2")
set(DOSSIER_TEST_PLUGIN_TARGETS)
foreach(spec ${_dossier_test_plugins})
  string(REPLACE "|" ";" parts "${spec}")
  list(GET parts 0 file)
  list(GET parts 1 variant)
  list(GET parts 2 pname)
  add_library(testplugin_${file} MODULE ${DOSSIER_TESTS_DIR}/plugins/test_plugin.c)
  set_target_properties(testplugin_${file} PROPERTIES
    PREFIX "" OUTPUT_NAME ${file}
    C_VISIBILITY_PRESET hidden
    LIBRARY_OUTPUT_DIRECTORY ${DOSSIER_TEST_PLUGIN_DIR})
  target_include_directories(testplugin_${file} PRIVATE ${PROJECT_SOURCE_DIR}/include)
  target_compile_definitions(testplugin_${file} PRIVATE
    VARIANT_${variant} "PLUGIN_NAME=\"${pname}\"")
  list(APPEND DOSSIER_TEST_PLUGIN_TARGETS testplugin_${file})
endforeach()
# A text file that merely looks like a plugin.
file(MAKE_DIRECTORY ${DOSSIER_TEST_PLUGIN_DIR})
file(WRITE ${DOSSIER_TEST_PLUGIN_DIR}/x.so "this is not a shared object\n")

add_executable(host_test ${DOSSIER_TESTS_DIR}/host/host_test.c)
target_link_libraries(host_test PRIVATE dossier)
add_dependencies(host_test ${DOSSIER_TEST_PLUGIN_TARGETS})
add_test(NAME host.registry_and_render
  COMMAND host_test ${DOSSIER_TEST_PLUGIN_DIR} ${CMAKE_CURRENT_BINARY_DIR}/host-work)
set_tests_properties(host.registry_and_render PROPERTIES TIMEOUT 60)

# Built-in plugins must reach the core only through the host API table.
foreach(p pdf xlsx md html)
  if(TARGET plugin_${p})
    add_test(NAME host.no_core_symbols_${p}
      COMMAND ${DOSSIER_PYTHON} ${DOSSIER_TESTS_DIR}/host/nm_check.py
              $<TARGET_FILE:plugin_${p}>)
  endif()
endforeach()

# Memory: the registry (every refused kind of plugin) and both render modes
# under valgrind; any definite leak or invalid access fails the test.
find_program(DOSSIER_VALGRIND valgrind)
if(DOSSIER_VALGRIND AND NOT DOSSIER_SANITIZE)
  set(_vg ${DOSSIER_VALGRIND} -q --leak-check=full --errors-for-leak-kinds=definite
          --error-exitcode=99)
  add_test(NAME host.valgrind_registry
    COMMAND ${_vg} ${DOSSIER_CLI} plugins --plugin-path ${DOSSIER_TEST_PLUGIN_DIR})
  add_test(NAME host.valgrind_render_isolated
    COMMAND ${_vg} $<TARGET_FILE:host_test> ${DOSSIER_TEST_PLUGIN_DIR}
            ${CMAKE_CURRENT_BINARY_DIR}/host-work-valgrind)
  set_tests_properties(host.valgrind_registry host.valgrind_render_isolated
    PROPERTIES TIMEOUT 120)
endif()

# Each public header compiles alone, twice, as C11 (-pedantic -Wwrite-strings)
# and as C++.
find_program(DOSSIER_CXX NAMES c++ g++ clang++)
add_test(NAME host.headers_self_contained
  COMMAND ${DOSSIER_PYTHON} ${DOSSIER_TESTS_DIR}/host/header_check.py
          ${PROJECT_SOURCE_DIR}/include ${CMAKE_C_COMPILER} "${DOSSIER_CXX}")
