extension JSONValue: Codable {
    /// Takes the value as is from `StrictJSONDecoder` (which then checks nothing below it);
    /// from other decoders, rebuilds it member by member.
    public init(from decoder: any Decoder) throws {
        if let strict = decoder as? StrictDecoderImpl {
            self = strict.value
            return
        }
        if var array = try? decoder.unkeyedContainer() {
            var elements: [JSONValue] = []
            while !array.isAtEnd { elements.append(try array.decode(JSONValue.self)) }
            self = .array(elements)
        } else if let object = try? decoder.container(keyedBy: NameKey.self) {
            self = .object(try object.allKeys.map { (key: $0.stringValue, value: try object.decode(JSONValue.self, forKey: $0)) })
        } else {
            let single = try decoder.singleValueContainer()
            if single.decodeNil() {
                self = .null
            } else if let flag = try? single.decode(Bool.self) {
                self = .bool(flag)
            } else if let number = try? single.decode(Int64.self) {
                self = .number(String(number))
            } else if let number = try? single.decode(Double.self) {
                self = .number(number.description)
            } else {
                self = .string(try single.decode(String.self))
            }
        }
    }

    /// Written verbatim by `StrictJSONEncoder`; other encoders get the equivalent containers.
    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .null:
            var single = encoder.singleValueContainer()
            try single.encodeNil()
        case let .bool(flag):
            var single = encoder.singleValueContainer()
            try single.encode(flag)
        case let .number(text):
            var single = encoder.singleValueContainer()
            if let integer = Int64(text) { try single.encode(integer) } else { try single.encode(Double(text) ?? 0) }
        case let .string(text):
            var single = encoder.singleValueContainer()
            try single.encode(text)
        case let .array(elements):
            var array = encoder.unkeyedContainer()
            for element in elements { try array.encode(element) }
        case let .object(members):
            var object = encoder.container(keyedBy: NameKey.self)
            for member in members { try object.encode(member.value, forKey: NameKey(member.key)) }
        }
    }
}
