/* cidr.c - IPv4 and IPv6 networks in CIDR notation */
#include "cidr.h"

#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "util.h"

static void clear_host_bits(uint8_t *addr, unsigned len, unsigned prefix)
{
	unsigned i;

	for (i = 0; i < len; i++) {
		unsigned bits = prefix > i * 8 ? prefix - i * 8 : 0;

		if (bits < 8)
			addr[i] &= (uint8_t)(0xff00u >> bits);
	}
}

int cidr_parse(struct cidr *c, int family, const char *text, char *err,
	       size_t errlen)
{
	unsigned max = family == AF_INET ? 32 : 128;
	const char *slash = strchr(text, '/');
	char addr[INET6_ADDRSTRLEN + 1];
	unsigned long long prefix = max;
	size_t n = slash ? (size_t)(slash - text) : strlen(text);

	memset(c, 0, sizeof(*c));
	if (n >= sizeof(addr)) {
		snprintf(err, errlen, "'%s' is not an %s address", text,
			 family == AF_INET ? "IPv4" : "IPv6");
		return -EINVAL;
	}
	memcpy(addr, text, n);
	addr[n] = '\0';
	if (inet_pton(family, addr, c->addr) != 1) {
		snprintf(err, errlen, "'%s' is not an %s address", addr,
			 family == AF_INET ? "IPv4" : "IPv6");
		return -EINVAL;
	}
	if (slash && parse_uint(slash + 1, max, &prefix) < 0) {
		snprintf(err, errlen, "'%s' is not a prefix length (0-%u)",
			 slash + 1, max);
		return -EINVAL;
	}
	c->family = family;
	c->prefix = (unsigned)prefix;
	clear_host_bits(c->addr, max / 8, c->prefix);
	return 0;
}

bool cidr_match(const struct cidr *c, int family, const char *text)
{
	static const uint8_t v4mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };
	uint8_t addr[16];

	if (inet_pton(family, text, addr) != 1)
		return false;
	if (family == AF_INET6 && c->family == AF_INET &&
	    memcmp(addr, v4mapped, 12) == 0) {
		memmove(addr, addr + 12, 4);
		family = AF_INET;
	}
	if (family != c->family)
		return false;
	clear_host_bits(addr, family == AF_INET ? 4 : 16, c->prefix);
	return memcmp(addr, c->addr, family == AF_INET ? 4 : 16) == 0;
}
