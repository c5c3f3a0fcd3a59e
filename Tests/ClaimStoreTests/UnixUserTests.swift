#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ClaimKit
import Foundation
import Testing
@testable import ClaimStore

@Suite(.serialized) struct UnixUserTests {
    static func passwordName() -> String {
        let uid = getuid()
        if let pw = getpwuid(uid), let name = pw.pointee.pw_name { return String(cString: name) }
        return "uid\(uid)"
    }

    @Test func actorIsTheUserOfTheUidNotTheEnvironment() throws {
        let expected = Self.passwordName()
        #expect(!expected.isEmpty)
        #expect(UnixUser.current == expected)

        let saved: [(String, String?)] = ["USER", "LOGNAME"].map { (name: String) -> (String, String?) in
            (name, getenv(name).map { String(cString: $0) })
        }
        defer {
            for (name, value) in saved {
                if let value { setenv(name, value, 1) } else { unsetenv(name) }
            }
        }
        let impostor = expected == "wangwu" ? "zhaoliu" : "wangwu"
        setenv("USER", impostor, 1)
        setenv("LOGNAME", impostor, 1)
        #expect(ProcessInfo.processInfo.environment["USER"] == impostor || String(cString: getenv("USER")) == impostor)
        #expect(UnixUser.current == expected)

        // A store opened without an explicit actor writes as that user.
        try withTemporaryDirectory { root in
            try TestData.create(at: root)
            let store = try Store(root, clock: TestData.clock)
            #expect(store.actor == expected)
            let event = try store.record(TestData.firstSubmissions[0])
            #expect(event.actor == expected)
            #expect(event.actor != impostor)
        }
    }
}
