/* stack.h - the call stack of a stopped thread of the program (-k) */
#ifndef GOBOX_STACK_H
#define GOBOX_STACK_H

#include <stddef.h>
#include <sys/types.h>

/* Frames kept of each stack. */
#define STACK_MAX_FRAMES 32

/*
 * The stack of stopped thread tid of process pid, innermost frame first,
 * one frame a line: "FUNCTION+0xOFF (MODULE+0xOFF)", "?" for what has no
 * name. Into out (size bytes); returns the number of frames, or -errno.
 */
int stack_capture(pid_t pid, pid_t tid, char *out, size_t size);

/* Process pid ran another program, or ended: drop what was cached of it. */
void stack_forget(pid_t pid);

#endif
