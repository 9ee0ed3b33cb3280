// Kernel uapi headers for rtnetlink, plus static inline helpers for the macros Swift cannot import.
// Header-only on purpose: no C target, nothing out of line. Never include <linux/if.h>: its
// enum net_device_flags shadows glibc's IFF_* constants.
//
// The helpers work on byte counts, not pointers: PodRouteNetlink parses with byte offsets over
// UnsafeRawBufferPointer and unaligned loads, so the pointer forms (NLMSG_NEXT, RTA_DATA...) are not needed.
#ifndef CNETLINK_H
#define CNETLINK_H

#include <sched.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/if_link.h>
#include <linux/if_addr.h>
#include <linux/fib_rules.h>
#include <linux/netconf.h>
#include <linux/neighbour.h>  // ndmsg, NDA_*, NUD_*, NTF_*: RTM_GETNEIGH (ip neigh, bridge fdb)
#include <linux/net_namespace.h>  // NETNSA_*: RTM_GETNSID (link-netns names)
#include <linux/sched.h>   // CLONE_NEWNET: glibc defines it only with _GNU_SOURCE

// MARK: - Layouts PodRouteNetlink reads or writes (x86_64 and aarch64 alike).

_Static_assert(sizeof(struct nlmsghdr) == 16, "nlmsghdr");
_Static_assert(sizeof(struct nlmsgerr) == 20, "nlmsgerr");
_Static_assert(sizeof(struct nlattr) == 4, "nlattr");
_Static_assert(sizeof(struct rtattr) == 4, "rtattr");
_Static_assert(sizeof(struct sockaddr_nl) == 12, "sockaddr_nl");
_Static_assert(sizeof(struct rtgenmsg) == 1, "rtgenmsg");
_Static_assert(sizeof(struct rtmsg) == 12, "rtmsg");
_Static_assert(sizeof(struct rtnexthop) == 8, "rtnexthop");
_Static_assert(sizeof(struct ifinfomsg) == 16, "ifinfomsg");
_Static_assert(sizeof(struct ifaddrmsg) == 8, "ifaddrmsg");
_Static_assert(sizeof(struct ndmsg) == 12 && offsetof(struct ndmsg, ndm_state) == 8, "ndmsg");
_Static_assert(sizeof(struct fib_rule_hdr) == 12, "fib_rule_hdr");
// netconfmsg is a lone u8 in the uapi header; on the wire it takes NLMSG_ALIGN(1) = 4 bytes.
_Static_assert(sizeof(struct netconfmsg) == 1 && NLMSG_ALIGN(sizeof(struct netconfmsg)) == 4, "netconfmsg");
_Static_assert(sizeof(struct rtnl_link_stats64) == 200, "rtnl_link_stats64");
_Static_assert(sizeof(struct rta_cacheinfo) == 32 && offsetof(struct rta_cacheinfo, rta_expires) == 8, "rta_cacheinfo");
_Static_assert(sizeof(struct ifa_cacheinfo) == 16, "ifa_cacheinfo");
_Static_assert(sizeof(struct fib_rule_uid_range) == 8 && sizeof(struct fib_rule_port_range) == 4, "fib_rule ranges");
_Static_assert(sizeof(struct ifla_bridge_id) == 8, "ifla_bridge_id");
_Static_assert(_Alignof(struct nlmsghdr) == 4, "nlmsghdr alignment");
_Static_assert(_Alignof(struct rtattr) == 2, "rtattr alignment");

// MARK: - Namespaces

// setns(2) is a GNU extension: glibc declares it only under _GNU_SOURCE, which Swift's Glibc module is
// built without. Defining _GNU_SOURCE here does not work: this header would then see other glibc
// layouts (fd_set's fds_bits) than the SwiftGlibc module, and Clang rejects the mismatch. So declare
// it as glibc does (bits/sched.h).
extern int setns(int __fd, int __nstype);

/// setns(fd, CLONE_NEWNET): moves the calling thread (only) into the network namespace behind `fd`.
static inline int cnl_setns_net(int fd) { return setns(fd, CLONE_NEWNET); }

// MARK: - NLMSG_* (netlink message header and 4-byte alignment)

static inline uint32_t cnl_nlmsg_align(uint32_t len) { return NLMSG_ALIGN(len); }
static inline uint32_t cnl_nlmsg_hdrlen(void) { return NLMSG_HDRLEN; }
static inline uint32_t cnl_nlmsg_length(uint32_t len) { return NLMSG_LENGTH(len); }
static inline uint32_t cnl_nlmsg_space(uint32_t len) { return NLMSG_SPACE(len); }

// MARK: - RTA_* / NLA_* (attribute header, alignment, type bits)

static inline uint32_t cnl_rta_align(uint32_t len) { return RTA_ALIGN(len); }
static inline uint32_t cnl_rta_length(uint32_t len) { return RTA_LENGTH(len); }
static inline uint32_t cnl_rta_space(uint32_t len) { return RTA_SPACE(len); }
static inline uint16_t cnl_nla_hdrlen(void) { return NLA_HDRLEN; }
/// NLA_TYPE_MASK is `~(NLA_F_NESTED | NLA_F_NET_BYTEORDER)`: Swift does not import macros using `~`.
static inline uint16_t cnl_nla_type_mask(void) { return (uint16_t)NLA_TYPE_MASK; }
static inline uint16_t cnl_nla_f_nested(void) { return (uint16_t)NLA_F_NESTED; }
static inline uint16_t cnl_nla_f_net_byteorder(void) { return (uint16_t)NLA_F_NET_BYTEORDER; }

// MARK: - RTNH_* (RTA_MULTIPATH next hops: rtnexthop followed by its own attributes)

static inline uint32_t cnl_rtnh_align(uint32_t len) { return RTNH_ALIGN(len); }
static inline uint32_t cnl_rtnh_length(uint32_t len) { return RTNH_LENGTH(len); }

#endif
