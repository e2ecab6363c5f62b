/// An unkeyed container of the tree encoder, appending elements to one array.
struct StrictUnkeyedEncodingContainer: UnkeyedEncodingContainer, ValueWriting {
    let box: EncodedNode.ArrayBox
    let encoder: StrictEncoderImpl

    var codingPath: [any CodingKey] { encoder.codingPath }
    var count: Int { box.elements.count }
    var valuePath: [any CodingKey] { codingPath + [IndexKey(count)] }

    func put(_ node: EncodedNode) { box.elements.append(node) }

    func putValue<T: Encodable>(_ value: T) throws {
        put(try StrictEncoderImpl.node(for: value, codingPath: valuePath, omitsNil: encoder.omitsNil))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let nested = StrictEncoderImpl(codingPath: valuePath, omitsNil: encoder.omitsNil)
        let container = nested.container(keyedBy: keyType)
        if let node = nested.node { put(node) }
        return container
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let nested = StrictEncoderImpl(codingPath: valuePath, omitsNil: encoder.omitsNil)
        let container = nested.unkeyedContainer()
        if let node = nested.node { put(node) }
        return container
    }

    mutating func superEncoder() -> any Encoder {
        let nested = StrictEncoderImpl(codingPath: valuePath, omitsNil: encoder.omitsNil)
        let object = EncodedNode.ObjectBox()
        nested.node = .object(object)
        put(.object(object))
        return nested
    }
}
