extension ByteView {
    /// A host-order integer (the layout of C structs the kernel fills in: `cmsghdr`,
    /// `sock_extended_err`), or nil when it is not all there.
    func native<Value: FixedWidthInteger>(_: Value.Type, at offset: Int) -> Value? {
        guard let field = slice(at: offset, length: MemoryLayout<Value>.size) else { return nil }
        return field.withUnsafeBytes { $0.loadUnaligned(as: Value.self) }
    }
}
