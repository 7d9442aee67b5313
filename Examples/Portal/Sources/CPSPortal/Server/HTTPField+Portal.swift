import HTTPTypes

extension HTTPField.Name {
    /// `X-Frame-Options`.
    static let xFrameOptions = Self("X-Frame-Options")!
    /// `Referrer-Policy`.
    static let referrerPolicy = Self("Referrer-Policy")!
    /// `Idempotency-Key` (draft-ietf-httpapi-idempotency-key-header).
    static let idempotencyKey = Self("Idempotency-Key")!
}
