import Foundation
@testable import JSON
import Testing

// The streaming encoder writes members as they arrive and falls back to a tree when Codable's freedoms
// (containers kept and filled later, super encoders) break that order; these pin the output in each case.

private func json(_ value: some Encodable, omittingNils: Bool = false) throws -> String {
    String(decoding: try StrictJSONEncoder(omitsNilMembers: omittingNils).encode(value), as: UTF8.self)
}

private enum Keys: String, CodingKey { case a, b, c, x, y }

/// Keeps a nested container and fills it after its parent wrote a later member.
private struct LateNested: Encodable {
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        var nested = container.nestedContainer(keyedBy: Keys.self, forKey: .a)
        var list = container.nestedUnkeyedContainer(forKey: .c)
        try container.encode(1, forKey: .b)
        try nested.encode(2, forKey: .x)
        try list.encode(true)
        try nested.encode("late", forKey: .y)
    }
}

/// Fills nested containers strictly in order, the way the streaming path writes straight through.
private struct InOrderNested: Encodable {
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        var nested = container.nestedContainer(keyedBy: Keys.self, forKey: .a)
        try nested.encode(1, forKey: .x)
        var list = nested.nestedUnkeyedContainer(forKey: .y)
        try list.encode(2)
        var inner = list.nestedContainer(keyedBy: Keys.self)
        try inner.encodeNil(forKey: .x)
        try list.encode(3)
        try container.encode(4, forKey: .b)
    }
}

private class Base: Encodable {
    var base = "b"
    enum BaseKeys: String, CodingKey { case base }
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: BaseKeys.self)
        try container.encode(base, forKey: .base)
    }
}

/// Encodes its superclass through a super encoder, as a nested `"super"` object.
private final class WithSuper: Base, @unchecked Sendable {
    enum Keys: String, CodingKey { case name }
    override func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode("n", forKey: .name)
        try super.encode(to: container.superEncoder())
    }
}

/// Encodes its superclass into the same encoder: one object holding both classes' members.
private final class SharingEncoder: Base, @unchecked Sendable {
    enum Keys: String, CodingKey { case name }
    override func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode("n", forKey: .name)
        try super.encode(to: encoder)
    }
}

/// Takes a super encoder, writes another member, then fills the super encoder.
private struct LateSuper: Encodable {
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        let superEncoder = container.superEncoder()
        try container.encode(1, forKey: .a)
        var inner = superEncoder.container(keyedBy: Keys.self)
        try inner.encode(2, forKey: .x)
    }
}

/// Counts how often it is encoded, around `LateNested` (out of order) or `InOrderNested`.
private final class Counted: Encodable {
    var calls = 0
    let inOrder: Bool
    init(inOrder: Bool) { self.inOrder = inOrder }
    func encode(to encoder: any Encoder) throws {
        calls += 1
        if inOrder { try InOrderNested().encode(to: encoder) } else { try LateNested().encode(to: encoder) }
    }
}

/// Every scalar the containers take, in keyed, unkeyed and single value positions.
private struct Everything: Encodable {
    var int8: Int8 = -8, int16: Int16 = -16, int32: Int32 = -32, int64 = Int64.min, int = Int.max
    var uint8: UInt8 = 8, uint16: UInt16 = 16, uint32: UInt32 = 32, uint64 = UInt64.max, uint: UInt = 7
    var float: Float = 0.1, double = -2.5e-300, flag = false, text = "tab\there \u{0}"
    var date = Date(timeIntervalSince1970: -62_135_596_800)
    var id = UUID(uuid: (0xAB, 0xCD, 0xEF, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 0xFF))
    var json = JSONValue.object([(key: "k", value: .array([.number("1.50"), .null, .bool(true), .string("\"")]))])
    var none: Int? = nil
    var some: Double? = 1
    var floats: [Float] = [1, -0.5]
    var mixed: [Wrapped] = [.init(value: 3), .init(value: "s"), .init(value: Date(timeIntervalSince1970: 0))]
    var map: [String: [UInt16?]] = ["only": [1, nil]]
}

/// Puts a value through a single value container.
private struct Wrapped: Encodable {
    let value: any Encodable
    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}

private struct Nothing: Encodable {
    func encode(to encoder: any Encoder) throws {}
}

private struct Empties: Encodable {
    var list: [Int] = []
    var map: [String: Int] = [:]
    var nothing = Nothing()
    var nested: [[Int]] = [[], []]
}

private struct Twice: Encodable {
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(1, forKey: .a)
        try container.encode(2, forKey: .a)
    }
}

private struct Fails: Error {}

private struct Throwing: Encodable {
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(1, forKey: .x)
        throw Fails()
    }
}

/// Swallows the error of a member that threw half-way; that member must leave no trace.
private struct Swallowing: Encodable {
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(1, forKey: .a)
        try? container.encode(Throwing(), forKey: .b)
        var list = container.nestedUnkeyedContainer(forKey: .c)
        try list.encode(2)
        try? list.encode(Throwing())
        try list.encode(3)
    }
}

private struct Wrapper: Encodable {
    let inner: Money
    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(inner)
    }
}

private struct Money: Encodable {
    var amount: Int64
    var currency: String
}

private struct Optionals: Encodable {
    var a: Int?
    var b: Money?
    var c: [Int?]
    var d: [String: String?]
}

private indirect enum Tree: Encodable {
    case leaf
    case node([Tree])
    func encode(to encoder: any Encoder) throws {
        switch self {
        case .leaf: var c = encoder.singleValueContainer(); try c.encodeNil()
        case let .node(children): var c = encoder.unkeyedContainer(); for child in children { try c.encode(child) }
        }
    }
}

private struct Escaped: Encodable {
    enum CodingKeys: String, CodingKey { case quote = "a\"b", newline = "c\nd", plain = "ok" }
    var quote = 1
    var newline = 2
    var plain = "\u{7F}\u{1F}"
}

private struct Path: Encodable {
    var items: [Priced]
}

private struct Priced: Encodable {
    var price: Double
}

@Suite struct StreamingJSONEncoderTests {
    @Test func nestedContainersFilledAfterLaterMembersKeepTheirPlace() throws {
        #expect(try json(LateNested()) == #"{"a":{"x":2,"y":"late"},"c":[true],"b":1}"#)
    }

    @Test func onlyOutOfOrderValuesAreEncodedTwice() throws {
        let inOrder = Counted(inOrder: true)
        let outOfOrder = Counted(inOrder: false)
        #expect(try json([inOrder]) == #"[{"a":{"x":1,"y":[2,{"x":null},3]},"b":4}]"#)
        #expect(try json([outOfOrder]) == #"[{"a":{"x":2,"y":"late"},"c":[true],"b":1}]"#)
        #expect(inOrder.calls == 1)
        #expect(outOfOrder.calls == 2)
    }

    @Test func streamingAndTreeWriteTheSameBytes() throws {
        for omitting in [false, true] {
            let value = [Everything(), Everything()]
            let tree = try StrictEncoderImpl.node(for: value, codingPath: [], omitsNil: omitting)
            var writer = JSONWriter()
            tree.write(to: &writer)
            let streamed = try StrictJSONEncoder(omitsNilMembers: omitting).encode(value)
            #expect(String(decoding: streamed, as: UTF8.self) == String(decoding: writer.bytes, as: UTF8.self))
            #expect(String(decoding: streamed, as: UTF8.self).contains(#""none":null"#) == !omitting)
        }
    }

    @Test func nestedContainersFilledInOrder() throws {
        #expect(try json(InOrderNested()) == #"{"a":{"x":1,"y":[2,{"x":null},3]},"b":4}"#)
    }

    @Test func superEncoderWritesTheSuperclassAsANestedObject() throws {
        #expect(try json(WithSuper()) == #"{"name":"n","super":{"base":"b"}}"#)
        #expect(try json([WithSuper(), WithSuper()]) == #"[{"name":"n","super":{"base":"b"}},{"name":"n","super":{"base":"b"}}]"#)
        #expect(try json(LateSuper()) == #"{"super":{"x":2},"a":1}"#)
    }

    @Test func aSubclassAndItsSuperclassShareOneObject() throws {
        #expect(try json(SharingEncoder()) == #"{"name":"n","base":"b"}"#)
    }

    @Test func emptyObjectsAndArrays() throws {
        #expect(try json(Nothing()) == "{}")
        #expect(try json([Nothing()]) == "[{}]")
        #expect(try json(Empties()) == #"{"list":[],"map":{},"nothing":{},"nested":[[],[]]}"#)
        #expect(try json([Int]()) == "[]")
    }

    @Test func aKeyEncodedTwiceIsWrittenTwice() throws {
        #expect(try json(Twice()) == #"{"a":1,"a":2}"#)
    }

    @Test func keysAreEscaped() throws {
        #expect(try json(Escaped()) == #"{"a\"b":1,"c\nd":2,"ok":"\#u{7F}\u001f"}"#)
    }

    @Test func escapesAtEveryPositionOfLongStrings() throws {
        let specials: [(Character, String)] = [("\"", #"\""#), ("\\", #"\\"#), ("\n", #"\n"#), ("\u{01}", #"\u0001"#),
                                               ("\u{1F}", #"\u001f"#), (" ", " "), ("\u{7F}", "\u{7F}"), ("é", "é"), ("~", "~")]
        for (special, escaped) in specials {
            // Long strings are scanned eight bytes at a time: escapes on either side of each boundary.
            for length in [1, 7, 8, 9, 29, 30, 31, 40] {
                for position in 0..<length {
                    let prefix = String(repeating: "a", count: position)
                    let suffix = String(repeating: "b", count: length - 1 - position)
                    #expect(try json([prefix + String(special) + suffix]) == "[\"" + prefix + escaped + suffix + "\"]")
                }
            }
        }
        #expect(try json(["", "é"]) == #"["","é"]"#)
    }

    @Test func deepNesting() throws {
        var tree = Tree.leaf
        for _ in 0..<300 { tree = .node([tree, .leaf]) }
        let text = try json(tree)
        #expect(text.hasPrefix(String(repeating: "[", count: 300) + "null,null]"))
        #expect(text.hasSuffix(String(repeating: ",null]", count: 299)))
        #expect(text.utf8.count == 300 * 7 + 4)
    }

    @Test func optionalsAreNullUnlessOmitted() throws {
        let value = Optionals(a: nil, b: nil, c: [1, nil], d: ["k": nil])
        #expect(try json(value) == #"{"a":null,"b":null,"c":[1,null],"d":{"k":null}}"#)
        #expect(try json(value, omittingNils: true) == #"{"c":[1,null],"d":{"k":null}}"#)
        let present = Optionals(a: 1, b: Money(amount: 5, currency: "EUR"), c: [], d: [:])
        #expect(try json(present, omittingNils: true) == #"{"a":1,"b":{"amount":5,"currency":"EUR"},"c":[],"d":{}}"#)
    }

    @Test func singleValueContainersWrapOtherValues() throws {
        #expect(try json([Wrapper(inner: Money(amount: -1, currency: "EUR"))]) == #"[{"amount":-1,"currency":"EUR"}]"#)
        #expect(try json(Optional<Money>.none) == "null")
        #expect(try json("top") == #""top""#)
    }

    @Test func aThrowingValueFailsTheWholeEncode() {
        #expect(throws: Fails.self) { try StrictJSONEncoder().encode(Throwing()) }
        #expect(throws: Fails.self) {
            try StrictJSONEncoder().encode([AnyValue(Money(amount: 1, currency: "EUR")), AnyValue(Throwing())])
        }
    }

    @Test func aMemberWhoseErrorIsSwallowedLeavesNoTrace() throws {
        #expect(try json(Swallowing()) == #"{"a":1,"c":[2,3]}"#)
    }

    @Test func nonFiniteNumbersNameTheirPath() throws {
        do {
            _ = try StrictJSONEncoder().encode(Path(items: [Priced(price: 1), Priced(price: .infinity)]))
            Issue.record("encoded infinity")
        } catch let error as EncodingError {
            guard case let .invalidValue(_, context) = error else { Issue.record("\(error)"); return }
            #expect(context.codingPath.map(\.stringValue) == ["items", "Index 1", "price"])
        }
    }
}

/// Erases a value, so that an array can hold a throwing one after others.
private struct AnyValue: Encodable {
    let value: any Encodable
    init(_ value: any Encodable) { self.value = value }
    func encode(to encoder: any Encoder) throws { try value.encode(to: encoder) }
}
