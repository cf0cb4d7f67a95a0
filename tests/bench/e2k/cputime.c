/* cputime PROGRAM [ARGS...]: run PROGRAM, print its CPU time (user +
   system, in nanoseconds) on stdout and exit with its exit status (128+N
   when a signal N killed it).  Used by tests/bench/e2k.sh, which would
   otherwise have to time with the shell's coarse or wall-clock tools. */
#include <stdio.h>
#include <stdlib.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/wait.h>

int main(int argc, char **argv)
{
    struct rusage ru;
    int status;
    pid_t pid;

    if (argc < 2) {
        fprintf(stderr, "usage: cputime PROGRAM [ARGS...]\n");
        return 125;
    }
    pid = fork();
    if (pid < 0) {
        perror("fork");
        return 125;
    }
    if (pid == 0) {
        /* our stdout carries the measurement */
        int null = open("/dev/null", O_WRONLY);

        if (null >= 0) {
            dup2(null, 1);
        }
        execvp(argv[1], argv + 1);
        perror(argv[1]);
        _exit(127);
    }
    if (wait4(pid, &status, 0, &ru) < 0) {
        perror("wait4");
        return 125;
    }
    printf("%lld\n",
           (long long)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000000000LL +
           (long long)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) * 1000LL);
    if (WIFSIGNALED(status)) {
        return 128 + WTERMSIG(status);
    }
    return WEXITSTATUS(status);
}
