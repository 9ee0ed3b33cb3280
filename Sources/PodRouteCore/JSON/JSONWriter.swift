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
///
/// A writer cannot be copied: create one, pass it `inout` to the encoders, then `flush(to:)`
/// or read `text`. Encoding a million IPv4 routes this way takes about 0.4 s in a release build.
public struct JSONWriter: ~Copyable, @unchecked Sendable {
    // The buffer is owned by exactly one writer (the type cannot be copied), so there is no
    // copy-on-write check per byte; that, not formatting, dominated the cost of printing a
    // million routes with an `[UInt8]`. Unchecked Sendable: a unique owner may move it.
    private var storage: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// The number of bytes written and not yet drained.
    public private(set) var count = 0
    /// False right after `[`, `{` or a key: the next token takes no comma.
    var needsComma = false
    /// Open containers; used only to tell when a top-level value is complete.
    public private(set) var depth = 0

    /// The size of the chunks `drain(to:)` hands out.
    public static let chunkSize = 65_536

    /// `octetText`, held here so that writing an address does not check the global's
    /// initialisation each time.
    private let octets = octetText

    public init(capacity: Int = JSONWriter.chunkSize * 2) {
        self.capacity = max(capacity, 64)
        storage = .allocate(capacity: self.capacity)
    }

    deinit { storage.deallocate() }

    public var isEmpty: Bool { count == 0 }

    /// A copy of the buffered bytes (for tests and small outputs).
    public var bytes: [UInt8] { Array(UnsafeBufferPointer(start: storage, count: count)) }

    /// The buffered output as text (for tests and small outputs).
    public var text: String { String(decoding: UnsafeBufferPointer(start: storage, count: count), as: UTF8.self) }

    /// Lends the buffered bytes, e.g. to `write(2)` them without a copy.
    public func withUnsafeBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try body(UnsafeRawBufferPointer(start: storage, count: count))
    }

    // MARK: Structure

    public mutating func beginObject() {
        separate()
        put(UInt8(ascii: "{"))
        needsComma = false
        depth += 1
    }

    public mutating func endObject() {
        put(UInt8(ascii: "}"))
        needsComma = true
        depth -= 1
    }

    public mutating func beginArray() {
        separate()
        put(UInt8(ascii: "["))
        needsComma = false
        depth += 1
    }

    public mutating func endArray() {
        put(UInt8(ascii: "]"))
        needsComma = true
        depth -= 1
    }

    /// Writes `"name":`. The name must be plain ASCII without quotes or backslashes, which
    /// holds for every key iproute2 and podroute print; it is copied without scanning.
    @inline(__always)
    public mutating func key(_ name: StaticString) {
        guard name.hasPointerRepresentation else { return key(dynamic: String(describing: name)) }
        let length = name.utf8CodeUnitCount
        reserve(length &+ 4)
        var position = count
        if needsComma {
            storage[position] = UInt8(ascii: ",")
            position &+= 1
        }
        storage[position] = UInt8(ascii: "\"")
        (storage + (position &+ 1)).update(from: name.utf8Start, count: length)
        storage[position &+ 1 &+ length] = UInt8(ascii: "\"")
        storage[position &+ 2 &+ length] = UInt8(ascii: ":")
        count = position &+ 3 &+ length
        needsComma = false
    }

    /// Writes `"name":` for a name from data (kind-specific keys, caller extras): escaped.
    /// (A separate label, so that a literal key never takes this slower path by accident.)
    public mutating func key(dynamic name: String) {
        separate()
        appendEscaped(name)
        put(UInt8(ascii: ":"))
        needsComma = false
    }

    /// Ends a line between top-level values (NDJSON-style streams).
    public mutating func newline() {
        put(UInt8(ascii: "\n"))
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
        put(UInt8(ascii: "\""))
        appendStatic(value)
        put(UInt8(ascii: "\""))
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
            put(UInt8(ascii: "-"))
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
        if value < 0, units != 0 { put(UInt8(ascii: "-")) }
        appendDigits(units / scale)
        if decimals > 0 {
            put(UInt8(ascii: "."))
            appendDigits(units % scale, width: decimals)
        }
        needsComma = true
    }

    /// `"0x%llx"`-style hex text as iproute2's `print_0xhex` prints it; zero is `"0"`
    /// because C's `%#x` adds no prefix to zero.
    public mutating func hexString(_ value: UInt64) {
        separate()
        put(UInt8(ascii: "\""))
        if value != 0 {
            put(UInt8(ascii: "0"))
            put(UInt8(ascii: "x"))
        }
        appendHex(value)
        put(UInt8(ascii: "\""))
        needsComma = true
    }

    /// A number written as a JSON string (`"table":"1000"`, `"protocol":"80"`).
    public mutating func numberString(_ value: UInt64) {
        separate()
        put(UInt8(ascii: "\""))
        appendDigits(value)
        put(UInt8(ascii: "\""))
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
        guard chunkSize > 0, count >= chunkSize else { return }
        var offset = 0
        while count - offset >= chunkSize {
            try sink(UnsafeRawBufferPointer(start: storage + offset, count: chunkSize))
            offset += chunkSize
        }
        // Overlapping move of the unwritten tail to the front (memmove semantics).
        UnsafeMutableRawPointer(storage).copyMemory(from: storage + offset, byteCount: count - offset)
        count -= offset
    }

    /// Hands everything buffered to `sink` and empties the buffer.
    public mutating func flush(to sink: (UnsafeRawBufferPointer) throws -> Void) rethrows {
        guard count > 0 else { return }
        try sink(UnsafeRawBufferPointer(start: storage, count: count))
        count = 0
    }

    // MARK: Byte level

    @inline(__always)
    mutating func reserve(_ extra: Int) {
        if count &+ extra > capacity { grow(toHold: count + extra) }
    }

    @inline(never)
    private mutating func grow(toHold needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let newStorage = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newStorage.update(from: storage, count: count)
        storage.deallocate()
        storage = newStorage
        capacity = newCapacity
    }

    @inline(__always)
    mutating func put(_ byte: UInt8) {
        reserve(1)
        storage[count] = byte
        count &+= 1
    }

    @inline(__always)
    mutating func put(_ buffer: UnsafeBufferPointer<UInt8>) {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return }
        let length = buffer.count
        reserve(length)
        if length <= 16 {
            // Names and keys are short; a loop beats a call to memmove.
            for offset in 0..<length { storage[count &+ offset] = base[offset] }
        } else {
            (storage + count).update(from: base, count: length)
        }
        count &+= length
    }

    /// Forgets that a value was written: the next token takes no comma.
    mutating func resetSeparator() { needsComma = false }

    /// Writes up to 48 bytes produced by `fill` straight into the buffer; `fill` returns how
    /// many it wrote (digits, addresses).
    @inline(__always)
    mutating func put(upTo maximum: Int, _ fill: (UnsafeMutablePointer<UInt8>) -> Int) {
        reserve(maximum)
        count &+= fill(storage + count)
    }

    /// A comma when a value or member precedes; called before every value and key.
    @inline(__always)
    mutating func separate() {
        if needsComma { put(UInt8(ascii: ",")) }
    }

    /// Marks a value written through the raw appenders as complete.
    @inline(__always)
    mutating func finishValue() { needsComma = true }

    @inline(__always)
    mutating func appendStatic(_ text: StaticString) {
        if text.hasPointerRepresentation {
            put(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
        } else {
            appendASCII(String(describing: text))
        }
    }

    mutating func appendASCII(_ text: String) {
        for byte in text.utf8 { put(byte) }
    }

    /// Decimal digits of `value`, zero-padded to `width` (at most 20).
    @inline(__always)
    mutating func appendDigits(_ value: UInt64, width: Int = 1) {
        if value < 10, width <= 1 {
            put(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: value))
            return
        }
        let width = min(width, 20)
        put(upTo: 20) { out in
            // Count the digits, then fill them in from the right.
            var length = 1
            var shifted = value / 10
            while shifted != 0 {
                length += 1
                shifted /= 10
            }
            length = max(length, width)
            var rest = value
            var position = length
            while position > 0 {
                position -= 1
                out[position] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
                rest /= 10
            }
            return length
        }
    }

    /// A dotted quad written straight into the buffer (`trace --batch` prints three per line).
    /// Each octet is one 4-byte store of its digits and a dot from `octetText`, then the
    /// position moves past them: no division and no branch on the number of digits.
    mutating func appendIPv4(_ value: UInt32) {
        reserve(16)
        var position = count
        let (octets, storage) = (self.octets, self.storage)
        @inline(__always) func octet(_ shift: UInt32) {
            let entry = octets[Int(truncatingIfNeeded: value >> shift & 0xff)]
            UnsafeMutableRawPointer(storage + position).storeBytes(of: UInt32(truncatingIfNeeded: entry).littleEndian, as: UInt32.self)
            position &+= Int(truncatingIfNeeded: entry >> 32)
        }
        octet(24)
        octet(16)
        octet(8)
        octet(0)
        // The last octet's dot (and the bytes after it) lie past the end: overwritten later.
        count = position &- 1
    }

    /// Lower-case hex digits without leading zeros.
    mutating func appendHex(_ value: UInt64) {
        put(upTo: 16) { out in
            var length = 0
            var shift = 60
            while shift >= 0 {
                let nibble = UInt8(truncatingIfNeeded: (value >> UInt64(shift)) & 0xf)
                if nibble != 0 || length > 0 || shift == 0 {
                    out[length] = nibble < 10 ? UInt8(ascii: "0") &+ nibble : UInt8(ascii: "a") &+ nibble &- 10
                    length += 1
                }
                shift -= 4
            }
            return length
        }
    }

    @inline(__always)
    static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") &+ nibble : UInt8(ascii: "a") &+ nibble &- 10
    }
}

/// For each octet value: its digits then a dot as little-endian bytes (low 32 bits), and how
/// many bytes of them to keep (high 32 bits). Built once, never changed or freed.
nonisolated(unsafe) private let octetText: UnsafePointer<UInt64> = {
    let table = UnsafeMutablePointer<UInt64>.allocate(capacity: 256)
    for octet in 0..<256 {
        let text = Array("\(octet).".utf8)
        var word: UInt64 = 0
        for (offset, byte) in text.enumerated() { word |= UInt64(byte) << UInt64(8 * offset) }
        table[octet] = UInt64(text.count) << 32 | word
    }
    return UnsafePointer(table)
}()
