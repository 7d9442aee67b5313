extension TextTable {
    /// Texts of the unit of work: conflicts given up and idempotency keys (R-UOW-1).
    static let unitOfWork = TextTable(
        part: "unitOfWork",
        english: [
            "unitOfWork.conflict.retriesExhausted": "Others were changing the same information at the same time, so nothing was saved. Please try again in a moment.",
            "unitOfWork.idempotency.keyReused": "This request repeats an earlier request's idempotency key with different details. The earlier request stands; use a new key for a new request.",
            "unitOfWork.idempotency.invalidKey": "The idempotency key must be 1 to 255 printable characters without spaces.",
        ],
        swedish: [
            "unitOfWork.conflict.retriesExhausted": "Andra ändrade samma uppgifter samtidigt, så inget sparades. Försök igen om en stund.",
            "unitOfWork.idempotency.keyReused": "Begäran upprepar en tidigare begärans idempotensnyckel med andra uppgifter. Den tidigare begäran gäller; använd en ny nyckel för en ny begäran.",
            "unitOfWork.idempotency.invalidKey": "Idempotensnyckeln måste vara 1 till 255 skrivbara tecken utan mellanslag.",
        ])
}
