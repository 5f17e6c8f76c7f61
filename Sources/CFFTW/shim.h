#ifndef XCEBRA_CFFTW_SHIM_H
#define XCEBRA_CFFTW_SHIM_H
#include <fftw3.h>
/// Planner flags are macros of unsigned ints; re-exported as functions for Swift.
static inline unsigned xc_fftw_estimate_unaligned(void) { return FFTW_ESTIMATE | FFTW_UNALIGNED; }
static inline unsigned xc_fftw_estimate_unaligned_destroy(void) { return FFTW_ESTIMATE | FFTW_UNALIGNED | FFTW_DESTROY_INPUT; }
static inline const char *xc_fftw_version(void) { return fftw_version; }
#endif
