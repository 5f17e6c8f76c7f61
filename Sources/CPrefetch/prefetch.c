// The prefetch hint is a header-only inline function (include/CPrefetch.h); SwiftPM needs one
// source file per C target.
#include "CPrefetch.h"
