/// The value of one hexadecimal digit, for `\uXXXX` escapes and UUID text.
enum HexDigit {
    /// `0`…`9`, `a`…`f` and `A`…`F` as 0…15; nil for any other byte.
    static func value(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x41...0x46: byte - 0x41 + 10
        case 0x61...0x66: byte - 0x61 + 10
        default: nil
        }
    }

    /// The lower-case digits, by value.
    static let lowercase: [UInt8] = Array("0123456789abcdef".utf8)
}
