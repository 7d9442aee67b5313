/// Everything a service needs from outside, injected once (R-ADP-3, SPEC §1 "Services at the edge"):
/// the store, the policy, time, IDs, randomness, texts, calendars and the identity adapter.
///
/// ```swift
/// let context = CPSContext(store: InMemoryRecordStore(), identity: InMemoryIdentityProvider())
/// let onboarding = OnboardingService(context)
/// ```
public struct CPSContext: Sendable {
    /// Where records live (R-ADP-1).
    public var store: any RecordStore
    /// The rules' numbers and lists.
    public var policy: CPSPolicy
    /// The clock.
    public var time: TimeSource
    /// Record IDs.
    public var ids: IDGenerator
    /// Secure randomness for tokens (R-PWD-2).
    public var random: RandomSource
    /// The texts of mails and explanations.
    public var catalog: TextCatalog
    /// The working-day calendar of a country (R-CAL-1, R-VAL-2).
    public var calendars: CalendarLookup
    /// Where passwords go (R-PWD-2).
    public var identity: any IdentityProvider
    /// The VAT registry look-up made at submission, if the host has one (R-VAT-2).
    public var vatRegistry: (any VATRegistryLookup)?

    /// Creates a context; everything but the store and the identity adapter has a production default.
    /// The calendars default to the national holidays of each country plus the policy's opt-in days.
    public init(store: any RecordStore, identity: any IdentityProvider, policy: CPSPolicy = .canonEurope,
                time: TimeSource = .system, ids: IDGenerator = .uuid, random: RandomSource = .system,
                catalog: TextCatalog = .standard, calendars: CalendarLookup? = nil,
                vatRegistry: (any VATRegistryLookup)? = nil) {
        self.store = store
        self.identity = identity
        self.policy = policy
        self.time = time
        self.ids = ids
        self.random = random
        self.catalog = catalog
        self.vatRegistry = vatRegistry
        self.calendars = calendars ?? .national(BusinessCalendars(policy: policy.calendar))
    }
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
