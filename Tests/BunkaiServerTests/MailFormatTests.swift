import Foundation
import Testing

@testable import BunkaiServer

/// The invitation message's headers: RFC 2047 words within line limits, and a Message-ID.
@Suite struct MailFormatTests {
  static func headers(_ message: String) -> [String] {
    let head = message.components(separatedBy: "\r\n\r\n").first ?? ""
    return head.components(separatedBy: "\r\n")
  }

  @Test func longJapaneseSubjectIsFoldedIntoEncodedWords() throws {
    let subject = "【ご案内】電子カルテシステム保守契約（令和八年度更新分）の責任分界に関する確認表へのご招待と、ご回答期限のお知らせ"
    let message = Mailer.message(
      from: "bunkai@hospital.example", to: "yamada@vendor.example", subject: subject, body: "本文です。")
    let lines = Self.headers(message)
    // No header line longer than RFC 5322's 78 characters.
    for line in lines { #expect(line.count <= 78, "\(line)") }
    let start = try #require(lines.firstIndex { $0.hasPrefix("Subject: ") })
    var words: [String] = [String(lines[start].dropFirst("Subject: ".count))]
    var i = start + 1
    while i < lines.count, lines[i].hasPrefix(" ") {
      words.append(String(lines[i].dropFirst()))
      i += 1
    }
    #expect(words.count > 1)
    // Each word decodes on its own to whole characters, and together they give the subject back.
    var decoded = ""
    for word in words {
      #expect(word.hasPrefix("=?UTF-8?B?") && word.hasSuffix("?="))
      #expect(word.count <= 75)
      let b64 = word.dropFirst("=?UTF-8?B?".count).dropLast(2)
      let data = try #require(Data(base64Encoded: String(b64)))
      decoded += try #require(String(data: data, encoding: .utf8))
    }
    #expect(decoded == subject)
  }

  @Test func everyMessageHasItsOwnMessageID() throws {
    let a = Mailer.message(from: "bunkai@hospital.example", to: "x@vendor.example", subject: "件名", body: "")
    let b = Mailer.message(from: "bunkai@hospital.example", to: "x@vendor.example", subject: "件名", body: "")
    let idA = try #require(Self.headers(a).first { $0.hasPrefix("Message-ID: ") })
    let idB = try #require(Self.headers(b).first { $0.hasPrefix("Message-ID: ") })
    #expect(idA != idB)
    #expect(idA.hasPrefix("Message-ID: <") && idA.hasSuffix("@hospital.example>"))
  }
}
