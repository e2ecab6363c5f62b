public import Kernel

/// The words of a `q` search: every word must be the start of a word of the product's name or description.
///
/// The database splits `text` into words with the same parser and lower-casing that built the index
/// (`to_tsvector('simple', …)`), so Turkish dotted İ, Greek final sigma or a host name such as `wharf.io` are
/// matched exactly as they were indexed. `words` approximates that split (runs of letters and digits) for the
/// limits below and for in-memory adapters. Search syntax in the input never reaches a tsquery as syntax.
public struct SearchTerms: Hashable, Sendable {
    /// Lower-cased runs of letters and digits, de-duplicated, in input order.
    public let words: [String]
    /// The whitespace-separated terms as given, joined by single spaces: what the database tokenises.
    public let text: String

    /// At most this many words (more cannot make a search more useful, only slower).
    public static let maximumWords = 16
    /// PostgreSQL does not index a word longer than this (bytes), so such a term could never match.
    public static let maximumWordBytes = 2047

    /// Nil when `raw` holds no letter or digit (the search then does not filter). More than `maximumWords`
    /// words, or a word too long to be indexed, is `422` on `q`: every term counts, none is dropped silently.
    public init?(_ raw: String?) throws(DomainError) {
        guard let raw else { return nil }
        var unique: [String] = []
        for word in Self.split(raw) where !unique.contains(word) { unique.append(word) }
        guard !unique.isEmpty else { return nil }
        guard unique.count <= Self.maximumWords else {
            throw .validation(field: "q", message: "use at most \(Self.maximumWords) words")
        }
        guard unique.allSatisfy({ $0.utf8.count <= Self.maximumWordBytes }) else {
            throw .validation(field: "q", message: "a word is too long to search for")
        }
        words = unique
        text = raw.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// Lower-cased runs of letters and digits of `text`.
    static func split(_ text: String) -> [String] {
        var words: [String] = []
        var current = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar.properties.isAlphabetic || scalar.properties.numericType == .decimal {
                current.append(scalar)
            } else if !current.isEmpty {
                words.append(String(current).lowercased())
                current = String.UnicodeScalarView()
            }
        }
        if !current.isEmpty { words.append(String(current).lowercased()) }
        return words
    }

    /// Whether every word starts a word of `text` (split like the query): the rule the database applies,
    /// for in-memory adapters and tests.
    public func matches(_ text: String) -> Bool {
        let textWords = Self.split(text)
        return words.allSatisfy { word in textWords.contains { $0.hasPrefix(word) } }
    }
}
