/// A mistake in the route table, found when the responder is built (at start, never per request).
public enum RouterError: Error, Sendable, Equatable {
    /// The same method and path were registered twice (templates differing only in parameter names count as the same path).
    case duplicateRoute(RouteDescriptor)
    /// A template that does not start with `/`, has an empty segment, or a malformed `{parameter}`.
    case invalidTemplate(String)
}
