import Foundation

/// Quoted-printable (RFC 2045 §6.7) for UTF-8 text bodies: readable where the text is ASCII, every line at most 76
/// characters (soft line breaks `=`), CRLF line ends, trailing spaces and a line's leading `.` encoded so no relay
/// can alter them.
enum QuotedPrintable {
    static func encode(_ text: String) -> String {
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        var lines: [String] = []
        for line in normalized.split(separator: "\n", omittingEmptySubsequences: false) {
            lines.append(contentsOf: encodeLine(Array(line.utf8)))
        }
        return lines.joined(separator: "\r\n")
    }

    private static func encodeLine(_ bytes: [UInt8]) -> [String] {
        var out: [String] = []
        var current = ""
        for (position, byte) in bytes.enumerated() {
            let isLast = position == bytes.count - 1
            let literal = (byte >= 33 && byte <= 126 && byte != UInt8(ascii: "=")) || ((byte == 0x20 || byte == 0x09) && !isLast)
            var piece = literal ? String(UnicodeScalar(byte)) : "=" + hex(byte)
            // 75 characters plus the soft break's `=` keeps each physical line within 76.
            if current.utf8.count + piece.utf8.count > 75 {
                out.append(current + "=")
                current = ""
            }
            if current.isEmpty && byte == UInt8(ascii: ".") { piece = "=2E" }
            current += piece
        }
        out.append(current)
        return out
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }
}
