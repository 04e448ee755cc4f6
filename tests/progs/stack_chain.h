/* stack_chain.h - the links of stack_chain's call chain, a file each */
#ifndef STACK_CHAIN_H
#define STACK_CHAIN_H

void stack_f0(const char *path);
void stack_f1(const char *path);
void stack_f2(const char *path);
void stack_f3(const char *path);

#endif
