public import Foundation

/// A statement parameter. Values are always sent out of band (`PQexecPrepared`), never spliced into SQL.
///
/// Promises: each case is sent in PostgreSQL's text format so the server's type inference (or an explicit cast
/// such as `$1::jsonb`) decides the column type; `.null` is SQL NULL whatever the type.
public enum PostgresValue: Sendable, Hashable {
    /// SQL NULL.
    case null
    /// `boolean`.
    case bool(Bool)
    /// `bigint` (int8).
    case int(Int)
    /// `integer` (int4).
    case int32(Int32)
    /// `smallint` (int2).
    case int16(Int16)
    /// `double precision` (float8).
    case double(Double)
    /// `text` (must not contain NUL characters, which PostgreSQL rejects).
    case text(String)
    /// `uuid`.
    case uuid(UUID)
    /// `timestamptz`, sent as UTC with microsecond precision (finer precision is rounded).
    case timestamp(Date)
    /// `bytea`.
    case bytea([UInt8])
    /// JSON text; write `$1::jsonb` in the SQL.
    case jsonb(String)
    /// `text[]`; nil elements are NULL.
    case textArray([String?])
    /// `uuid[]`.
    case uuidArray([UUID])
    /// `bigint[]`.
    case intArray([Int])

    /// `.bytea` from `Data`.
    public static func bytea(_ data: Data) -> PostgresValue { .bytea([UInt8](data)) }

    /// `.null` when `value` is nil, else the case `wrap` builds.
    public static func optional<T>(_ value: T?, _ wrap: (T) -> PostgresValue) -> PostgresValue {
        value.map(wrap) ?? .null
    }
}

extension PostgresValue: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByStringLiteral, ExpressibleByFloatLiteral
{
    /// `nil` is `.null`.
    public init(nilLiteral: ()) { self = .null }
    /// `true`/`false` are `.bool`.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    /// Integer literals are `.int` (bigint).
    public init(integerLiteral value: Int) { self = .int(value) }
    /// String literals are `.text`.
    public init(stringLiteral value: String) { self = .text(value) }
    /// Float literals are `.double`.
    public init(floatLiteral value: Double) { self = .double(value) }
}

extension PostgresValue {
    /// The text-format bytes PostgreSQL parses for this value (nil for NULL), appended without a terminator.
    /// Returns false when the value cannot be represented (text containing NUL).
    func appendText(to buffer: inout [UInt8]) -> Bool {
        switch self {
        case .null: return true
        case .bool(let value): buffer.append(value ? UInt8(ascii: "t") : UInt8(ascii: "f"))
        case .int(let value): TextCodec.appendInteger(Int64(value), to: &buffer)
        case .int32(let value): TextCodec.appendInteger(Int64(value), to: &buffer)
        case .int16(let value): TextCodec.appendInteger(Int64(value), to: &buffer)
        case .double(let value): buffer.append(contentsOf: TextCodec.doubleText(value).utf8)
        case .text(let value), .jsonb(let value):
            let start = buffer.count
            buffer.append(contentsOf: value.utf8)
            if buffer[start...].contains(0) { return false }
        case .uuid(let value): TextCodec.appendUUID(value, to: &buffer)
        case .timestamp(let value): PostgresTimestamp.appendText(value, to: &buffer)
        case .bytea(let bytes): TextCodec.appendByteaHex(bytes, to: &buffer)
        case .textArray(let values):
            return TextCodec.appendArray(values, to: &buffer) { value, out in
                TextCodec.appendQuotedArrayElement(value, to: &out)
            }
        case .uuidArray(let values):
            _ = TextCodec.appendArray(values, to: &buffer) { value, out in
                TextCodec.appendUUID(value, to: &out)
                return true
            }
        case .intArray(let values):
            _ = TextCodec.appendArray(values, to: &buffer) { value, out in
                TextCodec.appendInteger(Int64(value), to: &out)
                return true
            }
        }
        return true
    }

    var isNull: Bool {
        if case .null = self { return true }
        return false
    }
}
