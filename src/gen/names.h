#pragma once
// Realistic Chinese personal names for synthetic rosters.

#include <string>

#include "core/rng.h"

namespace anju::gen {

enum class Sex { male, female };

// A surname drawn by its rough frequency in south-west China, then a one- or
// two-character given name typical for the sex and an older rural generation.
std::string random_name(Rng& rng, Sex sex);

}  // namespace anju::gen
