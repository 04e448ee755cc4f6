/* signals.c - the tracer's own signals: interruption and its alarm clock */
#include "signals.h"

#include <string.h>
#include <sys/time.h>

#include "util.h"

struct signal_state signal_state;

static void on_interrupt(int sig, siginfo_t *info, void *ctx)
{
	(void)ctx;
	signal_state.interrupt = sig;
	signal_state.count++;
	/* The terminal's ^C comes from the kernel and reaches the program
	 * too; kill(1) reaches only us. */
	signal_state.from_process = info && info->si_code <= 0;
	if (signal_state.from_process)
		signal_state.passed[sig] = 1;
}

/* A signal for the program; the kernel's own (si_code > 0: a terminal's
 * ^\\, an I/O signal) reached the program by itself. */
static void on_pass(int sig, siginfo_t *info, void *ctx)
{
	(void)ctx;
	if (info && info->si_code <= 0)
		signal_state.passed[sig] = 1;
}

/* Those whose default action would end us (SIGALRM is our clock). */
static void catch_passed(struct sigaction *sa)
{
	static const int sigs[] = { SIGUSR1, SIGUSR2, SIGQUIT, SIGVTALRM,
				    SIGPROF, SIGIO, SIGPWR, SIGSTKFLT };
	int sig;

	sa->sa_sigaction = on_pass;
	sa->sa_flags = SA_SIGINFO;
	for (sig = 0; sig < (int)ARRAY_SIZE(sigs); sig++)
		sigaction(sigs[sig], sa, NULL);
	for (sig = SIGRTMIN; sig <= SIGRTMAX; sig++)
		sigaction(sig, sa, NULL);
}

static void on_alarm(int sig)
{
	(void)sig;
	signal_state.alarm = 1;
}

void signals_install(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	sa.sa_sigaction = on_interrupt;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	catch_passed(&sa);
	sa.sa_flags = 0;
	sa.sa_handler = on_alarm;
	sigaction(SIGALRM, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
}

void signals_reset_for_exec(void)
{
	/* Handlers reset themselves at exec; an ignored signal would not. */
	signal(SIGPIPE, SIG_DFL);
}

void signals_alarm_at(uint64_t deadline_ns)
{
	struct itimerval it;
	uint64_t now = now_mono_ns(), left;

	memset(&it, 0, sizeof(it));
	if (deadline_ns) {
		left = deadline_ns > now ? deadline_ns - now : 1000;
		it.it_value.tv_sec = (time_t)(left / 1000000000u);
		it.it_value.tv_usec = (suseconds_t)(left % 1000000000u / 1000u);
		if (!it.it_value.tv_sec && !it.it_value.tv_usec)
			it.it_value.tv_usec = 1;
	}
	setitimer(ITIMER_REAL, &it, NULL);
}
