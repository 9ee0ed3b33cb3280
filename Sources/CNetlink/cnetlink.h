// Kernel uapi headers for rtnetlink, plus static inline helpers for the macros Swift cannot import.
// Header-only on purpose: no C target, nothing out of line. Never include <linux/if.h>: its
// enum net_device_flags shadows glibc's IFF_* constants.
#ifndef CNETLINK_H
#define CNETLINK_H

#include <sys/socket.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/if_link.h>
#include <linux/if_addr.h>
#include <linux/fib_rules.h>
#include <linux/netconf.h>

#endif
