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

    /// Whether the refusal is about the request itself (its amount, its parameters: a 400, 402, 422 …), so that
    /// asking again can only be refused again. False for refusals about the shop's account or the moment — bad
    /// credentials, a wrong endpoint, a timeout, a concurrent request, too many requests (401, 403, 404, 408, 409,
    /// 429) — which may pass once that is fixed, so a payment creation refused so is retried rather than failed.
    public var isFinal: Bool { ![401, 403, 404, 408, 409, 429].contains(status) }
}
