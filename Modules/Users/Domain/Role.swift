public import Kernel

/// What a user may do: `admin` manages users and does all staff may; `staff` runs the catalog, stock and
/// fulfilment; `customer` shops.
public enum Role: String, Sendable, Hashable, CaseIterable, Comparable {
    case admin, staff, customer

    public static func < (a: Role, b: Role) -> Bool { a.rawValue < b.rawValue }
}

/// A user's roles: never empty.
public struct RoleSet: Hashable, Sendable {
    public let roles: Set<Role>

    /// Refuses an empty list, a name that is not a role, or a role named twice (`422` on `roles`: the OpenAPI
    /// document says `uniqueItems`, and a repeated role is more likely a mistake than a wish).
    public init(names: [String]) throws(DomainError) {
        var roles = Set<Role>()
        for name in names {
            guard let role = Role(rawValue: name) else {
                throw .validation(field: "roles", message: "unknown role \(name.debugDescription); use admin, staff or customer")
            }
            guard roles.insert(role).inserted else {
                throw .validation(field: "roles", message: "names \(name.debugDescription) twice; name each role once")
            }
        }
        try self.init(roles)
    }

    public init(_ roles: Set<Role>) throws(DomainError) {
        guard !roles.isEmpty else { throw .validation(field: "roles", message: "must name at least one role") }
        self.roles = roles
    }

    /// `customer` only: what registration gives.
    public static let customer = RoleSet(unchecked: [.customer])

    private init(unchecked roles: Set<Role>) { self.roles = roles }

    /// Roles read back from storage, where only non-empty sets are written: not checked again.
    public init(stored roles: [Role]) { self.roles = Set(roles) }

    public func contains(_ role: Role) -> Bool { roles.contains(role) }

    /// Sorted names, for stable JSON.
    public var names: [String] { roles.sorted().map(\.rawValue) }
}
