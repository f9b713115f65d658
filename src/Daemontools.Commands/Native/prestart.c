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
 * Address space: below a measured floor the runtime cannot start (it dies of SIGSEGV or exits 255
 * without a word). The floor is one number for every program, whatever the CPU count. Under such
 * a limit the program says so here, in the originals' words, and exits 111:
 * `svc: fatal: unable to start: address space limit 8000000 is below 11600000`.
 *
 * Polled signals: svscan reads SIGHUP, SIGINT, SIGTERM and SIGCHLD (ScanLoop), multilog SIGTERM
 * and SIGALRM (LoggerSignals), from a signalfd rather than through the runtime's handler thread,
 * which allocates for every signal and hands it to the thread pool (a thread per CPU, each with a
 * stack counted against RLIMIT_AS). A signal sent to the process goes to any thread that does not
 * block it, the runtime's finalizer thread included, which exists before Main: so they are
 * blocked here, and every thread inherits the mask. Their children get an empty mask from
 * posix_spawn.
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
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

/* Measured, and passed in by the project file, where the measurement is described. */
#ifndef ADDRESS_SPACE_FLOOR
#error "ADDRESS_SPACE_FLOOR: the lowest RLIMIT_AS under which every program works"
#endif

/* Threads the runtime creates without a size (the finalizer); managed threads get theirs from
   System.Threading.DefaultStackSize in the project file. */
#define NATIVE_THREAD_STACK (256 * 1024)

static sigset_t inherited_mask;
static unsigned char inherited_ignored[NSIG];

/* The program this process runs as: the link's name, or the first argument of `daemontools prog`. */
static const char *program_name(int argc, char **argv)
{
    const char *name = argc > 0 && argv[0] ? argv[0] : "daemontools";
    const char *slash = strrchr(name, '/');
    if (slash) name = slash + 1;
    if (strcmp(name, "daemontools") == 0 && argc > 1 && argv[1]) name = argv[1];
    return name;
}

static void refuse_tight_address_space(int argc, char **argv)
{
    struct rlimit limit;
    char text[256];
    int length;

    if (getrlimit(RLIMIT_AS, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY) return;
    if ((unsigned long long)limit.rlim_cur >= ADDRESS_SPACE_FLOOR) return;
    length = snprintf(text, sizeof text, "%.64s: fatal: unable to start: address space limit %llu is below %llu\n",
                      program_name(argc, argv), (unsigned long long)limit.rlim_cur, (unsigned long long)ADDRESS_SPACE_FLOOR);
    if (length > 0) (void)!write(2, text, (size_t)length < sizeof text ? (size_t)length : sizeof text - 1);
    _exit(111);
}

/* The signals svscan (ScanLoop) and multilog (LoggerSignals) take from a signalfd. */
static void block_polled_signals(int argc, char **argv)
{
    const char *name = program_name(argc, argv);
    sigset_t polled;

    sigemptyset(&polled);
    if (strcmp(name, "svscan") == 0) {
        sigaddset(&polled, SIGHUP);
        sigaddset(&polled, SIGINT);
        sigaddset(&polled, SIGTERM);
        sigaddset(&polled, SIGCHLD);
    } else if (strcmp(name, "multilog") == 0) {
        sigaddset(&polled, SIGTERM);
        sigaddset(&polled, SIGALRM);
    } else {
        return;
    }
    sigprocmask(SIG_BLOCK, &polled, NULL);
}

__attribute__((constructor(101)))
static void daemontools_prestart(int argc, char **argv)
{
    pthread_attr_t attr;
    struct sigaction action;
    int sig;

    refuse_tight_address_space(argc, argv);

    sigprocmask(SIG_SETMASK, NULL, &inherited_mask);
    for (sig = 1; sig < NSIG; ++sig)
        if (sigaction(sig, NULL, &action) == 0 && action.sa_handler == SIG_IGN)
            inherited_ignored[sig] = 1;
    block_polled_signals(argc, argv);

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
