/// The two checks every piece of user-visible text goes through (names, descriptions, categories, e-mail
/// addresses), in one place. Both answer ASCII from a comparison, without Unicode property tables: they run on
/// every stored row a listing re-reads, and the table lookups were a tenth of a catalog page's CPU.
extension String {
    /// Without leading and trailing Unicode whitespace and newlines.
    public func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { !$0.isPlainTextWhitespace }),
              let end = scalars.lastIndex(where: { !$0.isPlainTextWhitespace }) else { return "" }
        if start == scalars.startIndex && end == scalars.index(before: scalars.endIndex) { return self }
        return String(scalars[start...end])
    }

    /// Whether any scalar is a control character (general category Cc: U+0000–U+001F and U+007F–U+009F);
    /// `allowingLineBreaks` lets tab, LF and CR through.
    public func containsControlCharacters(allowingLineBreaks: Bool = false) -> Bool {
        unicodeScalars.contains { scalar in
            let value = scalar.value
            guard value < 0x20 || (0x7F...0x9F).contains(value) else { return false }
            return !(allowingLineBreaks && (value == 0x0A || value == 0x0D || value == 0x09))
        }
    }
}

extension Unicode.Scalar {
    /// Unicode's White_Space property, answered for ASCII without a table lookup.
    var isPlainTextWhitespace: Bool {
        if value < 0x80 { return value == 0x20 || (0x09...0x0D).contains(value) }
        return properties.isWhitespace
    }
}
