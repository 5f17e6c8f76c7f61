#ifndef XCEBRA_MALLOC_COUNTER_H
#define XCEBRA_MALLOC_COUNTER_H
#include <stdint.h>
/// Number of heap allocations (malloc, calloc, realloc, aligned variants) since process start.
uint64_t xc_allocation_count(void);
#endif
