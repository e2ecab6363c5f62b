import Logging
import NotificationsApplication
import NotificationsDomain

/// The transport when no `SMTP_URL` is set: every message becomes one JSON log line of logger `mail` (Message-ID,
/// kind, recipients, subject and both parts), so `make run` shows what would have been sent with no mail server.
struct LogMailTransport: MailTransport {
    let logger: Logger

    func send(_ mail: OutgoingMail) async throws -> MailReceipt {
        let addresses = mail.recipients.map(\.email)
        logger.info("mail", [
            "message_id": mail.messageID, "kind": mail.kind.rawValue, "to": addresses.joined(separator: ", "),
            "subject": mail.subject, "text": mail.text, "html": mail.html,
        ])
        return MailReceipt(accepted: addresses)
    }
}
