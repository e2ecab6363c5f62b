extension HTTPRequest {
    /// The request's query parameters, parsed on each access.
    public var queryParameters: QueryParameters { QueryParameters(query) }
}
