import Foundation

/// The `Encoder` for one value of the tree encoder, which `StrictJSONEncoder` falls back to when a value
/// uses its containers out of order (see `JSONStream`). It ends up holding that value's node.
final class StrictEncoderImpl: Encoder, SingleValueEncodingContainer, ValueWriting {
    let codingPath: [any CodingKey]
    let omitsNil: Bool
    var node: EncodedNode?
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(codingPath: [any CodingKey], omitsNil: Bool) {
        self.codingPath = codingPath
        self.omitsNil = omitsNil
    }

    /// The node of `value`.
    static func node<T: Encodable>(for value: T, codingPath: @autoclosure () -> [any CodingKey], omitsNil: Bool) throws -> EncodedNode {
        if let scalar = try EncodedNode.scalar(value, codingPath: codingPath()) { return scalar }
        let encoder = StrictEncoderImpl(codingPath: codingPath(), omitsNil: omitsNil)
        try value.encode(to: encoder)
        // A value that encodes nothing is an empty object, as with Foundation's encoder.
        return encoder.node ?? .object(EncodedNode.ObjectBox())
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

    var valuePath: [any CodingKey] { codingPath }
    func put(_ node: EncodedNode) { self.node = node }
    func putValue<T: Encodable>(_ value: T) throws {
        node = try Self.node(for: value, codingPath: codingPath, omitsNil: omitsNil)
    }
}
