// The one way a unit of work takes a new membership number (R-MEM-2): purchases and renewals.
extension UnitOfWork {
    /// A new number, different from every number the account had (its `existing` memberships and the
    /// `external` numbers, e.g. the old CPS number) and from every number another record holds.
    ///
    /// The value comes from the context's ``MembershipNumberReservations`` — never from the counter
    /// in this unit, so purchases of different accounts never race each other. A value the account
    /// had or another record holds is skipped; every leased value is given back if this unit writes
    /// nothing (``CPSContext/transact(_:as:_:)``).
    func assignMembershipNumber(existing: [Membership], external: [String]) async throws -> MembershipNumber.Assignment {
        let previous = external + existing.map(\.number.compact)
        while true {
            let sequence = try await leaseMembershipSequence()
            let assignment = try MembershipNumber.assignNew(nextSequence: sequence, previousNumbers: previous)
            // The account had this value's number: assignNew moved past it, onto a value not leased here.
            guard assignment.nextSequence == sequence + 1 else { continue }
            // A number held by another account's record (e.g. imported) is skipped, never shared.
            if try await holder(of: Membership.numberKey(assignment.number)) != nil { continue }
            return assignment
        }
    }
}

extension CPSContext {
    /// Advances the global counter by the reservations' block size in a unit of its own and keeps
    /// every value but the first, which it returns (R-MEM-2). The counter holds the first value no
    /// process has reserved.
    ///
    /// - Throws: ``MembershipError/Reason/membershipNumbersExhausted`` when the sequence runs out.
    func reserveMembershipNumbers(as principal: Principal) async throws -> Int {
        let size = membershipNumbers.blockSize
        var runs = 0
        let block = try await transact("membership.reserveNumbers", as: principal) { unit -> Range<Int> in
            runs += 1
            let counter = try await unit.fetch(MembershipNumberCounter.self, id: MembershipNumberCounter.singletonID)
            let first = max(1, counter?.record.nextSequence ?? 1)
            _ = try MembershipNumber(sequence: first) // no value left: membershipNumbersExhausted
            // Near the end of the sequence the block shrinks to the values that still make a number.
            let end = min(first + size, MembershipNumber.maximumSequence + 1)
            if var counter {
                counter.record.nextSequence = end
                try unit.update(counter)
            } else {
                try unit.insert(MembershipNumberCounter(nextSequence: end))
            }
            return first ..< end
        }
        membershipNumbers.add(block.dropFirst(), contended: runs > 1)
        return block.lowerBound
    }
}
