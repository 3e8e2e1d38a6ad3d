# Included from tests/CMakeLists.txt: a short run of every libFuzzer harness as one CTest test.
# The harnesses are a separate CMake project built with clang (see README.md), configured and
# built by run-fuzzers.sh into <build>/fuzz when the test runs.
find_program(PBXVAULT_FUZZ_CXX NAMES clang++ clang++-14)
if(PBXVAULT_FUZZ_CXX)
    add_test(NAME fuzz_smoke
             COMMAND ${CMAKE_CURRENT_LIST_DIR}/run-fuzzers.sh --build-dir ${CMAKE_BINARY_DIR}/fuzz
                     --time 25)
    set_tests_properties(fuzz_smoke PROPERTIES TIMEOUT 1800 LABELS fuzz
                         ENVIRONMENT "FUZZ_CXX=${PBXVAULT_FUZZ_CXX}")
else()
    message(WARNING "clang++ not found: the fuzz_smoke test is left out (deps.sh installs clang)")
endif()
