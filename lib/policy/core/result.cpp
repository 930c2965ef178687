#include "policy/core/result.h"

#include <fmt/format.h>

namespace policy {

std::string Error::describe() const {
  switch (where) {
    case Where::byte:
      return fmt::format("byte {}: {}", position, message);
    case Where::line:
      return fmt::format("line {}: {}", position, message);
    case Where::none:
      break;
  }
  return message;
}

}  // namespace policy
