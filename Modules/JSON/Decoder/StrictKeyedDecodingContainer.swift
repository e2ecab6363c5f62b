/// A keyed container over one JSON object; every member it reads is marked consumed (by index).
struct StrictKeyedDecodingContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let members: [(key: String, value: JSONValue)]
    let usage: KeyUsage
    let codingPath: [any CodingKey]

    var allKeys: [Key] {
        // A type that enumerates the keys (a dictionary) accepts all of them.
        for index in members.indices { usage.consumed[index] = true }
        return members.compactMap { Key(stringValue: $0.key) }
    }

    func contains(_ key: Key) -> Bool { index(of: key) != nil }

    func index(of key: Key) -> Int? {
        let name = key.stringValue
        for index in members.indices where members[index].key == name { return index }
        return nil
    }

    /// The member's index and value, marked consumed; `keyNotFound` when absent, or `unknownFields` when an
    /// undeclared member looks like a misspelling of it.
    func require(_ key: Key) throws -> (Int, JSONValue) {
        guard let index = index(of: key) else {
            if let typo = MisspelledMember.find(missing: key.stringValue, among: members,
                                                isDeclared: { Key(stringValue: $0) != nil }) {
                throw JSONDecodingError.unknownFields([CodingPathText.appending(key: typo, to: CodingPathText.render(codingPath))])
            }
            throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "is required"))
        }
        usage.consumed[index] = true
        return (index, members[index].value)
    }

    func value(_ key: Key) throws -> JSONValue { try require(key).1 }

    func nested(_ key: Key) throws -> StrictDecoderImpl {
        let (index, value) = try require(key)
        return StrictDecoderImpl(value: value, parent: usage, slot: index, codingPath: codingPath + [key])
    }

    func path(_ key: Key) -> JSONScalar.Path { { codingPath + [key] } }

    func decodeNil(forKey key: Key) throws -> Bool {
        if case .null = try value(key) { return true }
        return false
    }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try JSONScalar.bool(value(key), path(key)) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try JSONScalar.string(value(key), path(key)) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try JSONScalar.double(value(key), path(key)) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { Float(try JSONScalar.double(value(key), path(key))) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try JSONScalar.integer(value(key), path(key)) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try JSONScalar.integer(value(key), path(key)) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try JSONScalar.integer(value(key), path(key)) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try JSONScalar.integer(value(key), path(key)) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try JSONScalar.integer(value(key), path(key)) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try JSONScalar.integer(value(key), path(key)) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try JSONScalar.integer(value(key), path(key)) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try JSONScalar.integer(value(key), path(key)) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try JSONScalar.integer(value(key), path(key)) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try JSONScalar.integer(value(key), path(key)) }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        let (index, value) = try require(key)
        if let fast = try JSONScalar.fast(type, value, path(key)) { return fast }
        return try T(from: StrictDecoderImpl(value: value, parent: usage, slot: index, codingPath: codingPath + [key]))
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try nested(key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try nested(key).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder {
        // The whole object again, sharing this object's usage (class hierarchies read one object).
        StrictDecoderImpl(value: .object(members), parent: usage, slot: -1, codingPath: codingPath)
    }

    func superDecoder(forKey key: Key) throws -> any Decoder { try nested(key) }
}
