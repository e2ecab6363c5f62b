/// An unkeyed container appending elements to one array.
struct StrictUnkeyedEncodingContainer: UnkeyedEncodingContainer {
    let box: EncodedNode.ArrayBox
    let encoder: StrictEncoderImpl

    var codingPath: [any CodingKey] { encoder.codingPath }
    var count: Int { box.elements.count }

    func put(_ node: EncodedNode) { box.elements.append(node) }
    var nextPath: [any CodingKey] { codingPath + [IndexKey(count)] }

    mutating func encodeNil() { put(.null) }
    mutating func encode(_ value: Bool) { put(.bool(value)) }
    mutating func encode(_ value: String) { put(.string(value)) }
    mutating func encode(_ value: Double) throws { put(try StrictEncoderImpl.finite(value, nextPath)) }
    mutating func encode(_ value: Float) throws { put(try StrictEncoderImpl.finite(Double(value), nextPath)) }
    mutating func encode(_ value: Int) { put(.int(Int64(value))) }
    mutating func encode(_ value: Int8) { put(.int(Int64(value))) }
    mutating func encode(_ value: Int16) { put(.int(Int64(value))) }
    mutating func encode(_ value: Int32) { put(.int(Int64(value))) }
    mutating func encode(_ value: Int64) { put(.int(value)) }
    mutating func encode(_ value: UInt) { put(.uint(UInt64(value))) }
    mutating func encode(_ value: UInt8) { put(.uint(UInt64(value))) }
    mutating func encode(_ value: UInt16) { put(.uint(UInt64(value))) }
    mutating func encode(_ value: UInt32) { put(.uint(UInt64(value))) }
    mutating func encode(_ value: UInt64) { put(.uint(value)) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        put(try StrictEncoderImpl.node(for: value, codingPath: nextPath, omitsNil: encoder.omitsNil))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let nested = StrictEncoderImpl(codingPath: nextPath, omitsNil: encoder.omitsNil)
        let container = nested.container(keyedBy: keyType)
        if let node = nested.node { put(node) }
        return container
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let nested = StrictEncoderImpl(codingPath: nextPath, omitsNil: encoder.omitsNil)
        let container = nested.unkeyedContainer()
        if let node = nested.node { put(node) }
        return container
    }

    mutating func superEncoder() -> any Encoder {
        let nested = StrictEncoderImpl(codingPath: nextPath, omitsNil: encoder.omitsNil)
        let object = EncodedNode.ObjectBox()
        nested.node = .object(object)
        put(.object(object))
        return nested
    }
}
