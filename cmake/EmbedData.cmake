# Writes a C++ source that holds data files as string constants, so the
# programs carry their tables. Run as a script:
#   cmake -DOUT=gen.cpp -DNAMESPACE=policy::gazetteer::embedded
#         -DNAMES="regions;agency_codes;units" -DDIR=data -P EmbedData.cmake
# A name in a subfolder (lexicon/roles) becomes the constant lexicon_roles.
file(WRITE ${OUT}.tmp "// Generated from data/ by cmake/EmbedData.cmake. Do not edit.\n")
file(APPEND ${OUT}.tmp "#include <string_view>\nnamespace ${NAMESPACE} {\n")
foreach(name ${NAMES})
  file(READ ${DIR}/${name}.tsv content)
  string(REPLACE "/" "_" id ${name})
  file(APPEND ${OUT}.tmp "extern const std::string_view ${id};\n")
  file(APPEND ${OUT}.tmp "const std::string_view ${id} = R\"policy_data(${content})policy_data\";\n")
endforeach()
file(APPEND ${OUT}.tmp "}  // namespace ${NAMESPACE}\n")
file(RENAME ${OUT}.tmp ${OUT})
