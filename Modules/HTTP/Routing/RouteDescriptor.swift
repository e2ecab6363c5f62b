/// One registered route: what the OpenAPI drift check and the metrics know of it.
public struct RouteDescriptor: Sendable, Hashable, CustomStringConvertible {
    /// The method it answers (`HEAD` is implied by `GET` and not listed).
    public var method: HTTPMethod
    /// The path template with `{name}` parameters, e.g. `/v1/orders/{id}`.
    public var template: String

    /// A descriptor of `method` at `template`.
    public init(method: HTTPMethod, template: String) {
        self.method = method
        self.template = template
    }

    /// `GET /v1/orders/{id}`.
    public var description: String { "\(method.rawValue) \(template)" }
}
