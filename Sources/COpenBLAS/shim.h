#ifndef XCEBRA_COPENBLAS_SHIM_H
#define XCEBRA_COPENBLAS_SHIM_H
#include <cblas.h>
#include <malloc.h>

/// `mallopt` parameters are macros; re-exported so Swift can raise the mmap threshold
/// (fresh 0.5 MB activations otherwise cost an mmap/munmap and page faults per op).
static inline int xc_mallopt_mmap_threshold(int bytes) { return mallopt(M_MMAP_THRESHOLD, bytes); }
static inline int xc_mallopt_trim_threshold(int bytes) { return mallopt(M_TRIM_THRESHOLD, bytes); }
#endif
