import Foundation
import HTTPServer
import UsersContracts

/// Where the authentication middleware leaves the caller for the handlers.
enum PrincipalKey: ContextKey {
    typealias Value = Principal
}

/// Bearer-token authentication: the Users context turns the token into a principal with current roles.
enum Authentication {
    static let missingToken = ProblemDetails(status: .unauthorized, code: "unauthorized",
                                             detail: "an `Authorization: Bearer <access token>` header is required",
                                             headers: ["WWW-Authenticate": "Bearer"])

    static func middleware(_ users: any UsersFacade) -> Middleware {
        Middleware { request, context, next in
            guard let header = request.headers["Authorization"], let token = bearerToken(header) else { throw missingToken }
            var context = context
            context[PrincipalKey.self] = try await users.authenticate(bearer: token)
            return try await next(request, context)
        }
    }

    /// The token of `Bearer <token>` (scheme case-insensitive, RFC 9110 §11.1), or nil.
    static func bearerToken(_ header: String) -> String? {
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let token = parts[1].trimmingCharacters(in: .whitespaces)
        return token.isEmpty ? nil : token
    }
}
