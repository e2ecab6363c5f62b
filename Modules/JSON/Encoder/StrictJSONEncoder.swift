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
    ///
    /// The text is written as the value encodes itself, in one buffer. A value that fills a container after
    /// a later member was written (possible with a hand-written `encode(to:)` keeping a nested container,
    /// or with a super encoder used as anything but a keyed container) is encoded a second time, through a
    /// tree that allows any order; so `encode(to:)` must not depend on being called only once.
    public func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        let stream = JSONStream(omitsNil: omitsNilMembers)
        let root = StreamingEncoder(stream: stream, depth: 0, slot: stream.state.openSlot(key: nil))
        try root.putValue(value)
        stream.state.closeSlot(root.slot, depth: 0, pathCount: 0)
        if !stream.state.outOfOrder { return stream.state.writer.bytes }
        // Containers were filled out of order: `value.encode(to:)` runs a second time, into the tree encoder.
        let node = try StrictEncoderImpl.node(for: value, codingPath: [], omitsNil: omitsNilMembers)
        var writer = JSONWriter(capacity: 256)
        node.write(to: &writer)
        return writer.bytes
    }
}
