import Kernel

/// Writes the small JSON objects we sign: members in the order given, strings escaped per RFC 8259 §7.
///
/// Hand-written rather than JSONEncoder so the header bytes are exactly `{"alg":"HS256","typ":"at+jwt","kid":"…"}`
/// and the payload has a stable member order.
public struct JSONObjectWriter: Sendable {
    private(set) var bytes: [UInt8] = [UInt8(ascii: "{")]
    private var first = true

    /// An empty object, ready for its first member.
    public init() {}

    /// Appends `"name":"value"`.
    public mutating func member(_ name: String, _ value: String) {
        key(name)
        string(value)
    }

    /// Appends `"name":value` with the integer in decimal.
    public mutating func member(_ name: String, _ value: Int64) {
        key(name)
        bytes.append(contentsOf: String(value).utf8)
    }

    /// Appends `"name":true` or `"name":false`.
    public mutating func member(_ name: String, _ value: Bool) {
        key(name)
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
    }

    /// Appends `"name":["…","…"]`, the strings in the order given.
    public mutating func member(_ name: String, strings: [String]) {
        key(name)
        bytes.append(UInt8(ascii: "["))
        for (index, text) in strings.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            string(text)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    /// The finished object.
    public mutating func finish() -> [UInt8] {
        bytes.append(UInt8(ascii: "}"))
        return bytes
    }

    private mutating func key(_ name: String) {
        if !first { bytes.append(UInt8(ascii: ",")) }
        first = false
        string(name)
        bytes.append(UInt8(ascii: ":"))
    }

    private mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                bytes.append(UInt8(ascii: "\\"))
                bytes.append(byte)
            case 0x00..<0x20:
                // \u00XX works for every control character; the short forms are only a nicety.
                bytes.append(contentsOf: Array("\\u00".utf8))
                bytes.append(HexDigit.lowercase[Int(byte >> 4)])
                bytes.append(HexDigit.lowercase[Int(byte & 0x0F)])
            default:
                bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
