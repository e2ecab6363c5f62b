/// The payment provider could not be reached, or answered with a server error, after the adapter's retries.
/// HTTP answers `503 provider_unavailable` (a webhook provider then redelivers; a caller may retry).
public struct PaymentProviderUnavailable: Error, Sendable, Equatable, CustomStringConvertible {
    public var detail: String
    public init(_ detail: String) { self.detail = detail }
    public var description: String { "payment provider unavailable: \(detail)" }
}
