import Foundation
import Kernel

/// Reading scalars out of a `JSONValue` with the decoding errors the API reports. Shared by the
/// containers so that decoding a scalar member allocates no nested decoder.
enum JSONScalar {
    typealias Path = () -> [any CodingKey]

    static func mismatch(_ value: JSONValue, _ type: Any.Type, _ message: String, _ path: Path) -> DecodingError {
        if case .null = value {
            return DecodingError.valueNotFound(type, .init(codingPath: path(), debugDescription: "must not be null"))
        }
        return DecodingError.typeMismatch(type, .init(codingPath: path(), debugDescription: "\(message), found \(value.kindName)"))
    }

    static func corrupted(_ message: String, _ path: Path) -> DecodingError {
        DecodingError.dataCorrupted(.init(codingPath: path(), debugDescription: message))
    }

    static func string(_ value: JSONValue, _ path: Path) throws -> String {
        guard case let .string(text) = value else { throw mismatch(value, String.self, "must be a string", path) }
        // JSON may carry U+0000, but no text the API stores can (PostgreSQL refuses it): say so, field named.
        guard !text.utf8.contains(0) else { throw corrupted("must not contain NUL characters", path) }
        return text
    }

    static func bool(_ value: JSONValue, _ path: Path) throws -> Bool {
        guard case let .bool(flag) = value else { throw mismatch(value, Bool.self, "must be a boolean", path) }
        return flag
    }

    static func integer<I: FixedWidthInteger>(_ value: JSONValue, _ path: Path) throws -> I {
        guard case let .number(text) = value else { throw mismatch(value, I.self, "must be an integer", path) }
        // Exactness: only plain integer text, and it must fit the target type.
        guard !text.utf8.contains(where: { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }) else {
            throw corrupted("must be an integer", path)
        }
        guard let number = I(text, radix: 10) else { throw corrupted("must be an integer between \(I.min) and \(I.max)", path) }
        return number
    }

    static func double(_ value: JSONValue, _ path: Path) throws -> Double {
        guard case let .number(text) = value else { throw mismatch(value, Double.self, "must be a number", path) }
        guard let number = Double(text), number.isFinite else { throw corrupted("is out of range", path) }
        return number
    }

    static func uuid(_ value: JSONValue, _ path: Path) throws -> UUID {
        guard case let .string(text) = value else { throw mismatch(value, UUID.self, "must be a UUID string", path) }
        guard let uuid = UUIDText.parse(text) else { throw corrupted("must be a UUID", path) }
        return uuid
    }

    static func date(_ value: JSONValue, _ path: Path) throws -> Date {
        guard case let .string(text) = value else { throw mismatch(value, Date.self, "must be an RFC 3339 timestamp string", path) }
        guard let date = RFC3339.parse(text) else { throw corrupted("must be an RFC 3339 timestamp", path) }
        return date
    }

    /// `T` read directly when it is one of the common scalar types, else nil (decode it through a decoder).
    static func fast<T: Decodable>(_ type: T.Type, _ value: JSONValue, _ path: Path) throws -> T? {
        // The casts cannot fail once the type is known; `as?` keeps the code free of traps anyway.
        if T.self == String.self { return try string(value, path) as? T }
        if T.self == Int.self { return try (integer(value, path) as Int) as? T }
        if T.self == Bool.self { return try bool(value, path) as? T }
        if T.self == UUID.self { return try uuid(value, path) as? T }
        if T.self == Date.self { return try date(value, path) as? T }
        if T.self == JSONValue.self { return value as? T }
        return nil
    }
}
