/// A block of addresses in CIDR notation (`10.0.0.0/8`, `2001:db8::/32`), or one address (`192.0.2.1`, `::1`),
/// as `TRUSTED_PROXIES` lists them. Host bits after the prefix are ignored (`10.1.2.3/8` is `10.0.0.0/8`).
public struct AddressRange: Hashable, Sendable, CustomStringConvertible {
    /// The first address of the block.
    public let network: IPAddress
    /// How many leading bits every address of the block shares with `network` (0...32 or 0...128).
    public let prefixLength: Int

    /// Parses `address` or `address/prefix`; nil when the address or the prefix (decimal digits, within the
    /// family's bit count) is malformed.
    public init?(_ text: some StringProtocol) {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard let address = IPAddress(parts[0]) else { return nil }
        let bits = address.bytes.count * 8
        var prefix = bits
        if parts.count == 2 {
            let digits = parts[1]
            guard !digits.isEmpty, digits.utf8.count <= 3, digits.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }),
                  let value = Int(digits), value <= bits else { return nil }
            prefix = value
        }
        guard let network = IPAddress(bytes: Self.masked(address.bytes, prefixLength: prefix)) else { return nil }
        self.network = network
        prefixLength = prefix
    }

    /// Whether `address` is in the block (never across families).
    public func contains(_ address: IPAddress) -> Bool {
        address.bytes.count == network.bytes.count && Self.masked(address.bytes, prefixLength: prefixLength) == network.bytes
    }

    /// `network/prefixLength`.
    public var description: String { "\(network)/\(prefixLength)" }

    private static func masked(_ bytes: [UInt8], prefixLength: Int) -> [UInt8] {
        bytes.indices.map { index in
            let kept = min(max(prefixLength - index * 8, 0), 8)
            return kept == 8 ? bytes[index] : bytes[index] & ~(UInt8(0xFF) >> kept)
        }
    }
}
