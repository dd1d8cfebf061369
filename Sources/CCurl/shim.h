#ifndef VIGIL_CCURL_SHIM_H
#define VIGIL_CCURL_SHIM_H
#include <curl/curl.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <string.h>

// curl_easy_setopt, curl_easy_getinfo and curl_multi_setopt are C variadics, which Swift cannot call.
// One typed wrapper per argument type.

static inline CURLcode vigil_easy_setopt_long(CURL *h, CURLoption o, long v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode vigil_easy_setopt_string(CURL *h, CURLoption o, const char *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode vigil_easy_setopt_pointer(CURL *h, CURLoption o, void *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode vigil_easy_setopt_slist(CURL *h, CURLoption o, struct curl_slist *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode vigil_easy_setopt_off_t(CURL *h, CURLoption o, curl_off_t v) { return curl_easy_setopt(h, o, v); }

typedef size_t (*vigil_data_callback)(char *ptr, size_t size, size_t nmemb, void *userdata);
static inline CURLcode vigil_easy_setopt_data_callback(CURL *h, CURLoption o, vigil_data_callback cb) {
    return curl_easy_setopt(h, o, cb);
}
typedef curl_socket_t (*vigil_opensocket_callback)(void *clientp, curlsocktype purpose, struct curl_sockaddr *address);
static inline CURLcode vigil_easy_setopt_opensocket(CURL *h, vigil_opensocket_callback cb) {
    return curl_easy_setopt(h, CURLOPT_OPENSOCKETFUNCTION, cb);
}
typedef int (*vigil_prereq_callback)(void *clientp, char *conn_primary_ip, char *conn_local_ip, int conn_primary_port,
                                     int conn_local_port);
static inline CURLcode vigil_easy_setopt_prereq(CURL *h, vigil_prereq_callback cb) {
    return curl_easy_setopt(h, CURLOPT_PREREQFUNCTION, cb);
}
typedef int (*vigil_xferinfo_callback)(void *clientp, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal, curl_off_t ulnow);
static inline CURLcode vigil_easy_setopt_xferinfo(CURL *h, vigil_xferinfo_callback cb) {
    return curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, cb);
}

static inline CURLcode vigil_easy_getinfo_long(CURL *h, CURLINFO i, long *v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode vigil_easy_getinfo_string(CURL *h, CURLINFO i, char **v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode vigil_easy_getinfo_pointer(CURL *h, CURLINFO i, void **v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode vigil_easy_getinfo_double(CURL *h, CURLINFO i, double *v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode vigil_easy_getinfo_off_t(CURL *h, CURLINFO i, curl_off_t *v) { return curl_easy_getinfo(h, i, v); }

static inline CURLMcode vigil_multi_setopt_long(CURLM *m, CURLMoption o, long v) { return curl_multi_setopt(m, o, v); }

/// Field access for CURLMsg (its `data` member is a union Swift imports awkwardly).
static inline CURLcode vigil_msg_result(CURLMsg *msg) { return msg->data.result; }

/// curl_global_init with CURL_GLOBAL_DEFAULT (a macro built from other macros, which Swift does not import).
static inline CURLcode vigil_global_init_default(void) { return curl_global_init(CURL_GLOBAL_DEFAULT); }

/// Copies the IP address that libcurl is about to connect to into `out` (network byte order) and returns its length:
/// 4 for IPv4, 16 for IPv6, 0 for any other family. libcurl stores a whole sockaddr_storage at `addr`, so reading
/// a sockaddr_in6 from it is valid when the family says so.
static inline int vigil_curl_sockaddr_ip(const struct curl_sockaddr *a, unsigned char out[16]) {
    if (a->family == AF_INET && a->addrlen >= sizeof(struct sockaddr_in)) {
        const struct sockaddr_in *in4 = (const struct sockaddr_in *)(const void *)&a->addr;
        memcpy(out, &in4->sin_addr, 4);
        return 4;
    }
    if (a->family == AF_INET6 && a->addrlen >= sizeof(struct sockaddr_in6)) {
        const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)(const void *)&a->addr;
        memcpy(out, &in6->sin6_addr, 16);
        return 16;
    }
    return 0;
}

/// Opens the socket libcurl asked for, close-on-exec, as libcurl's own default would (plus CLOEXEC).
static inline curl_socket_t vigil_open_socket(const struct curl_sockaddr *a) {
    return socket(a->family, a->socktype | SOCK_CLOEXEC, a->protocol);
}

/// CURL_SOCKET_BAD as a typed value.
static inline curl_socket_t vigil_socket_bad(void) { return CURL_SOCKET_BAD; }

#endif
