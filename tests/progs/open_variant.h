/* open_variant.h - open a path by open, openat or openat2 in turn
 *
 * The race tests open the same buffer through each of the three calls a
 * policy must judge alike; call i uses variant i % 3.
 */
#ifndef OPEN_VARIANT_H
#define OPEN_VARIANT_H

#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/syscall.h>
#include <unistd.h>

static inline long open_variant(const char *path, unsigned long i)
{
	struct open_how how = { .flags = O_RDONLY };

	switch (i % 3) {
	case 0:
		return syscall(SYS_open, path, O_RDONLY, 0);
	case 1:
		return syscall(SYS_openat, AT_FDCWD, path, O_RDONLY, 0);
	default:
		return syscall(SYS_openat2, AT_FDCWD, path, &how, sizeof(how));
	}
}

#endif
