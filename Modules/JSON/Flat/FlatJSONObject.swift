/// A strict parser for one-level JSON objects (RFC 8259), such as JOSE headers and JWT claim sets.
///
/// Why not JSONSerialization: it silently keeps one of two members with the same name, so
/// `{"alg":"HS256","alg":"none"}` would mean different things to different parsers (RFC 8725 §3.1
/// and RFC 7515 §4 ask to reject duplicates). Names are compared after unescaping, so `"a\u006cg"`
/// counts as `alg`. It is also several times faster than Foundation for these tiny objects.
public struct FlatJSONObject: Sendable {
    /// One `"name": value` pair.
    public struct Member: Sendable {
        /// The member's name, unescaped.
        public let name: String
        /// The member's value.
        public let value: FlatJSONValue
    }

    /// Members in document order; names are unique.
    public private(set) var members: [Member] = []

    /// Caps that keep work bounded whatever the input (tokens are attacker-controlled): more members is malformed.
    public static let maxMembers = 64
    /// More elements in one array is malformed.
    public static let maxArrayElements = 64

    /// The value of the member called `name`, or nil when there is none.
    public subscript(name: String) -> FlatJSONValue? {
        for member in members where member.name == name { return member.value }
        return nil
    }

    /// Parses exactly one object, allowing surrounding whitespace and nothing else.
    public static func parse(_ bytes: [UInt8]) throws(FlatJSONError) -> FlatJSONObject {
        var parser = Parser(bytes: bytes)
        let object = try parser.object()
        parser.skipWhitespace()
        guard parser.index == bytes.count else { throw .malformed }
        return object
    }

    /// The recursive-descent parser; string handling is in FlatJSONObject+Strings.swift.
    struct Parser {
        let bytes: [UInt8]
        var index = 0

        mutating func skipWhitespace() {
            while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 || bytes[index] == 0x0A || bytes[index] == 0x0D {
                index += 1
            }
        }

        mutating func consume(_ byte: UInt8) -> Bool {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }

        mutating func object() throws(FlatJSONError) -> FlatJSONObject {
            guard consume(UInt8(ascii: "{")) else { throw .malformed }
            var object = FlatJSONObject()
            if consume(UInt8(ascii: "}")) { return object }
            repeat {
                skipWhitespace()
                let name = try string()
                guard consume(UInt8(ascii: ":")) else { throw .malformed }
                let value = try scalarOrArray()
                // Quadratic, but with at most 64 short names this beats hashing.
                for member in object.members where member.name == name { throw .duplicateMember }
                guard object.members.count < FlatJSONObject.maxMembers else { throw .malformed }
                object.members.append(Member(name: name, value: value))
            } while consume(UInt8(ascii: ","))
            guard consume(UInt8(ascii: "}")) else { throw .malformed }
            return object
        }

        mutating func scalarOrArray() throws(FlatJSONError) -> FlatJSONValue {
            guard consume(UInt8(ascii: "[")) else { return try scalar() }
            var elements: [FlatJSONValue] = []
            if consume(UInt8(ascii: "]")) { return .array(elements) }
            repeat {
                guard elements.count < FlatJSONObject.maxArrayElements else { throw .malformed }
                elements.append(try scalar())
            } while consume(UInt8(ascii: ","))
            guard consume(UInt8(ascii: "]")) else { throw .malformed }
            return .array(elements)
        }

        mutating func scalar() throws(FlatJSONError) -> FlatJSONValue {
            skipWhitespace()
            guard index < bytes.count else { throw .malformed }
            switch bytes[index] {
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
            case UInt8(ascii: "t"): try literal("true"); return .bool(true)
            case UInt8(ascii: "f"): try literal("false"); return .bool(false)
            case UInt8(ascii: "n"): try literal("null"); return .null
            default: throw .malformed
            }
        }

        mutating func literal(_ word: StaticString) throws(FlatJSONError) {
            let count = word.utf8CodeUnitCount
            guard bytes.count - index >= count else { throw .malformed }
            let pointer = word.utf8Start
            for offset in 0..<count where bytes[index + offset] != pointer[offset] { throw .malformed }
            index += count
        }

        /// RFC 8259 §6: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
        mutating func number() throws(FlatJSONError) -> FlatJSONValue {
            let negative = bytes[index] == UInt8(ascii: "-")
            if negative { index += 1 }
            guard index < bytes.count, isDigit(bytes[index]) else { throw .malformed }
            var value: Int64 = 0
            var fits = true
            if bytes[index] == UInt8(ascii: "0") {
                index += 1
            } else {
                while index < bytes.count, isDigit(bytes[index]) {
                    let digit = Int64(bytes[index] &- UInt8(ascii: "0"))
                    let (times10, o1) = value.multipliedReportingOverflow(by: 10)
                    let (next, o2) = negative ? times10.subtractingReportingOverflow(digit) : times10.addingReportingOverflow(digit)
                    if o1 || o2 { fits = false } else { value = next }
                    index += 1
                }
            }
            var integral = fits
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                try digits()
                integral = false
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
                index += 1
                if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
                try digits()
                integral = false
            }
            return integral ? .integer(value) : .otherNumber
        }

        mutating func digits() throws(FlatJSONError) {
            guard index < bytes.count, isDigit(bytes[index]) else { throw .malformed }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }

        func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
    }
}
