import Foundation

/// Turns a `CursorPosition` into the opaque `cursor` string clients pass back, and back again.
/// The string is base64url(payload) "." base64url(tag), the tag a MAC over the payload and a scope
/// (e.g. `products:-price`), so a cursor the server did not issue, or issued for another listing, is refused.
public struct CursorCodec: Sendable {
    /// A keyed MAC (App passes HMAC-SHA256 under a server secret).
    public typealias MAC = @Sendable (_ message: [UInt8]) -> [UInt8]

    private let mac: MAC

    public init(mac: @escaping MAC) { self.mac = mac }

    /// The opaque string for `position` within `scope`.
    public func encode(_ position: CursorPosition, scope: String) -> String {
        let payload = Self.payload(position.values)
        return Self.base64url(payload) + "." + Self.base64url(tag(payload, scope: scope))
    }

    /// The position, or `invalid_cursor` (a 400) when the string was not issued by this codec for `scope`.
    public func decode(_ cursor: String, scope: String) throws(DomainError) -> CursorPosition {
        let parts = cursor.split(separator: ".", omittingEmptySubsequences: false)
        guard cursor.utf8.count <= 2048, parts.count == 2,
              let payload = Self.unbase64url(parts[0]), let given = Self.unbase64url(parts[1]),
              Self.constantTimeEqual(given, tag(payload, scope: scope)),
              let values = Self.values(payload) else { throw .invalidCursor }
        return CursorPosition(values)
    }

    private func tag(_ payload: [UInt8], scope: String) -> [UInt8] {
        Array(mac(Array(scope.utf8) + [0] + payload).prefix(16))
    }

    /// Length-prefixed UTF-8 strings: unambiguous whatever the values contain.
    private static func payload(_ values: [String]) -> [UInt8] {
        var out: [UInt8] = []
        for value in values {
            let bytes = Array(value.utf8)
            out.append(contentsOf: String(bytes.count).utf8)
            out.append(UInt8(ascii: ":"))
            out.append(contentsOf: bytes)
        }
        return out
    }

    private static func values(_ payload: [UInt8]) -> [String]? {
        var values: [String] = []
        var index = 0
        while index < payload.count {
            guard let colon = payload[index...].firstIndex(of: UInt8(ascii: ":")),
                  let length = Int(String(decoding: payload[index..<colon], as: UTF8.self)),
                  // Compared as what is left, not as `colon + 1 + length`, which overflows (a trap) for a length
                  // near Int.max (found by Tests/Fuzz's cursor fuzzer).
                  length >= 0, length <= payload.count - (colon + 1) else { return nil }
            values.append(String(decoding: payload[(colon + 1)..<(colon + 1 + length)], as: UTF8.self))
            index = colon + 1 + length
        }
        return values
    }

    private static func base64url(_ bytes: [UInt8]) -> String { Base64NoPadding.url.encode(bytes) }

    private static func unbase64url(_ text: Substring) -> [UInt8]? { Base64NoPadding.url.decode(text.utf8) }

    private static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for i in a.indices { difference |= a[i] ^ b[i] }
        return difference == 0
    }
}
