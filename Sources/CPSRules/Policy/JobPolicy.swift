/// How much work one job run does (R-UOW-2).
public struct JobPolicy: Hashable, Codable, Sendable {
    /// The most items one run acts on; a run that stops there reports ``JobReport/hasMore``.
    public var pageSize: Int
    /// How long a job's claim on an outside call (a card charge) keeps other runs from making the same
    /// call, in seconds (R-UOW-1). After it, a run takes the claim over and repeats the call with the
    /// same idempotency key — the case of a process that died during the call.
    public var claimLeaseSeconds: Int

    /// 200 items a run; claims held for 5 minutes.
    public init(pageSize: Int = 200, claimLeaseSeconds: Int = 300) {
        self.pageSize = pageSize
        self.claimLeaseSeconds = claimLeaseSeconds
    }

    /// Checks the values (R-UOW-2).
    func validate() throws(PolicyError) {
        if !(1...100_000).contains(pageSize) {
            throw PolicyError(.outOfRange, field: "jobs.pageSize", minimum: .number(1), maximum: .number(100000))
        }
        if !(1...86_400).contains(claimLeaseSeconds) {
            throw PolicyError(.outOfRange, field: "jobs.claimLeaseSeconds", minimum: .number(1), maximum: .number(86400))
        }
    }
}
