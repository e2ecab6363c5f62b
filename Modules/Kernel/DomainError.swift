/// A business rule said no. The HTTP layer maps `kind` to a status and passes `code` through unchanged,
/// so clients can branch on it; nothing here knows about HTTP.
public struct DomainError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What sort of refusal this is.
    public enum Kind: Sendable, Equatable {
        /// The input breaks a rule (422).
        case validation
        /// The input is not even well-formed, e.g. a forged cursor (400).
        case malformed
        /// The resource does not exist or the caller may not know it does (404).
        case notFound
        /// The request clashes with the current state (409).
        case conflict
        /// A precondition such as a version did not hold (412).
        case preconditionFailed
        /// The caller is not authenticated (401).
        case unauthenticated
        /// The caller may not do this (403).
        case forbidden
        /// The caller must slow down; retry after the given seconds (429).
        case rateLimited(retryAfterSeconds: Int)
        /// The service cannot take this now without breaking a promise it makes; retry after the given seconds (503).
        case unavailable(retryAfterSeconds: Int)
    }

    /// One offending input field.
    public struct FieldIssue: Sendable, Equatable {
        public var field: String
        public var message: String
        public init(field: String, message: String) {
            self.field = field
            self.message = message
        }
    }

    public var kind: Kind
    /// Stable snake_case code, e.g. `email_taken`.
    public var code: String
    /// A sentence for a person.
    public var message: String
    /// The offending fields, for validation failures.
    public var fields: [FieldIssue]

    public init(_ kind: Kind, code: String, message: String, fields: [FieldIssue] = []) {
        self.kind = kind
        self.code = code
        self.message = message
        self.fields = fields
    }

    public var description: String { "\(code): \(message)" }

    /// A validation failure of one field.
    public static func validation(code: String = "validation_failed", field: String, message: String) -> DomainError {
        DomainError(.validation, code: code, message: message, fields: [FieldIssue(field: field, message: message)])
    }

    /// Two amounts in different currencies met.
    public static func currencyMismatch(_ a: Currency, _ b: Currency) -> DomainError {
        .validation(code: "currency_mismatch", field: "currency", message: "expected \(a.code), got \(b.code)")
    }

    /// A listing's `cursor` was not issued by this server for this listing (400): forged, tampered with, or
    /// taken from a listing with another sort or other filters.
    public static let invalidCursor = DomainError(.malformed, code: "invalid_cursor",
                                                  message: "the cursor was not issued by this server for this listing")

    /// The resource is unknown (or hidden from the caller).
    public static func notFound(_ what: String) -> DomainError {
        DomainError(.notFound, code: "not_found", message: "\(what) not found")
    }
}
