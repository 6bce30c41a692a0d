// jemalloc's settings for the apiref binary, read by jemalloc when it starts (the `malloc_conf`
// symbol; MALLOC_CONF in the environment still overrides it). Compiled only when CMake links
// jemalloc.
//
// thp:always asks for transparent huge pages (madvise) on jemalloc's memory. A build touches
// some 150 MiB of fresh memory; in 4 KiB pages that is ~47,000 page faults, and on these
// virtual machines a fault is dear: faults were 13% of `apiref build`'s samples on GitHub's
// description. With 2 MiB pages the build went from 0.82 to 0.50 s wall (user time too: fewer
// TLB misses) for ~15% more peak RSS. Where the kernel has THP disabled it changes nothing.
//
// narenas:1: one arena for all threads (each keeps its small cache). With an arena per thread,
// what one thread freed could not be reused by the others, which faulted in fresh memory
// instead. Measured when the spec gate still parsed GitHub's description on its own thread
// (a project's gate still parses its files): one arena took the build from 5,100 to 2,400 page
// faults, 149 to 133 MiB peak RSS and 0.50 to 0.42 s (medians of 6 interleaved runs on tmpfs).
extern "C" {
extern const char* malloc_conf;
const char* malloc_conf = "thp:always,metadata_thp:always,narenas:1";
}
