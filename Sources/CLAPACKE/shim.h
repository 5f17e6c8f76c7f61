#ifndef XCEBRA_CLAPACKE_SHIM_H
#define XCEBRA_CLAPACKE_SHIM_H
#include <lapacke.h>
static inline int xc_lapack_row_major(void) { return LAPACK_ROW_MAJOR; }
#endif
