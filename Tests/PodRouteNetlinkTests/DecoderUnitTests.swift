import CNetlink
import PodRouteCore
import PodRouteNetlink
import Testing

/// Messages built byte by byte, decoded without a kernel: layouts and edge cases a namespace
/// cannot force (unaligned 64-bit payloads, sentinel values, device names not yet known).
struct DecoderUnitTests {
    /// An `nlmsghdr` in front of a request's payload: the bytes the kernel would send.
    static func message(_ request: NetlinkRequest) throws -> NetlinkReply {
        var bytes: [UInt8] = []
        let header = nlmsghdr(nlmsg_len: UInt32(16 + request.payload.count), nlmsg_type: request.type.rawValue,
                              nlmsg_flags: UInt16(NLM_F_MULTI), nlmsg_seq: 1, nlmsg_pid: 0)
        withUnsafeBytes(of: header) { bytes.append(contentsOf: $0) }
        bytes += request.payload
        return try #require(NetlinkReply(bytes: bytes))
    }

    @Test("IFLA_STATS64 at an offset that is 4 mod 8 decodes with unaligned loads")
    func unalignedStats() throws {
        var header = ifinfomsg()
        header.ifi_index = 7
        header.ifi_type = 1
        var request = NetlinkRequest(.newLink, header: header)
        request.append(UInt16(IFLA_IFNAME), string: "eth0")        // 12 bytes
        request.append(0, bytes: [UInt8]())                        // 4 bytes: stats payload lands on 4 mod 8
        var counters = (0..<24).map { UInt64($0) * 1_000_000_007 }
        counters[0] = 0x0102_0304_0506_0708
        request.append(UInt16(IFLA_STATS64), bytes: counters.flatMap { value in withUnsafeBytes(of: value) { Array($0) } })
        let reply = try Self.message(request)
        let offset = try reply.withMessage { message in
            try #require(message.attributes(after: ifinfomsg.self).first(UInt16(IFLA_STATS64))).payload.baseAddress
        }
        #expect(offset.map { Int(bitPattern: $0) % 8 } == 4)
        let link = try #require(try reply.withMessage { message throws(NetlinkError) in try LinkDecoder.decode(message) })
        #expect(link.link.name == "eth0" && link.link.index == InterfaceIndex(7))
        #expect(link.link.stats?.rxPackets == 0x0102_0304_0506_0708)
        #expect(link.link.stats?.rxNoHandler == 23 * 1_000_000_007)
    }

    @Test("a multipath route in table 1000 with locked metrics, a congestion algorithm and an expiry")
    func multipathRoute() throws {
        var header = rtmsg()
        header.rtm_family = 2
        header.rtm_dst_len = 16
        header.rtm_table = 252  // RT_TABLE_COMPAT: the real table is in RTA_TABLE
        header.rtm_protocol = 80
        header.rtm_type = 1
        var request = NetlinkRequest(.newRoute, header: header)
        request.append(UInt16(RTA_TABLE.rawValue), UInt32(1000))
        request.append(UInt16(RTA_DST.rawValue), bytes: [10, 50, 0, 0])
        var hops: [UInt8] = []
        for (gateway, weight, flags) in [(UInt8(1), UInt8(1), UInt8(0)), (UInt8(2), UInt8(3), UInt8(4))] {
            let hop = rtnexthop(rtnh_len: 16, rtnh_flags: flags, rtnh_hops: weight - 1, rtnh_ifindex: 3)
            withUnsafeBytes(of: hop) { hops.append(contentsOf: $0) }
            hops += [8, 0, UInt8(RTA_GATEWAY.rawValue), 0, 10, 20, 1, gateway]
        }
        request.append(UInt16(RTA_MULTIPATH.rawValue), bytes: hops)
        request.appendNested(UInt16(RTA_METRICS.rawValue)) { metrics in
            metrics.append(UInt16(RTAX_LOCK), UInt32(1 << RTAX_MTU))
            metrics.append(UInt16(RTAX_MTU), UInt32(1400))
            metrics.append(UInt16(RTAX_CC_ALGO), string: "bbr")
        }
        var cacheinfo = rta_cacheinfo()
        cacheinfo.rta_expires = 29_950  // clock ticks: 299.5 s, printed as 299
        request.append(UInt16(RTA_CACHEINFO.rawValue), bytes: withUnsafeBytes(of: cacheinfo) { Array($0) })
        let reply = try Self.message(request)
        let route = try #require(try reply.withMessage { message throws(NetlinkError) in try RouteDecoder.decode(message) })
        #expect(route.table == RouteTableID(1000))
        #expect(route.destination == (try IPPrefix.parse("10.50.0.0/16")))
        #expect(route.proto == .felix)
        #expect(route.nexthops.map(\.weight) == [1, 3])
        #expect(route.nexthops.map(\.gateway) == [IPAddress("10.20.1.1"), IPAddress("10.20.1.2")])
        #expect(route.nexthops[1].flags == .onlink)
        #expect(route.metrics.mtu == 1400 && route.metrics.locked == 1 << 2 && route.metrics.congestionControl == "bbr")
        #expect(route.expires == 299)
        var store = RouteStore()
        #expect(try reply.withMessage { message throws(NetlinkError) in try RouteDecoder.decode(message, into: &store) })
        #expect(Array(store) == [route])
    }

    @Test("a cloned cache entry is skipped for dumps and kept for route get")
    func clonedRoutes() throws {
        var header = rtmsg()
        header.rtm_family = 2
        header.rtm_flags = UInt32(RTM_F_CLONED)
        var request = NetlinkRequest(.newRoute, header: header)
        request.append(UInt16(RTA_OIF.rawValue), Int32(2))
        let reply = try Self.message(request)
        #expect(try reply.withMessage { message throws(NetlinkError) in try RouteDecoder.decode(message) } == nil)
        #expect(try reply.withMessage { message throws(NetlinkError) in try RouteDecoder.decode(message, cloned: .include) }?.device
            == InterfaceIndex(2))
    }

    @Test("netconf: NETCONFA_IFINDEX_ALL and _DEFAULT become scopes; rp_filter 2 is loose")
    func netconfScopes() throws {
        for (index, scope) in [(NETCONFA_IFINDEX_ALL, ForwardingConfig.Scope.all), (NETCONFA_IFINDEX_DEFAULT, .defaults),
                               (Int32(4), .interface(InterfaceIndex(4)))] {
            var request = NetlinkRequest(.newNetconf, header: netconfmsg(ncm_family: 2))
            request.append(UInt16(NETCONFA_IFINDEX), index)
            request.append(UInt16(NETCONFA_FORWARDING), Int32(1))
            request.append(UInt16(NETCONFA_RP_FILTER), Int32(2))
            request.append(UInt16(NETCONFA_PROXY_NEIGH), Int32(0))
            let config = try #require(try Self.message(request).withMessage { message throws(NetlinkError) in
                try NetconfDecoder.decode(message)
            })
            #expect(config.scope == scope && config.family == .inet)
            #expect(config.forwarding == true && config.reversePathFilter == .loose && config.proxyNeighbour == false)
            #expect(config.multicastForwarding == nil)
        }
    }

    @Test("rules: FRA_TABLE beats the header, -1 suppress values mean unset, flags become booleans")
    func ruleSentinels() throws {
        var header = fib_rule_hdr()
        header.family = 2
        header.table = 252
        header.action = 1
        header.flags = 0x2 | 0x8  // FIB_RULE_INVERT | FIB_RULE_IIF_DETACHED
        header.src_len = 16
        var request = NetlinkRequest(.newRule, header: header)
        request.append(UInt16(FRA_TABLE), UInt32(1000))
        request.append(UInt16(FRA_PRIORITY), UInt32(101))
        request.append(UInt16(FRA_SRC), bytes: [10, 1, 0, 0])
        request.append(UInt16(FRA_SUPPRESS_PREFIXLEN), UInt32.max)
        request.append(UInt16(FRA_SUPPRESS_IFGROUP), UInt32.max)
        request.append(UInt16(FRA_IIFNAME), string: "gone0")
        request.append(UInt16(FRA_SPORT_RANGE), bytes: withUnsafeBytes(of: fib_rule_port_range(start: 1000, end: 2000)) { Array($0) })
        let rule = try #require(try Self.message(request).withMessage { message throws(NetlinkError) in try RuleDecoder.decode(message) })
        #expect(rule.table == RouteTableID(1000) && rule.priority == 101 && rule.action == .lookup)
        #expect(rule.source == (try IPPrefix.parse("10.1.0.0/16")))
        #expect(rule.suppressPrefixLength == nil && rule.suppressInterfaceGroup == nil)
        #expect(rule.invert && rule.inputInterfaceDetached && !rule.outputInterfaceDetached)
        #expect(rule.inputInterface == "gone0" && rule.sourcePorts == 1000...2000)
    }

    @Test("vxlan `link` is a device name resolved after the dump; `if<N>` when unknown, as ll_index_to_name prints")
    func deviceReferencesResolveLater() throws {
        var header = ifinfomsg()
        header.ifi_index = 9
        var request = NetlinkRequest(.newLink, header: header)
        request.append(UInt16(IFLA_IFNAME), string: "vxlan.calico")
        request.appendNested(UInt16(IFLA_LINKINFO)) { info in
            info.append(UInt16(IFLA_INFO_KIND), string: "vxlan")
            info.appendNested(UInt16(IFLA_INFO_DATA)) { data in
                data.append(UInt16(IFLA_VXLAN_ID), UInt32(4096))
                data.append(UInt16(IFLA_VXLAN_LINK), UInt32(2))
                data.append(UInt16(IFLA_VXLAN_PORT), UInt16(4789).bigEndian)
                data.append(UInt16(IFLA_VXLAN_TOS), UInt8(0x10))
                data.append(UInt16(IFLA_VXLAN_LABEL), UInt32(0x12345).bigEndian)
            }
        }
        let decoded = try #require(try Self.message(request).withMessage { message throws(NetlinkError) in try LinkDecoder.decode(message) })
        #expect(decoded.resolved(names: [InterfaceIndex(2): "eth0"]).kindData["link"] == .string("eth0"))
        let unresolved = decoded.resolved(names: [:]).kindData
        #expect(unresolved["link"] == .string("if2"))
        #expect(unresolved["id"] == .int(4096) && unresolved["port"] == .int(4789))
        #expect(unresolved["tos"] == .string("0x10") && unresolved["label"] == .string("0x12345"))
        #expect(unresolved["ttl"] == .int(0), "ttl is always printed in JSON")
        #expect(unresolved.keys == ["id", "link", "port", "tos", "ttl", "label"], "iproute2's print order")
    }

    @Test("bridge ids print like ether_ntoa (no zero padding) and timers as seconds with two decimals")
    func bridgeFormatting() throws {
        var header = ifinfomsg()
        header.ifi_index = 5
        var request = NetlinkRequest(.newLink, header: header)
        request.append(UInt16(IFLA_IFNAME), string: "br0")
        request.appendNested(UInt16(IFLA_LINKINFO)) { info in
            info.append(UInt16(IFLA_INFO_KIND), string: "bridge")
            info.appendNested(UInt16(IFLA_INFO_DATA)) { data in
                data.append(UInt16(IFLA_BR_HELLO_TIMER), UInt64(6))
                data.append(UInt16(IFLA_BR_GC_TIMER), UInt64(200))
                data.append(UInt16(IFLA_BR_BRIDGE_ID), bytes: [0x80, 0x00, 0xf2, 0x93, 0x0c, 0x6a, 0x7e, 0xba])
                data.append(UInt16(IFLA_BR_GROUP_FWD_MASK), UInt16(0))
                data.append(UInt16(IFLA_BR_FORWARD_DELAY), UInt32(1500))
            }
        }
        let data = try #require(try Self.message(request).withMessage { message throws(NetlinkError) in
            try LinkDecoder.decode(message)
        }).link.kindData
        #expect(data["bridge_id"] == .string("8000.f2:93:c:6a:7e:ba"))
        #expect(data["hello_timer"] == .double(0.06))
        #expect(data["gc_timer"] == .int(2), "`2.00` as PodRouteCore's JSON reader reads it")
        #expect(data["group_fwd_mask"] == .string("0"))
        #expect(data.keys == ["forward_delay", "bridge_id", "hello_timer", "gc_timer", "group_fwd_mask"])
    }

    @Test("Calico's tunl0 (ipip, no endpoints) decodes as iproute2 6.1's source prints it (not creatable here)")
    func ipipTunnel() throws {
        var header = ifinfomsg()
        header.ifi_index = 2
        header.ifi_type = 768
        var request = NetlinkRequest(.newLink, header: header)
        request.append(UInt16(IFLA_IFNAME), string: "tunl0")
        request.append(UInt16(IFLA_LINK), Int32(0))
        request.appendNested(UInt16(IFLA_LINKINFO)) { info in
            info.append(UInt16(IFLA_INFO_KIND), string: "ipip")
            info.appendNested(UInt16(IFLA_INFO_DATA)) { data in
                data.append(1, UInt32(0))                     // IFLA_IPTUN_LINK
                data.append(2, bytes: [0, 0, 0, 0])          // IFLA_IPTUN_LOCAL
                data.append(3, bytes: [0, 0, 0, 0])          // IFLA_IPTUN_REMOTE
                data.append(4, UInt8(0))                      // IFLA_IPTUN_TTL
                data.append(5, UInt8(0))                      // IFLA_IPTUN_TOS
                data.append(9, UInt8(4))                      // IFLA_IPTUN_PROTO: IPPROTO_IPIP
                data.append(10, UInt8(1))                     // IFLA_IPTUN_PMTUDISC
            }
        }
        let link = try #require(try Self.message(request).withMessage { message throws(NetlinkError) in
            try LinkDecoder.decode(message)
        }).link
        #expect(link.parent == InterfaceIndex(0), "IFLA_LINK 0 is kept: ip prints tunl0@NONE")
        #expect(link.linkType == .ipip)
        #expect(link.kindData == JSONObject([("proto", .string("ipip")), ("remote", .string("any")), ("local", .string("any")),
                                             ("ttl", .int(0)), ("pmtudisc", .bool(true))]))
    }

    @Test("an 802.1Q vlan decodes as iproute2 6.1's source prints it (no 8021q module here to check against)")
    func vlanData() throws {
        var header = ifinfomsg()
        header.ifi_index = 12
        var request = NetlinkRequest(.newLink, header: header)
        request.append(UInt16(IFLA_IFNAME), string: "eth0.10")
        request.appendNested(UInt16(IFLA_LINKINFO)) { info in
            info.append(UInt16(IFLA_INFO_KIND), string: "vlan")
            info.appendNested(UInt16(IFLA_INFO_DATA)) { data in
                data.append(UInt16(IFLA_VLAN_PROTOCOL), UInt16(0x8100).bigEndian)
                data.append(UInt16(IFLA_VLAN_ID), UInt16(10))
                data.append(UInt16(IFLA_VLAN_FLAGS), bytes: withUnsafeBytes(of: (UInt32(1), UInt32.max)) { Array($0) })
                data.appendNested(UInt16(IFLA_VLAN_EGRESS_QOS)) { maps in
                    maps.append(UInt16(IFLA_VLAN_QOS_MAPPING), bytes: withUnsafeBytes(of: (UInt32(1), UInt32(5))) { Array($0) })
                }
            }
        }
        let data = try #require(try Self.message(request).withMessage { message throws(NetlinkError) in
            try LinkDecoder.decode(message)
        }).link.kindData
        #expect(data["protocol"] == .string("802.1Q") && data["id"] == .int(10))
        #expect(data["flags"] == .array([.string("REORDER_HDR")]))
        #expect(data["egress_qos"] == .array([.object(JSONObject([("from", .int(1)), ("to", .int(5))]))]))
        #expect(data["ingress_qos"] == nil)
    }

    @Test("messages too short for their fixed header are errors, other types are skipped")
    func shortMessages() throws {
        for type in [NetlinkMessageType.newLink, .newAddress, .newRoute, .newRule] {
            let reply = try Self.message(NetlinkRequest(type, header: UInt16(0)))
            #expect(throws: NetlinkError.self) {
                // An untyped closure: a typed-throws closure returning Void here crashes Swift 6.3.1's IRGen.
                try reply.withMessage { message in
                    _ = try LinkDecoder.decode(message)
                    _ = try AddressDecoder.decode(message)
                    _ = try RouteDecoder.decode(message)
                    _ = try RuleDecoder.decode(message)
                }
            }
        }
        let other = try Self.message(NetlinkRequest(.newNeighbour, header: ifinfomsg()))
        #expect(try other.withMessage { message throws(NetlinkError) in try RouteDecoder.decode(message) } == nil)
        #expect(try other.withMessage { message throws(NetlinkError) in try LinkDecoder.decode(message) } == nil)
    }
}
