#include "write/interrupt.h"

#include <atomic>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <map>
#include <thread>
#include <pthread.h>
#include <unistd.h>

namespace apiref {

namespace {

std::recursive_mutex& registry_mutex() {
  static std::recursive_mutex m;
  return m;
}

// Under registry_mutex().
std::map<int, std::string>& registry() {
  static std::map<int, std::string> paths;
  return paths;
}

std::atomic<bool> handling{false};

void remove_registered() {
  std::error_code ignore;
  for (const auto& [id, path] : registry()) std::filesystem::remove_all(path, ignore);
}

void take_signals(sigset_t signals) {
  int sig = 0;
  while (sigwait(&signals, &sig) != 0) {
  }
  {
    // Waits for a commit under way; nothing is registered or renamed after this.
    std::lock_guard<std::recursive_mutex> lock(registry_mutex());
    handling = true;
    remove_registered();
    // A writer thread that was between its check of interrupted() and its mkdir may have made
    // a folder again: it has finished that one file by now.
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    remove_registered();
    const char note[] = "apiref: interrupted; nothing half-written is left behind\n";
    ssize_t ignored = ::write(STDERR_FILENO, note, sizeof note - 1);
    (void)ignored;
  }
  // Dies by the signal, so that a shell or make sees what stopped it.
  std::signal(sig, SIG_DFL);
  sigset_t just_this;
  sigemptyset(&just_this);
  sigaddset(&just_this, sig);
  pthread_sigmask(SIG_UNBLOCK, &just_this, nullptr);
  raise(sig);
  _exit(128 + sig);
}

}  // namespace

void clean_up_on_interrupt() {
  static bool started = false;
  if (started) return;
  started = true;
  std::signal(SIGXFSZ, SIG_IGN);
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  // nohup's ignored SIGHUP stays ignored: never queued, so never taken.
  sigaddset(&signals, SIGHUP);
  // A shell starts background jobs with SIGINT ignored, and an ignored signal is never queued
  // for sigwait; as serve does, SIGINT and SIGTERM get their default back (they stay blocked).
  std::signal(SIGINT, SIG_DFL);
  std::signal(SIGTERM, SIG_DFL);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  std::thread(take_signals, signals).detach();
}

int remove_on_interrupt(const std::string& path) {
  static int next_id = 0;
  std::lock_guard<std::recursive_mutex> lock(registry_mutex());
  registry()[++next_id] = path;
  return next_id;
}

void forget_on_interrupt(int id) {
  std::lock_guard<std::recursive_mutex> lock(registry_mutex());
  registry().erase(id);
}

std::unique_lock<std::recursive_mutex> hold_interrupts() { return std::unique_lock<std::recursive_mutex>(registry_mutex()); }

bool interrupted() { return handling; }

void park_if_interrupted() {
  while (handling) ::pause();  // the interrupt thread ends the process
}

}  // namespace apiref
