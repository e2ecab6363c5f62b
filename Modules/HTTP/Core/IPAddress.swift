import Glibc

/// An IPv4 or IPv6 address: a connection's peer, an `X-Forwarded-For` hop, a trusted proxy. An IPv4-mapped IPv6
/// address (`::ffff:192.0.2.1`, what a dual-stack socket reports for an IPv4 peer) is kept as the IPv4 address, so
/// one client has one spelling whichever socket it came in on.
public struct IPAddress: Hashable, Sendable, CustomStringConvertible {
    /// The address family.
    public enum Family: Sendable { case v4, v6 }

    /// The address in network byte order: 4 bytes for IPv4, 16 for IPv6.
    public let bytes: [UInt8]

    /// The family, from the byte count.
    public var family: Family { bytes.count == 4 ? .v4 : .v6 }

    /// Parses dotted-quad IPv4 (`192.0.2.1`) or RFC 4291 IPv6 text (`2001:db8::1`, `::ffff:192.0.2.1`). No
    /// brackets, port, zone (`%eth0`), prefix or surrounding whitespace: anything else is nil.
    public init?(_ text: some StringProtocol) {
        let text = String(text)
        // inet_pton reads a C string: an embedded NUL would cut the text short and let a suffix through.
        guard !text.isEmpty, text.utf8.count <= 45, !text.utf8.contains(0) else { return nil }
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            self.init(bytes: withUnsafeBytes(of: v4) { Array($0) })
            return
        }
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, text, &v6) == 1 else { return nil }
        self.init(bytes: withUnsafeBytes(of: v6) { Array($0) })
    }

    /// An address from its 4 or 16 network-order bytes (nil for any other count); IPv4-mapped IPv6 becomes IPv4.
    public init?(bytes: [UInt8]) {
        switch bytes.count {
        case 4:
            self.bytes = bytes
        case 16:
            let mapped = bytes[0..<10].allSatisfy { $0 == 0 } && bytes[10] == 0xFF && bytes[11] == 0xFF
            self.bytes = mapped ? Array(bytes[12..<16]) : bytes
        default:
            return nil
        }
    }

    /// The canonical text: dotted quad, or RFC 5952 IPv6 (lower case, longest zero run as `::`).
    public var description: String {
        var buffer = [CChar](repeating: 0, count: 64)
        let family = self.family == .v4 ? AF_INET : AF_INET6
        let written = bytes.withUnsafeBytes { raw in
            buffer.withUnsafeMutableBufferPointer { out in
                inet_ntop(family, raw.baseAddress, out.baseAddress, socklen_t(out.count))
            }
        }
        guard written != nil else { return "?" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
