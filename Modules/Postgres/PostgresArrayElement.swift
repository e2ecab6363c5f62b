public import Foundation

/// Element types for which `[Element]` is decodable: `UInt8` (making `[UInt8]` mean bytea) and the
/// `PostgresDecodable` scalars, which decode one-dimensional array literals such as `{1,2,NULL}`.
public protocol PostgresArrayElement: Sendable {
    /// Decodes a whole non-NULL column value into an array of `Self`.
    static func decodeArray(_ text: UnsafeBufferPointer<UInt8>) throws(PostgresDecodingFailure) -> [Self]
}

extension UInt8: PostgresArrayElement {
    /// bytea in hex output format.
    public static func decodeArray(_ text: UnsafeBufferPointer<UInt8>) throws(PostgresDecodingFailure) -> [UInt8] {
        guard let bytes = TextCodec.parseByteaHex(text) else { throw .invalid("bytea in hex format", text) }
        return bytes
    }
}

extension PostgresArrayElement where Self: PostgresDecodable {
    /// A one-dimensional array literal, each element decoded with `Self.decode` (NULL elements passed as nil).
    public static func decodeArray(_ text: UnsafeBufferPointer<UInt8>) throws(PostgresDecodingFailure) -> [Self] {
        guard let elements = ArrayLiteralParser.parse(text) else { throw .invalid("a one-dimensional array", text) }
        var result: [Self] = []
        result.reserveCapacity(elements.count)
        for element in elements {
            guard let element else {
                result.append(try decode(postgresText: nil))
                continue
            }
            let value = try element.withUnsafeBufferPointer { buffer throws(PostgresDecodingFailure) -> Self in
                try decode(postgresText: buffer)
            }
            result.append(value)
        }
        return result
    }
}

extension String: PostgresArrayElement {}
extension Int: PostgresArrayElement {}
extension Int64: PostgresArrayElement {}
extension Int32: PostgresArrayElement {}
extension Int16: PostgresArrayElement {}
extension Bool: PostgresArrayElement {}
extension Double: PostgresArrayElement {}
extension UUID: PostgresArrayElement {}
extension Date: PostgresArrayElement {}
extension Optional: PostgresArrayElement where Wrapped: PostgresDecodable {}

/// Splits `{a,"b \"c\"",NULL}` into element bytes (nil for an unquoted NULL).
enum ArrayLiteralParser {
    static func parse(_ text: UnsafeBufferPointer<UInt8>) -> [[UInt8]?]? {
        guard text.count >= 2, text[0] == UInt8(ascii: "{"), text[text.count - 1] == UInt8(ascii: "}") else {
            return nil
        }
        var elements: [[UInt8]?] = []
        var index = 1
        let end = text.count - 1
        if index == end { return [] }
        while index <= end {
            var element: [UInt8] = []
            if text[index] == UInt8(ascii: "\"") {
                index += 1
                while index < end, text[index] != UInt8(ascii: "\"") {
                    if text[index] == UInt8(ascii: "\\") { index += 1 }
                    guard index < end else { return nil }
                    element.append(text[index])
                    index += 1
                }
                guard index < end else { return nil }
                index += 1
                elements.append(element)
            } else {
                while index < end, text[index] != UInt8(ascii: ",") {
                    guard text[index] != UInt8(ascii: "{") else { return nil }
                    element.append(text[index])
                    index += 1
                }
                elements.append(element == Array("NULL".utf8) ? nil : element)
            }
            guard index == end || text[index] == UInt8(ascii: ",") else { return nil }
            index += 1
        }
        return elements
    }
}
