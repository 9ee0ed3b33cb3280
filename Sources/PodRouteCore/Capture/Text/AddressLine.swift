/// An address line of `ip addr` (iproute2 or BusyBox): `inet 10.20.1.22/24 brd 10.20.1.255
/// scope global noprefixroute ens192`, `inet 10.9.9.1 peer 10.9.9.2/32 scope global mv0`,
/// `inet6 fe80::1/64 scope link`. iproute2 prints `dynamic` for an address without
/// IFA_F_PERMANENT, so the absence of `dynamic` means permanent; an IPv6 secondary address
/// is printed as `temporary`; BusyBox prints leftover flag bits as `flags 80`.
struct AddressLine {
    var address: InterfaceAddress
    /// The last word of an IPv4 line (`eth0`, `eth0:1`).
    var label: String?

    init?(_ words: [Substring], names: NameTables) {
        guard words.count >= 2, words[0] == "inet" || words[0] == "inet6",
              let (local, localLength) = Self.addressAndLength(words[1]) else { return nil }
        let family: AddressFamily = words[0] == "inet" ? .inet : .inet6
        guard local.family == family else { return nil }
        var address = InterfaceAddress(interface: InterfaceIndex(0), local: local,
                                       prefixLength: localLength ?? family.bitWidth)
        var flags: AddressFlags = []
        var dynamic = false
        var position = 2
        var unknownAt: Int?
        while position < words.count {
            let word = words[position]
            let value: Substring? = position + 1 < words.count ? words[position + 1] : nil
            position += 1
            switch word {
            case "peer":
                if let value, let (peer, length) = Self.addressAndLength(value) {
                    address.peer = peer
                    address.prefixLength = length ?? family.bitWidth
                }
                position += 1
            case "brd": address.broadcast = value.flatMap { IPAddress($0) }; position += 1
            case "any": address.anycast = value.flatMap { IPAddress($0) }; position += 1
            case "scope": address.scope = value.flatMap { names.scope($0) } ?? .universe; position += 1
            case "metric", "proto": position += 1  // IFA_RT_PRIORITY, IFA_PROTO: not modelled
            case "flags": flags.formUnion(AddressFlags(rawValue: value.flatMap { UInt32($0, radix: 16) } ?? 0)); position += 1
            case "dynamic": dynamic = true
            case "temporary": flags.insert(.secondary)
            default:
                if let flag = AddressFlags.printed.first(where: { $0.1 == word }) { flags.insert(flag.0) }
                else { unknownAt = position - 1 }
            }
        }
        if !dynamic { flags.insert(.permanent) }
        address.flags = flags
        self.address = address
        if family == .inet, let unknownAt, unknownAt == words.count - 1 { label = String(words[unknownAt]) }
    }

    /// `10.20.1.22/24` or a bare `10.9.9.1` (length then comes from `peer`).
    private static func addressAndLength(_ text: Substring) -> (IPAddress, UInt8?)? {
        guard let slash = text.firstIndex(of: "/") else { return IPAddress(text).map { ($0, nil) } }
        guard let address = IPAddress(text[..<slash]), let length = UInt8(text[text.index(after: slash)...]),
              length <= address.family.bitWidth else { return nil }
        return (address, length)
    }
}

/// `valid_lft forever preferred_lft 200sec`: the lifetimes of the address line before it.
enum LifetimeLine {
    static func apply(_ words: [Substring], to address: inout InterfaceAddress) -> Bool {
        guard words.first == "valid_lft" else { return false }
        var position = 0
        while position + 1 < words.count {
            switch words[position] {
            case "valid_lft": if let seconds = TextNumber.seconds(words[position + 1]) { address.validLifetime = seconds }
            case "preferred_lft": if let seconds = TextNumber.seconds(words[position + 1]) { address.preferredLifetime = seconds }
            default: break
            }
            position += 2
        }
        return true
    }
}
