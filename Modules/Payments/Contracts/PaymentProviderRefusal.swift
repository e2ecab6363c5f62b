/// The provider refused a request (a 4xx): retrying the same request would be refused again. HTTP answers
/// `502 provider_refused` (the details are logged, not shown).
public struct PaymentProviderRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    public var status: Int
    public var detail: String
    public init(status: Int, detail: String) {
        self.status = status
        self.detail = detail
    }
    public var description: String { "payment provider refused (\(status)): \(detail)" }
}
