/// A date string split into numbers, words and punctuation, for ``FeedDate``'s forms.
struct DateTokens {
    enum Token: Equatable {
        case number(Int, digits: Int)
        case word(String)  // Lower-cased ASCII letters.
        case mark(Character)  // Any other single character: `-`, `:`, `+`, `,`, `.`, `/`.
    }

    private(set) var tokens: [Token] = []
    var position = 0

    init(_ text: String) {
        var number = 0, digits = 0, word = ""
        func flush(_ tokens: inout [Token]) {
            if digits > 0 { tokens.append(.number(number, digits: digits)) }
            if !word.isEmpty { tokens.append(.word(word)) }
            number = 0; digits = 0; word = ""
        }
        for scalar in text.unicodeScalars {
            if ("0"..."9").contains(scalar), digits < 10 {
                if !word.isEmpty { flush(&tokens) }
                number = number * 10 + Int(scalar.value - 48); digits += 1
            } else if ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) {
                if digits > 0 { flush(&tokens) }
                word.unicodeScalars.append(Unicode.Scalar(scalar.value | 0x20)!)
            } else {
                flush(&tokens)
                if !scalar.properties.isWhitespace { tokens.append(.mark(Character(scalar))) }
            }
        }
        flush(&tokens)
    }

    var atEnd: Bool { position >= tokens.count }

    /// The next token if it is a number of `digits` digits (any count in the range).
    mutating func number(_ digits: ClosedRange<Int>) -> Int? {
        guard !atEnd, case .number(let value, let count) = tokens[position],
              digits.contains(count) else { return nil }
        position += 1
        return value
    }

    /// The digit count of the next token, if it is a number.
    var nextDigits: Int? {
        guard !atEnd, case .number(_, let count) = tokens[position] else { return nil }
        return count
    }

    mutating func word() -> String? {
        guard !atEnd, case .word(let value) = tokens[position] else { return nil }
        position += 1
        return value
    }

    /// Consumes the mark if it is next.
    mutating func mark(_ character: Character) -> Bool {
        guard !atEnd, tokens[position] == .mark(character) else { return false }
        position += 1
        return true
    }

    /// Consumes the word if it is next.
    mutating func word(_ expected: String) -> Bool {
        guard !atEnd, tokens[position] == .word(expected) else { return false }
        position += 1
        return true
    }
}
