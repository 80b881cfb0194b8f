# Writes a C++ source holding core/catalog/gpus.json as a raw string literal.
# cmake -DINPUT=gpus.json -DOUTPUT=catalog_data.cpp -P embed.cmake
file(READ "${INPUT}" content)
# Line breaks and indentation go (a JSON string holds no raw line break): a quarter less to embed and to parse.
string(REGEX REPLACE "\n[ \t]*" "" content "${content}")
string(FIND "${content}" ")migcalc\"" clash)
if(NOT clash EQUAL -1)
  message(FATAL_ERROR "${INPUT} contains the raw-string delimiter )migcalc\"")
endif()
file(WRITE "${OUTPUT}.tmp" "// Generated from core/catalog/gpus.json by core/catalog/embed.cmake. Do not edit.\n#include \"catalog_data.hpp\"\nnamespace migcalc::detail {\nextern const char* const kCatalogJson = R\"migcalc(${content})migcalc\";\n}\n")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.tmp")
