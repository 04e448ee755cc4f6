/* stack_f2.c - one link of the call chain of stack_chain (its own file) */
#include "stack_chain.h"

void stack_f2(const char *path)
{
	stack_f3(path);
	__asm__ volatile("" ::: "memory");	/* not a tail call */
}
