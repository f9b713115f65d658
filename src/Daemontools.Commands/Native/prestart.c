/*
 * Runs before the .NET runtime starts (an ELF constructor linked into the NativeAOT binary).
 *
 * Memory: under `softlimit -m N` RLIMIT_STACK and RLIMIT_AS are both N. glibc sizes every new
 * thread's stack from RLIMIT_STACK, so the runtime's first thread (the finalizer) asks for
 * N bytes of address space and the process dies before Main even with N = 1 GB. And each thread
 * that mallocs gets its own arena, a 64 MB reservation against RLIMIT_AS. The originals run under
 * `softlimit -m 2000000`; run scripts use tens of megabytes, so both are bounded here.
 *
 * Signals: the chain tools (envdir, setuidgid, ...) replace themselves with the next program,
 * which must inherit the signal mask and ignored signals this process inherited, not the
 * runtime's. They are recorded here, before the runtime changes anything, and put back by
 * daemontools_restore_inherited_signals() just before execve.
 *
 * Environment: the binary is linked statically, where dlsym(RTLD_DEFAULT, "environ") finds
 * nothing; daemontools_environ() hands the managed code the live environ instead.
 *
 * All of this is per process image: execve drops it, so nothing leaks into the programs run.
 */
#define _GNU_SOURCE
#include <malloc.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

/* Threads the runtime creates without a size (the finalizer); managed threads get theirs from
   System.Threading.DefaultStackSize in the project file. */
#define NATIVE_THREAD_STACK (256 * 1024)

static sigset_t inherited_mask;
static unsigned char inherited_ignored[NSIG];

__attribute__((constructor(101)))
static void daemontools_prestart(void)
{
    pthread_attr_t attr;
    struct sigaction action;
    int sig;

    sigprocmask(SIG_SETMASK, NULL, &inherited_mask);
    for (sig = 1; sig < NSIG; ++sig)
        if (sigaction(sig, NULL, &action) == 0 && action.sa_handler == SIG_IGN)
            inherited_ignored[sig] = 1;

    if (pthread_attr_init(&attr) == 0) {
        if (pthread_attr_setstacksize(&attr, NATIVE_THREAD_STACK) == 0)
            pthread_setattr_default_np(&attr);
        pthread_attr_destroy(&attr);
    }
    /* One arena: no per-thread 64 MB reservations, and less idle memory. */
    mallopt(M_ARENA_MAX, 1);
}

/* Ignored signals as inherited, everything the runtime ignores back to default (execve resets
   handled ones itself), and the inherited mask on the calling thread, which execve keeps. */
void daemontools_restore_inherited_signals(void)
{
    struct sigaction action;
    int sig;

    for (sig = 1; sig < NSIG; ++sig) {
        if (sigaction(sig, NULL, &action) != 0) continue;
        if (inherited_ignored[sig]) {
            if (action.sa_handler == SIG_IGN) continue;
            memset(&action, 0, sizeof action);
            action.sa_handler = SIG_IGN;
        } else {
            if (action.sa_handler != SIG_IGN) continue;
            memset(&action, 0, sizeof action);
            action.sa_handler = SIG_DFL;
        }
        sigaction(sig, &action, NULL);
    }
    sigprocmask(SIG_SETMASK, &inherited_mask, NULL);
}

/* The live environment block (setenv/putenv keep it current), as execve and posix_spawn pass it on. */
char **daemontools_environ(void)
{
    return environ;
}
