/* ask - send one line to 127.0.0.1:PORT and print the answer
 *
 * usage: ask PORT LINE
 * Exit status 0 when an answer came, 1 when none did.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	char buf[64];
	ssize_t n;
	int s;

	if (argc != 3)
		return 2;
	a.sin_port = htons((unsigned short)atoi(argv[1]));
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	s = socket(AF_INET, SOCK_STREAM, 0);
	if (s < 0 || connect(s, (struct sockaddr *)&a, sizeof(a)) < 0 ||
	    write(s, argv[2], strlen(argv[2])) < 0 || write(s, "\n", 1) < 0)
		return 1;
	n = read(s, buf, sizeof(buf) - 1);
	if (n <= 0)
		return 1;
	fwrite(buf, 1, (size_t)n, stdout);
	return 0;
}
