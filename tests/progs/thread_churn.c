/* thread_churn - threads that come and go, for ever
 *
 * usage: thread_churn
 * Every 20 ms, starts a thread that ends at once, and joins it. Ends
 * only when killed: a process to watch whose threads end while the
 * process does not.
 */
#include <pthread.h>
#include <unistd.h>

static void *nothing(void *arg)
{
	return arg;
}

int main(void)
{
	pthread_t t;

	for (;;) {
		if (pthread_create(&t, NULL, nothing, NULL) == 0)
			pthread_join(t, NULL);
		usleep(20000);
	}
}
