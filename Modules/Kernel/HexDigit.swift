/// Hexadecimal digits, one definition for every text format that spells bytes in hex: JSON's `\uXXXX` escapes,
/// UUID text, URL percent escapes, PostgreSQL's `bytea`, HTTP chunk sizes, digests and signatures.
public enum HexDigit {
    /// `0`…`9`, `a`…`f` and `A`…`F` as 0…15; nil for any other byte.
    @inlinable
    public static func value(_ byte: UInt8) -> UInt8? {
        // Inlinable: the parsers call it once per byte on their hot paths.
        switch byte {
        case 0x30...0x39: byte &- 0x30
        case 0x41...0x46: byte &- 0x41 &+ 10
        case 0x61...0x66: byte &- 0x61 &+ 10
        default: nil
        }
    }

    /// The lower-case digits, by value (`lowercase[0x0F]` is `f`).
    public static let lowercase: [UInt8] = Array("0123456789abcdef".utf8)
}
