/// An append-only JSON writer over a UTF-8 byte buffer.
///
/// podroute prints up to a million routes as JSON, so the writer never builds a `String` per
/// value: keys are static byte strings copied in one go, numbers and addresses are written
/// digit by digit, and `drain(to:)` hands full 64 KiB chunks to the caller (a `write(2)` loop)
/// while the output is still being produced.
///
/// Commas are placed automatically: the writer only needs to know whether the previous token
/// was an opening bracket or a key, because after any complete value or closed container the
/// next member or element of the enclosing container always needs a separator.
///
/// The output is always valid JSON text as long as calls nest correctly (`key` only inside
/// objects, every `begin` closed): strings are fully escaped, non-finite doubles become `null`.
public struct JSONWriter: Sendable {
    /// The bytes written and not yet drained.
    public internal(set) var bytes: [UInt8] = []
    /// False right after `[`, `{` or a key: the next token takes no comma.
    var needsComma = false
    /// Open containers; used only to tell when a top-level value is complete.
    public private(set) var depth = 0

    /// The size of the chunks `drain(to:)` hands out.
    public static let chunkSize = 65_536

    public init(capacity: Int = JSONWriter.chunkSize * 2) {
        bytes.reserveCapacity(capacity)
    }

    public var isEmpty: Bool { bytes.isEmpty }
    public var count: Int { bytes.count }

    /// The buffered output as text (for tests and small outputs).
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    // MARK: Structure

    public mutating func beginObject() {
        separate()
        bytes.append(UInt8(ascii: "{"))
        needsComma = false
        depth += 1
    }

    public mutating func endObject() {
        bytes.append(UInt8(ascii: "}"))
        needsComma = true
        depth -= 1
    }

    public mutating func beginArray() {
        separate()
        bytes.append(UInt8(ascii: "["))
        needsComma = false
        depth += 1
    }

    public mutating func endArray() {
        bytes.append(UInt8(ascii: "]"))
        needsComma = true
        depth -= 1
    }

    /// Writes `"name":`. The name must be plain ASCII without quotes or backslashes, which
    /// holds for every key iproute2 and podroute print; it is copied without scanning.
    public mutating func key(_ name: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        appendStatic(name)
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    /// Writes `"name":` for a name from data (kind-specific keys, caller extras): escaped.
    public mutating func key(_ name: String) {
        separate()
        appendEscaped(name)
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    /// Ends a line between top-level values (NDJSON-style streams).
    public mutating func newline() {
        bytes.append(UInt8(ascii: "\n"))
        needsComma = false
    }

    // MARK: Scalars

    public mutating func string(_ value: String) {
        separate()
        appendEscaped(value)
        needsComma = true
    }

    /// A string known at compile time to need no escaping (names such as `"unicast"`).
    public mutating func string(_ value: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        appendStatic(value)
        bytes.append(UInt8(ascii: "\""))
        needsComma = true
    }

    public mutating func bool(_ value: Bool) {
        separate()
        appendStatic(value ? "true" : "false")
        needsComma = true
    }

    public mutating func null() {
        separate()
        appendStatic("null")
        needsComma = true
    }

    public mutating func int(_ value: Int64) {
        separate()
        if value < 0 {
            bytes.append(UInt8(ascii: "-"))
            appendDigits(value.magnitude)
        } else {
            appendDigits(UInt64(value))
        }
        needsComma = true
    }

    public mutating func uint(_ value: UInt64) {
        separate()
        appendDigits(value)
        needsComma = true
    }

    public mutating func int(_ value: Int) { int(Int64(value)) }
    public mutating func uint(_ value: UInt32) { uint(UInt64(value)) }
    public mutating func uint(_ value: UInt16) { uint(UInt64(value)) }
    public mutating func uint(_ value: UInt8) { uint(UInt64(value)) }

    /// A decimal number in its shortest round-tripping form (`0.06`, `297.99`, `1e-05`);
    /// whole numbers print without a fraction (`12`), as C's `%g` does. Not-a-number and
    /// infinities, which JSON cannot express, become `null`.
    public mutating func double(_ value: Double) {
        guard value.isFinite else { return null() }
        if value == value.rounded(), abs(value) < 1e15 {
            return int(Int64(value))
        }
        separate()
        appendASCII(value.description)
        needsComma = true
    }

    /// A decimal number with exactly `decimals` digits after the point, the way iproute2
    /// prints bridge timers (`"%i.%.2i"`: `0.00`, `12.88`).
    public mutating func fixedPoint(_ value: Double, decimals: Int) {
        guard value.isFinite, decimals >= 0, decimals <= 9 else { return double(value) }
        var scale: UInt64 = 1
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (abs(value) * Double(scale)).rounded()
        guard scaled < 9e18 else { return double(value) }
        separate()
        let units = UInt64(scaled)
        if value < 0, units != 0 { bytes.append(UInt8(ascii: "-")) }
        appendDigits(units / scale)
        if decimals > 0 {
            bytes.append(UInt8(ascii: "."))
            appendDigits(units % scale, width: decimals)
        }
        needsComma = true
    }

    /// `"0x%llx"`-style hex text as iproute2's `print_0xhex` prints it; zero is `"0"`
    /// because C's `%#x` adds no prefix to zero.
    public mutating func hexString(_ value: UInt64) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        if value != 0 {
            bytes.append(UInt8(ascii: "0"))
            bytes.append(UInt8(ascii: "x"))
        }
        appendHex(value)
        bytes.append(UInt8(ascii: "\""))
        needsComma = true
    }

    /// A number written as a JSON string (`"table":"1000"`, `"protocol":"80"`).
    public mutating func numberString(_ value: UInt64) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        appendDigits(value)
        bytes.append(UInt8(ascii: "\""))
        needsComma = true
    }

    // MARK: Members

    public mutating func member(_ name: StaticString, _ value: String) {
        key(name)
        string(value)
    }

    public mutating func member(_ name: StaticString, _ value: StaticString) {
        key(name)
        string(value)
    }

    public mutating func member(_ name: StaticString, _ value: Bool) {
        key(name)
        bool(value)
    }

    public mutating func member(_ name: StaticString, _ value: UInt64) {
        key(name)
        uint(value)
    }

    public mutating func member(_ name: StaticString, _ value: UInt32) {
        key(name)
        uint(value)
    }

    public mutating func member(_ name: StaticString, _ value: Int64) {
        key(name)
        int(value)
    }

    /// `"name":null`: iproute2's way of printing a flag that is set (`"not":null`).
    public mutating func nullMember(_ name: StaticString) {
        key(name)
        null()
    }

    // MARK: Streaming

    /// Hands every complete `chunkSize` block to `sink`, keeping the rest buffered, so a
    /// caller that drains after each element writes the output in 64 KiB `write`s.
    public mutating func drain(chunkSize: Int = JSONWriter.chunkSize,
                               to sink: (UnsafeRawBufferPointer) throws -> Void) rethrows {
        guard chunkSize > 0, bytes.count >= chunkSize else { return }
        var offset = 0
        try bytes.withUnsafeBytes { buffer in
            while buffer.count - offset >= chunkSize {
                try sink(UnsafeRawBufferPointer(rebasing: buffer[offset..<offset + chunkSize]))
                offset += chunkSize
            }
        }
        bytes.removeFirst(offset)
    }

    /// Hands everything buffered to `sink` and empties the buffer.
    public mutating func flush(to sink: (UnsafeRawBufferPointer) throws -> Void) rethrows {
        guard !bytes.isEmpty else { return }
        try bytes.withUnsafeBytes { try sink($0) }
        bytes.removeAll(keepingCapacity: true)
    }

    // MARK: Byte level

    /// A comma when a value or member precedes; called before every value and key.
    @inline(__always)
    mutating func separate() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
    }

    /// Marks a value written through the raw appenders as complete.
    @inline(__always)
    mutating func finishValue() { needsComma = true }

    @inline(__always)
    mutating func appendStatic(_ text: StaticString) {
        if text.hasPointerRepresentation {
            bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
        } else {
            appendASCII(String(describing: text))
        }
    }

    mutating func appendASCII(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    /// Decimal digits of `value`, zero-padded to `width` (at most 20).
    mutating func appendDigits(_ value: UInt64, width: Int = 1) {
        if value < 10, width <= 1 {
            bytes.append(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: value))
            return
        }
        // Digits are produced backwards into a stack buffer, then copied in one append.
        var scratch: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &scratch) { raw in
            var rest = value
            var position = raw.count
            repeat {
                position -= 1
                raw[position] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
                rest /= 10
            } while position > 0 && (rest != 0 || raw.count - position < width)
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[position...]))
        }
    }

    /// Lower-case hex digits without leading zeros.
    mutating func appendHex(_ value: UInt64) {
        var started = false
        var shift = 60
        while shift >= 0 {
            let nibble = UInt8(truncatingIfNeeded: (value >> UInt64(shift)) & 0xf)
            if nibble != 0 || started || shift == 0 {
                bytes.append(Self.hexDigits[Int(nibble)])
                started = true
            }
            shift -= 4
        }
    }

    static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
}
