// SPDX-License-Identifier: MIT
// Catch2 main for ntm's test executable.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
