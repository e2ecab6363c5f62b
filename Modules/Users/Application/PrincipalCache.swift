import Foundation
import Kernel
import Synchronization
import UsersContracts

/// Current roles and status per user, so authorising a request needs no database round trip. Entries live at
/// most `lifetime` (so changes made by another process are seen within it) and are dropped at once when this
/// process commits a change to the user.
final class PrincipalCache: Sendable {
    struct Entry: Sendable {
        let roles: Set<Principal.Role>
        let active: Bool
        let loadedAt: Date
    }

    private let entries = Mutex<[UUID: Entry]>([:])
    private let lifetime: TimeInterval
    private let clock: Clock

    init(lifetime: Duration, clock: Clock) {
        let parts = lifetime.components
        self.lifetime = Double(parts.seconds) + Double(parts.attoseconds) / 1e18
        self.clock = clock
    }

    func fresh(_ userID: UUID) -> Entry? {
        let now = clock.now()
        return entries.withLock { table in
            guard let entry = table[userID], now.timeIntervalSince(entry.loadedAt) < lifetime else { return nil }
            return entry
        }
    }

    func store(_ userID: UUID, roles: Set<Principal.Role>, active: Bool) {
        let entry = Entry(roles: roles, active: active, loadedAt: clock.now())
        entries.withLock { table in
            // Bounded: a flood of distinct users cannot grow it without limit.
            if table.count >= 100_000 { table.removeAll(keepingCapacity: true) }
            table[userID] = entry
        }
    }

    func invalidate(_ userID: UUID) {
        _ = entries.withLock { $0.removeValue(forKey: userID) }
    }
}
