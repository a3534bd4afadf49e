# SPDX-License-Identifier: MIT
# Warnings and sanitizers for ntm's own targets. Applied PRIVATE per target by
# ntm_apply_options(), so nothing leaks into the exported package.
set(NTM_WARNING_FLAGS "")
set(NTM_SANITIZER_FLAGS "")
set(NTM_CODEGEN_FLAGS "")
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_SYSTEM_PROCESSOR MATCHES "^(x86_64|AMD64|amd64)$")
  # Every successful ntm::result<void> zeroes its error storage (168 bytes; tl::expected
  # value-initialises the union). GCC's generic tuning does that with `rep stosq`, whose
  # start-up cost was a seventh of an incremental re-assessment (benchmarks/README.md); plain
  # 16-byte stores up to 256 bytes cost a few cycles.
  set(NTM_CODEGEN_FLAGS -mmemset-strategy=vector_loop:256:noalign,libcall:-1:noalign)
endif()
if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
  # The C++-only warnings are guarded so that the C tests and examples take the same flags.
  set(NTM_WARNING_FLAGS -Wall -Wextra -Wpedantic -Wshadow -Wcast-align -Wimplicit-fallthrough
      $<$<COMPILE_LANGUAGE:CXX>:-Wnon-virtual-dtor> $<$<COMPILE_LANGUAGE:CXX>:-Woverloaded-virtual>)
  if(NTM_WARNINGS_AS_ERRORS)
    list(APPEND NTM_WARNING_FLAGS -Werror)
  endif()
  set(_ntm_sanitizer_list ${NTM_SANITIZERS})
  if(NTM_BUILD_FUZZERS)
    # Coverage instrumentation for libFuzzer in every target; the fuzz targets add the
    # fuzzer's main (fuzz/CMakeLists.txt).
    list(APPEND _ntm_sanitizer_list fuzzer-no-link)
  endif()
  if(_ntm_sanitizer_list)
    string(REPLACE ";" "," _ntm_sanitizers "${_ntm_sanitizer_list}")
    set(NTM_SANITIZER_FLAGS -fsanitize=${_ntm_sanitizers} -fno-omit-frame-pointer -fno-sanitize-recover=all)
    if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
      # GCC 12 reports false "maybe uninitialized" warnings in libstdc++'s <regex> (pulled in
      # by Catch2) when instrumented; they are not in ntm's code.
      list(APPEND NTM_SANITIZER_FLAGS -Wno-maybe-uninitialized)
    endif()
  endif()
endif()

# Adds ntm's warning and sanitizer flags to a target of this project.
function(ntm_apply_options target)
  target_compile_options(${target} PRIVATE ${NTM_WARNING_FLAGS} ${NTM_SANITIZER_FLAGS} ${NTM_CODEGEN_FLAGS})
  if(NTM_SANITIZER_FLAGS)
    target_link_options(${target} PRIVATE -fsanitize=${_ntm_sanitizers})
  endif()
endfunction()
