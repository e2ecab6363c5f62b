public import Kernel

/// A product's display name: 1…200 characters after trimming, no control characters.
public struct ProductName: Hashable, Sendable, CustomStringConvertible {
    public let value: String

    public init(_ raw: String) throws(DomainError) {
        let trimmed = raw.trimmingWhitespace()
        guard (1...200).contains(trimmed.unicodeScalars.count) else { throw .validation(field: "name", message: "must be 1 to 200 characters") }
        guard !trimmed.containsControlCharacters() else {
            throw .validation(field: "name", message: "must not contain control characters")
        }
        value = trimmed
    }

    /// A name read back from storage, where only checked values are written: not checked again.
    public init(stored: String) { value = stored }

    public var description: String { value }
}
