/*
 * daemontools-getpwnam NAME: the account lookup of the statically linked daemontools binary,
 * for accounts its in-process /etc/passwd reading cannot answer (not in the file, or an
 * nsswitch.conf that does not consult files first: LDAP, sssd, systemd's dynamic users).
 * A static executable cannot load NSS modules, so this small program is linked dynamically
 * and calls the real getpwnam.
 *
 * Writes name, uid, gid, home and shell, each followed by a NUL, and exits 0; exits 1 with no
 * output when there is no such account (or NSS cannot say, which getpwnam does not tell apart
 * for the original either), 100 on a usage error.
 */
#include <pwd.h>
#include <stdio.h>

int main(int argc, char **argv)
{
    struct passwd *pw;

    if (argc != 2) {
        fputs("daemontools-getpwnam: usage: daemontools-getpwnam account\n", stderr);
        return 100;
    }
    pw = getpwnam(argv[1]);
    if (!pw) return 1;
    printf("%s%c%u%c%u%c%s%c%s%c", pw->pw_name, 0, (unsigned)pw->pw_uid, 0, (unsigned)pw->pw_gid, 0,
           pw->pw_dir ? pw->pw_dir : "", 0, pw->pw_shell ? pw->pw_shell : "", 0);
    return fflush(stdout) == 0 ? 0 : 111;
}
