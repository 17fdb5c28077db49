/// Splits UTF-8 text into tokens on demand (expressions.md section 1).
struct ExpressionLexer {
    let bytes: UnsafeBufferPointer<UInt8>
    private(set) var position = 0
    /// UTF-8 continuation bytes seen before `position`: byte offset minus this is the scalar offset.
    private(set) var continuationBytes = 0

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// The scalar offset of the end of the text (valid once the lexer has reached it).
    var endOffset: Int { bytes.count - continuationBytes }

    /// The source text of a token.
    func text(of token: ExpressionToken) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[token.start..<token.end]), as: UTF8.self)
    }

    /// The source text between two byte offsets.
    func text(from start: Int, to end: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<min(end, bytes.count)]), as: UTF8.self)
    }

    // MARK: - Scanning

    mutating func next() throws(ExpressionSyntaxError) -> ExpressionToken {
        let count = bytes.count
        while position < count {
            let byte = bytes[position]
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                position += 1
            } else {
                break
            }
        }
        let start = position
        let offset = start - continuationBytes
        guard position < count else {
            return ExpressionToken(kind: .end, start: start, end: start, offset: offset)
        }
        let byte = bytes[position]
        func single(_ kind: ExpressionToken.Kind, length: Int = 1) -> ExpressionToken {
            position = start + length
            return ExpressionToken(kind: kind, start: start, end: start + length, offset: offset)
        }
        switch byte {
        case UInt8(ascii: "("): return single(.leftParen)
        case UInt8(ascii: ")"): return single(.rightParen)
        case UInt8(ascii: "["): return single(.leftBracket)
        case UInt8(ascii: "]"): return single(.rightBracket)
        case UInt8(ascii: ","): return single(.comma)
        case UInt8(ascii: "'"), UInt8(ascii: "\""): return try string(quote: byte, start: start, offset: offset)
        case UInt8(ascii: "="):
            return peek(1) == UInt8(ascii: "=") ? single(.comparison(.equal), length: 2) : single(.comparison(.equal))
        case UInt8(ascii: "!"):
            if peek(1) == UInt8(ascii: "=") { return single(.comparison(.notEqual), length: 2) }
            var after = position + 1
            while after < count, bytes[after] == 0x20 || bytes[after] == 0x09 { after += 1 }
            if after > position + 1, after < count, bytes[after] == UInt8(ascii: "=") {
                throw ExpressionSyntaxError(
                    offset: offset, message: "'! =' is not an operator; write '!=' without a space")
            }
            throw ExpressionSyntaxError(
                offset: offset,
                message: "'!' is not TaskRouter syntax; negate the comparison instead (use != or NOT IN)")
        case UInt8(ascii: ">"):
            switch peek(1) {
            case UInt8(ascii: "="): return single(.comparison(.greaterOrEqual), length: 2)
            case UInt8(ascii: "-"): return single(.comparison(.has), length: 2)
            default: return single(.comparison(.greater))
            }
        case UInt8(ascii: "<"):
            switch peek(1) {
            case UInt8(ascii: "="): return single(.comparison(.lessOrEqual), length: 2)
            case UInt8(ascii: "-"): return single(.comparison(.in), length: 2)
            default: return single(.comparison(.less))
            }
        case UInt8(ascii: "&"):
            throw ExpressionSyntaxError(
                offset: offset,
                message: peek(1) == UInt8(ascii: "&")
                    ? "'&&' is not TaskRouter syntax; use AND" : "unexpected character '&'; use AND to join comparisons"
            )
        case UInt8(ascii: "|"):
            throw ExpressionSyntaxError(
                offset: offset,
                message: peek(1) == UInt8(ascii: "|")
                    ? "'||' is not TaskRouter syntax; use OR" : "unexpected character '|'; use OR to join comparisons")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return try number(start: start, offset: offset)
        default:
            if Self.isNameStart(byte) { return try path(start: start, offset: offset) }
            throw unexpectedCharacter(at: position, offset: offset)
        }
    }

    private func peek(_ distance: Int) -> UInt8? {
        let index = position + distance
        return index < bytes.count ? bytes[index] : nil
    }

    static func isNameStart(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || byte == 0x5F
    }

    static func isNameByte(_ byte: UInt8) -> Bool {
        isNameStart(byte) || (byte >= 0x30 && byte <= 0x39)
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    private mutating func string(quote: UInt8, start: Int, offset: Int) throws(ExpressionSyntaxError)
        -> ExpressionToken
    {
        var index = start + 1
        let count = bytes.count
        var continuation = 0
        while index < count {
            let byte = bytes[index]
            if byte == quote { break }
            if byte & 0xC0 == 0x80 {
                continuation += 1
            } else if byte == 0 {
                throw ExpressionSyntaxError(
                    offset: index - continuationBytes - continuation,
                    message: "NUL characters are not allowed in expressions")
            }
            index += 1
        }
        guard index < count else {
            let name = quote == UInt8(ascii: "'") ? "'" : "\""
            throw ExpressionSyntaxError(
                offset: offset,
                message: "unterminated string: the \(name) here is never closed (strings have no escapes; "
                    + "a string ends at the next \(name))")
        }
        continuationBytes += continuation
        position = index + 1
        let value = String(decoding: UnsafeBufferPointer(rebasing: bytes[(start + 1)..<index]), as: UTF8.self)
        return ExpressionToken(kind: .string(value), start: start, end: position, offset: offset)
    }

    private mutating func number(start: Int, offset: Int) throws(ExpressionSyntaxError) -> ExpressionToken {
        var index = start
        let count = bytes.count
        if bytes[index] == UInt8(ascii: "-") {
            index += 1
            guard index < count, Self.isDigit(bytes[index]) else {
                throw ExpressionSyntaxError(
                    offset: offset, message: "unexpected character '-'; a minus sign must be followed by digits")
            }
        }
        while index < count, Self.isDigit(bytes[index]) { index += 1 }
        if index < count, bytes[index] == UInt8(ascii: ".") {
            let dot = index
            index += 1
            guard index < count, Self.isDigit(bytes[index]) else {
                throw ExpressionSyntaxError(
                    offset: dot - continuationBytes, message: "expected digits after the decimal point")
            }
            while index < count, Self.isDigit(bytes[index]) { index += 1 }
        }
        if index < count, Self.isNameByte(bytes[index]) || bytes[index] == UInt8(ascii: ".") {
            throw ExpressionSyntaxError(
                offset: index - continuationBytes,
                message: "unexpected \(Self.describe(byte: bytes[index])) after the number "
                    + "'\(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self))'")
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        guard let value = Double(text), value.isFinite else {
            throw ExpressionSyntaxError(offset: offset, message: "the number '\(text.prefix(40))' is too large")
        }
        position = index
        return ExpressionToken(kind: .number(value), start: start, end: index, offset: offset)
    }

    private mutating func path(start: Int, offset: Int) throws(ExpressionSyntaxError) -> ExpressionToken {
        let count = bytes.count
        var index = try scanName(from: start)
        let firstEnd = index
        let continuesPath = index < count && (bytes[index] == UInt8(ascii: ".") || bytes[index] == UInt8(ascii: "["))
        if let keyword = keyword(start, firstEnd) {
            if !continuesPath {
                position = index
                return ExpressionToken(kind: keyword, start: start, end: index, offset: offset)
            }
            throw ExpressionSyntaxError(
                offset: offset, message: "'\(slice(start, firstEnd))' is a keyword and cannot be an attribute name")
        }
        var components: [AttributePath.Component] = [.name(slice(start, firstEnd))]
        while index < count {
            let byte = bytes[index]
            if byte == UInt8(ascii: ".") {
                let dot = index
                guard index + 1 < count, Self.isNameStart(bytes[index + 1]) else {
                    throw ExpressionSyntaxError(
                        offset: dot - continuationBytes,
                        message: "expected a name after '.' in '\(slice(start, dot + 1))'")
                }
                let nameEnd = try scanName(from: index + 1)
                if keyword(index + 1, nameEnd) != nil {
                    throw ExpressionSyntaxError(
                        offset: index + 1 - continuationBytes,
                        message: "'\(slice(index + 1, nameEnd))' is a keyword and cannot be an attribute name")
                }
                components.append(.name(slice(index + 1, nameEnd)))
                index = nameEnd
            } else if byte == UInt8(ascii: "[") {
                var digitIndex = index + 1
                var value = 0
                while digitIndex < count, Self.isDigit(bytes[digitIndex]) {
                    let (product, overflow1) = value.multipliedReportingOverflow(by: 10)
                    let (sum, overflow2) = product.addingReportingOverflow(Int(bytes[digitIndex] - 0x30))
                    if overflow1 || overflow2 || sum > Int(Int32.max) {
                        throw ExpressionSyntaxError(
                            offset: index + 1 - continuationBytes, message: "the array index is too large")
                    }
                    value = sum
                    digitIndex += 1
                }
                guard digitIndex > index + 1 else {
                    throw ExpressionSyntaxError(
                        offset: index + 1 - continuationBytes,
                        message: "expected an array index (digits) after '[' in '\(slice(start, index + 1))'")
                }
                guard digitIndex < count, bytes[digitIndex] == UInt8(ascii: "]") else {
                    throw ExpressionSyntaxError(
                        offset: digitIndex - continuationBytes, message: "expected ']' after the array index")
                }
                components.append(.index(value))
                index = digitIndex + 1
            } else {
                break
            }
        }
        position = index
        return ExpressionToken(kind: .path(components), start: start, end: index, offset: offset)
    }

    /// Scans `[A-Za-z_][A-Za-z0-9_]*` from `start`; rejects a hyphen inside a name.
    private func scanName(from start: Int) throws(ExpressionSyntaxError) -> Int {
        var index = start + 1
        let count = bytes.count
        while index < count, Self.isNameByte(bytes[index]) { index += 1 }
        if index + 1 < count, bytes[index] == UInt8(ascii: "-"), Self.isNameByte(bytes[index + 1]) {
            var end = index + 1
            while end < count, Self.isNameByte(bytes[end]) || bytes[end] == UInt8(ascii: "-") { end += 1 }
            let written = slice(start, end)
            var fixed = ""
            for character in written { fixed.append(character == "-" ? "_" : character) }
            throw ExpressionSyntaxError(
                offset: index - continuationBytes,
                message: "hyphens are not supported in attribute names ('\(written)'); "
                    + "use a name of letters, digits and underscores such as '\(fixed)'")
        }
        return index
    }

    private func slice(_ start: Int, _ end: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }

    /// The keyword token for the name in `start..<end`, matched case-insensitively.
    private func keyword(_ start: Int, _ end: Int) -> ExpressionToken.Kind? {
        func matches(_ word: StaticString) -> Bool {
            guard word.utf8CodeUnitCount == end - start else { return false }
            let pointer = word.utf8Start
            for index in 0..<(end - start) where bytes[start + index] | 0x20 != pointer[index] {
                return false
            }
            return true
        }
        switch end - start {
        case 2:
            if matches("or") { return .or }
            if matches("in") { return .comparison(.in) }
        case 3:
            if matches("and") { return .and }
            if matches("not") { return .not }
            if matches("has") { return .comparison(.has) }
        case 4:
            if matches("true") { return .trueKeyword }
            if matches("null") { return .nullKeyword }
        case 5:
            if matches("false") { return .falseKeyword }
        case 8:
            if matches("contains") { return .comparison(.contains) }
        default: break
        }
        return nil
    }

    private func unexpectedCharacter(at index: Int, offset: Int) -> ExpressionSyntaxError {
        ExpressionSyntaxError(offset: offset, message: "unexpected \(describeCharacter(at: index))")
    }

    /// `character '#'`, `control character U+0000`, `character 'é' (U+00E9)`.
    func describeCharacter(at index: Int) -> String {
        let byte = bytes[index]
        if byte < 0x80 { return Self.describe(byte: byte) }
        var length = 1
        while index + length < bytes.count, length < 4, bytes[index + length] & 0xC0 == 0x80 { length += 1 }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[index..<(index + length)]), as: UTF8.self)
        guard let scalar = text.unicodeScalars.first else { return "character" }
        return "character '\(text)' (\(Self.hex(scalar.value)))"
    }

    static func describe(byte: UInt8) -> String {
        if byte == 0 { return "NUL character (U+0000); NUL characters are not allowed in expressions" }
        if byte < 0x20 || byte == 0x7F { return "control character \(hex(UInt32(byte)))" }
        return "character '\(Character(Unicode.Scalar(byte)))'"
    }

    static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
