/*
 * supervise's start of ./run in a directory that uses no new feature, as 0.76's supervise starts
 * it: fork, and the parent goes on at once.
 *
 * posix_spawn (glibc's, like musl's) shares the parent's memory with the child and suspends the
 * parent until the child has called execve. The parent then wakes on the CPU the child is running
 * the new program on and, on this kernel's scheduler, waits there until the child first blocks:
 * measured with the sched tracepoints, supervise wrote "up" 0.9-1.5 ms after ./run had started,
 * where 0.76 writes it before its child has run at all. Here the parent returns the pid as soon
 * as the child exists, writes the status, and sleeps.
 *
 * The child runs in a copy of a multithreaded process, so it makes only async-signal-safe calls:
 * every signal to its default (execve resets handled ones itself; this undoes the ignored ones,
 * SIGPIPE above all), an empty mask, execve. When execve fails it writes errno to report_fd
 * (close-on-exec: a successful execve closes it unwritten) and exits 111, as 0.76's child does
 * after saying "unable to start"; the parent reads the errno when it reaps the child and words it.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

/* The pid, or -errno when fork failed. */
int daemontools_fork_exec(const char *path, char *const argv[], char *const envp[], int report_fd)
{
    sigset_t all, old;
    int error;
    pid_t pid;

    /* No handler of the runtime's may run in the child before the reset below. */
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    pid = fork();
    if (pid == 0) {
        struct sigaction action;
        sigset_t none;
        int sig;

        memset(&action, 0, sizeof action);
        action.sa_handler = SIG_DFL;
        for (sig = 1; sig < NSIG; ++sig) sigaction(sig, &action, NULL);
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, NULL);
        execve(path, argv, envp);
        error = errno;
        /* Nothing to do if even this fails: the parent then reports exit 111 alone. */
        (void)!write(report_fd, &error, sizeof error);
        _exit(111);
    }
    error = errno;
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    return pid < 0 ? -error : pid;
}
