import HTTPServer
import Kernel
import UsersContracts

/// The context of admin-only routes (operations): an authenticated admin, else `403 forbidden`.
struct AdminContext: RouteContext {
    let base: RequestContext
    let principal: Principal

    static let forbidden = ProblemDetails(status: .forbidden, code: "forbidden", detail: "only admins may do this")

    init(from context: RequestContext) throws {
        let authenticated = try AuthenticatedContext(from: context)
        guard authenticated.caller.isAdmin else { throw Self.forbidden }
        base = context
        principal = authenticated.principal
    }
}
