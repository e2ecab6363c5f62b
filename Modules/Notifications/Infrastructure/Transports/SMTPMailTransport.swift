import Mail
import NotificationsApplication
import NotificationsDomain

/// Messages over SMTP (`SMTP_URL`) through the shared `SMTPClient`: what the server refuses for good (`5xx`, a
/// message it cannot carry) comes back in the receipt; everything else that fails throws, for the bus to retry.
struct SMTPMailTransport: MailTransport {
    let client: SMTPClient
    let from: MailAddress

    func send(_ mail: OutgoingMail) async throws -> MailReceipt {
        var recipients: [MailAddress] = []
        var unusable: [String] = []
        for recipient in mail.recipients {
            if let address = MailAddress(address: recipient.email, displayName: recipient.name) {
                recipients.append(address)
            } else {
                unusable.append(recipient.email)
            }
        }
        guard !recipients.isEmpty else { return MailReceipt(accepted: [], refused: unusable, refusal: "not a usable address") }
        let message = MailMessage(from: from, to: recipients, subject: mail.subject, text: mail.text, html: mail.html,
                                  messageID: mail.messageID, date: mail.date)
        let delivery: SMTPDelivery
        do {
            delivery = try await client.send(message)
        } catch {
            guard error.isPermanent else { throw error }
            return MailReceipt(accepted: [], refused: recipients.map(\.address) + unusable, refusal: error.description)
        }
        let refused = delivery.refused.map(\.recipient) + unusable
        return MailReceipt(accepted: delivery.accepted, refused: refused,
                           refusal: delivery.refused.map { "\($0.recipient): \($0.reply)" }.joined(separator: "; "))
    }
}
