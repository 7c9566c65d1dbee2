/* A minimal SIP responder for bench/sipp-pace.sh: answers every request on 127.0.0.1:PORT with a 200 OK that
 * copies the request's Via, From, To, Call-ID and CSeq lines (RFC 3261 §8.2.6.2), one recvfrom and one sendto per
 * datagram. It does no SIP work worth measuring: it is there so that SIPp's own pace can be seen without a server
 * that competes with it for the CPUs. Usage: responder PORT */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>

static int copied(const char *line) {
    static const char *names[] = {"Via:", "v:", "From:", "f:", "To:", "t:", "Call-ID:", "i:", "CSeq:"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        if (strncasecmp(line, names[i], strlen(names[i])) == 0) {
            return 1;
        }
    }
    return 0;
}

static int answer(const char *req, int len, char *out, int cap) {
    int n = snprintf(out, cap, "SIP/2.0 200 OK\r\n");
    const char *p = req, *end = req + len;
    while (p < end) {
        const char *nl = memchr(p, '\n', end - p);
        if (nl == NULL) {
            break;
        }
        int l = (int) (nl - p) + 1;
        if (l <= 2) {
            break; /* the empty line: end of the headers */
        }
        if (copied(p) && n + l < cap - 32) {
            memcpy(out + n, p, l);
            n += l;
        }
        p = nl + 1;
    }
    return n + snprintf(out + n, cap - n, "Content-Length: 0\r\n\r\n");
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: responder PORT\n");
        return 2;
    }
    int fd = socket(AF_INET, SOCK_DGRAM, 0), size = 4 << 20;
    setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof size);
    setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &size, sizeof size);
    struct sockaddr_in a = {0};
    a.sin_family = AF_INET;
    a.sin_port = htons((unsigned short) atoi(argv[1]));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(fd, (struct sockaddr *) &a, sizeof a) != 0) {
        perror("responder: bind");
        return 1;
    }
    static char in[65536], out[8192];
    for (;;) {
        struct sockaddr_in from;
        socklen_t fl = sizeof from;
        int n = (int) recvfrom(fd, in, sizeof in, 0, (struct sockaddr *) &from, &fl);
        if (n > 0 && strncmp(in, "SIP/", 4) != 0) {
            int m = answer(in, n, out, sizeof out);
            sendto(fd, out, m, 0, (struct sockaddr *) &from, fl);
        }
    }
}
