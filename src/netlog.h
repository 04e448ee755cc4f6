/* netlog.h - every peer the run reached, and the bytes it exchanged
 *
 * Fed with every finished call: connection attempts (connect, and sends
 * with an address) with their results, accepted connections, and the
 * bytes each socket call, read or write moved, put on the socket's peer.
 * A socket is known by its inode: connect and accept tie it to a peer,
 * so that later sends, receives, reads and writes on any descriptor of
 * it count for that peer. Tables are bounded.
 */
#ifndef GOBOX_NETLOG_H
#define GOBOX_NETLOG_H

#include <json-c/json.h>
#include <stdint.h>

#include "event.h"
#include "keytab.h"
#include "traceset.h"

#define NETLOG_MAX_ATTEMPTS 4096
#define NETLOG_MAX_PEERS 4096
#define NETLOG_MAX_SOCKETS 16384

/* A peer as the report shows it; a unix name is kept in the table's key
 * (at path_off, path_len bytes). */
struct net_peer {
	int family;
	unsigned port;
	char addr[64];
	bool abstract, unnamed;
	size_t path_off, path_len;
};

/* (peer, call, result) -> how often, since when. first_ns comes first
 * in both records: the report orders either table by it. */
struct net_attempt {
	uint64_t first_ns;
	struct net_peer peer;
	const char *call;		/* static: from a syscall table */
	int err;
	uint64_t count;
};

/* peer -> bytes. */
struct net_traffic {
	uint64_t first_ns;
	struct net_peer peer;
	uint64_t sent, received;
};

struct netlog {
	struct keytab attempts;		/* struct net_attempt */
	struct keytab peers;		/* struct net_traffic */
	struct keytab sockets;		/* inode -> peers entry + 1 */
	uint64_t unattributed_sent;	/* on sockets of no known peer */
	uint64_t unattributed_received;
};

void netlog_init(struct netlog *nl);

/* Take in a call that finished (others are ignored). */
void netlog_note(struct netlog *nl, const struct event *ev);

/* Add the calls the section needs whatever the user traces: connect,
 * accept and accept4. The byte counts come from the send, receive, read
 * and write calls the user traces (netlog_json names them). */
void netlog_traceset(struct traceset *ts);

/* The "network" section; traced is the user's set. */
struct json_object *netlog_json(const struct netlog *nl, uint64_t base_ns,
				const struct traceset *traced);

void netlog_free(struct netlog *nl);

#endif
