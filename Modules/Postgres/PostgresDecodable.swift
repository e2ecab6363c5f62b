public import Foundation

/// A Swift type that can be built from a PostgreSQL text-format value.
///
/// Promises (for conformers): `decode(postgresText: nil)` is called for SQL NULL and must throw unless the type
/// represents absence (Optional); otherwise `text` holds the value's bytes, valid only during the call.
public protocol PostgresDecodable: Sendable {
    /// Builds a value from its text-format bytes, or from NULL when `text` is nil.
    static func decode(postgresText text: UnsafeBufferPointer<UInt8>?) throws(PostgresDecodingFailure) -> Self
}

/// Why a single value could not be decoded; `PostgresRow` wraps it into a `PostgresError` naming the column.
public struct PostgresDecodingFailure: Error, Sendable, Hashable {
    /// A short explanation, e.g. `NULL` or `not an integer: "abc"`.
    public var reason: String

    /// Creates a failure with `reason`.
    public init(_ reason: String) { self.reason = reason }

    static let null = PostgresDecodingFailure("unexpected NULL")

    static func invalid(_ what: String, _ text: UnsafeBufferPointer<UInt8>) -> PostgresDecodingFailure {
        PostgresDecodingFailure("not \(what): \"\(String(decoding: text.prefix(64), as: UTF8.self))\"")
    }
}

extension Optional: PostgresDecodable where Wrapped: PostgresDecodable {
    /// nil for NULL, otherwise the wrapped type's decoding.
    public static func decode(postgresText text: UnsafeBufferPointer<UInt8>?) throws(PostgresDecodingFailure) -> Self {
        guard let text else { return nil }
        return try Wrapped.decode(postgresText: text)
    }
}

extension String: PostgresDecodable {
    /// Any column's text representation (text, varchar, jsonb, numeric, …).
    public static func decode(postgresText text: UnsafeBufferPointer<UInt8>?) throws(PostgresDecodingFailure) -> Self {
        guard let text else { throw .null }
        return String(decoding: text, as: UTF8.self)
    }
}

extension Bool: PostgresDecodable {
    /// `t` or `f`.
    public static func decode(postgresText text: UnsafeBufferPointer<UInt8>?) throws(PostgresDecodingFailure) -> Self {
        guard let text else { throw .null }
        guard let value = TextCodec.parseBool(text) else { throw .invalid("a boolean", text) }
        return value
    }
}

extension FixedWidthInteger where Self: SignedInteger {
    static func decodeInteger(_ text: UnsafeBufferPointer<UInt8>?) throws(PostgresDecodingFailure) -> Self {
        guard let text else { throw .null }
        guard let wide = TextCodec.parseInteger(text), let value = Self(exactly: wide) else {
            throw .invalid("an integer fitting \(Self.self)", text)
        }
        return value
    }
}

extension Int: PostgresDecodable {
    /// int2/int4/int8 (or any integer text that fits).
    public static func decode(postgresText text: UnsafeBufferPointer<UInt8>?) throws(PostgresDecodingFailure) -> Self {
        try decodeInteger(text)
    }
}

extension Int64: PostgresDecodable {
    /// int2/int4/int8.
    public static func decode(postgresText text: UnsafeBufferPointer<UInt8>?) throws(PostgresDecodingFailure) -> Self {
        try decodeInteger(text)
    }
}

extension Int32: PostgresDecodable {
    /// int2/int4, or int8 values that fit.
    public static func decode(postgresText text: UnsafeBufferPointer<UInt8>?) throws(PostgresDecodingFailure) -> Self {
        try decodeInteger(text)
    }
}

extension Int16: PostgresDecodable {
    /// int2, or wider values that fit.
    public static func decode(postgresText text: UnsafeBufferPointer<UInt8>?) throws(PostgresDecodingFailure) -> Self {
        try decodeInteger(text)
    }
}

extension Double: PostgresDecodable {
    /// float4/float8/numeric, including `NaN` and `±Infinity`.
    public static func decode(postgresText text: UnsafeBufferPointer<UInt8>?) throws(PostgresDecodingFailure) -> Self {
        guard let text else { throw .null }
        guard let value = Double(String(decoding: text, as: UTF8.self)) else { throw .invalid("a number", text) }
        return value
    }
}

extension UUID: PostgresDecodable {
    /// `uuid` in its canonical 36-character form.
    public static func decode(postgresText text: UnsafeBufferPointer<UInt8>?) throws(PostgresDecodingFailure) -> Self {
        guard let text else { throw .null }
        guard let value = TextCodec.parseUUID(text) else { throw .invalid("a UUID", text) }
        return value
    }
}

extension Date: PostgresDecodable {
    /// timestamptz/timestamp/date in ISO style; values without an offset are taken as UTC.
    public static func decode(postgresText text: UnsafeBufferPointer<UInt8>?) throws(PostgresDecodingFailure) -> Self {
        guard let text else { throw .null }
        guard let value = PostgresTimestamp.parse(text) else { throw .invalid("a finite ISO timestamp", text) }
        return value
    }
}

extension Data: PostgresDecodable {
    /// `bytea` in hex output format.
    public static func decode(postgresText text: UnsafeBufferPointer<UInt8>?) throws(PostgresDecodingFailure) -> Self {
        Data(try [UInt8].decode(postgresText: text))
    }
}

extension Array: PostgresDecodable where Element: PostgresArrayElement {
    /// `bytea` for `[UInt8]`; a one-dimensional array (`text[]`, `int8[]`, `uuid[]`, …) otherwise.
    public static func decode(postgresText text: UnsafeBufferPointer<UInt8>?) throws(PostgresDecodingFailure) -> Self {
        guard let text else { throw .null }
        return try Element.decodeArray(text)
    }
}
