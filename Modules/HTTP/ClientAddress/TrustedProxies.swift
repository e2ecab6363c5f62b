/// The proxies whose `X-Forwarded-For` is believed (`TRUSTED_PROXIES`), and how a request's client address follows
/// from them: the connection's peer, unless the peer is a trusted proxy; then the hops of `X-Forwarded-For` from
/// the right (the one the nearest proxy appended), skipping trusted ones, up to the first that is not trusted. A
/// client can write anything into the header, so only what trusted proxies appended counts; a malformed hop ends
/// the walk at the proxy that passed it on.
public struct TrustedProxies: Sendable, Equatable {
    /// The trusted blocks.
    public let ranges: [AddressRange]

    /// Trusts nobody: the client address is always the peer (the default).
    public static let none = TrustedProxies(ranges: [])

    public init(ranges: [AddressRange]) { self.ranges = ranges }

    /// Parses a comma-separated list of addresses and CIDR blocks (spaces around entries allowed, empty entries
    /// skipped); throws the entries that are neither.
    public init(parsing list: String) throws(InvalidEntries) {
        var ranges: [AddressRange] = []
        var invalid: [String] = []
        for entry in list.split(separator: ",") {
            let trimmed = entry.trimmedOfSpacesAndTabs()
            guard !trimmed.isEmpty else { continue }
            if let range = AddressRange(trimmed) { ranges.append(range) } else { invalid.append(String(trimmed)) }
        }
        guard invalid.isEmpty else { throw InvalidEntries(entries: invalid) }
        self.ranges = ranges
    }

    /// Entries of a `TRUSTED_PROXIES` list that are neither an address nor a CIDR block.
    public struct InvalidEntries: Error, Equatable {
        public let entries: [String]
    }

    /// Whether `address` is a trusted proxy.
    public func trusts(_ address: IPAddress) -> Bool { ranges.contains { $0.contains(address) } }

    /// The client address of a request that came from `peer` with `headers`; nil only when the peer is unknown.
    public func clientAddress(peer: IPAddress?, headers: HTTPHeaders) -> IPAddress? {
        guard let peer, trusts(peer) else { return peer }
        var client = peer
        // Several X-Forwarded-For fields are one list, in order (RFC 9110 §5.3).
        let hops = headers.values("X-Forwarded-For").flatMap { $0.split(separator: ",", omittingEmptySubsequences: false) }
        for hop in hops.reversed() {
            guard let address = IPAddress(hop.trimmedOfSpacesAndTabs()) else { break }
            client = address
            if !trusts(address) { break }
        }
        return client
    }
}
