import Foundation
import Kernel
import Postgres
import UsersApplication
import UsersDomain

/// Users in `users.users`, on a pool or inside a transaction.
struct PostgresUserRepository: UserRepository {
    let db: any PostgresQueryable

    static let columns = "id, email, name, roles, status, password_hash, created_at, updated_at"

    func user(id: UUID) async throws -> User? {
        try await db.queryFirst("SELECT \(Self.columns) FROM users.users WHERE id = $1", [.uuid(id)]).map(Self.user)
    }

    func user(email: String) async throws -> User? {
        try await db.queryFirst("SELECT \(Self.columns) FROM users.users WHERE email = $1", [.text(email)]).map(Self.user)
    }

    func insert(_ user: User) async throws {
        do {
            try await db.execute(
                "INSERT INTO users.users (\(Self.columns)) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                [.uuid(user.id), .text(user.email.value), .text(user.name.value), .textArray(user.roles.names),
                 .text(user.status.rawValue), .text(user.passwordHash), .timestamp(user.createdAt), .timestamp(user.updatedAt)])
        } catch {
            // (A `catch … where` on this typed throw crashes the 6.3 compiler's SIL ownership check.)
            if error.kind == .uniqueViolation && error.constraint == "users_email_key" {
                throw DomainError(.conflict, code: "email_taken", message: "a user with this email exists")
            }
            throw error
        }
    }

    func update(_ user: User) async throws {
        try await db.execute(
            "UPDATE users.users SET name = $2, roles = $3, status = $4, password_hash = $5, updated_at = $6 WHERE id = $1",
            [.uuid(user.id), .text(user.name.value), .textArray(user.roles.names), .text(user.status.rawValue),
             .text(user.passwordHash), .timestamp(user.updatedAt)])
    }

    func announceAccessChange(userID: UUID) async throws {
        // Inside a transaction PostgreSQL delivers the notification on COMMIT only, to every listening process.
        try await db.execute("SELECT pg_notify($1, $2)", [.text(UserAccessChanges.channel), .text(userID.lowercased)])
    }

    func list(_ filter: UserFilter, page: PageRequest) async throws -> [User] {
        let after = page.after?.values
        guard after == nil || after?.count == 2, let afterID = after.map({ UUID(uuidString: $0[1]) }) ?? .some(nil) else {
            throw DomainError.invalidCursor
        }
        // strpos on lower() is a plain substring match: no LIKE wildcards to escape in the user's text.
        let rows = try await db.query(
            """
            SELECT \(Self.columns) FROM users.users
            WHERE ($1::text IS NULL OR strpos(email, lower($1)) > 0 OR strpos(lower(name), lower($1)) > 0)
              AND ($2::text IS NULL OR $2 = ANY (roles))
              AND ($3::text IS NULL OR status = $3)
              AND ($4::text IS NULL OR (email, id) > ($4, $5::uuid))
            ORDER BY email, id
            LIMIT $6
            """,
            [filter.text.map { .text($0) } ?? .null, filter.role.map { .text($0.rawValue) } ?? .null,
             filter.status.map { .text($0.rawValue) } ?? .null, after.map { .text($0[0]) } ?? .null,
             afterID.map { .uuid($0) } ?? .null, .int(page.limit + 1)])
        return try rows.map(Self.user)
    }

    func lockAdminChangesAndCountActiveAdmins() async throws -> Int {
        // One transaction-scoped advisory lock serialises every change that may remove an admin.
        try await db.execute("SELECT pg_advisory_xact_lock(hashtext('users.admin_changes'))")
        let row = try await db.queryFirst(
            "SELECT count(*) FROM users.users WHERE status = 'active' AND 'admin' = ANY (roles)")
        return try row?.decode(Int.self, at: 0) ?? 0
    }

    static func user(_ row: PostgresRow) throws -> User {
        User(id: try row.decode(UUID.self, at: 0), email: EmailAddress(stored: try row.decode(String.self, at: 1)),
             name: PersonName(stored: try row.decode(String.self, at: 2)), roles: RoleSet(stored: try row.decode([Role].self, at: 3)),
             status: try row.decode(UserStatus.self, at: 4),
             passwordHash: try row.decode(String.self, at: 5), createdAt: try row.decode(Date.self, at: 6),
             updatedAt: try row.decode(Date.self, at: 7))
    }
}
