import Foundation

/// Header text per RFC 2047 and RFC 5322: ASCII text stays as it is, anything else becomes `=?UTF-8?B?…?=`
/// encoded words of at most 75 characters, split on character boundaries and folded onto continuation lines.
enum EncodedWord {
    /// An unstructured header value (`Subject`).
    static func text(_ value: String) -> String {
        if isPlainASCII(value) { return value }
        return encodedWords(value).joined(separator: "\r\n ")
    }

    /// A display name: plain atoms as they are, other ASCII quoted, anything else encoded words.
    static func phrase(_ value: String) -> String {
        if value.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || $0.properties.numericType != nil || " !#$%&'*+-/=?^_`{|}~".unicodeScalars.contains($0)) }) {
            return value
        }
        if isPlainASCII(value) {
            return "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        return encodedWords(value).joined(separator: "\r\n ")
    }

    /// Printable ASCII and spaces only, short enough to need no folding.
    private static func isPlainASCII(_ value: String) -> Bool {
        value.utf8.count <= 900 && value.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F } && !value.contains("=?")
    }

    /// At most 39 bytes of UTF-8 per word (52 characters of base64 plus 12 of framing: with `Subject: ` before the
    /// first, every line stays within 78 characters), never splitting a character.
    private static func encodedWords(_ value: String) -> [String] {
        var words: [String] = []
        var chunk: [UInt8] = []
        for character in value {
            let bytes = Array(String(character).utf8)
            if chunk.count + bytes.count > 39, !chunk.isEmpty {
                words.append(word(chunk))
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append(word(chunk)) }
        return words
    }

    private static func word(_ bytes: [UInt8]) -> String { "=?UTF-8?B?" + Base64.encode(bytes) + "?=" }
}
