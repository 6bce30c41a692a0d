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
//
// oversize_threshold:0: no separate arena for allocations of 8 MiB and more. jemalloc puts
// those (the text of GitHub's 13 MB description, read whole) in an arena of their own, and the
// main arena's memory then came in separate mappings that started 1 MiB off a 2 MiB boundary:
// their unaligned parts cannot be huge pages, and the parse faulted ~2,300 of them in 4 KiB at
// a time (~3,400 page faults per build of GitHub's description; ~1,100 with this). Measured on
// GitHub's description, medians of 15 interleaved runs on tmpfs: build 508 to 450 ms of CPU
// and 0.328 to 0.298 s wall; `apiref check --profile spec` 161 to 136 ms of CPU; peak RSS
// ~1 MiB lower (the freed text is reused by the main arena instead of handed back at once).
extern "C" {
extern const char* malloc_conf;
const char* malloc_conf = "thp:always,metadata_thp:always,narenas:1,oversize_threshold:0";
}
