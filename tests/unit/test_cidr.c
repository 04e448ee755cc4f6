/* test_cidr.c - IPv4 and IPv6 networks in CIDR notation */
#include <criterion/criterion.h>

#include <arpa/inet.h>
#include <errno.h>
#include <string.h>
#include <sys/socket.h>

#include "cidr.h"

static struct cidr c;
static char err[256];

static void parse_ok(int family, const char *text)
{
	memset(err, 0, sizeof(err));
	cr_assert_eq(cidr_parse(&c, family, text, err, sizeof(err)), 0,
		     "cidr_parse('%s'): %s", text, err);
}

/* The network address c holds, as text. */
static const char *net_text(void)
{
	static char buf[INET6_ADDRSTRLEN];

	cr_assert_not_null(inet_ntop(c.family, c.addr, buf, sizeof(buf)));
	return buf;
}

static void parse_bad(int family, const char *text, const char *phrase)
{
	memset(err, 0, sizeof(err));
	cr_assert_eq(cidr_parse(&c, family, text, err, sizeof(err)), -EINVAL,
		     "cidr_parse('%s') should fail", text);
	cr_expect(strstr(err, phrase) != NULL, "'%s': message '%s' lacks '%s'",
		  text, err, phrase);
}

static bool in(const char *net, int family, const char *addr)
{
	struct cidr n;
	char e[256];
	int nf = strchr(net, ':') ? AF_INET6 : AF_INET;

	cr_assert_eq(cidr_parse(&n, nf, net, e, sizeof(e)), 0, "%s: %s", net, e);
	return cidr_match(&n, family, addr);
}

#define IN(net, fam, a) cr_expect(in(net, fam, a), "%s should be in %s", a, net)
#define OUT(net, fam, a) cr_expect_not(in(net, fam, a), "%s should not be in %s", a, net)

Test(cidr, ipv4_network)
{
	parse_ok(AF_INET, "10.0.0.0/8");
	cr_expect_eq(c.family, AF_INET);
	cr_expect_eq(c.prefix, 8);
	cr_expect_str_eq(net_text(), "10.0.0.0");
}

Test(cidr, ipv4_host_bits_are_cleared)
{
	parse_ok(AF_INET, "192.168.77.200/20");
	cr_expect_eq(c.prefix, 20);
	cr_expect_str_eq(net_text(), "192.168.64.0");
	parse_ok(AF_INET, "10.1.2.3/8");
	cr_expect_str_eq(net_text(), "10.0.0.0");
	parse_ok(AF_INET, "255.255.255.255/1");
	cr_expect_str_eq(net_text(), "128.0.0.0");
}

Test(cidr, ipv4_bare_address_is_a_32)
{
	parse_ok(AF_INET, "127.0.0.1");
	cr_expect_eq(c.prefix, 32);
	cr_expect_str_eq(net_text(), "127.0.0.1");
	parse_ok(AF_INET, "127.0.0.1/32");
	cr_expect_eq(c.prefix, 32);
	cr_expect_str_eq(net_text(), "127.0.0.1");
}

Test(cidr, ipv4_slash_zero_is_everything)
{
	parse_ok(AF_INET, "1.2.3.4/0");
	cr_expect_eq(c.prefix, 0);
	cr_expect_str_eq(net_text(), "0.0.0.0");
	IN("1.2.3.4/0", AF_INET, "255.255.255.255");
	IN("0.0.0.0/0", AF_INET, "0.0.0.0");
	IN("0.0.0.0/0", AF_INET, "8.8.8.8");
	OUT("0.0.0.0/0", AF_INET6, "::1");
}

Test(cidr, ipv6_network)
{
	parse_ok(AF_INET6, "fe80::1234/10");
	cr_expect_eq(c.family, AF_INET6);
	cr_expect_eq(c.prefix, 10);
	cr_expect_str_eq(net_text(), "fe80::");
	parse_ok(AF_INET6, "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff/33");
	cr_expect_str_eq(net_text(), "2001:db8:8000::");
	parse_ok(AF_INET6, "::1");
	cr_expect_eq(c.prefix, 128);
	cr_expect_str_eq(net_text(), "::1");
	parse_ok(AF_INET6, "::1/128");
	cr_expect_eq(c.prefix, 128);
	parse_ok(AF_INET6, "2001:db8::1/0");
	cr_expect_eq(c.prefix, 0);
	cr_expect_str_eq(net_text(), "::");
}

Test(cidr, bad_prefix_lengths)
{
	parse_bad(AF_INET, "10.0.0.0/33", "prefix length");
	parse_bad(AF_INET, "10.0.0.0/", "prefix length");
	parse_bad(AF_INET, "10.0.0.0/-1", "prefix length");
	parse_bad(AF_INET, "10.0.0.0/8x", "prefix length");
	parse_bad(AF_INET, "10.0.0.0/8/8", "prefix length");
	parse_bad(AF_INET6, "::/129", "prefix length");
	parse_bad(AF_INET6, "::/ 8", "prefix length");
}

Test(cidr, bad_addresses)
{
	parse_bad(AF_INET, "10.0.0/8", "not an IPv4 address");
	parse_bad(AF_INET, "256.0.0.0", "not an IPv4 address");
	parse_bad(AF_INET, "::1", "not an IPv4 address");
	parse_bad(AF_INET, "", "not an IPv4 address");
	parse_bad(AF_INET, "localhost", "not an IPv4 address");
	parse_bad(AF_INET6, "127.0.0.1", "not an IPv6 address");
	parse_bad(AF_INET6, "fe80:::1/10", "not an IPv6 address");
	parse_bad(AF_INET6, "1111:2222:3333:4444:5555:6666:7777:8888:9999:aaaa:"
		  "bbbb/64", "not an IPv6 address");
}

Test(cidr, ipv4_matching)
{
	IN("10.0.0.0/8", AF_INET, "10.255.1.2");
	OUT("10.0.0.0/8", AF_INET, "11.0.0.0");
	IN("192.168.1.0/24", AF_INET, "192.168.1.255");
	OUT("192.168.1.0/24", AF_INET, "192.168.2.0");
	IN("192.168.64.0/20", AF_INET, "192.168.79.255");
	OUT("192.168.64.0/20", AF_INET, "192.168.80.0");
	IN("127.0.0.1", AF_INET, "127.0.0.1");
	OUT("127.0.0.1", AF_INET, "127.0.0.2");
	/* written with host bits: still the network */
	IN("10.9.9.9/8", AF_INET, "10.0.0.1");
	/* not an address at all */
	OUT("10.0.0.0/8", AF_INET, "10.0.0");
	OUT("10.0.0.0/8", AF_INET, "");
	/* the wrong family */
	OUT("10.0.0.0/8", AF_INET6, "::10.0.0.1");
}

Test(cidr, ipv6_matching)
{
	IN("fe80::/10", AF_INET6, "fe80::1");
	IN("fe80::/10", AF_INET6, "febf:ffff::1");
	OUT("fe80::/10", AF_INET6, "fec0::1");
	IN("::1", AF_INET6, "::1");
	IN("::1", AF_INET6, "0:0:0:0:0:0:0:1");
	OUT("::1", AF_INET6, "::2");
	IN("2001:db8::/32", AF_INET6, "2001:db8:1234::5");
	OUT("2001:db8::/32", AF_INET6, "2001:db9::5");
	IN("::/0", AF_INET6, "ffff::ffff");
	OUT("::/0", AF_INET, "1.2.3.4");
}

Test(cidr, v4_mapped_ipv6_matches_ipv4_network)
{
	IN("127.0.0.0/8", AF_INET6, "::ffff:127.0.0.1");
	IN("10.0.0.0/8", AF_INET6, "::ffff:10.20.30.40");
	IN("10.0.0.0/8", AF_INET6, "::FFFF:10.20.30.40");
	IN("10.0.0.0/8", AF_INET6, "::ffff:a14:1e28");	/* 10.20.30.40 in hex */
	OUT("10.0.0.0/8", AF_INET6, "::ffff:11.0.0.1");
	IN("0.0.0.0/0", AF_INET6, "::ffff:1.2.3.4");
	/* not mapped: IPv4-compatible and NAT64 addresses stay IPv6 */
	OUT("10.0.0.0/8", AF_INET6, "::10.0.0.1");
	OUT("10.0.0.0/8", AF_INET6, "64:ff9b::10.0.0.1");
	/* a mapped address still matches IPv6 networks that hold it */
	IN("::ffff:0:0/96", AF_INET6, "::ffff:10.0.0.1");
	OUT("::1", AF_INET6, "::ffff:127.0.0.1");
}
