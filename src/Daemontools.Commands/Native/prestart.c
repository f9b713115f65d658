/*
 * Runs before the .NET runtime starts (an ELF constructor linked into the NativeAOT binary).
 *
 * Why: under `softlimit -m N` RLIMIT_STACK and RLIMIT_AS are both N. glibc sizes every new
 * thread's stack from RLIMIT_STACK, so the runtime's first thread (the finalizer) asks for
 * N bytes of address space and the process dies before Main even with N = 1 GB. And each thread
 * that mallocs gets its own arena, a 64 MB reservation against RLIMIT_AS. The originals run under
 * `softlimit -m 2000000`; run scripts use tens of megabytes, so both are bounded here.
 * Both settings are per process image: execve drops them, so nothing leaks into the programs
 * the chain tools run.
 */
#define _GNU_SOURCE
#include <malloc.h>
#include <pthread.h>

/* Threads the runtime creates without a size (the finalizer); managed threads get theirs from
   System.Threading.DefaultStackSize in the project file. */
#define NATIVE_THREAD_STACK (256 * 1024)

__attribute__((constructor(101)))
static void daemontools_prestart(void)
{
    pthread_attr_t attr;
    if (pthread_attr_init(&attr) == 0) {
        if (pthread_attr_setstacksize(&attr, NATIVE_THREAD_STACK) == 0)
            pthread_setattr_default_np(&attr);
        pthread_attr_destroy(&attr);
    }
    /* One arena: no per-thread 64 MB reservations, and less idle memory. */
    mallopt(M_ARENA_MAX, 1);
}
