import NotificationsContracts
import NotificationsDomain
import Synchronization

/// Messages sent, failed for good and retried, per kind, since the process started (for `/metrics`).
final class MailStatistics: Sendable {
    enum Outcome { case sent, failed, retried }

    private let counts = Mutex<[MessageKind: MailCountDTO]>([:])

    func record(_ outcome: Outcome, _ kind: MessageKind) {
        counts.withLock { table in
            var count = table[kind] ?? MailCountDTO(kind: kind.rawValue, sent: 0, failed: 0, retried: 0)
            switch outcome {
            case .sent: count.sent += 1
            case .failed: count.failed += 1
            case .retried: count.retried += 1
            }
            table[kind] = count
        }
    }

    /// Every kind, zeros included, in the order of `MessageKind.allCases`.
    var all: [MailCountDTO] {
        counts.withLock { table in
            MessageKind.allCases.map { table[$0] ?? MailCountDTO(kind: $0.rawValue, sent: 0, failed: 0, retried: 0) }
        }
    }
}
