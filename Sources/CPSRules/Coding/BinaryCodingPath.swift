/// The coding path of a value read by ``BinaryBytesDecoder`` (R-ADP-1), kept lazily: a parent chain
/// built only as far as containers need it, turned into `[any CodingKey]` only when an error or a
/// caller asks for `codingPath`. A nested value's path is its container's path and one pending
/// component, so decoding a field allocates nothing for its path; a container made for a nested
/// value seals the pending component into a node (one small allocation per nested container).
struct BinaryCodingPath {
    /// One step of a path: a key, or an array index (its key made only when asked for).
    enum Component {
        case key(any CodingKey)
        case index(Int)

        var codingKey: any CodingKey {
            switch self {
            case let .key(key): key
            case let .index(index): BinaryCodingKey(index: index)
            }
        }
    }

    /// The sealed part of a path, innermost last.
    final class Node {
        let parent: Node?
        let component: Component
        init(parent: Node?, component: Component) {
            self.parent = parent
            self.component = component
        }
    }

    private(set) var node: Node?
    private(set) var last: Component?

    /// The top-level value's path (empty).
    static var root: BinaryCodingPath { BinaryCodingPath(node: nil, last: nil) }

    /// This path with its pending component moved into a node, so that children need no allocation.
    func sealed() -> BinaryCodingPath {
        guard let last else { return self }
        return BinaryCodingPath(node: Node(parent: node, component: last), last: nil)
    }

    /// The path of a child at `component` (no allocation when this path is sealed).
    @inline(__always) func child(_ component: Component) -> BinaryCodingPath {
        guard last != nil else { return BinaryCodingPath(node: node, last: component) }
        return BinaryCodingPath(node: sealed().node, last: component)
    }

    /// The path as coding keys, outermost first.
    var keys: [any CodingKey] {
        var keys: [any CodingKey] = []
        if let last { keys.append(last.codingKey) }
        var current = node
        while let step = current {
            keys.append(step.component.codingKey)
            current = step.parent
        }
        return keys.reversed()
    }
}
