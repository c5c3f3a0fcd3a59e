#if canImport(Glibc)
import Glibc
#endif

/// Asks the kernel to back `count` bytes at `base` with transparent huge pages (2 MB), where it does so on
/// request (Linux, `transparent_hugepage` = madvise). A national open walks a 58 MB journal buffer and a
/// 29 MB claim table; with 4 KB pages nearly every claim lookup also misses the TLB, and reading the
/// journal takes ~14,000 page faults. Only advice: nothing changes where it is not taken.
public func adviseHugePages(_ base: UnsafeMutableRawPointer?, count: Int) {
    #if os(Linux)
    guard let base, count >= 4 << 20 else { return }
    let page = 4096
    let start = (Int(bitPattern: base) + page - 1) & ~(page - 1)
    let end = (Int(bitPattern: base) + count) & ~(page - 1)
    guard end > start, let aligned = UnsafeMutableRawPointer(bitPattern: start) else { return }
    _ = madvise(aligned, end - start, MADV_HUGEPAGE)
    #endif
}
