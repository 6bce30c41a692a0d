// Write stage: what an interrupted command leaves behind. A build stages its site in a folder
// beside the output and a bundle writes a temporary file beside its own; SIGINT, SIGTERM or
// SIGHUP would otherwise kill the process with that folder or file left there. Those signals
// are taken by a thread of their own, which removes every path registered here and then lets
// the process die by the signal, as it would have. The renames that put an output in place are
// made while holding the same lock, so a signal lands before them (the previous output intact)
// or after them (the new one whole), never between two of them.
#pragma once

#include <mutex>
#include <string>

namespace apiref {

// Blocks SIGINT, SIGTERM and SIGHUP in the calling thread, and so in every thread it starts
// afterwards, and starts the thread that takes them. Called once, before any other thread is
// started. Also ignores SIGXFSZ: a write past the file size limit (ulimit -f) then fails with
// EFBIG and is reported with its file, rather than killing the process with no word.
void clean_up_on_interrupt();

// Registers `path` (a file or folder) to be removed if the process is interrupted before
// forget_on_interrupt(id). Returns the id. Does nothing useful before clean_up_on_interrupt(),
// which is fine: then a signal kills the process as it always did.
int remove_on_interrupt(const std::string& path);
void forget_on_interrupt(int id);

// Held while an output is renamed into place: the interrupt thread waits for it. Recursive, so
// that the holder may register and forget paths meanwhile.
std::unique_lock<std::recursive_mutex> hold_interrupts();

// True once an interrupt is being handled: writers stop creating folders, which could bring a
// removed staging folder back.
bool interrupted();

// Waits for the end when an interrupt is being handled, so that a writer that failed because
// its staging folder was just removed does not report that as an error of its own.
void park_if_interrupted();

}  // namespace apiref
