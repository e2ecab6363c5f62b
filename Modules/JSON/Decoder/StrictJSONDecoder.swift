/// Decodes `Decodable` values from JSON strictly: members the type does not read are
/// reported as unknown fields (at any depth), numbers must fit their type exactly, and
/// `Date` is read from RFC 3339 text. Optional members may be absent or `null`.
public struct StrictJSONDecoder: Sendable {
    /// The deepest nesting the parser accepts.
    public var maximumDepth: Int

    /// A decoder accepting nesting up to `maximumDepth` (64 by default).
    public init(maximumDepth: Int = JSONParser.defaultMaximumDepth) {
        self.maximumDepth = maximumDepth
    }

    /// Parses `bytes` and decodes a `T`. Throws `JSONParseError` for malformed input,
    /// `JSONDecodingError` when the document does not fit `T`, or whatever `T`'s own
    /// initializer throws that is not a `DecodingError`.
    public func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) throws -> T {
        let value = try JSONParser.parse(bytes, maximumDepth: maximumDepth)
        return try decode(type, from: value)
    }

    /// Decodes a `T` from an already parsed document (see `decode(_:from:)` for errors).
    public func decode<T: Decodable>(_ type: T.Type, from value: JSONValue) throws -> T {
        let usage = KeyUsage()
        let decoded: T
        do {
            decoded = try StrictDecoderImpl(value: value, parent: usage, slot: -1, codingPath: []).decodeValue(T.self)
        } catch let error as DecodingError {
            throw Self.describe(error)
        }
        var unknown: [String] = []
        usage.collectUnknown(in: value, path: "", into: &unknown)
        if !unknown.isEmpty { throw JSONDecodingError.unknownFields(unknown) }
        return decoded
    }

    static func describe(_ error: DecodingError) -> JSONDecodingError {
        switch error {
        case let .keyNotFound(key, context):
            let path = CodingPathText.render(context.codingPath + [key])
            return .invalidValue(field: path, message: "is required")
        case let .valueNotFound(_, context):
            return .invalidValue(field: CodingPathText.render(context.codingPath), message: "must not be null")
        case let .typeMismatch(_, context), let .dataCorrupted(context):
            // Synthesized enum decoding says "Cannot initialize Status from invalid String value x":
            // Swift type names are internals, so say it in the API's words.
            let message = context.debugDescription.hasPrefix("Cannot initialize ") ? "is not one of the allowed values" : context.debugDescription
            return .invalidValue(field: CodingPathText.render(context.codingPath), message: message)
        @unknown default:
            return .invalidValue(field: "", message: "is invalid")
        }
    }
}
