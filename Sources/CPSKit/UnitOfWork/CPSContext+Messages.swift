extension CPSContext {
    /// The message of `failure` in `language`, rendered with this context's ``catalog`` — so a
    /// language or a wording the host added is used everywhere (R-MSG-1). Falls back to English.
    ///
    /// ```swift
    /// catch let error as any LocalizedFailure {
    ///     show(context.message(for: error, in: user.language))
    /// }
    /// ```
    public func message(for failure: any LocalizedFailure, in language: Language) -> String {
        failure.message(in: language, catalog: catalog)
    }

    /// The text of `key` with typed `arguments` in `language`, from this context's catalog (R-MSG-1).
    public func message(_ key: TextKey, _ arguments: [String: MessageArgument] = [:], in language: Language) -> String {
        catalog.render(key, arguments: arguments, in: language)
    }
}
