# SPDX-License-Identifier: MIT
# Builds a consumer with flags from an installed .pc file (no CMake package involved), runs it
# and checks its output.
#   PREFIX, LIBDIR: the installed tree; PACKAGE: ntm (C++) or ntm-c (C); SOURCE; WORK;
#   COMPILER: the C++ or C compiler; PKG_CONFIG; EXPECT: the version; ARGS: arguments of the
#   consumer; PASS: a regular expression its output must match (default: the version).
set(ENV{PKG_CONFIG_PATH} "${PREFIX}/${LIBDIR}/pkgconfig")
if(NOT PACKAGE)
  set(PACKAGE ntm)
endif()
execute_process(COMMAND ${PKG_CONFIG} --cflags --libs --static ${PACKAGE} OUTPUT_VARIABLE flags RESULT_VARIABLE rc
                OUTPUT_STRIP_TRAILING_WHITESPACE)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "pkg-config does not find ${PACKAGE} under ${PREFIX}")
endif()
execute_process(COMMAND ${PKG_CONFIG} --modversion ${PACKAGE} OUTPUT_VARIABLE version OUTPUT_STRIP_TRAILING_WHITESPACE)
if(NOT version STREQUAL EXPECT)
  message(FATAL_ERROR "pkg-config reports ${PACKAGE} ${version}, expected ${EXPECT}")
endif()
separate_arguments(flag_list UNIX_COMMAND "${flags}")
file(MAKE_DIRECTORY ${WORK})
execute_process(COMMAND ${COMPILER} ${SOURCE} -o ${WORK}/consumer ${flag_list} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "the consumer does not build with pkg-config flags: ${flags}")
endif()
# A shared libntm is found in the installed tree.
set(ENV{LD_LIBRARY_PATH} "${PREFIX}/${LIBDIR}")
separate_arguments(arg_list UNIX_COMMAND "${ARGS}")
execute_process(COMMAND ${WORK}/consumer ${arg_list} RESULT_VARIABLE rc OUTPUT_VARIABLE out)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "the consumer built with pkg-config fails: ${out}")
endif()
if(NOT PASS)
  set(PASS "ntm ${EXPECT}")
endif()
if(NOT out MATCHES "${PASS}")
  message(FATAL_ERROR "the consumer's output does not match \"${PASS}\": ${out}")
endif()
message(STATUS "${out}")
