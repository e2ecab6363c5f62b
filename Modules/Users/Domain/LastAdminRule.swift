public import Kernel

/// There is always at least one active admin: a change that would leave none is refused (`409 last_admin`).
public enum LastAdminRule {
    /// `before`/`after` are one user around a change; `otherActiveAdmins` counts the active admins besides them,
    /// read under a lock that serialises such changes (so two admins demoting each other cannot both succeed).
    public static func check(before: User, after: User, otherActiveAdmins: Int) throws(DomainError) {
        if before.isActiveAdmin && !after.isActiveAdmin && otherActiveAdmins == 0 {
            throw DomainError(.conflict, code: "last_admin", message: "the change would leave no active admin")
        }
    }
}
