/// A keyed container of the tree encoder, appending members to one object.
struct StrictKeyedEncodingContainer<Key: CodingKey>: MemberWriting {
    let box: EncodedNode.ObjectBox
    let encoder: StrictEncoderImpl

    var codingPath: [any CodingKey] { encoder.codingPath }
    var omitsNil: Bool { encoder.omitsNil }

    func put(_ node: EncodedNode, forKey key: Key) { box.members.append((key: key.stringValue, node: node)) }

    func putValue<T: Encodable>(_ value: T, forKey key: Key) throws {
        put(try StrictEncoderImpl.node(for: value, codingPath: codingPath + [key], omitsNil: omitsNil), forKey: key)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let nested = StrictEncoderImpl(codingPath: codingPath + [key], omitsNil: omitsNil)
        let container = nested.container(keyedBy: keyType)
        if let node = nested.node { put(node, forKey: key) }
        return container
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let nested = StrictEncoderImpl(codingPath: codingPath + [key], omitsNil: omitsNil)
        let container = nested.unkeyedContainer()
        if let node = nested.node { put(node, forKey: key) }
        return container
    }

    func superEncoder(named key: NameKey) -> any Encoder {
        let nested = StrictEncoderImpl(codingPath: codingPath + [key], omitsNil: omitsNil)
        let object = EncodedNode.ObjectBox()
        nested.node = .object(object)
        box.members.append((key: key.stringValue, node: .object(object)))
        return nested
    }
}
