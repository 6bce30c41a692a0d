// Runs another program through the shell, for the corpus tier's tests (the unit tier runs
// none): the snippets through bash, python3 and node, JUnit read back by python3.
#pragma once

#include <sys/wait.h>

#include <cstdio>
#include <string>

namespace apiref_test {

// Runs `command` with sh -c, standard error joined to standard output; returns its exit code
// (-1 when it could not start or was killed) and, in `output`, what it printed.
inline int run_command(const std::string& command, std::string* output = nullptr) {
  std::string cmd = command + " 2>&1";
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return -1;
  std::string text;
  char buf[4096];
  while (size_t n = fread(buf, 1, sizeof buf, p)) text.append(buf, n);
  int status = pclose(p);
  if (output) *output = text;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace apiref_test
