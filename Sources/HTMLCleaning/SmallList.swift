/// A list whose first four elements are stored inline, in the value itself. The fast path's
/// tag stack and text pieces hold one to three elements for nearly every fragment, and an
/// array for each was a heap allocation (and a free on the thread that frees the article)
/// per item of a feed.
struct SmallList<Element>: RandomAccessCollection {
    private var inline: (Element?, Element?, Element?, Element?) = (nil, nil, nil, nil)
    private var overflow: [Element] = []
    private(set) var count = 0

    var startIndex: Int { 0 }
    var endIndex: Int { count }

    subscript(position: Int) -> Element {
        switch position {
        case 0: inline.0!
        case 1: inline.1!
        case 2: inline.2!
        case 3: inline.3!
        default: overflow[position - 4]
        }
    }

    mutating func append(_ element: Element) {
        switch count {
        case 0: inline.0 = element
        case 1: inline.1 = element
        case 2: inline.2 = element
        case 3: inline.3 = element
        default: overflow.append(element)
        }
        count += 1
    }

    mutating func popLast() -> Element? {
        guard count > 0 else { return nil }
        count -= 1
        switch count {
        case 0: return inline.0.take()
        case 1: return inline.1.take()
        case 2: return inline.2.take()
        case 3: return inline.3.take()
        default: return overflow.removeLast()
        }
    }

    mutating func removeAll() {
        self = SmallList()
    }
}
