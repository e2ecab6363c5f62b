import Foundation

/// The `Encoder` of one value of the streaming encoder: small enough (three words) to be passed as
/// `any Encoder` without an allocation.
struct StreamingEncoder: Encoder, SingleValueEncodingContainer, ValueWriting {
    let stream: JSONStream
    /// How many keys lead to this value; its container is `stream.state.frames[depth]`.
    let depth: Int
    /// The value's slot in the stream (see `JSONStream.State.pendingSlot`).
    let slot: Int

    var codingPath: [any CodingKey] { Array(stream.state.path.prefix(depth)) }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        _ = stream.state.openContainer(slot: slot, depth: depth, isObject: true)
        return KeyedEncodingContainer(StreamingKeyedContainer<Key>(stream: stream, level: depth, serial: slot))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        _ = stream.state.openContainer(slot: slot, depth: depth, isObject: false)
        return StreamingUnkeyedContainer(stream: stream, level: depth, serial: slot)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { self }

    // MARK: SingleValueEncodingContainer

    var valuePath: [any CodingKey] { codingPath }

    func put(_ node: EncodedNode) { stream.state.fill(slot: slot, with: node) }

    func putValue<T: Encodable>(_ value: T) throws {
        if let node = try EncodedNode.scalar(value, codingPath: codingPath) { return put(node) }
        guard let mark = stream.state.markSlot(slot) else { return }
        try stream.encodeValue(value, depth: depth, key: nil, mark: mark)
    }
}
