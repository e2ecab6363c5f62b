import JSON

extension FlatJSONObject {
    /// One decoded JWT segment (the JOSE header or the claim set) as a flat object; what `parse` refuses is
    /// a `.malformed` token, or `.duplicateMember` when a name repeats.
    static func parse(segment bytes: [UInt8]) throws(JWTError) -> FlatJSONObject {
        do {
            return try parse(bytes)
        } catch {
            switch error {
            case .malformed: throw .malformed
            case .duplicateMember: throw .duplicateMember
            }
        }
    }
}
