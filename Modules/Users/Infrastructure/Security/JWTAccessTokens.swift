import Crypto
import Foundation
import UsersApplication

/// `AccessTokens` as HS256 JWTs (`typ` `at+jwt`), verified against the current and previous keys.
struct JWTAccessTokens: AccessTokens {
    let codec: AccessTokenCodec

    struct InvalidSubject: Error {}

    func issue(for userID: UUID) throws -> (token: String, expiresIn: Int) {
        let issued = try codec.issue(subject: userID.uuidString.lowercased())
        return (issued.token, issued.expiresIn)
    }

    func verify(_ token: String) throws -> UUID {
        let claims = try codec.verify(token)
        guard let id = UUID(uuidString: claims.subject) else { throw InvalidSubject() }
        return id
    }
}
