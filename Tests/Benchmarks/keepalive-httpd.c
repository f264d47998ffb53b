/* A tiny keep-alive HTTP/1.1 server for lb_bench.py: answers every request on a connection with
 * the same 200 response until the client closes it or sends "Connection: close". Bodies are not
 * read (wrk sends GETs). One epoll loop per process; `keepalive-httpd PORT [PROCESSES]`.
 * Build: gcc -O2 -static -o keepalive-httpd keepalive-httpd.c */
#define _GNU_SOURCE
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#define BUF 16384
static const char OK[] = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 6\r\n\r\nhello\n";
static const char OK_CLOSE[] = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 6\r\nConnection: close\r\n\r\nhello\n";

struct conn { int fd, len; char buf[BUF]; };

static int wants_close(const char *head, const char *end) {
    for (const char *p = head; p + 11 <= end; p++)
        if ((p == head || p[-1] == '\n') && !strncasecmp(p, "connection:", 11)) {
            const char *v = p + 11;
            while (v < end && (*v == ' ' || *v == '\t')) v++;
            return end - v >= 5 && !strncasecmp(v, "close", 5);
        }
    return 0;
}

/* Answers the complete requests in c->buf; returns 0 to keep the connection, -1 to close it. */
static int serve(struct conn *c) {
    for (;;) {
        int n = read(c->fd, c->buf + c->len, BUF - 1 - c->len);
        if (n == 0) return -1;
        if (n < 0) return errno == EAGAIN ? 0 : -1;
        c->len += n;
        c->buf[c->len] = 0;
        char *start = c->buf, *end;
        while ((end = strstr(start, "\r\n\r\n"))) {
            int close_it = wants_close(start, end);
            const char *r = close_it ? OK_CLOSE : OK;
            size_t rl = close_it ? sizeof OK_CLOSE - 1 : sizeof OK - 1;
            if (write(c->fd, r, rl) != (ssize_t)rl || close_it) return -1;
            start = end + 4;
        }
        c->len -= start - c->buf;
        memmove(c->buf, start, c->len);
        if (c->len >= BUF - 1) return -1; /* a header larger than the buffer */
    }
}

int main(int argc, char **argv) {
    int port = argc > 1 ? atoi(argv[1]) : 80, procs = argc > 2 ? atoi(argv[2]) : 1, one = 1;
    int ls = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(port), .sin_addr.s_addr = INADDR_ANY};
    setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (bind(ls, (struct sockaddr *)&a, sizeof a) || listen(ls, 4096)) return 1;
    for (int i = 1; i < procs; i++)
        if (fork() == 0) break;
    int ep = epoll_create1(0);
    struct epoll_event ev = {.events = EPOLLIN | EPOLLEXCLUSIVE, .data.ptr = NULL}, evs[64];
    epoll_ctl(ep, EPOLL_CTL_ADD, ls, &ev);
    for (;;) {
        int n = epoll_wait(ep, evs, 64, -1);
        for (int i = 0; i < n; i++) {
            struct conn *c = evs[i].data.ptr;
            if (!c) {
                int fd;
                while ((fd = accept4(ls, NULL, NULL, SOCK_NONBLOCK)) >= 0) {
                    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
                    c = calloc(1, sizeof *c);
                    c->fd = fd;
                    struct epoll_event ce = {.events = EPOLLIN, .data.ptr = c};
                    epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ce);
                }
            } else if (serve(c) < 0) {
                close(c->fd); /* also leaves the epoll set */
                free(c);
            }
        }
    }
}
