#include "cli/progress.h"

#include <unistd.h>

#include <cstdio>

namespace anju::cli {

Progress::Progress(ProgressMode mode, std::string label) : mode_(mode), label_(std::move(label)) {
  if (mode_ == ProgressMode::automatic) mode_ = isatty(2) ? ProgressMode::bar : ProgressMode::none;
}

Progress::~Progress() {
  if (mode_ == ProgressMode::bar && drawn_) std::fputc('\n', stderr);
}

std::function<void(double, long)> Progress::callback() {
  if (mode_ == ProgressMode::none) return nullptr;
  return [this](double fraction, long rows) { update(fraction, rows); };
}

void Progress::update(double fraction, long rows) {
  const auto now = std::chrono::steady_clock::now();
  if (fraction < 1.0 && drawn_ && now - last_ < std::chrono::milliseconds(100)) return;
  last_ = now;
  drawn_ = true;
  if (mode_ == ProgressMode::plain) {
    std::fprintf(stderr, "progress %s %.3f %ld\n", label_.c_str(), fraction, rows);
    std::fflush(stderr);
    return;
  }
  constexpr int kWidth = 30;
  const int filled = static_cast<int>(fraction * kWidth + 0.5);
  std::string bar(static_cast<size_t>(filled), '#');
  bar.append(static_cast<size_t>(kWidth - filled), '.');
  std::fprintf(stderr, "\r%s [%s] %3d%%  %ld 行", label_.c_str(), bar.c_str(),
               static_cast<int>(fraction * 100 + 0.5), rows);
  std::fflush(stderr);
}

}  // namespace anju::cli
