import Foundation
import Testing
import VaporTesting

@testable import BunkaiServer

/// A crafted multipart form must be refused with a message, never stop the server. MultipartKit
/// 4.7.1 traps (index out of range) on a byte ≥ 0x80 in a part's header name: schemathesis sent
/// one to the API upload in the CI run of 4 Dec and the server died mid-run.
@Suite("hostile multipart forms")
struct MultipartHostileTests {
  static let boundary = "bunkaiHostile"

  /// A form whose second part has a header name with a byte outside ASCII.
  static func crafted(headerName: [UInt8]) -> ByteBuffer {
    var b = ByteBuffer()
    b.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n")
    b.writeBytes(headerName)
    b.writeString(": x\r\n\r\n第1条 テスト\r\n--\(boundary)--\r\n")
    return b
  }

  @Test(arguments: [[0xC3, 0xA9], [0x80], [0x58, 0xFF, 0x59], Array("契約".utf8)])
  func nonASCIIHeaderNameIsRefusedAndTheServerGoesOn(headerName: [UInt8]) async throws {
    try await TestApp.run { app in
      let b = try await Browser.setUp(app)
      let vendor = try await b.addVendor()
      let contract = try await b.addContract(vendorId: vendor)
      let token = try await APITests.token(app, email: "admin@sakura.example")
      let type = "multipart/form-data; boundary=\(Self.boundary)"

      let api = try await app.testing().sendRequest(
        .POST, "/api/v1/contracts/\(contract)/documents",
        headers: ["Authorization": "Bearer \(token)", "Content-Type": type],
        body: Self.crafted(headerName: headerName))
      #expect(api.status == .badRequest)
      let err = try #require(try APITests.json(api)["error"] as? [String: Any])
      #expect((err["message"] as? String)?.contains("multipart/form-data") == true)

      try await b.get("/contracts/\(contract)")
      let page = try await b.postRaw(
        "/contracts/\(contract)/documents", contentType: type, body: Self.crafted(headerName: headerName))
      #expect(page.status == .badRequest)
      #expect(page.body.string.contains("項目見出しに使えない文字"))

      // Still serving: the same contract takes a proper upload afterwards.
      let review = try await b.uploadFixture(contractId: contract)
      #expect(!review.isEmpty)
    }
  }

  /// A Japanese file name (UTF-8 in a header value, as browsers send it) is not a header name.
  @Test func japaneseFileNameInAHeaderValueIsAccepted() async throws {
    try await TestApp.run { app in
      let b = try await Browser.setUp(app)
      let contract = try await b.addContract(vendorId: try await b.addVendor())
      try await b.get("/contracts/\(contract)")
      let res = try await b.upload(
        "/contracts/\(contract)/documents", filename: "保守契約書（案）.txt",
        data: try Fixture.data("contracts/hoshu_sakura_typical.txt"))
      #expect(res.status == .seeOther, "\(res.body.string.prefix(300))")
    }
  }

  /// An empty boundary fails a precondition in MultipartKit's parser.
  @Test func emptyBoundaryIsRefused() async throws {
    try await TestApp.run { app in
      let b = try await Browser.setUp(app)
      let contract = try await b.addContract(vendorId: try await b.addVendor())
      let token = try await APITests.token(app, email: "admin@sakura.example")
      let res = try await app.testing().sendRequest(
        .POST, "/api/v1/contracts/\(contract)/documents",
        headers: ["Authorization": "Bearer \(token)", "Content-Type": "multipart/form-data; boundary=\"\""],
        body: ByteBuffer(string: "--\r\n\r\n"))
      #expect(res.status == .badRequest)
    }
  }
}
