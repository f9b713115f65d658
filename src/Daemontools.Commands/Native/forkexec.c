/*
 * How supervise starts a plain ./run and svscan starts supervise, as 0.76 starts them: fork, and
 * the parent goes on at once.
 *
 * posix_spawn (glibc's, like musl's) shares the parent's memory with the child and suspends the
 * parent until the child has called execve. The parent then wakes on the CPU the child is running
 * the new program on and, on this kernel's scheduler, waits there until the child first blocks.
 * Measured with the sched tracepoints: supervise wrote "up" 0.9-1.5 ms after ./run had started,
 * where 0.76 writes it before its child has run at all, and svscan waited behind every supervise
 * it started (1000 services up in twice Debian's time). Here the parent has the pid as soon as the
 * child exists.
 *
 * The child runs in a copy of a multithreaded process, so it makes only async-signal-safe calls
 * (execvpe searches PATH without allocating): every signal to its default unless keep_signals
 * (execve resets handled ones itself; this undoes the ignored ones, SIGPIPE above all), an empty
 * mask, a new session when asked, the working directory, the descriptor moves (a move onto itself
 * only clears close-on-exec), then execve. When any step fails it writes its pid and errno to
 * report_fd (close-on-exec, shared by every child) and exits 111, as 0.76's children exit after
 * saying "unable to start"; the parent reads the record when it reaps the child and words it.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

struct failure {
    int pid;
    int error;
};

static void fail(int report_fd)
{
    struct failure record = { getpid(), errno };
    /* One write of 8 bytes is atomic on a pipe; if even it fails, exit 111 is all there is. */
    (void)!write(report_fd, &record, sizeof record);
    _exit(111);
}

static void become(const char *path, char *const argv[], char *const envp[], int search, const char *directory,
                   const int *moves, int move_count, int new_session, int keep_signals, int report_fd)
{
    int i;

    if (!keep_signals) {
        struct sigaction action;
        sigset_t none;
        int sig;

        memset(&action, 0, sizeof action);
        action.sa_handler = SIG_DFL;
        for (sig = 1; sig < NSIG; ++sig) sigaction(sig, &action, NULL);
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, NULL);
    }
    if (new_session && setsid() < 0) fail(report_fd);
    if (directory && chdir(directory) < 0) fail(report_fd);
    for (i = 0; i < move_count; ++i) {
        int from = moves[2 * i], to = moves[2 * i + 1];
        if (from == to ? fcntl(from, F_SETFD, 0) < 0 : dup2(from, to) < 0) fail(report_fd);
    }
    if (search) execvpe(path, argv, envp);
    else execve(path, argv, envp);
    fail(report_fd);
}

/* The pid, or -errno when fork failed. moves holds move_count (from, to) pairs. */
int daemontools_fork_exec(const char *path, char *const argv[], char *const envp[], int search, const char *directory,
                          const int *moves, int move_count, int new_session, int keep_signals, int report_fd)
{
    sigset_t all, old;
    int error;
    pid_t pid;

    /* No handler of the runtime's may run in the child before its signals are reset. */
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    pid = fork();
    if (pid == 0) {
        if (keep_signals) sigprocmask(SIG_SETMASK, &old, NULL);
        become(path, argv, envp, search, directory, moves, move_count, new_session, keep_signals, report_fd);
    }
    error = errno;
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    return pid < 0 ? -error : pid;
}
