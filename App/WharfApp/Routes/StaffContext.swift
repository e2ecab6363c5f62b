import HTTPServer
import Kernel
import UsersContracts

/// The context of staff routes (catalog writes, batches): an authenticated staff member or admin, else `403 forbidden`.
struct StaffContext: RouteContext {
    let base: RequestContext
    let principal: Principal
    let caller: Caller

    static let forbidden = ProblemDetails(status: .forbidden, code: "forbidden", detail: "only staff and admins may do this")

    init(from context: RequestContext) throws {
        let authenticated = try AuthenticatedContext(from: context)
        guard authenticated.caller.isStaff else { throw Self.forbidden }
        base = context
        principal = authenticated.principal
        caller = authenticated.caller
    }
}
