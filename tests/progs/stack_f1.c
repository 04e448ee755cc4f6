/* stack_f1.c - one link of the call chain of stack_chain (its own file) */
#include "stack_chain.h"

void stack_f1(const char *path)
{
	stack_f2(path);
	__asm__ volatile("" ::: "memory");	/* not a tail call */
}
