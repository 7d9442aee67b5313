import Foundation

/// The composition root (R-ADP-3, R-UOW-1): every adapter and source a service needs, injected once.
///
/// ```swift
/// let keys = try TokenKeys.load(fromFile: keyFile, dataDirectory: dataDirectory)   // Documentation/Security.md
/// let context = try CPSContext(store: InMemoryRecordStore(), identity: InMemoryIdentityProvider(), tokenKeys: keys)
/// let cps = CPSServices(context)
/// let application = try await cps.onboarding.createApplication(form, as: applicant)
/// ```
///
/// The initialiser validates the policy (``CPSPolicy/validate()``) and throws its ``PolicyError``.
/// Optional adapters have a defined absence: without a ``paymentGateway`` a card purchase is refused
/// at purchase with ``MembershipError/Reason/cardPaymentsUnavailable``; without a
/// ``legacyDirectory`` migration is unavailable with its reason (R-MIG-1); without a
/// ``mailTransport`` the outbox keeps its mails until a host delivers them.
public struct CPSContext: Sendable {
    /// Where records live (R-ADP-1).
    public var store: any RecordStore {
        didSet { membershipNumbers = MembershipNumberReservations() }
    }
    /// The rules' numbers and lists; change it with ``with(policy:)``, which validates it and moves
    /// the calendars along.
    public private(set) var policy: CPSPolicy
    /// The clock.
    public var time: TimeSource
    /// Record IDs.
    public var ids: IDGenerator
    /// Secure randomness for tokens (R-PWD-2) and retry jitter (R-UOW-1).
    public var random: RandomSource
    /// The texts of mails and explanations.
    public var catalog: TextCatalog
    /// The working-day calendar of a country (R-CAL-1, R-VAL-2): the policy's national calendars
    /// unless the host gave its own.
    public private(set) var calendars: CalendarLookup
    /// Where passwords go (R-PWD-2).
    public var identity: any IdentityProvider
    /// The host's keys for password-set tokens (R-ID-3): never in the store.
    public var tokenKeys: TokenKeys
    /// Who may review applications (R-VAL-1, R-ID-4): reviewers stored with ``ReviewerService`` and
    /// any the host names here; ``ReviewerDirectory/stored`` by default.
    public var reviewers: ReviewerDirectory
    /// The VAT registry look-up made at submission, if the host has one (R-VAT-2).
    public var vatRegistry: (any VATRegistryLookup)?
    /// The card processor (R-BIL-3), if the host takes cards.
    public var paymentGateway: (any PaymentGateway)?
    /// The old CPS directory (R-MIG-1), if there is an old CPS to migrate from.
    public var legacyDirectory: (any LegacyCPSDirectory)?
    /// Where the mail dispatcher delivers (R-ADP-2), if the host sends mail from this process.
    public var mailTransport: (any MailTransport)?
    /// Where events go (R-UOW-3); ``EventSink/none`` by default.
    public var events: EventSink
    /// How retries wait (R-UOW-1); ``Sleeper/system`` by default.
    public var sleeper: Sleeper
    private let customCalendars: Bool
    /// The membership numbers reserved from ``store``'s counter and not used yet (R-MEM-2); shared by
    /// every copy of this context on the same store.
    private(set) var membershipNumbers = MembershipNumberReservations()

    /// Creates a context; everything but the store, the identity adapter and the token keys has a
    /// production default.
    /// The calendars default to the national holidays of each country plus the policy's opt-in days.
    ///
    /// - Throws: ``PolicyError`` when `policy` does not validate.
    public init(store: any RecordStore, identity: any IdentityProvider, tokenKeys: TokenKeys,
                reviewers: ReviewerDirectory = .stored, policy: CPSPolicy = .canonEurope,
                time: TimeSource = .system, ids: IDGenerator = .uuid, random: RandomSource = .system,
                catalog: TextCatalog = .standard, calendars: CalendarLookup? = nil,
                vatRegistry: (any VATRegistryLookup)? = nil, paymentGateway: (any PaymentGateway)? = nil,
                legacyDirectory: (any LegacyCPSDirectory)? = nil, mailTransport: (any MailTransport)? = nil,
                events: EventSink = .none, sleeper: Sleeper = .system) throws(PolicyError) {
        try policy.validate()
        self.store = store
        self.identity = identity
        self.tokenKeys = tokenKeys
        self.reviewers = reviewers
        self.policy = policy
        self.time = time
        self.ids = ids
        self.random = random
        self.catalog = catalog
        self.vatRegistry = vatRegistry
        self.paymentGateway = paymentGateway
        self.legacyDirectory = legacyDirectory
        self.mailTransport = mailTransport
        self.events = events
        self.sleeper = sleeper
        customCalendars = calendars != nil
        self.calendars = calendars ?? .national(BusinessCalendars(policy: policy.calendar))
        report(policy.warnings)
    }

    /// This context with another policy, validated; the national calendars follow it (a host's own
    /// calendars stay).
    ///
    /// - Throws: ``PolicyError`` when `policy` does not validate.
    public func with(policy: CPSPolicy) throws(PolicyError) -> CPSContext {
        try policy.validate()
        var copy = self
        copy.policy = policy
        if !customCalendars { copy.calendars = .national(BusinessCalendars(policy: policy.calendar)) }
        report(policy.warnings)
        return copy
    }

    /// Hands each warning of a policy to the event sink (R-UOW-3).
    private func report(_ warnings: [PolicyWarning]) {
        for warning in warnings { events.emit(.policyWarning(field: warning.field, problem: warning.problem)) }
    }

    /// The one mail composer (R-UOW-1): the policy's sender, the context's texts and IDs.
    var composer: MailComposer { MailComposer(policy: policy.mail, catalog: catalog, ids: ids) }
}

/// Finds the business calendar of a country (R-CAL-1).
public struct CalendarLookup: Sendable {
    private let lookup: @Sendable (CountryCode) -> any BusinessCalendar

    /// Creates a lookup from a closure.
    public init(_ lookup: @escaping @Sendable (CountryCode) -> any BusinessCalendar) { self.lookup = lookup }

    /// The calendar of `country`.
    public func calendar(for country: CountryCode) -> any BusinessCalendar { lookup(country) }

    /// The national calendars (R-CAL-1): each country's public holidays and the policy's extra days off.
    public static func national(_ calendars: BusinessCalendars) -> CalendarLookup {
        CalendarLookup { calendars.calendar(for: $0) }
    }

    /// Weekends only, for every country.
    public static let weekendsOnly = CalendarLookup { _ in WeekendCalendar() }
}
