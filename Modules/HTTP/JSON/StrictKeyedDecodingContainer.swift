/// A keyed container over one JSON object; every key it reads is recorded as consumed.
struct StrictKeyedDecodingContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let members: [(key: String, value: JSONValue)]
    let decoder: StrictDecoderImpl

    var codingPath: [any CodingKey] { decoder.codingPath }

    var allKeys: [Key] {
        // A type that enumerates the keys (a dictionary) accepts all of them.
        for member in members { decoder.usage.consumed.insert(member.key) }
        return members.compactMap { Key(stringValue: $0.key) }
    }

    func contains(_ key: Key) -> Bool { lookup(key) != nil }

    func lookup(_ key: Key) -> JSONValue? {
        let name = key.stringValue
        for member in members where member.key == name { return member.value }
        return nil
    }

    func require(_ key: Key) throws -> JSONValue {
        guard let value = lookup(key) else {
            throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "is required"))
        }
        decoder.usage.consumed.insert(key.stringValue)
        return value
    }

    func nested(_ key: Key) throws -> StrictDecoderImpl {
        let value = try require(key)
        return StrictDecoderImpl(value: value, usage: decoder.usage.child(key.stringValue), codingPath: codingPath + [key])
    }

    func decodeNil(forKey key: Key) throws -> Bool {
        let value = try require(key)
        if case .null = value { return true }
        return false
    }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try nested(key).decode(type) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try nested(key).decode(type) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try nested(key).decode(type) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try nested(key).decode(type) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try nested(key).decode(type) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try nested(key).decode(type) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try nested(key).decode(type) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try nested(key).decode(type) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try nested(key).decode(type) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try nested(key).decode(type) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try nested(key).decode(type) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try nested(key).decode(type) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try nested(key).decode(type) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try nested(key).decode(type) }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try nested(key).decodeValue(type) }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try nested(key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try nested(key).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder {
        // The whole object again, sharing this object's usage (class hierarchies read one object).
        StrictDecoderImpl(value: .object(members), usage: decoder.usage, codingPath: codingPath)
    }

    func superDecoder(forKey key: Key) throws -> any Decoder { try nested(key) }
}
