// glibc's malloc tuning (mallopt, M_TOP_PAD, M_MMAP_THRESHOLD, ...), which Glibc's module
// does not export. Header-only: nothing out of line.
#ifndef CMALLOC_SHIM_H
#define CMALLOC_SHIM_H

#include <malloc.h>

#endif
