# Helpers shared by every CMakeLists.txt of the project.

# policy_add_tool(<name> <entry-source>...)
# One program under tools/<name>: a thin main() that calls <name>_main in the
# entry source. Binaries land in build/bin.
function(policy_add_tool name)
  add_executable(${name} ${ARGN})
  target_link_libraries(${name} PRIVATE policy)
  if(POLICY_USE_MIMALLOC)
    # Kept even though no mimalloc symbol is named: linked, it replaces
    # malloc and free for the whole process (the C++ runtime's too).
    # tools/allocation.cpp keeps operator new throwing std::bad_alloc.
    target_sources(${name} PRIVATE ${PROJECT_SOURCE_DIR}/tools/allocation.cpp)
    target_link_libraries(${name} PRIVATE -Wl,--push-state,--no-as-needed mimalloc -Wl,--pop-state)
  endif()
endfunction()

# policy_add_golden_test(<dir>)
# An end-to-end test folder: `cmd` (one shell command run in the folder with
# build/bin on PATH), `expected_stdout`, and optionally `expected_stderr` and
# `expected_status`. Set POLICY_UPDATE_GOLDEN=1 to rewrite the expectations.
function(policy_add_golden_test dir)
  get_filename_component(name ${dir} NAME)
  add_test(NAME golden/${name}
           COMMAND bash ${PROJECT_SOURCE_DIR}/tests/golden/run-golden ${dir} ${CMAKE_BINARY_DIR}/bin)
  set_tests_properties(golden/${name} PROPERTIES LABELS golden)
endfunction()
