/// A keyed container of the streaming encoder: writes `,"key":value` into the stream as members arrive.
struct StreamingKeyedContainer<Key: CodingKey>: MemberWriting {
    let stream: JSONStream
    /// The index of this object in `stream.state.frames` while it is open.
    let level: Int
    let serial: Int

    var codingPath: [any CodingKey] { Array(stream.state.path.prefix(level)) }
    var omitsNil: Bool { stream.omitsNil }

    func put(_ node: EncodedNode, forKey key: Key) {
        stream.state.putEntry(level: level, serial: serial, key: key.stringValue, node: node)
    }

    func putValue<T: Encodable>(_ value: T, forKey key: Key) throws {
        if let node = try EncodedNode.scalar(value, codingPath: codingPath + [key]) { return put(node, forKey: key) }
        guard let mark = stream.state.beginEntry(level: level, serial: serial, key: key.stringValue) else { return }
        try stream.encodeValue(value, depth: level + 1, key: key, mark: mark)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let nested = stream.state.openNested(level: level, serial: serial, pathKey: key, isObject: true)
        return KeyedEncodingContainer(StreamingKeyedContainer<NestedKey>(stream: stream, level: level + 1, serial: nested))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let nested = stream.state.openNested(level: level, serial: serial, pathKey: key, isObject: false)
        return StreamingUnkeyedContainer(stream: stream, level: level + 1, serial: nested)
    }

    func superEncoder(named key: NameKey) -> any Encoder {
        let nested = stream.state.openNested(level: level, serial: serial, pathKey: key, isObject: true)
        return StreamingEncoder(stream: stream, depth: level + 1, slot: nested)
    }
}
