import Foundation

/// Test-side readers of what the client sent: a MIME part's quoted-printable body and RFC 2047 header words.
enum MIMEDecoding {
    /// The body of the part with `contentType`, quoted-printable decoded.
    static func part(_ data: String, contentType: String) -> String? {
        guard let start = data.range(of: "Content-Type: \(contentType); charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n")
        else { return nil }
        let rest = data[start.upperBound...]
        guard let end = rest.range(of: "\r\n--=_wharf_") else { return nil }
        return quotedPrintable(String(rest[..<end.lowerBound]))
    }

    static func quotedPrintable(_ text: String) -> String {
        var bytes: [UInt8] = []
        let lines = text.components(separatedBy: "\r\n")
        for (index, line) in lines.enumerated() {
            var characters = Array(line.utf8)
            let soft = characters.last == UInt8(ascii: "=")
            if soft { characters.removeLast() }
            var position = 0
            while position < characters.count {
                if characters[position] == UInt8(ascii: "="), position + 2 < characters.count + 0,
                   let value = UInt8(String(decoding: characters[position + 1...position + 2], as: UTF8.self), radix: 16) {
                    bytes.append(value)
                    position += 3
                } else {
                    bytes.append(characters[position])
                    position += 1
                }
            }
            if !soft, index < lines.count - 1 { bytes += [0x0A] }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A header's value (continuation lines unfolded), encoded words decoded.
    static func header(_ name: String, in data: String) -> String? {
        let head = data.components(separatedBy: "\r\n\r\n").first ?? ""
        let unfolded = head.replacingOccurrences(of: "\r\n ", with: " ")
        for line in unfolded.components(separatedBy: "\r\n") where line.lowercased().hasPrefix(name.lowercased() + ": ") {
            return decodeWords(String(line.dropFirst(name.count + 2)))
        }
        return nil
    }

    /// Encoded words decoded; the space between two adjacent encoded words is dropped (RFC 2047 §6.2).
    static func decodeWords(_ value: String) -> String {
        var out = ""
        var pending: [UInt8] = []
        var previousWasEncoded = false
        for word in value.split(separator: " ", omittingEmptySubsequences: false) {
            if word.hasPrefix("=?UTF-8?B?"), word.hasSuffix("?="), let bytes = Data(base64Encoded: String(word.dropFirst(10).dropLast(2))) {
                if !previousWasEncoded, !out.isEmpty { out += " " }
                pending += bytes
                previousWasEncoded = true
            } else {
                out += String(decoding: pending, as: UTF8.self)
                pending = []
                if !out.isEmpty { out += " " }
                out += word
                previousWasEncoded = false
            }
        }
        return out + String(decoding: pending, as: UTF8.self)
    }
}
