import Foundation

extension BinaryValue {
    /// The value as the Foundation objects `JSONSerialization` uses — `[String: Any]`, `[Any]`,
    /// `String`, `NSNumber`, `NSNull` — laid out as the JSON codec writes the same record (dates as
    /// seconds since 1970, data as base64): for tools and tests that inspect or edit a stored payload
    /// of either format.
    package var foundationObject: Any {
        switch self {
        case .null: NSNull()
        case .bool(let value): NSNumber(value: value)
        case .int(let value): NSNumber(value: value)
        case .uint(let value): NSNumber(value: value)
        case .double(let value): NSNumber(value: value)
        case .float(let value): NSNumber(value: value)
        case .string(let value): value
        case .data(let value): value.base64EncodedString()
        case .date(let seconds): NSNumber(value: seconds)
        case .decimal(let text): NSDecimalNumber(string: text, locale: Locale(identifier: "en_US_POSIX"))
        case .array(let values): values.map(\.foundationObject)
        case .object(let fields): Dictionary(fields.map { ($0.key, $0.value.foundationObject) }) { first, _ in first }
        }
    }

    /// The value of a Foundation object tree (as from ``foundationObject``, possibly edited), each
    /// leaf taking the kind of the same leaf in `template` where there is one (a date stays a date, a
    /// decimal a decimal), else the kind its Foundation type suggests. Keyed fields come out sorted.
    package init(foundationObject object: Any, template: BinaryValue?) {
        switch object {
        case let dictionary as [String: Any]:
            var old: [String: BinaryValue] = [:]
            if case let .object(fields)? = template { for field in fields { old[field.key] = field.value } }
            self = .object(dictionary.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
                .map { (key: $0, value: BinaryValue(foundationObject: dictionary[$0]!, template: old[$0])) })
        case let array as [Any]:
            var old: [BinaryValue] = []
            if case let .array(values)? = template { old = values }
            self = .array(array.enumerated().map { BinaryValue(foundationObject: $1, template: $0 < old.count ? old[$0] : nil) })
        case is NSNull:
            self = .null
        case let text as String:
            if case .data? = template, let data = Data(base64Encoded: text) { self = .data(data) } else { self = .string(text) }
        case let number as NSNumber:
            switch template {
            case .date?: self = .date(number.doubleValue)
            case .decimal?: self = .decimal(number.decimalValue.description)
            case .double?: self = .double(number.doubleValue)
            case .float?: self = .float(number.floatValue)
            case .uint?: self = .uint(number.uint64Value)
            case .int?: self = .int(number.int64Value)
            case .bool?: self = .bool(number.boolValue)
            default:
                if String(cString: number.objCType) == "c" { self = .bool(number.boolValue) }
                else if number.doubleValue.rounded() == number.doubleValue, abs(number.doubleValue) < 9e15 { self = .int(number.int64Value) }
                else { self = .double(number.doubleValue) }
            }
        default:
            self = .string("\(object)")
        }
    }
}

