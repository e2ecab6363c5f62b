import Dispatch
import Foundation
import Synchronization

/// Hands messages to one mail server. Connections are kept open between messages and reused for the next (a
/// burst of order mails takes one connection, not one each), checked with `RSET` before reuse and closed after
/// `idleTimeout` unused. The conversation blocks, so it runs on a thread of its own, never on Swift's cooperative
/// pool. Connect, every reply and TLS handshakes are bounded by the settings' timeouts.
public final class SMTPClient: Sendable {
    /// The server and the limits.
    public struct Settings: Sendable, Equatable {
        public var endpoint: SMTPEndpoint
        /// The name said in `EHLO`.
        public var helloName: String
        public var connectTimeout: Duration
        /// The longest wait for any one reply (and for a TLS handshake).
        public var replyTimeout: Duration
        /// An idle connection older than this is closed instead of reused.
        public var idleTimeout: Duration
        /// Connections kept idle at most.
        public var maximumIdleConnections: Int
        /// A PEM file of certificates trusted besides the system's CA store (a private CA; tests' own certificate).
        public var additionalTrust: String?

        public init(endpoint: SMTPEndpoint, helloName: String = "localhost", connectTimeout: Duration = .seconds(10),
                    replyTimeout: Duration = .seconds(30), idleTimeout: Duration = .seconds(10), maximumIdleConnections: Int = 4,
                    additionalTrust: String? = nil) {
            self.endpoint = endpoint
            self.helloName = helloName
            self.connectTimeout = connectTimeout
            self.replyTimeout = replyTimeout
            self.idleTimeout = idleTimeout
            self.maximumIdleConnections = maximumIdleConnections
            self.additionalTrust = additionalTrust
        }
    }

    private let settings: Settings
    private let tls: TLSContext?
    private let idle = Mutex<[IdleSession]>([])
    private let opened = Atomic<Int>(0)

    /// Builds the TLS context up front when the endpoint may use TLS, so a CA store that cannot be read fails at start.
    public init(settings: Settings) throws(SMTPError) {
        self.settings = settings
        tls = settings.endpoint.mayUseTLS ? try TLSContext(additionalTrust: settings.additionalTrust) : nil
    }

    /// Connections opened so far (how tests see that a burst reused one).
    public var connectionsOpened: Int { opened.load(ordering: .relaxed) }

    /// Hands `message` over to the server; throws `SMTPError` (check `isPermanent`) when it was not taken.
    /// A reused connection that no longer answers `RSET` is replaced by a fresh one before anything is sent.
    public func send(_ message: MailMessage) async throws(SMTPError) -> SMTPDelivery {
        // A thread of its own per conversation: dispatch's global queue runs only about as many blocking items as
        // there are cores, so one slow server would hold up every other message (and Swift's pool, everything).
        let result: Result<SMTPDelivery, SMTPError> = await withCheckedContinuation { continuation in
            let thread = Thread {
                continuation.resume(returning: Result { () throws(SMTPError) -> SMTPDelivery in try self.sendBlocking(message) })
            }
            thread.name = "wharf.smtp"
            thread.start()
        }
        return try result.get()
    }

    /// Closes every idle connection with `QUIT`.
    public func shutdown() {
        for held in idle.withLock({ sessions in defer { sessions = [] }; return sessions }) { held.session.quit() }
    }

    private func sendBlocking(_ message: MailMessage) throws(SMTPError) -> SMTPDelivery {
        let session = try checkedOutSession()
        do {
            let delivery = try session.send(message)
            checkIn(session)
            return delivery
        } catch {
            // After an error the conversation's state is unknown: never reuse the connection.
            session.close()
            throw error
        }
    }

    /// An idle connection that still answers, or a new one.
    private func checkedOutSession() throws(SMTPError) -> SMTPSession {
        while let held = idle.withLock({ $0.popLast() }) {
            if ContinuousClock.now - held.session.lastUsed > settings.idleTimeout {
                held.session.quit()
                continue
            }
            do {
                try held.session.reset()
                return held.session
            } catch {
                held.session.close()
            }
        }
        opened.add(1, ordering: .relaxed)
        return try SMTPSession(settings: settings, tls: tls)
    }

    private func checkIn(_ session: SMTPSession) {
        let kept = idle.withLock { sessions -> Bool in
            guard sessions.count < settings.maximumIdleConnections else { return false }
            sessions.append(IdleSession(session: session))
            return true
        }
        guard kept else { return session.quit() }
        // Close it once it has been idle too long, unless another message took it meanwhile.
        let idleTimeout = settings.idleTimeout
        DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(Int(idleTimeout.components.seconds * 1000) + 50)) { [weak self] in
            self?.closeExpired()
        }
    }

    private func closeExpired() {
        let now = ContinuousClock.now
        let expired = idle.withLock { sessions -> [IdleSession] in
            let old = sessions.filter { now - $0.session.lastUsed > settings.idleTimeout }
            sessions.removeAll { now - $0.session.lastUsed > settings.idleTimeout }
            return old
        }
        for held in expired { held.session.quit() }
    }
}

/// An idle connection in the client's list. A session is used by one sender at a time: it is either in the list
/// (guarded by the mutex) or checked out by exactly one `send`, which is why it may cross threads unchecked.
private struct IdleSession: @unchecked Sendable {
    let session: SMTPSession
}
