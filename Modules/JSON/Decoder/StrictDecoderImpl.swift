import Foundation

/// The `Decoder` over one `JSONValue`. Its usage record lives in the parent's (at `slot`) and is
/// only created when a container is opened, so scalars cost no bookkeeping.
final class StrictDecoderImpl: Decoder, SingleValueDecodingContainer {
    let value: JSONValue
    let parent: KeyUsage
    /// The index in `parent`, or -1 when `parent` is this value's own usage (the root, super decoders).
    let slot: Int
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(value: JSONValue, parent: KeyUsage, slot: Int, codingPath: [any CodingKey]) {
        self.value = value
        self.parent = parent
        self.slot = slot
        self.codingPath = codingPath
    }

    var usage: KeyUsage { slot < 0 ? parent : parent.child(at: slot) }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case let .object(members) = value else {
            throw JSONScalar.mismatch(value, [String: Any].self, "must be an object", { self.codingPath })
        }
        let usage = self.usage
        usage.openObject(count: members.count)
        return KeyedDecodingContainer(StrictKeyedDecodingContainer<Key>(members: members, usage: usage, codingPath: codingPath))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case let .array(elements) = value else {
            throw JSONScalar.mismatch(value, [Any].self, "must be an array", { self.codingPath })
        }
        let usage = self.usage
        usage.openArray(count: elements.count)
        return StrictUnkeyedDecodingContainer(elements: elements, usage: usage, codingPath: codingPath)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { self }

    /// Decodes this value as a `T`, reading common scalars directly.
    func decodeValue<T: Decodable>(_ type: T.Type) throws -> T {
        if let fast = try JSONScalar.fast(type, value, { self.codingPath }) { return fast }
        return try T(from: self)
    }

    // MARK: SingleValueDecodingContainer

    func decodeNil() -> Bool {
        if case .null = value { return true }
        return false
    }

    var path: JSONScalar.Path { { self.codingPath } }

    func decode(_ type: Bool.Type) throws -> Bool { try JSONScalar.bool(value, path) }
    func decode(_ type: String.Type) throws -> String { try JSONScalar.string(value, path) }
    func decode(_ type: Double.Type) throws -> Double { try JSONScalar.double(value, path) }
    func decode(_ type: Float.Type) throws -> Float { Float(try JSONScalar.double(value, path)) }
    func decode(_ type: Int.Type) throws -> Int { try JSONScalar.integer(value, path) }
    func decode(_ type: Int8.Type) throws -> Int8 { try JSONScalar.integer(value, path) }
    func decode(_ type: Int16.Type) throws -> Int16 { try JSONScalar.integer(value, path) }
    func decode(_ type: Int32.Type) throws -> Int32 { try JSONScalar.integer(value, path) }
    func decode(_ type: Int64.Type) throws -> Int64 { try JSONScalar.integer(value, path) }
    func decode(_ type: UInt.Type) throws -> UInt { try JSONScalar.integer(value, path) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try JSONScalar.integer(value, path) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try JSONScalar.integer(value, path) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try JSONScalar.integer(value, path) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try JSONScalar.integer(value, path) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try decodeValue(type) }
}
