# Writes a C++ source that holds data files as string constants, so the
# programs carry their gazetteers. Run as a script:
#   cmake -DOUT=gen.cpp -DNAMES="regions;agency_codes;units" -DDIR=data -P EmbedData.cmake
file(WRITE ${OUT}.tmp "// Generated from data/ by cmake/EmbedData.cmake. Do not edit.\n")
file(APPEND ${OUT}.tmp "#include <string_view>\nnamespace policy::gazetteer::embedded {\n")
foreach(name ${NAMES})
  file(READ ${DIR}/${name}.tsv content)
  file(APPEND ${OUT}.tmp "extern const std::string_view ${name};\n")
  file(APPEND ${OUT}.tmp "const std::string_view ${name} = R\"policy_data(${content})policy_data\";\n")
endforeach()
file(APPEND ${OUT}.tmp "}  // namespace policy::gazetteer::embedded\n")
file(RENAME ${OUT}.tmp ${OUT})
