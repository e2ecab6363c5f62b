public import Kernel

/// A product's description: 0…5000 characters after trimming; line breaks and tabs allowed, other control
/// characters not.
public struct ProductDescription: Hashable, Sendable, CustomStringConvertible {
    public let value: String

    public init(_ raw: String) throws(DomainError) {
        let trimmed = raw.trimmingWhitespace()
        guard trimmed.unicodeScalars.count <= 5000 else { throw .validation(field: "description", message: "must be at most 5000 characters") }
        guard !trimmed.containsControlCharacters(allowingLineBreaks: true) else {
            throw .validation(field: "description", message: "must not contain control characters other than line breaks and tabs")
        }
        value = trimmed
    }

    /// A description read back from storage, where only checked values are written: not checked again.
    public init(stored: String) { value = stored }

    public static let empty = try! ProductDescription("")

    public var description: String { value }
}
