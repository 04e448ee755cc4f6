/* ucopy.h - read the memory of a stopped tracee */
#ifndef GOBOX_UCOPY_H
#define GOBOX_UCOPY_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/*
 * Copy len bytes at addr in the address space of tid into buf.
 * Returns 0, or -EFAULT when the range is not mapped (or only partly),
 * or another -errno when the process cannot be read.
 */
int ucopy(pid_t tid, uint64_t addr, void *buf, size_t len);

/*
 * Copy the NUL-terminated string at addr into buf (size bytes, size > 0),
 * reading page by page so that a string that ends just before an unmapped
 * page is still read whole. buf is always NUL-terminated.
 * Returns the string length (< size), -ENAMETOOLONG when it did not fit
 * (buf then holds the first size - 1 bytes), -EFAULT, or another -errno.
 */
long ucopy_str(pid_t tid, uint64_t addr, char *buf, size_t size);

#endif
