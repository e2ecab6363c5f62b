import Foundation

/// The `Decoder` over one `JSONValue`. A class because containers share its usage record.
final class StrictDecoderImpl: Decoder, SingleValueDecodingContainer {
    let value: JSONValue
    let usage: KeyUsage
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(value: JSONValue, usage: KeyUsage, codingPath: [any CodingKey]) {
        self.value = value
        self.usage = usage
        self.codingPath = codingPath
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case let .object(members) = value else { throw nullOrMismatch([String: Any].self, "must be an object") }
        usage.opened = true
        return KeyedDecodingContainer(StrictKeyedDecodingContainer<Key>(members: members, decoder: self))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case let .array(elements) = value else { throw nullOrMismatch([Any].self, "must be an array") }
        return StrictUnkeyedDecodingContainer(elements: elements, decoder: self)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { self }

    func mismatch(_ message: String) -> DecodingError {
        let found = value.kindName
        return DecodingError.typeMismatch(Any.self, .init(codingPath: codingPath, debugDescription: "\(message), found \(found)"))
    }

    /// Decodes a nested value, with fast paths for the types the API uses most.
    func decodeValue<T: Decodable>(_ type: T.Type) throws -> T {
        // The casts cannot fail once the type is known; `as?` keeps the code free of traps anyway.
        if T.self == String.self, let text = try decode(String.self) as? T { return text }
        if T.self == Int.self, let number = try decode(Int.self) as? T { return number }
        if T.self == Bool.self, let flag = try decode(Bool.self) as? T { return flag }
        if T.self == UUID.self, let uuid = try decodeUUID() as? T { return uuid }
        if T.self == Date.self, let date = try decodeDate() as? T { return date }
        if T.self == JSONValue.self, let raw = value as? T { return raw }
        return try T(from: self)
    }

    func decodeUUID() throws -> UUID {
        guard case let .string(text) = value else { throw nullOrMismatch(UUID.self, "must be a UUID string") }
        guard let uuid = UUID(uuidString: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: codingPath, debugDescription: "must be a UUID"))
        }
        return uuid
    }

    func decodeDate() throws -> Date {
        guard case let .string(text) = value else { throw nullOrMismatch(Date.self, "must be an RFC 3339 timestamp string") }
        guard let date = RFC3339.parse(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: codingPath, debugDescription: "must be an RFC 3339 timestamp"))
        }
        return date
    }

    // MARK: SingleValueDecodingContainer

    func decodeNil() -> Bool {
        if case .null = value { return true }
        return false
    }

    func decode(_ type: Bool.Type) throws -> Bool {
        guard case let .bool(flag) = value else { throw nullOrMismatch(Bool.self, "must be a boolean") }
        return flag
    }

    func decode(_ type: String.Type) throws -> String {
        guard case let .string(text) = value else { throw nullOrMismatch(String.self, "must be a string") }
        return text
    }

    func decode(_ type: Double.Type) throws -> Double { try decodeFloatingPoint() }
    func decode(_ type: Float.Type) throws -> Float { Float(try decodeFloatingPoint() as Double) }
    func decode(_ type: Int.Type) throws -> Int { try decodeInteger() }
    func decode(_ type: Int8.Type) throws -> Int8 { try decodeInteger() }
    func decode(_ type: Int16.Type) throws -> Int16 { try decodeInteger() }
    func decode(_ type: Int32.Type) throws -> Int32 { try decodeInteger() }
    func decode(_ type: Int64.Type) throws -> Int64 { try decodeInteger() }
    func decode(_ type: UInt.Type) throws -> UInt { try decodeInteger() }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try decodeInteger() }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try decodeInteger() }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try decodeInteger() }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try decodeInteger() }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try decodeValue(type) }

    func decodeInteger<I: FixedWidthInteger>() throws -> I {
        guard case let .number(text) = value else { throw nullOrMismatch(I.self, "must be an integer") }
        // Exactness: only plain integer text, and it must fit the target type.
        guard !text.utf8.contains(where: { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }) else {
            throw DecodingError.dataCorrupted(.init(codingPath: codingPath, debugDescription: "must be an integer"))
        }
        guard let number = I(text, radix: 10) else {
            throw DecodingError.dataCorrupted(.init(codingPath: codingPath, debugDescription: "must be an integer between \(I.min) and \(I.max)"))
        }
        return number
    }

    func decodeFloatingPoint() throws -> Double {
        guard case let .number(text) = value else { throw nullOrMismatch(Double.self, "must be a number") }
        guard let number = Double(text), number.isFinite else {
            throw DecodingError.dataCorrupted(.init(codingPath: codingPath, debugDescription: "is out of range"))
        }
        return number
    }

    func nullOrMismatch(_ type: Any.Type, _ message: String) -> DecodingError {
        if case .null = value {
            return DecodingError.valueNotFound(type, .init(codingPath: codingPath, debugDescription: "must not be null"))
        }
        return mismatch(message)
    }
}
