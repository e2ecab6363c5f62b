import FoundationEssentials
import HTTPServer
import Kernel
import UsersContracts

/// "Users and auth" of the HTTP contract.
enum UsersRoutes {
    /// `{refreshToken}` of refresh and logout.
    struct RefreshTokenBody: Codable { var refreshToken: String }

    static func register(on router: Router, users: any UsersFacade) {
        let auth = router.group("/v1/auth")
        auth.post("/register") { request, _ in
            try .json(try await users.register(request.decode(RegisterUser.self)), status: .created)
        }
        auth.post("/login") { request, context in
            // Failed logins are counted per email and per client address (ADR 14); a request that did not come from
            // a socket has no address and shares one count with all such.
            try .json(try await users.logIn(request.decode(LogIn.self), from: context.clientAddress?.description ?? "unknown"))
        }
        auth.post("/refresh") { request, _ in
            try .json(try await users.refresh(request.decode(RefreshTokenBody.self).refreshToken))
        }
        auth.post("/logout") { request, _ in
            try await users.logOut(request.decode(RefreshTokenBody.self).refreshToken)
            return .noContent
        }

        let signedIn = router.group("/v1/users").add(middleware: Authentication.middleware(users)).narrowed(to: AuthenticatedContext.self)
        signedIn.get("/me") { _, context in
            try .json(try await users.currentUser(context.principal))
        }
        // A literal segment wins over `/{id}`, so `PATCH /v1/users/me` never reaches the admin's route.
        signedIn.patch("/me") { request, context in
            try .json(try await users.updateProfile(context.principal, request.decode(UpdateProfile.self)))
        }
        signedIn.post("/me/password") { request, context in
            try await users.changePassword(context.principal, request.decode(ChangePassword.self))
            return .noContent
        }
        signedIn.get { request, context in
            let query = request.queryParameters
            let page = try PageParameters(query)
            let list = UserListQuery(q: query.string("q"), role: query.string("role"), status: query.string("status"),
                                     limit: page.limit, cursor: page.cursor)
            return try .json(PageBody(try await users.listUsers(context.principal, list)))
        }
        signedIn.post { request, context in
            let user = try await users.createUser(context.principal, request.decode(CreateUser.self))
            return try .json(user, status: .created, headers: ["Location": "/v1/users/\(user.id.uuidString.lowercased())"])
        }
        signedIn.get("/{id}") { _, context in
            try .json(try await users.user(context.principal, id: context.parameters.uuid("id")))
        }
        signedIn.patch("/{id}") { request, context in
            try .json(try await users.updateUser(context.principal, id: context.parameters.uuid("id"), request.decode(UpdateUser.self)))
        }
    }
}
