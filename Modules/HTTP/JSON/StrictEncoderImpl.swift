import Foundation

/// The `Encoder` for one value. It ends up holding that value's node.
final class StrictEncoderImpl: Encoder, SingleValueEncodingContainer {
    let codingPath: [any CodingKey]
    let omitsNil: Bool
    var node: EncodedNode?
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(codingPath: [any CodingKey], omitsNil: Bool) {
        self.codingPath = codingPath
        self.omitsNil = omitsNil
    }

    /// The node of `value`, with fast paths for the scalars the API writes most.
    static func node<T: Encodable>(for value: T, codingPath: @autoclosure () -> [any CodingKey], omitsNil: Bool) throws -> EncodedNode {
        // Metatype comparisons first: a dynamic cast is only attempted when it will succeed,
        // which keeps `swift_dynamicCast` off the profile for nested structs.
        if T.self == String.self, let text = value as? String { return .string(text) }
        if T.self == Int.self, let number = value as? Int { return .int(Int64(number)) }
        if T.self == Bool.self, let flag = value as? Bool { return .bool(flag) }
        if T.self == Date.self, let date = value as? Date { return .date(date) }
        if T.self == UUID.self, let uuid = value as? UUID { return .uuid(uuid) }
        if T.self == JSONValue.self, let json = value as? JSONValue { return .json(json) }
        if T.self == Double.self, let number = value as? Double { return try finite(number, codingPath()) }
        let encoder = StrictEncoderImpl(codingPath: codingPath(), omitsNil: omitsNil)
        try value.encode(to: encoder)
        // A value that encodes nothing is an empty object, as with Foundation's encoder.
        return encoder.node ?? .object(EncodedNode.ObjectBox())
    }

    static func finite(_ number: Double, _ codingPath: [any CodingKey]) throws -> EncodedNode {
        guard number.isFinite else {
            throw EncodingError.invalidValue(number, .init(codingPath: codingPath, debugDescription: "JSON has no NaN or infinity"))
        }
        return .double(number)
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case let .object(box)? = node {
            return KeyedEncodingContainer(StrictKeyedEncodingContainer<Key>(box: box, encoder: self))
        }
        let box = EncodedNode.ObjectBox()
        node = .object(box)
        return KeyedEncodingContainer(StrictKeyedEncodingContainer<Key>(box: box, encoder: self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case let .array(box)? = node { return StrictUnkeyedEncodingContainer(box: box, encoder: self) }
        let box = EncodedNode.ArrayBox()
        node = .array(box)
        return StrictUnkeyedEncodingContainer(box: box, encoder: self)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { self }

    // MARK: SingleValueEncodingContainer

    func encodeNil() { node = .null }
    func encode(_ value: Bool) { node = .bool(value) }
    func encode(_ value: String) { node = .string(value) }
    func encode(_ value: Double) throws { node = try Self.finite(value, codingPath) }
    func encode(_ value: Float) throws { node = try Self.finite(Double(value), codingPath) }
    func encode(_ value: Int) { node = .int(Int64(value)) }
    func encode(_ value: Int8) { node = .int(Int64(value)) }
    func encode(_ value: Int16) { node = .int(Int64(value)) }
    func encode(_ value: Int32) { node = .int(Int64(value)) }
    func encode(_ value: Int64) { node = .int(value) }
    func encode(_ value: UInt) { node = .uint(UInt64(value)) }
    func encode(_ value: UInt8) { node = .uint(UInt64(value)) }
    func encode(_ value: UInt16) { node = .uint(UInt64(value)) }
    func encode(_ value: UInt32) { node = .uint(UInt64(value)) }
    func encode(_ value: UInt64) { node = .uint(value) }
    func encode<T: Encodable>(_ value: T) throws {
        node = try Self.node(for: value, codingPath: codingPath, omitsNil: omitsNil)
    }
}
