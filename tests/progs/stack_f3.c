/* stack_f3.c - the last link of stack_chain's call chain: the open */
#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "stack_chain.h"

void stack_f3(const char *path)
{
	syscall(SYS_openat, AT_FDCWD, path, O_RDONLY);
	__asm__ volatile("" ::: "memory");	/* not a tail call */
}
