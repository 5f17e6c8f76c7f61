// Software prefetch for Swift, which has no prefetch intrinsic of its own.
//
// Used by the k-d tree's batched search, which interleaves several queries so that the cache
// misses of one overlap with the work of the others (see KDTree.nearest(batch:)).
#ifndef CPREFETCH_H
#define CPREFETCH_H

/// Hints that the cache line holding `address` will be read soon (prefetcht0); never faults.
static inline __attribute__((always_inline)) void xcebra_prefetch(const void *address) {
    __builtin_prefetch(address, 0, 3);
}

#endif
