import ClaimKit
import Foundation
import Testing
@testable import ClaimStore

/// Presence records: fresh ones are seen by other consoles, stale ones, planted links and garbage are not.
@Suite struct PresenceBoardTests {
    final class Clock: @unchecked Sendable {
        var now = Timestamp(seconds: 1_800_000_000)
    }

    @Test func othersSeeAFreshRecordUntilItGoesStaleOrTheConsoleLeaves() throws {
        try withTemporaryDirectory { root in
            let clock = Clock()
            let folder = try SecureDirectory(root)
            let zhang = PresenceBoard(folder: folder, actor: "zhangwei", clock: { clock.now })
            let liu = PresenceBoard(folder: folder, actor: "liuyang", clock: { clock.now })
            zhang.announce(school: "3701000001")
            liu.announce(school: "3702000003")
            #expect(liu.others() == ["3701000001": ["zhangwei"]])
            #expect(zhang.others() == ["3702000003": ["liuyang"]])
            zhang.announce(school: nil)
            #expect(liu.others().isEmpty, "no school shown, nothing to say")
            zhang.announce(school: "3701000001")
            clock.now = Timestamp(seconds: clock.now.seconds + PresenceBoard.staleAfter + 1)
            #expect(liu.others().isEmpty, "a record older than \(PresenceBoard.staleAfter) s is ignored")
            zhang.announce(school: "3701000001")   // due for refreshing: rewritten
            #expect(liu.others() == ["3701000001": ["zhangwei"]])
            zhang.leave()
            #expect(liu.others().isEmpty)
            #expect(try FileManager.default.contentsOfDirectory(atPath: root.path).filter { $0.hasPrefix("presence-") }.count == 1)
        }
    }

    /// A colleague who can write the folder plants a link and a forged line: neither is read as a record.
    @Test func plantedLinksAndGarbageAreIgnored() throws {
        try withTemporaryDirectory { root in
            let clock = Clock()
            let folder = try SecureDirectory(root)
            try "secret\n".write(to: root.appendingPathComponent("target"), atomically: true, encoding: .utf8)
            try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("presence-0123456789abcdef").path,
                                                       withDestinationPath: root.appendingPathComponent("target").path)
            try "mallory\t3701000001\t\(clock.now.seconds)\textra\n".write(to: root.appendingPathComponent("presence-fedcba9876543210"),
                                                                           atomically: true, encoding: .utf8)
            try "-rf\t3701000001\t\(clock.now.seconds)\n".write(to: root.appendingPathComponent("presence-00000000000000aa"),
                                                              atomically: true, encoding: .utf8)
            let liu = PresenceBoard(folder: folder, actor: "liuyang", clock: { clock.now })
            #expect(liu.others().isEmpty)
        }
    }
}
