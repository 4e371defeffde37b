#pragma once
// Bytes from the kernel's CSPRNG (getrandom), for salts and tokens.

#include <cstddef>
#include <string>

namespace anju {

// `n` random bytes; throws when the kernel gives none (it never should).
std::string secure_random_bytes(size_t n);

}  // namespace anju
