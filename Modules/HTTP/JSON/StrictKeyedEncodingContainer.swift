/// A keyed container appending members to one object. It implements every
/// `encodeIfPresent` so that synthesized `Encodable` writes `nil` members as `null`.
struct StrictKeyedEncodingContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let box: EncodedNode.ObjectBox
    let encoder: StrictEncoderImpl

    var codingPath: [any CodingKey] { encoder.codingPath }

    func put(_ node: EncodedNode, _ key: Key) { box.members.append((key: key.stringValue, node: node)) }

    mutating func encodeNil(forKey key: Key) { put(.null, key) }
    mutating func encode(_ value: Bool, forKey key: Key) { put(.bool(value), key) }
    mutating func encode(_ value: String, forKey key: Key) { put(.string(value), key) }
    mutating func encode(_ value: Double, forKey key: Key) throws { put(try StrictEncoderImpl.finite(value, codingPath + [key]), key) }
    mutating func encode(_ value: Float, forKey key: Key) throws { put(try StrictEncoderImpl.finite(Double(value), codingPath + [key]), key) }
    mutating func encode(_ value: Int, forKey key: Key) { put(.int(Int64(value)), key) }
    mutating func encode(_ value: Int8, forKey key: Key) { put(.int(Int64(value)), key) }
    mutating func encode(_ value: Int16, forKey key: Key) { put(.int(Int64(value)), key) }
    mutating func encode(_ value: Int32, forKey key: Key) { put(.int(Int64(value)), key) }
    mutating func encode(_ value: Int64, forKey key: Key) { put(.int(value), key) }
    mutating func encode(_ value: UInt, forKey key: Key) { put(.uint(UInt64(value)), key) }
    mutating func encode(_ value: UInt8, forKey key: Key) { put(.uint(UInt64(value)), key) }
    mutating func encode(_ value: UInt16, forKey key: Key) { put(.uint(UInt64(value)), key) }
    mutating func encode(_ value: UInt32, forKey key: Key) { put(.uint(UInt64(value)), key) }
    mutating func encode(_ value: UInt64, forKey key: Key) { put(.uint(value), key) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        put(try StrictEncoderImpl.node(for: value, codingPath: codingPath + [key], omitsNil: encoder.omitsNil), key)
    }

    mutating func present<T: Encodable>(_ value: T?, _ key: Key) throws {
        if let value { try encode(value, forKey: key) } else if !encoder.omitsNil { put(.null, key) }
    }

    mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: Float?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: Int8?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: Int16?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: Int32?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: Int64?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: UInt?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: UInt8?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: UInt16?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: UInt32?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: UInt64?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws { try present(value, key) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let nested = StrictEncoderImpl(codingPath: codingPath + [key], omitsNil: encoder.omitsNil)
        let container = nested.container(keyedBy: keyType)
        if let node = nested.node { put(node, key) }
        return container
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let nested = StrictEncoderImpl(codingPath: codingPath + [key], omitsNil: encoder.omitsNil)
        let container = nested.unkeyedContainer()
        if let node = nested.node { put(node, key) }
        return container
    }

    mutating func superEncoder() -> any Encoder { superEncoder(forKey: NameKey("super")) }
    mutating func superEncoder(forKey key: Key) -> any Encoder { superEncoder(forKey: NameKey(key.stringValue)) }

    func superEncoder(forKey key: NameKey) -> any Encoder {
        // Class hierarchies encode the superclass as a keyed object: pre-place that object so the
        // super encoder's keyed container fills it in. (A super value that is not an object is not supported.)
        let nested = StrictEncoderImpl(codingPath: codingPath + [key], omitsNil: encoder.omitsNil)
        let object = EncodedNode.ObjectBox()
        nested.node = .object(object)
        box.members.append((key: key.stringValue, node: .object(object)))
        return nested
    }
}
