#pragma once
// Progress reporting for long CLI runs: a bar on a terminal, plain lines for
// scripts (`--progress plain`), or nothing.

#include <chrono>
#include <functional>
#include <string>

namespace anju::cli {

enum class ProgressMode { automatic, bar, plain, none };

class Progress {
 public:
  Progress(ProgressMode mode, std::string label);
  ~Progress();  // ends the bar's line

  // A callback for ImportOptions::on_progress and the like.
  std::function<void(double, long)> callback();
  void update(double fraction, long rows);

 private:
  ProgressMode mode_;
  std::string label_;
  std::chrono::steady_clock::time_point last_;
  bool drawn_ = false;
};

}  // namespace anju::cli
