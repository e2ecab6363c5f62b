/// An unkeyed container over one JSON array.
struct StrictUnkeyedDecodingContainer: UnkeyedDecodingContainer {
    let elements: [JSONValue]
    let usage: KeyUsage
    let codingPath: [any CodingKey]
    var currentIndex = 0

    init(elements: [JSONValue], usage: KeyUsage, codingPath: [any CodingKey]) {
        self.elements = elements
        self.usage = usage
        self.codingPath = codingPath
    }

    var count: Int? { elements.count }
    var isAtEnd: Bool { currentIndex >= elements.count }

    /// The next element and its index; `valueNotFound` past the end.
    mutating func advance() throws -> (Int, JSONValue) {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(Any.self, .init(codingPath: codingPath + [IndexKey(currentIndex)], debugDescription: "is required"))
        }
        defer { currentIndex += 1 }
        return (currentIndex, elements[currentIndex])
    }

    mutating func next() throws -> StrictDecoderImpl {
        let (index, value) = try advance()
        return StrictDecoderImpl(value: value, parent: usage, slot: index, codingPath: codingPath + [IndexKey(index)])
    }

    mutating func scalar<T>(_ read: (JSONValue, JSONScalar.Path) throws -> T) throws -> T {
        let (index, value) = try advance()
        return try read(value, { [codingPath] in codingPath + [IndexKey(index)] })
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd else { return false }
        if case .null = elements[currentIndex] {
            currentIndex += 1
            return true
        }
        return false
    }

    mutating func decode(_ type: Bool.Type) throws -> Bool { try scalar(JSONScalar.bool) }
    mutating func decode(_ type: String.Type) throws -> String { try scalar(JSONScalar.string) }
    mutating func decode(_ type: Double.Type) throws -> Double { try scalar(JSONScalar.double) }
    mutating func decode(_ type: Float.Type) throws -> Float { Float(try scalar(JSONScalar.double)) }
    mutating func decode(_ type: Int.Type) throws -> Int { try scalar(JSONScalar.integer) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try scalar(JSONScalar.integer) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try scalar(JSONScalar.integer) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try scalar(JSONScalar.integer) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try scalar(JSONScalar.integer) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try scalar(JSONScalar.integer) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try scalar(JSONScalar.integer) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try scalar(JSONScalar.integer) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try scalar(JSONScalar.integer) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try scalar(JSONScalar.integer) }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let (index, value) = try advance()
        if let fast = try JSONScalar.fast(type, value, { [codingPath] in codingPath + [IndexKey(index)] }) { return fast }
        return try T(from: StrictDecoderImpl(value: value, parent: usage, slot: index, codingPath: codingPath + [IndexKey(index)]))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        try next().container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer { try next().unkeyedContainer() }

    mutating func superDecoder() throws -> any Decoder { try next() }
}
