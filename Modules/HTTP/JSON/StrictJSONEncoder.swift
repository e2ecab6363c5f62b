/// Encodes `Encodable` values as compact JSON: keys as declared and in declaration order,
/// `Date` as RFC 3339 UTC (`2026-11-21T10:00:00Z`), `UUID` in lower case, and — unlike
/// Foundation's encoder — a `nil` optional member written as an explicit `null`
/// (unless `omitsNilMembers`), because the API contract shows `"nextCursor": null`.
public struct StrictJSONEncoder: Sendable {
    /// Whether `nil` optional members are left out instead of written as `null`.
    public var omitsNilMembers: Bool

    /// An encoder writing `null` for `nil` members unless `omitsNilMembers`.
    public init(omitsNilMembers: Bool = false) {
        self.omitsNilMembers = omitsNilMembers
    }

    /// The JSON bytes of `value`. Throws `EncodingError` for NaN or infinite numbers,
    /// or whatever `value`'s own `encode(to:)` throws.
    public func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        let node = try StrictEncoderImpl.node(for: value, codingPath: [], omitsNil: omitsNilMembers)
        var writer = JSONWriter(capacity: 256)
        node.write(to: &writer)
        return writer.bytes
    }
}
