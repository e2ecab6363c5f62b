import HTTPServer
import Kernel
import UsersContracts

/// The context of routes that need a caller: a handler taking it cannot run without a principal.
struct AuthenticatedContext: RouteContext {
    let base: RequestContext
    let principal: Principal
    /// The principal as the other contexts see who is asking, built once per request.
    let caller: Caller

    init(from context: RequestContext) throws {
        guard var principal = context[PrincipalKey.self] else { throw Authentication.missingToken }
        // The request id travels with the caller, so what a use case records (the audit log) names its request.
        principal.requestId = context.requestID
        base = context
        self.principal = principal
        caller = principal.caller
    }
}
