public import Kernel

/// Why money went back: 1…500 characters of text without control characters (line breaks allowed), trimmed.
public struct RefundReason: Sendable, Hashable {
    public static let length = 1...500
    public let text: String

    /// `422 validation_failed` (field `reason`) unless 1…500 characters after trimming, without control characters.
    public init(_ raw: String) throws(DomainError) {
        let trimmed = raw.trimmingWhitespace()
        guard Self.length.contains(trimmed.count), !trimmed.containsControlCharacters(allowingLineBreaks: true) else {
            throw .validation(field: "reason", message: "must be 1 to 500 characters")
        }
        text = trimmed
    }

    /// A reason as stored (it passed the rule when written).
    public init(stored: String) { text = stored }

    /// A refund Wharf made because the order was cancelled or the money was no longer wanted.
    public static let orderCancelled = RefundReason(stored: "order cancelled")
    /// A refund made at the provider (its dashboard), reported by `charge.refunded`.
    public static let atProvider = RefundReason(stored: "refunded at the provider")
}
