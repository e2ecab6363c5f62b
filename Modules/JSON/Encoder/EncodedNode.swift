import Foundation

/// A value on its way to JSON text. The streaming encoder (`JSONStream`) only uses the scalar cases, written
/// at once; the tree encoder (`StrictEncoderImpl`), its fallback, builds whole trees. Containers are boxes
/// because a nested container handed out earlier may still be filled after its parent moved on.
enum EncodedNode {
    case null
    case bool(Bool)
    case int(Int64)
    case uint(UInt64)
    /// Always finite: the encoder refuses NaN and infinities.
    case double(Double)
    case string(String)
    case date(Date)
    case uuid(UUID)
    case json(JSONValue)
    case object(ObjectBox)
    case array(ArrayBox)

    final class ObjectBox {
        var members: [(key: String, node: EncodedNode)] = []
    }

    final class ArrayBox {
        var elements: [EncodedNode] = []
    }

    /// The node of a scalar the API writes often (with its JSON form rather than its `Codable` one for
    /// `Date`, `UUID` and `JSONValue`), or nil for any other value. Metatype comparisons first: a dynamic
    /// cast is only attempted when it will succeed, which keeps `swift_dynamicCast` off the profile.
    static func scalar<T: Encodable>(_ value: T, codingPath: @autoclosure () -> [any CodingKey]) throws -> EncodedNode? {
        if T.self == String.self, let text = value as? String { return .string(text) }
        if T.self == Int.self, let number = value as? Int { return .int(Int64(number)) }
        if T.self == Bool.self, let flag = value as? Bool { return .bool(flag) }
        if T.self == Date.self, let date = value as? Date { return .date(date) }
        if T.self == UUID.self, let uuid = value as? UUID { return .uuid(uuid) }
        if T.self == JSONValue.self, let json = value as? JSONValue { return .json(json) }
        if T.self == Double.self, let number = value as? Double { return try finite(number, codingPath()) }
        return nil
    }

    static func finite(_ number: Double, _ codingPath: @autoclosure () -> [any CodingKey]) throws -> EncodedNode {
        guard number.isFinite else {
            throw EncodingError.invalidValue(number, .init(codingPath: codingPath(), debugDescription: "JSON has no NaN or infinity"))
        }
        return .double(number)
    }

    func write(to writer: inout JSONWriter) {
        switch self {
        case .null: writer.bytes.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C])
        case let .bool(flag): flag ? writer.bytes.append(contentsOf: [0x74, 0x72, 0x75, 0x65])
                                   : writer.bytes.append(contentsOf: [0x66, 0x61, 0x6C, 0x73, 0x65])
        case let .int(number): writer.integer(number)
        case let .uint(number): writer.bytes.append(contentsOf: String(number).utf8)
        case let .double(number): writer.bytes.append(contentsOf: number.description.utf8)
        case let .string(text): writer.string(text)
        case let .date(date):
            writer.bytes.append(UInt8(ascii: "\""))
            RFC3339.append(date, to: &writer.bytes)
            writer.bytes.append(UInt8(ascii: "\""))
        case let .uuid(uuid): writer.uuid(uuid)
        case let .json(value): writer.value(value)
        case let .object(box):
            writer.bytes.append(UInt8(ascii: "{"))
            var first = true
            for member in box.members {
                if !first { writer.bytes.append(UInt8(ascii: ",")) }
                first = false
                writer.string(member.key)
                writer.bytes.append(UInt8(ascii: ":"))
                member.node.write(to: &writer)
            }
            writer.bytes.append(UInt8(ascii: "}"))
        case let .array(box):
            writer.bytes.append(UInt8(ascii: "["))
            var first = true
            for element in box.elements {
                if !first { writer.bytes.append(UInt8(ascii: ",")) }
                first = false
                element.write(to: &writer)
            }
            writer.bytes.append(UInt8(ascii: "]"))
        }
    }
}
