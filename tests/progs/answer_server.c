/* answer_server - a server to attach to: one line in, one line out
 *
 * usage: answer_server PORTFILE
 * Listens on 127.0.0.1 on a port of the kernel's choice, writes the port
 * to PORTFILE, then for each connection: reads a line, tries to open
 * /nonexistent/LINE (it fails with ENOENT, a failed call to be seen),
 * answers "ok N\n" (N counts the answers) and closes. "quit" ends it.
 */
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static int listen_here(FILE *portfile)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	socklen_t len = sizeof(a);
	int s = socket(AF_INET, SOCK_STREAM, 0), one = 1;

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (s < 0 || bind(s, (struct sockaddr *)&a, sizeof(a)) < 0 ||
	    listen(s, 16) < 0 || getsockname(s, (struct sockaddr *)&a, &len) < 0)
		return -1;
	fprintf(portfile, "%d\n", ntohs(a.sin_port));
	return s;
}

int main(int argc, char **argv)
{
	char line[256], path[300], reply[32];
	FILE *portfile;
	int s, c, answers = 0;
	ssize_t n;

	if (argc != 2 || !(portfile = fopen(argv[1], "w")))
		return 2;
	s = listen_here(portfile);
	fclose(portfile);
	if (s < 0)
		return 1;
	for (;;) {
		c = accept(s, NULL, NULL);
		if (c < 0)
			continue;
		n = read(c, line, sizeof(line) - 1);
		line[n > 0 ? n : 0] = '\0';
		line[strcspn(line, "\r\n")] = '\0';
		if (strcmp(line, "quit") == 0) {
			close(c);
			return 0;
		}
		snprintf(path, sizeof(path), "/nonexistent/%s", line);
		open(path, O_RDONLY);
		snprintf(reply, sizeof(reply), "ok %d\n", ++answers);
		if (write(c, reply, strlen(reply)) < 0)
			return 1;
		close(c);
	}
}
