public import Kernel

/// A user's display name: 1…100 characters after trimming, no control characters.
public struct PersonName: Hashable, Sendable, CustomStringConvertible {
    public let value: String

    public init(_ raw: String) throws(DomainError) {
        let trimmed = raw.trimmingWhitespace()
        guard (1...100).contains(trimmed.count) else {
            throw .validation(field: "name", message: "must be 1 to 100 characters")
        }
        guard !trimmed.containsControlCharacters() else {
            throw .validation(field: "name", message: "must not contain control characters")
        }
        value = trimmed
    }

    /// A name read back from storage, where only checked values are written: not checked again.
    public init(stored: String) { value = stored }

    public var description: String { value }
}
