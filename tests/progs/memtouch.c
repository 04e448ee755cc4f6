/* memtouch - use a known amount of memory and CPU
 *
 * usage: memtouch MIB [CPU_MS [SLEEP_MS]]
 * Touches MIB MiB (one write a page), then burns CPU_MS milliseconds of
 * user CPU time, then sleeps SLEEP_MS. Prints what getrusage(RUSAGE_SELF)
 * says of itself: "maxrss_kb=N", "utime_ms=N", "stime_ms=N",
 * "minflt=N", "majflt=N".
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <unistd.h>

static long ms(struct timeval tv)
{
	return tv.tv_sec * 1000L + tv.tv_usec / 1000L;
}

int main(int argc, char **argv)
{
	size_t n = argc > 1 ? (size_t)atol(argv[1]) << 20 : 0, i;
	long cpu = argc > 2 ? atol(argv[2]) : 0;
	long nap = argc > 3 ? atol(argv[3]) : 0;
	volatile unsigned long spin = 0;
	struct rusage ru;
	char *p = n ? malloc(n) : NULL;

	if (n && !p)
		return 1;
	for (i = 0; i < n; i += 4096)
		p[i] = 1;
	do {
		for (i = 0; i < 100000; i++)
			spin += i;
		getrusage(RUSAGE_SELF, &ru);
	} while (ms(ru.ru_utime) < cpu);
	if (nap)
		usleep((useconds_t)nap * 1000);
	getrusage(RUSAGE_SELF, &ru);
	printf("maxrss_kb=%ld\nutime_ms=%ld\nstime_ms=%ld\nminflt=%ld\nmajflt=%ld\n",
	       ru.ru_maxrss, ms(ru.ru_utime), ms(ru.ru_stime), ru.ru_minflt,
	       ru.ru_majflt);
	return 0;
}
