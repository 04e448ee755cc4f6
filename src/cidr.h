/* cidr.h - IPv4 and IPv6 networks in CIDR notation */
#ifndef GOBOX_CIDR_H
#define GOBOX_CIDR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct cidr {
	int family;		/* AF_INET or AF_INET6 */
	uint8_t addr[16];	/* network address, host bits cleared */
	unsigned prefix;	/* bits that must match */
};

/*
 * Parse "10.0.0.0/8", "127.0.0.1" (a /32), "::1", "fe80::/10". family is
 * AF_INET or AF_INET6. Returns 0, or -EINVAL with a message in err.
 */
int cidr_parse(struct cidr *c, int family, const char *text, char *err,
	       size_t errlen);

/* True when the numeric address text of family is inside c. An IPv6
 * address that maps an IPv4 one (::ffff:a.b.c.d) also matches IPv4
 * networks, since that is where a connection to it goes. */
bool cidr_match(const struct cidr *c, int family, const char *addr);

#endif
