#include "policy/cli/common.h"

#include <unistd.h>

#include <algorithm>
#include <filesystem>

#include <fmt/format.h>

#include "policy/core/strings.h"
#include "policy/print/sink.h"
#include "policy/print/text_layout.h"
#include "policy/text/utf8.h"

namespace policy::cli {

namespace {

// --help laid out for the terminal it is read on: descriptions wrapped
// beside the option names, paragraphs wrapped, and example commands broken
// with a trailing backslash, so they stay ready to paste.
class WrappedHelp : public CLI::Formatter {
 public:
  explicit WrappedHelp(std::size_t width) : width_(width) { column_width(kNames); }

  std::string make_option(const CLI::Option* opt, bool is_positional) const override {
    std::string name = "  " + make_option_name(opt, is_positional) + make_option_opts(opt);
    std::string out = name;
    const auto lines = print::wrap_text(make_option_desc(opt), width_ - kNames);
    if (name.size() >= kNames) out += "\n" + std::string(kNames, ' ');
    else out.append(kNames - name.size(), ' ');
    for (std::size_t i = 0; i < lines.size(); ++i) {
      if (i) out += "\n" + std::string(kNames, ' ');
      out += lines[i];
    }
    return out + "\n";
  }
  std::string make_description(const CLI::App* app) const override {
    return paragraphs(app->get_description()) + "\n";
  }
  std::string make_footer(const CLI::App* app) const override {
    return paragraphs(app->get_footer());
  }

 private:
  static constexpr std::size_t kNames = 30;

  std::string paragraphs(const std::string& text) const {
    if (text.empty()) return {};
    std::string out;
    std::size_t start = 0;
    while (start <= text.size()) {
      std::size_t nl = text.find('\n', start);
      std::string line = text.substr(start, nl == std::string::npos ? nl : nl - start);
      if (starts_with(line, "  ")) out += command(line);
      else
        for (const auto& l : print::wrap_text(line, width_)) out += l + "\n";
      if (nl == std::string::npos) break;
      start = nl + 1;
    }
    return out;
  }

  // An example command too long for a line, continued with " \".
  std::string command(const std::string& line) const {
    std::string out, cur;
    std::size_t at = 0;
    while (at < line.size()) {
      std::size_t space = line.find(' ', at + 1);
      std::string word = line.substr(at, space == std::string::npos ? space : space - at);
      if (!cur.empty() && utf8::trim(cur).size() > 0 &&
          print::display_width(cur + word) + 2 > width_) {
        out += cur + " \\\n";
        cur = "      ";
        word = std::string(utf8::trim_left(word));
      }
      cur += word;
      at = space == std::string::npos ? line.size() : space;
    }
    return out + cur + "\n";
  }

  std::size_t width_;
};

}  // namespace

std::string samples_dir() {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const fs::path installed = (exe.parent_path() / POLICY_SAMPLES_FROM_BIN).lexically_normal();
    if (fs::is_directory(installed, ec)) return installed.string();
  }
  return POLICY_SOURCE_SAMPLES;
}

void setup_app(CLI::App& app, CommonOptions& o) {
  o.program = app.get_name();
  std::size_t width = print::terminal_columns(STDOUT_FILENO);
  if (width == 0) width = 80;
  // Past 100 columns, paragraphs get hard to read.
  app.formatter(std::make_shared<WrappedHelp>(std::clamp<std::size_t>(width, 50, 100)));
  app.set_version_flag("--version", fmt::format("{} {}", app.get_name(), POLICY_VERSION),
                       "Print the version and exit");
}

}  // namespace policy::cli
