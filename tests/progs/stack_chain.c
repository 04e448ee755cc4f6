/* stack_chain - a call that fails at the end of a chain of functions
 *
 * usage: stack_chain PATH
 * main calls stack_f0, which calls stack_f1, then stack_f2, then stack_f3
 * (each in a file of its own), which opens PATH (openat, O_RDONLY).
 */
#include "stack_chain.h"

int main(int argc, char **argv)
{
	if (argc != 2)
		return 2;
	stack_f0(argv[1]);
	return 0;
}
