/*
 * svscan reads SIGHUP, SIGINT, SIGTERM and SIGCHLD from a signalfd (ScanLoop) instead of through
 * the runtime's handler thread, which allocates for every signal and wakes thread-pool threads:
 * 20,000 rescans grew svscan by megabytes. A signal sent to the process goes to any thread that
 * does not block it, so every thread must block them, including the runtime's finalizer thread,
 * which exists before Main. They are blocked here, before the runtime starts, and every thread
 * inherits the mask. Children get an empty mask from posix_spawn; execve drops all of this.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <string.h>

static int runs_as_svscan(int argc, char **argv)
{
    const char *name = argc > 0 && argv[0] ? argv[0] : "";
    const char *slash = strrchr(name, '/');
    if (slash) name = slash + 1;
    if (strcmp(name, "daemontools") == 0 && argc > 1 && argv[1]) name = argv[1];
    return strcmp(name, "svscan") == 0;
}

__attribute__((constructor(102)))
static void daemontools_block_scan_signals(int argc, char **argv)
{
    sigset_t scan;

    if (!runs_as_svscan(argc, argv)) return;
    sigemptyset(&scan);
    sigaddset(&scan, SIGHUP);
    sigaddset(&scan, SIGINT);
    sigaddset(&scan, SIGTERM);
    sigaddset(&scan, SIGCHLD);
    sigprocmask(SIG_BLOCK, &scan, NULL);
}
