# Writes a C++ file that embeds numbered SQL migrations.
# Usage: cmake -DOUT=file.cc -DNAMESPACE=ns -DDIR=folder -P embed_sql.cmake
file(GLOB files ${DIR}/*.sql)
list(SORT files)
set(body "")
foreach(f ${files})
  get_filename_component(name ${f} NAME_WE)
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
