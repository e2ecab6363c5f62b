/// The immutable responder a `Router` builds. For every request, in order: assign the request
/// id; route (404, 405 with `Allow`, `OPTIONS` with `Allow` or a CORS preflight, `HEAD` via `GET`);
/// run the route's middleware and handler; map thrown errors to problems (`503` when the task was cancelled at
/// its deadline); add `X-Request-Id` and CORS headers; record metrics; write the access line. It never throws or traps.
public struct RouterResponder: HTTPResponder {
    let trie: RouteTrie
    let configuration: RouterConfiguration
    let unmatchedMetrics: [HTTPMethod: RouteMetrics]

    init(trie: RouteTrie, configuration: RouterConfiguration) {
        self.trie = trie
        self.configuration = configuration
        var unmatched: [HTTPMethod: RouteMetrics] = [:]
        if let metrics = configuration.metrics {
            for method in HTTPMethod.allCases { unmatched[method] = metrics.series(method: method, route: Self.unmatchedRoute) }
        }
        unmatchedMetrics = unmatched
    }

    /// The route label of requests no route matched.
    public static let unmatchedRoute = "unmatched"

    /// The answer when a handler, cancelled at the request deadline (`HTTPServerConfiguration.requestTimeout`),
    /// throws: `503 service_unavailable` with `Retry-After`. A handler that still returned a response is answered
    /// with it (its work was done).
    public static let deadlineProblem = ProblemDetails(
        status: .serviceUnavailable, code: "service_unavailable",
        detail: "The request did not finish in time; retry shortly.", headers: ["Retry-After": "1"])

    /// Answers `request`; never throws, every failure is already a problem response.
    public func respond(to request: HTTPRequest) async -> HTTPResponse {
        let start = ContinuousClock.now
        let requestID = RequestID.accepting(request.headers["X-Request-Id"]) ?? RequestID.generate()
        let origin = configuration.cors == nil ? nil : request.headers["Origin"]
        var response: HTTPResponse
        let routeLabel: String
        var series: RouteMetrics?
        var isPreflight = false

        switch trie.match(request.method, path: request.path) {
        case let .route(route, parameters):
            routeLabel = route.descriptor.template
            series = request.method == route.descriptor.method ? route.metrics : route.headMetrics
            let client = configuration.trustedProxies.clientAddress(peer: request.remoteAddress, headers: request.headers)
            let context = RequestContext(requestID: requestID, route: routeLabel, parameters: parameters, clientAddress: client)
            do {
                response = try await route.handler(request, context)
            } catch where Task.isCancelled {
                // Only the server cancels a request's task, at its deadline: whatever the handler threw on the way out
                // (the cancelled statement, CancellationError) means "not done in time", not a bug.
                response = Self.deadlineProblem.response(requestID: requestID)
            } catch {
                response = problemResponse(for: error, request: request, route: routeLabel, requestID: requestID)
            }
        case let .methodNotAllowed(allowed, template):
            routeLabel = template
            series = configuration.metrics?.series(method: request.method, route: template)
            let allow = allowed.map(\.rawValue).joined(separator: ", ")
            if request.method == .options {
                if let origin, let cors = configuration.cors, cors.allows(origin),
                   request.headers.contains("Access-Control-Request-Method") {
                    response = cors.preflight(origin: origin, methods: allowed)
                    isPreflight = true
                } else {
                    response = HTTPResponse(status: .noContent, headers: ["Allow": allow])
                }
            } else {
                response = ProblemDetails(status: .methodNotAllowed, code: "method_not_allowed",
                                          detail: "\(request.method.rawValue) is not allowed here; see Allow.",
                                          headers: ["Allow": allow]).response(requestID: requestID)
            }
        case .notFound:
            routeLabel = Self.unmatchedRoute
            series = unmatchedMetrics[request.method]
            response = ProblemDetails(status: .notFound, code: "not_found", detail: "No such resource.").response(requestID: requestID)
        }

        response.headers.set("X-Request-Id", requestID)
        if let origin, let cors = configuration.cors {
            response.headers.add("Vary", "Origin")
            if !isPreflight, cors.allows(origin) { cors.decorate(&response.headers, origin: origin) }
        }
        let elapsed = start.duration(to: .now)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        series?.record(status: response.status.code, seconds: seconds)
        if configuration.logsRequests {
            logAccess(request.method, routeLabel, response.status.code, seconds, requestID)
        }
        return response
    }
}
