// The one way a unit of work takes a new membership number (R-MEM-2): purchases and renewals.
extension UnitOfWork {
    /// A new number from the global counter, different from every number the account had (its
    /// `existing` memberships and the `external` numbers, e.g. the old CPS number) and from every
    /// number another record holds; the counter is written in this unit with its version (R-MEM-2).
    func assignMembershipNumber(existing: [Membership], external: [String]) async throws -> MembershipNumber.Assignment {
        let counter = try await fetch(MembershipNumberCounter.self, id: MembershipNumberCounter.singletonID)
        let previous = external + existing.map(\.number.compact)
        var sequence = counter?.record.nextSequence ?? 1
        var assignment = try MembershipNumber.assignNew(nextSequence: sequence, previousNumbers: previous)
        // A number held by another account's record (e.g. imported) is skipped, never shared.
        while try await holder(of: Membership.numberKey(assignment.number)) != nil {
            sequence = assignment.nextSequence
            assignment = try MembershipNumber.assignNew(nextSequence: sequence, previousNumbers: previous)
        }
        if var counter {
            counter.record.nextSequence = assignment.nextSequence
            try update(counter)
        } else {
            try insert(MembershipNumberCounter(nextSequence: assignment.nextSequence))
        }
        return assignment
    }
}
