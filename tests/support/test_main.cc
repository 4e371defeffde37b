// The main of every test executable: gtest's, plus `--engine=NAME`, which
// ctest passes to the suites registered a second time for PostgreSQL
// (anju_engine_tests in CMakeLists.txt).
#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  for (int i = 1; i < argc; ++i)
    if (std::strncmp(argv[i], "--engine=", 9) == 0) ::setenv("ANJU_TEST_ENGINE", argv[i] + 9, 1);
  return RUN_ALL_TESTS();
}
