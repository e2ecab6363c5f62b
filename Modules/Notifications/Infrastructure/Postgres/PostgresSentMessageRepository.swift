import Foundation
import NotificationsApplication
import NotificationsDomain
import Postgres

/// `notifications.sent_messages`, keyed by Message-ID.
struct PostgresSentMessageRepository: SentMessageRepository {
    let db: any PostgresQueryable

    func contains(messageID: String) async throws -> Bool {
        try await !db.query("SELECT 1 FROM notifications.sent_messages WHERE message_id = $1", [.text(messageID)]).isEmpty
    }

    func record(_ message: SentMessage) async throws {
        try await db.execute(
            """
            INSERT INTO notifications.sent_messages (message_id, event_id, kind, accepted, refused, sent_at)
            VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (message_id) DO NOTHING
            """,
            [.text(message.messageID), .uuid(message.eventId), .text(message.kind.rawValue),
             .text(message.accepted.joined(separator: ",")), .text(message.refused.joined(separator: ",")), .timestamp(message.at)])
    }

    func purge(sentBefore cutoff: Date, batchSize: Int) async throws -> Int {
        try await db.deleteInBatches(
            """
            DELETE FROM notifications.sent_messages WHERE message_id = ANY (ARRAY(
                SELECT message_id FROM notifications.sent_messages WHERE sent_at < $1 LIMIT $2))
            """, [.timestamp(cutoff)], batchSize: batchSize)
    }
}
