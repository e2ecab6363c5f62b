/// `POST /v1/auth/register`.
public struct RegisterUser: Sendable, Codable, Equatable {
    public var email: String
    public var password: String
    public var name: String
    public init(email: String, password: String, name: String) {
        self.email = email
        self.password = password
        self.name = name
    }
}

/// `POST /v1/auth/login`.
public struct LogIn: Sendable, Codable, Equatable {
    public var email: String
    public var password: String
    public init(email: String, password: String) {
        self.email = email
        self.password = password
    }
}

/// `POST /v1/users/me/password`.
public struct ChangePassword: Sendable, Codable, Equatable {
    public var currentPassword: String
    public var newPassword: String
    public init(currentPassword: String, newPassword: String) {
        self.currentPassword = currentPassword
        self.newPassword = newPassword
    }
}

/// `PATCH /v1/users/me` `{name}`: what users may change about themselves. `name` is optional here only so that a
/// body with another member is refused as `unknown_field` first; the use case requires it.
public struct UpdateProfile: Sendable, Codable, Equatable {
    public var name: String?
    public init(name: String?) { self.name = name }
}

/// `POST /v1/users` (admin).
public struct CreateUser: Sendable, Codable, Equatable {
    public var email: String
    public var password: String
    public var name: String
    public var roles: [String]
    public init(email: String, password: String, name: String, roles: [String]) {
        self.email = email
        self.password = password
        self.name = name
        self.roles = roles
    }
}

/// `PATCH /v1/users/{id}` (admin); nil fields stay as they are.
public struct UpdateUser: Sendable, Codable, Equatable {
    public var name: String?
    public var roles: [String]?
    public var status: String?
    public init(name: String? = nil, roles: [String]? = nil, status: String? = nil) {
        self.name = name
        self.roles = roles
        self.status = status
    }
}

/// `GET /v1/users?q=&role=&status=` (admin).
public struct UserListQuery: Sendable, Equatable {
    public var q: String?
    public var role: String?
    public var status: String?
    public var limit: Int
    public var cursor: String?
    public init(q: String? = nil, role: String? = nil, status: String? = nil, limit: Int = 20, cursor: String? = nil) {
        self.q = q
        self.role = role
        self.status = status
        self.limit = limit
        self.cursor = cursor
    }
}
