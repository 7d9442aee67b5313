/// Checks a new password against the policy (R-PWD-2). Pure.
public enum PasswordRules {
    /// The rules `password` breaks for the user with `email` (empty: acceptable).
    public static func violations(of password: String, email: EmailAddress, policy: PasswordPolicy) -> [String] {
        var broken: [String] = []
        let length = password.count
        if length < policy.minimumLength { broken.append("tooShort") }
        if length > policy.maximumLength { broken.append("tooLong") }
        if policy.forbidEmail {
            let lower = password.lowercased()
            let local = String(email.key.prefix { $0 != "@" })
            if lower.contains(email.key) || (local.count >= 3 && lower.contains(local)) { broken.append("containsEmail") }
        }
        if policy.requireLetterAndDigit,
           !(password.contains(where: \.isLetter) && password.contains(where: \.isNumber)) {
            broken.append("needsLetterAndDigit")
        }
        return broken
    }
}
