import Foundation

/// A value under construction by the encoder. Containers are boxes because a nested
/// container handed out earlier may still be filled after its parent moved on.
/// Scalars stay unformatted until writing, so building the tree allocates little.
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
