import Foundation

/// Parsing of textual UUIDs (`8-4-4-4-12` hex digits, any letter case) without Foundation's
/// `sscanf`-based initializer, which dominated profiles of ID-heavy requests.
enum UUIDText {
    static func parse(_ text: String) -> UUID? {
        var text = text
        return text.withUTF8 { utf8 -> UUID? in
            guard utf8.count == 36 else { return nil }
            var bytes: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
            let ok = withUnsafeMutableBytes(of: &bytes) { out -> Bool in
                var source = 0
                for index in 0..<16 {
                    if source == 8 || source == 13 || source == 18 || source == 23 {
                        guard utf8[source] == UInt8(ascii: "-") else { return false }
                        source += 1
                    }
                    guard let high = PercentDecoding.hexValue(utf8[source]),
                          let low = PercentDecoding.hexValue(utf8[source + 1]) else { return false }
                    out[index] = high << 4 | low
                    source += 2
                }
                return true
            }
            return ok ? UUID(uuid: bytes) : nil
        }
    }
}
