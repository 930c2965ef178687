// The printers that live in their own files (internal to print/): make_sink
// calls these for --format xlsx and --format html. Include sink.h for the
// public interface; this header only connects sinks.cpp to the two files.
#pragma once

#include <memory>

#include "policy/print/sink.h"

namespace policy::print {

// A workbook with a sheet per table (xlsx_sink.cpp). The archive is built in a
// temporary file and written to `out` whole by finish().
std::unique_ptr<Sink> make_xlsx_sink(Output& out, const SinkOptions& options);

// One self-contained HTML5 page, streamed to `out` row by row (html_sink.cpp).
std::unique_ptr<Sink> make_html_sink(Output& out, const SinkOptions& options);

}  // namespace policy::print
