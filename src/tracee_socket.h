/* tracee_socket.h - what a socket of the traced program is bound or
 * connected to, read through a copy of its descriptor */
#ifndef GOBOX_TRACEE_SOCKET_H
#define GOBOX_TRACEE_SOCKET_H

#include <stdbool.h>
#include <sys/types.h>

struct op;

/* Descriptor fd of process pid, duplicated into the tracer (pidfd_getfd),
 * or -errno. */
int tracee_fd_dup(pid_t pid, int fd);

/*
 * The local address (peer false) or the peer (peer true) of socket fd of
 * process pid, as the family, addr and port of a net operation (an
 * IPv4-mapped IPv6 address as inet). False when fd is not an inet or
 * inet6 socket, has no such address, or cannot be read.
 */
bool tracee_socket_addr(pid_t pid, int fd, bool peer, struct op *op);

#endif
