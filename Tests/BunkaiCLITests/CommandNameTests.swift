import ArgumentParser
import Testing

@testable import BunkaiCLI

/// Every command names itself: an unnamed one makes ArgumentParser derive its name through
/// `String(describing:)`, whose protocol lookups scan the whole binary on every run (see
/// `BunkaiCommand`).
@Suite struct CommandNameTests {
  static func unnamed(_ command: any ParsableCommand.Type, _ path: String) -> [String] {
    let config = command.configuration
    let here = config.commandName == nil ? [path] : []
    return here
      + config.subcommands.flatMap { unnamed($0, "\(path) \(String(describing: $0))") }
  }

  @Test func everyCommandHasAnExplicitName() {
    #expect(Self.unnamed(BunkaiCommand.self, "bunkai") == [])
  }
}
