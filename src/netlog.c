/* netlog.c - every peer the run reached, and the bytes it exchanged */
#include "netlog.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "flags.h"
#include "jsonutil.h"
#include "util.h"

/* Calls that move bytes, and which way. */
static const struct {
	const char *name;
	bool sends;
} byte_calls[] = {
	{ "write", true }, { "writev", true }, { "send", true },
	{ "sendto", true }, { "sendmsg", true }, { "sendmmsg", true },
	{ "read", false }, { "readv", false }, { "recv", false },
	{ "recvfrom", false }, { "recvmsg", false }, { "recvmmsg", false },
};

void netlog_init(struct netlog *nl)
{
	memset(nl, 0, sizeof(*nl));
	keytab_init(&nl->attempts, NETLOG_MAX_ATTEMPTS, sizeof(struct net_attempt));
	keytab_init(&nl->peers, NETLOG_MAX_PEERS, sizeof(struct net_traffic));
	keytab_init(&nl->sockets, NETLOG_MAX_SOCKETS, sizeof(unsigned));
}

void netlog_free(struct netlog *nl)
{
	keytab_free(&nl->attempts);
	keytab_free(&nl->peers);
	keytab_free(&nl->sockets);
}

void netlog_traceset(struct traceset *ts)
{
	traceset_add_name(ts, "connect");
	traceset_add_name(ts, "accept");
	traceset_add_name(ts, "accept4");
}

/*
 * The key of a peer, into buf (at least 96 + path bytes): family, port,
 * address, then the unix name last, so that it sits at the same offset
 * in every key that starts with it. Returns the length.
 */
static size_t peer_key(const struct sockaddr_info *sa, char *buf,
		       size_t size, struct net_peer *p)
{
	int n = snprintf(buf, size, "%d|%u|%s|%c|", sa->family, sa->port,
			 sa->addr, sa->unnamed ? 'u' : sa->abstract ? 'a' : 'p');
	size_t len = (size_t)n, plen = sa->path ? sa->path_len : 0;

	if (len + plen > size)
		plen = size - len;
	memcpy(buf + len, sa->path ? sa->path : "", plen);
	memset(p, 0, sizeof(*p));
	p->family = sa->family;
	p->port = sa->port;
	snprintf(p->addr, sizeof(p->addr), "%s", sa->addr);
	p->abstract = sa->abstract;
	p->unnamed = sa->unnamed;
	p->path_off = len;
	p->path_len = plen;
	return len + plen;
}

#define KEY_MAX (128 + 4096)

static struct net_traffic *peer_get(struct netlog *nl,
				    const struct sockaddr_info *sa,
				    uint64_t t_ns)
{
	char key[KEY_MAX];
	struct net_peer p;
	size_t len = peer_key(sa, key, sizeof(key), &p);
	bool added;
	struct net_traffic *tr = keytab_get(&nl->peers, key, len, &added);

	if (tr && added) {
		tr->peer = p;
		tr->first_ns = t_ns;
	}
	return tr;
}

static void attempt(struct netlog *nl, const struct sockaddr_info *sa,
		    const char *call, int err, uint64_t t_ns)
{
	char key[KEY_MAX + 64];
	struct net_peer p;
	size_t len = peer_key(sa, key, KEY_MAX, &p);
	bool added;
	struct net_attempt *a;

	len += (size_t)snprintf(key + len, sizeof(key) - len, "|%s|%d", call, err);
	a = keytab_get(&nl->attempts, key, len, &added);
	if (!a)
		return;
	if (added) {
		a->peer = p;
		a->call = call;
		a->err = err;
		a->first_ns = t_ns;
	}
	a->count++;
}

/* From now on, bytes on socket ino are tr's. */
static void tie(struct netlog *nl, uint64_t ino, struct net_traffic *tr)
{
	unsigned *slot;

	if (!ino)
		return;
	slot = keytab_get(&nl->sockets, &ino, sizeof(ino), NULL);
	if (slot)
		*slot = tr ? keytab_index(&nl->peers, tr) + 1 : 0;
}

static struct net_traffic *tied(const struct netlog *nl, uint64_t ino)
{
	const unsigned *slot = keytab_find(&nl->sockets, &ino, sizeof(ino));

	return slot && *slot ? keytab_rec(&nl->peers, *slot - 1) : NULL;
}

/* The address a send names, or NULL (the first of a sendmmsg). */
static const struct sockaddr_info *send_addr(const struct event *ev)
{
	const struct arg_value *v = event_arg(ev, ARG_SOCKADDR, 0);

	if (v)
		return v->status == VAL_OK ? v->u.sa : NULL;
	v = event_arg(ev, ARG_MSGHDR, 0);
	if (v)
		return v->status == VAL_OK || v->status == VAL_TRUNCATED
			       ? v->u.msg.sa : NULL;
	v = event_arg(ev, ARG_MMSGHDR, 0);
	if (v && v->u.mmsg.sa && v->u.mmsg.n)
		return v->u.mmsg.sa[0];
	return NULL;
}

/* Every destination of a send with addresses is an attempt. */
static void note_send_attempts(struct netlog *nl, const struct event *ev)
{
	const struct arg_value *v = event_arg(ev, ARG_MMSGHDR, 0);
	unsigned k;

	if (!v) {
		const struct sockaddr_info *sa = send_addr(ev);

		if (sa)
			attempt(nl, sa, ev->desc->name, ev->err, ev->entry_ns);
		return;
	}
	for (k = 0; v->u.mmsg.sa && k < v->u.mmsg.n; k++)
		if (v->u.mmsg.sa[k])
			attempt(nl, v->u.mmsg.sa[k], ev->desc->name, ev->err,
				ev->entry_ns);
}

static int byte_call(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(byte_calls); i++)
		if (strcmp(byte_calls[i].name, name) == 0)
			return (int)i;
	return -1;
}

/* Bytes a call moved on a socket: to the socket's peer, else to the
 * address the call names, else to no one in particular. */
static void note_bytes(struct netlog *nl, const struct event *ev, bool sends)
{
	uint64_t bytes = strstr(ev->desc->name, "mmsg") ? ev->mmsg_bytes
							 : (uint64_t)ev->rval;
	struct net_traffic *tr = tied(nl, ev->sock_ino);
	const struct sockaddr_info *sa = sends ? send_addr(ev) : ev->peer;

	if (sa && sa->family != AF_UNSPEC)
		tr = peer_get(nl, sa, ev->entry_ns);
	if (!tr) {
		*(sends ? &nl->unattributed_sent : &nl->unattributed_received) +=
			bytes;
		return;
	}
	*(sends ? &tr->sent : &tr->received) += bytes;
}

static void note_connect(struct netlog *nl, const struct event *ev)
{
	const struct arg_value *v = event_arg(ev, ARG_SOCKADDR, 0);
	const struct sockaddr_info *sa = v && v->status == VAL_OK ? v->u.sa : NULL;

	/* AF_UNSPEC dissolves an association: it reaches no one. */
	if (!sa || sa->family == AF_UNSPEC)
		return;
	attempt(nl, sa, "connect", ev->err, ev->entry_ns);
	if (!ev->err || ev->err == EINPROGRESS)
		tie(nl, ev->sock_ino, peer_get(nl, sa, ev->entry_ns));
}

void netlog_note(struct netlog *nl, const struct event *ev)
{
	const char *name;
	int b;

	if (!ev->finished || !ev->desc)
		return;
	name = ev->desc->name;
	if (strcmp(name, "connect") == 0) {
		note_connect(nl, ev);
		return;
	}
	if (strncmp(name, "accept", 6) == 0) {
		if (!ev->err && ev->peer) {
			attempt(nl, ev->peer, "accept", 0, ev->entry_ns);
			tie(nl, ev->sock_ino, peer_get(nl, ev->peer, ev->entry_ns));
		}
		return;
	}
	b = byte_call(name);
	if (b < 0)
		return;
	if (byte_calls[b].sends)
		note_send_attempts(nl, ev);
	if (!ev->err && ev->sock_ino)
		note_bytes(nl, ev, byte_calls[b].sends);
}

/* --- the report ------------------------------------------------------------ */

static double ms_since(uint64_t base_ns, uint64_t t_ns)
{
	return t_ns > base_ns ? (t_ns - base_ns) / 1e6 : 0;
}

static void add_peer(struct json_object *o, const struct keytab *kt,
		     unsigned i, const struct net_peer *p)
{
	char buf[32];
	const char *key = keytab_key(kt, i, NULL);

	json_set_str(o, "family", family_name(p->family, buf, sizeof(buf)));
	if (p->family == AF_INET || p->family == AF_INET6) {
		json_set_str(o, "address", p->addr);
		json_set_int(o, "port", p->port);
	} else if (p->family == AF_UNIX) {
		if (p->unnamed)
			json_set_bool(o, "unnamed", true);
		else
			json_set_bytes(o, p->abstract ? "abstract" : "path",
				       key + p->path_off, p->path_len);
	} else if (p->addr[0]) {
		json_set_str(o, "address", p->addr);
	}
}

static const char *result_name(int err, char *buf, size_t size)
{
	if (!err)
		return "ok";
	if (err == EINPROGRESS)
		return "in_progress";
	return errno_name(err, buf, size);
}

static const struct keytab *sort_kt;

static uint64_t first_ns_of(unsigned i)
{
	return *(const uint64_t *)keytab_rec(sort_kt, i);
}

/* In the order they were first seen (the table's, but for calls that
 * finished in another order than they began). */
static int by_first(const void *a, const void *b)
{
	unsigned x = *(const unsigned *)a, y = *(const unsigned *)b;
	uint64_t fx = first_ns_of(x), fy = first_ns_of(y);

	if (fx != fy)
		return fx < fy ? -1 : 1;
	return (x > y) - (x < y);
}

static unsigned *in_order(const struct keytab *kt)
{
	unsigned *v = xcalloc(kt->n + 1, sizeof(*v)), i;

	for (i = 0; i < kt->n; i++)
		v[i] = i;
	sort_kt = kt;
	qsort(v, kt->n, sizeof(*v), by_first);
	return v;
}

/* The attempts: accepted ones (accepted true) or the others. */
static struct json_object *attempts_json(const struct netlog *nl,
					 uint64_t base_ns, bool accepted)
{
	struct json_object *a = json_object_new_array();
	unsigned *v = in_order(&nl->attempts), i;
	char buf[32];

	for (i = 0; i < nl->attempts.n; i++) {
		const struct net_attempt *at = keytab_rec(&nl->attempts, v[i]);
		struct json_object *o;

		if ((strcmp(at->call, "accept") == 0) != accepted)
			continue;
		o = json_object_new_object();
		if (!accepted)
			json_set_str(o, "call", at->call);
		add_peer(o, &nl->attempts, v[i], &at->peer);
		if (!accepted)
			json_set_str(o, "result", result_name(at->err, buf, sizeof(buf)));
		json_set_uint(o, "count", at->count);
		json_set_double(o, "first_ms", ms_since(base_ns, at->first_ns), 3);
		json_object_array_add(a, o);
	}
	free(v);
	return a;
}

static struct json_object *peers_json(const struct netlog *nl, uint64_t base_ns)
{
	struct json_object *a = json_object_new_array();
	unsigned *v = in_order(&nl->peers), i;

	for (i = 0; i < nl->peers.n; i++) {
		const struct net_traffic *tr = keytab_rec(&nl->peers, v[i]);
		struct json_object *o = json_object_new_object();

		add_peer(o, &nl->peers, v[i], &tr->peer);
		json_set_uint(o, "bytes_sent", tr->sent);
		json_set_uint(o, "bytes_received", tr->received);
		json_set_double(o, "first_ms", ms_since(base_ns, tr->first_ns), 3);
		json_object_array_add(a, o);
	}
	free(v);
	return a;
}

/* Which of the byte-moving calls were traced: only those count bytes. */
static void add_byte_sources(struct json_object *o, const struct traceset *traced)
{
	struct json_object *yes = json_object_new_array();
	struct json_object *no = json_object_new_array();
	size_t i;

	for (i = 0; i < ARRAY_SIZE(byte_calls); i++) {
		const char *n = byte_calls[i].name;

		/* send and recv are i386 socketcall sub-calls only. */
		if (!strcmp(n, "send") || !strcmp(n, "recv"))
			continue;
		json_object_array_add(traceset_has_name(traced, n) ? yes : no,
				      json_object_new_string(n));
	}
	json_set(o, "bytes_from", yes);
	json_set(o, "bytes_not_from", no);
}

struct json_object *netlog_json(const struct netlog *nl, uint64_t base_ns,
				const struct traceset *traced)
{
	struct json_object *o = json_object_new_object();
	struct json_object *un = json_object_new_object();
	struct json_object *dropped = json_object_new_object();

	json_set(o, "connections", attempts_json(nl, base_ns, false));
	json_set(o, "accepted", attempts_json(nl, base_ns, true));
	json_set(o, "peers", peers_json(nl, base_ns));
	json_set_uint(un, "bytes_sent", nl->unattributed_sent);
	json_set_uint(un, "bytes_received", nl->unattributed_received);
	json_set(o, "unattributed", un);
	add_byte_sources(o, traced);
	json_set_uint(dropped, "connections", nl->attempts.dropped);
	json_set_uint(dropped, "peers", nl->peers.dropped);
	json_set_uint(dropped, "sockets", nl->sockets.dropped);
	json_set(o, "dropped", dropped);
	return o;
}
