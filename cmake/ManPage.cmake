# Writes a man page from an installed program's --help, as it is (no-fill),
# so the page holds exactly what --help says, examples included. Run at
# install time:
#   cmake -DPROGRAM=/usr/local/bin/policy-grep -DPAGE=.../policy-grep.1
#         -DSUMMARY="search …" -DSTRIP=$DESTDIR -P ManPage.cmake
get_filename_component(name ${PROGRAM} NAME)
# A man page is read 80 columns wide and indented by 7.
execute_process(COMMAND ${CMAKE_COMMAND} -E env COLUMNS=72 ${PROGRAM} --help
                OUTPUT_VARIABLE help RESULT_VARIABLE failed)
execute_process(COMMAND ${PROGRAM} --version OUTPUT_VARIABLE version
                OUTPUT_STRIP_TRAILING_WHITESPACE)
if(failed OR help STREQUAL "")
  message(FATAL_ERROR "${PROGRAM} --help failed: the man page cannot be written")
endif()
if(NOT STRIP STREQUAL "")
  string(REPLACE "${STRIP}" "" help "${help}")  # installed under DESTDIR
endif()
# roff: a backslash is \e; a line starting with . or ' is no request.
string(REPLACE "\\" "\\e" help "${help}")
string(REGEX REPLACE "(^|\n)([.'])" "\\1\\\\&\\2" help "${help}")
string(TOUPPER ${name} upper)
file(WRITE ${PAGE}
     "'\\\" -*- coding: UTF-8 -*-\n"
     ".TH ${upper} 1 \"\" \"${version}\" \"User Commands\"\n"
     ".SH NAME\n${name} \\- ${SUMMARY}\n"
     ".SH DESCRIPTION\n.nf\n${help}.fi\n")
