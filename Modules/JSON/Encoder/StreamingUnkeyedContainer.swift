/// An unkeyed container of the streaming encoder: writes `,value` into the stream as elements arrive.
struct StreamingUnkeyedContainer: UnkeyedEncodingContainer, ValueWriting {
    let stream: JSONStream
    /// The index of this array in `stream.state.frames` while it is open.
    let level: Int
    let serial: Int

    var codingPath: [any CodingKey] { Array(stream.state.path.prefix(level)) }
    var count: Int { stream.state.count(level: level, serial: serial) }
    var valuePath: [any CodingKey] { codingPath + [IndexKey(count)] }

    func put(_ node: EncodedNode) { stream.state.putEntry(level: level, serial: serial, key: nil, node: node) }

    func putValue<T: Encodable>(_ value: T) throws {
        if let node = try EncodedNode.scalar(value, codingPath: valuePath) { return put(node) }
        guard let mark = stream.state.beginEntry(level: level, serial: serial, key: nil) else { return }
        try stream.encodeValue(value, depth: level + 1, key: IndexKey(mark.entries), mark: mark)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let nested = stream.state.openNested(level: level, serial: serial, pathKey: nil, isObject: true)
        return KeyedEncodingContainer(StreamingKeyedContainer<NestedKey>(stream: stream, level: level + 1, serial: nested))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let nested = stream.state.openNested(level: level, serial: serial, pathKey: nil, isObject: false)
        return StreamingUnkeyedContainer(stream: stream, level: level + 1, serial: nested)
    }

    mutating func superEncoder() -> any Encoder {
        let nested = stream.state.openNested(level: level, serial: serial, pathKey: nil, isObject: true)
        return StreamingEncoder(stream: stream, depth: level + 1, slot: nested)
    }
}
