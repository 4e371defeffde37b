# Writes a C++ file that embeds numbered SQL migrations: one engine's
# (DIR) and those both engines share (SHARED_DIR), in the order of their
# numbers. A number in both folders is an error.
# Usage: cmake -DOUT=file.cc -DNAMESPACE=ns -DDIR=folder [-DSHARED_DIR=folder] -P embed_sql.cmake
cmake_policy(SET CMP0057 NEW)  # if(... IN_LIST ...) in script mode
file(GLOB own ${DIR}/*.sql)
set(shared "")
if(SHARED_DIR)
  file(GLOB shared ${SHARED_DIR}/*.sql)
endif()
set(entries "")
set(numbers "")
foreach(f ${own} ${shared})
  get_filename_component(name ${f} NAME_WE)
  string(REGEX MATCH "^[0-9]+" number ${name})
  if(number IN_LIST numbers)
    message(FATAL_ERROR "migration ${number} is in both ${DIR} and ${SHARED_DIR}")
  endif()
  list(APPEND numbers ${number})
  list(APPEND entries "${name}|${f}")
endforeach()
list(SORT entries)
set(body "")
foreach(entry ${entries})
  string(REPLACE "|" ";" parts "${entry}")
  list(GET parts 0 name)
  list(GET parts 1 f)
  string(REGEX MATCH "^[0-9]+" number ${name})
  math(EXPR number "${number}")
  file(READ ${f} sql)
  string(APPEND body "      {${number}, \"${name}\", R\"anju_sql(${sql})anju_sql\"},\n")
endforeach()
file(WRITE ${OUT}.tmp "// Generated from ${DIR} by cmake/embed_sql.cmake. Do not edit.
#include \"store/migration.h\"

namespace ${NAMESPACE} {

const std::vector<anju::Migration>& migrations() {
  static const std::vector<anju::Migration> kMigrations = {
${body}  };
  return kMigrations;
}

}  // namespace ${NAMESPACE}
")
file(COPY_FILE ${OUT}.tmp ${OUT} ONLY_IF_DIFFERENT)
