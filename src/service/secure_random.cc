#include "service/secure_random.h"

#include <sys/random.h>

#include <stdexcept>

namespace anju {

std::string secure_random_bytes(size_t n) {
  std::string out(n, '\0');
  size_t got = 0;
  while (got < n) {
    const ssize_t r = getrandom(out.data() + got, n - got, 0);
    if (r <= 0) throw std::runtime_error("getrandom gave no bytes");
    got += static_cast<size_t>(r);
  }
  return out;
}

}  // namespace anju
