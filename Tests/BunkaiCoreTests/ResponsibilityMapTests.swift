import Foundation
import Testing

@testable import BunkaiCore

/// The responsibility map's states, each as issue 10 defines it: who holds a Part2 item for a
/// system, from the answers of every contract in use that covers the system.
@Suite struct ResponsibilityMapTests {
  typealias M = ResponsibilityMap

  static let emr = M.System(id: "s-emr", name: "電子カルテ")
  static let net = M.System(id: "s-net", name: "院内ネットワーク")
  static let a8 = M.Item(id: "P2-A-8", section: "A", title: "個人情報の取扱い")
  static let b4 = M.Item(id: "P2-B-4", section: "B", title: "暗号化")
  static let c4 = M.Item(id: "P2-C-4", section: "C", title: "事故発生時の報告")
  static let day1 = Date(timeIntervalSince1970: 1_780_000_000)
  static let day2 = day1.addingTimeInterval(86_400 * 30)

  static func contract(
    _ id: String, vendor: String, systems: [String], status: M.ContractStatus = .active,
    sections: Set<String> = ["A", "B", "C"], answers: [String: M.Answer] = [:], findings: [M.Finding] = [],
    uploaded: Date? = nil, version: Int? = nil
  ) -> M.Contract {
    M.Contract(
      id: id, title: "契約\(id)", vendorId: vendor, vendorName: "事業者\(vendor)", status: status,
      systemIds: systems, sections: sections, documentVersion: version, documentUploadedAt: uploaded,
      answers: answers, findings: findings)
  }

  static func map(
    _ contracts: [M.Contract], systems: [M.System] = [emr], items: [M.Item] = [a8], changes: [M.Change] = []
  )
    -> M.Result
  {
    M.derive(M.Input(systems: systems, items: items, contracts: contracts, changes: changes))
  }

  static func cell(_ r: M.Result, _ system: String = emr.id, _ item: String = a8.id) -> M.Cell {
    r.cells.first { $0.systemId == system && $0.itemId == item }!
  }

  @Test func vendorAnswerMakesTheVendorTheHolder() {
    let r = Self.map([
      Self.contract(
        "c1", vendor: "v1", systems: ["s-emr"], answers: ["P2-A-8": .init(owner: .vendor, agreed: "事業者が行う")])
    ])
    let c = Self.cell(r)
    #expect(c.state == .covered)
    #expect(c.holders == [.init(side: .vendor, vendorId: "v1", contractId: "c1")])
    #expect(c.evidence.map(\.contractId) == ["c1"])
    #expect(c.evidence.first?.answer?.owner == .vendor)
    #expect(r.flags.isEmpty)
  }

  @Test func jointMakesBothHoldersAndInstitutionTheInstitution() {
    let r = Self.map(
      [
        Self.contract(
          "c1", vendor: "v1", systems: ["s-emr"], answers: ["P2-A-8": .init(owner: .joint, agreed: "共同")]),
        Self.contract(
          "c2", vendor: "v2", systems: ["s-net"], answers: ["P2-A-8": .init(owner: .institution)]),
      ], systems: [Self.emr, Self.net])
    let joint = Self.cell(r)
    #expect(joint.state == .covered)
    #expect(Set(joint.holders.map(\.side)) == [.vendor, .institution])
    #expect(joint.holders.first { $0.side == .institution }?.vendorId == nil)
    let inst = Self.cell(r, "s-net")
    #expect(inst.state == .covered)
    #expect(inst.holders == [.init(side: .institution, vendorId: nil, contractId: "c2")])
  }

  @Test func noHolderIsAGapWithTheContractToOpen() {
    let r = Self.map([Self.contract("c1", vendor: "v1", systems: ["s-emr"])])
    let c = Self.cell(r)
    #expect(c.state == .gap)
    #expect(c.holders.isEmpty)
    let flag = try! #require(r.flags.first)
    #expect(flag.kind == .gap && flag.severity == .high)
    #expect(flag.contractIds == ["c1"])
    #expect(flag.nextStep.contains("契約c1"))
    #expect(flag.nextStep.contains("事業者v1"))
  }

  @Test func systemWithoutAContractInUseIsAllGapsWithOneFlag() {
    let r = Self.map(
      [
        Self.contract(
          "old", vendor: "v1", systems: ["s-emr"], status: .ended, answers: ["P2-A-8": .init(owner: .vendor)]),
        Self.contract(
          "idea", vendor: "v2", systems: ["s-emr"], status: .draft, answers: ["P2-A-8": .init(owner: .vendor)]
        ),
      ], items: [Self.a8, Self.b4])
    #expect(r.cells.allSatisfy { $0.state == .gap && $0.holders.isEmpty })
    #expect(r.flags.count == 1)
    #expect(r.flags.first?.itemId == nil)
    // The ended contract is named, so the user knows which one to renew.
    #expect(r.flags.first?.message.contains("契約old") == true)
    #expect(r.flags.first?.message.contains("契約idea") == false)
  }

  @Test func negotiatingContractsCount() {
    let r = Self.map([
      Self.contract(
        "c1", vendor: "v1", systems: ["s-emr"], status: .negotiating,
        answers: ["P2-A-8": .init(owner: .vendor)])
    ])
    #expect(Self.cell(r).state == .covered)
  }

  @Test func itemOutsideEveryContractsSectionsIsAGap() {
    // A maintenance contract answers A and C, not B.
    let r = Self.map(
      [
        Self.contract(
          "c1", vendor: "v1", systems: ["s-emr"], sections: ["A", "C"],
          answers: ["P2-B-4": .init(owner: .vendor)])
      ],
      items: [Self.b4])
    #expect(Self.cell(r, "s-emr", "P2-B-4").state == .gap)
    #expect(r.flags.first?.severity == .medium)
    #expect(r.flags.first?.message.contains("B（システム導入契約）") == true)
  }

  @Test func allNotApplicableIsNotApplicableButOneUnsetIsAGap() {
    let na = M.Answer(owner: .notApplicable)
    let all = Self.map([
      Self.contract("c1", vendor: "v1", systems: ["s-emr"], answers: ["P2-A-8": na]),
      Self.contract("c2", vendor: "v2", systems: ["s-emr"], answers: ["P2-A-8": na]),
    ])
    #expect(Self.cell(all).state == .notApplicable)
    #expect(all.flags.isEmpty)
    let mixed = Self.map([
      Self.contract("c1", vendor: "v1", systems: ["s-emr"], answers: ["P2-A-8": na]),
      Self.contract("c2", vendor: "v2", systems: ["s-emr"]),
    ])
    #expect(Self.cell(mixed).state == .gap)
    #expect(mixed.flags.first?.contractIds == ["c2"])
    // 対象外 beside a holder: the holder counts.
    let held = Self.map([
      Self.contract("c1", vendor: "v1", systems: ["s-emr"], answers: ["P2-A-8": na]),
      Self.contract("c2", vendor: "v2", systems: ["s-emr"], answers: ["P2-A-8": .init(owner: .vendor)]),
    ])
    #expect(Self.cell(held).state == .covered)
  }

  @Test func twoVendorsHoldingIsAnOverlap() {
    let r = Self.map([
      Self.contract(
        "c1", vendor: "v1", systems: ["s-emr"], answers: ["P2-A-8": .init(owner: .vendor, agreed: "同じ")]),
      Self.contract(
        "c2", vendor: "v2", systems: ["s-emr"], answers: ["P2-A-8": .init(owner: .joint, agreed: "同じ")]),
    ])
    let c = Self.cell(r)
    #expect(c.state == .overlap)
    #expect(Set(c.holders.compactMap(\.vendorId)) == ["v1", "v2"])
    let flag = try! #require(r.flags.first)
    #expect(flag.kind == .overlap)
    #expect(Set(flag.vendorIds) == ["v1", "v2"])
    #expect(flag.nextStep.contains("事業者v1") && flag.nextStep.contains("事業者v2"))
  }

  @Test func oneVendorTwoContractsOverlapsOnlyWithDifferentContent() {
    func r(_ a: String, _ b: String) -> M.Result {
      Self.map([
        Self.contract(
          "c1", vendor: "v1", systems: ["s-emr"], answers: ["P2-A-8": .init(owner: .vendor, agreed: a)]),
        Self.contract(
          "c2", vendor: "v1", systems: ["s-emr"], answers: ["P2-A-8": .init(owner: .vendor, agreed: b)]),
      ])
    }
    #expect(Self.cell(r("事業者が暗号化する", " 事業者が暗号化する\n")).state == .covered)
    #expect(Self.cell(r("事業者が暗号化する", "事業者が通信経路のみ暗号化する")).state == .overlap)
    // The institution beside one vendor is no overlap.
    let withInstitution = Self.map([
      Self.contract("c1", vendor: "v1", systems: ["s-emr"], answers: ["P2-A-8": .init(owner: .vendor)]),
      Self.contract("c2", vendor: "v2", systems: ["s-emr"], answers: ["P2-A-8": .init(owner: .institution)]),
    ])
    #expect(Self.cell(withInstitution).state == .covered)
  }

  static func finding(_ status: String, items: [String] = ["P2-A-8"], contradicted: [String] = [])
    -> M.Finding
  {
    M.Finding(
      reviewId: "r1", number: 2, ruleId: "A8-personal-data", title: "個人情報の取扱い", severity: "high",
      status: status, checklistItems: items, contradicted: contradicted)
  }

  @Test func vendorHoldingAgainstAMissingOrContradictedClauseIsAConflict() {
    for f in [Self.finding("missing"), Self.finding("insufficient", contradicted: ["再委託の自由"])] {
      let r = Self.map([
        Self.contract(
          "c1", vendor: "v1", systems: ["s-emr"], answers: ["P2-A-8": .init(owner: .vendor)], findings: [f])
      ])
      let c = Self.cell(r)
      #expect(c.state == .conflict)
      #expect(c.evidence.first?.findings.map(\.ruleId) == ["A8-personal-data"])
      let flag = try! #require(r.flags.first)
      #expect(flag.kind == .conflict && flag.severity == .high)
      #expect(flag.reviewId == "r1")
      #expect(flag.nextStep.contains("指摘2"))
    }
  }

  @Test func noConflictWithoutAVendorHolderOrForAnotherItemOrAShortfall() {
    let cases: [(M.Answer, M.Finding)] = [
      (.init(owner: .institution), Self.finding("missing")),
      (.init(owner: .vendor), Self.finding("missing", items: ["P2-A-12"])),
      (.init(owner: .vendor), Self.finding("insufficient")),
      (.init(owner: .vendor), Self.finding("unclear")),
    ]
    for (answer, f) in cases {
      let r = Self.map([
        Self.contract("c1", vendor: "v1", systems: ["s-emr"], answers: ["P2-A-8": answer], findings: [f])
      ])
      #expect(Self.cell(r).state == .covered, "\(answer.owner) \(f.status) \(f.checklistItems)")
    }
  }

  @Test func agreedBeforeTheCurrentDocumentIsStale() {
    let agreed = M.Answer(
      owner: .vendor, agreed: "x", institutionConfirmedAt: Self.day1, vendorConfirmedAt: Self.day1)
    let before = Self.map([
      Self.contract(
        "c1", vendor: "v1", systems: ["s-emr"], answers: ["P2-A-8": agreed],
        uploaded: Self.day1.addingTimeInterval(-60), version: 1)
    ])
    #expect(Self.cell(before).state == .covered)
    let after = Self.map([
      Self.contract(
        "c1", vendor: "v1", systems: ["s-emr"], answers: ["P2-A-8": agreed], uploaded: Self.day2, version: 2)
    ])
    #expect(Self.cell(after).state == .stale)
    let flag = try! #require(after.flags.first)
    #expect(flag.kind == .stale)
    #expect(flag.message.contains("第2版"))
    #expect(flag.nextStep.contains("契約c1"))
    // Never confirmed: nothing to be stale.
    let unconfirmed = Self.map([
      Self.contract(
        "c1", vendor: "v1", systems: ["s-emr"], answers: ["P2-A-8": .init(owner: .vendor)],
        uploaded: Self.day2, version: 2)
    ])
    #expect(Self.cell(unconfirmed).state == .covered)
  }

  @Test func aChangeTouchingTheItemMakesItStale() {
    let agreed = M.Answer(
      owner: .vendor, agreed: "x", institutionConfirmedAt: Self.day1, vendorConfirmedAt: Self.day1)
    let change = M.Change(contractId: "c1", itemIds: ["P2-A-8"], at: Self.day2, label: "変更の通知（サーバー更改）")
    let r = Self.map(
      [Self.contract("c1", vendor: "v1", systems: ["s-emr"], answers: ["P2-A-8": agreed])], changes: [change])
    #expect(Self.cell(r).state == .stale)
    #expect(r.flags.first?.message.contains("変更の通知（サーバー更改）") == true)
    let other = M.Change(contractId: "c1", itemIds: ["P2-A-12"], at: Self.day2, label: "別の項目")
    #expect(
      Self.cell(
        Self.map(
          [Self.contract("c1", vendor: "v1", systems: ["s-emr"], answers: ["P2-A-8": agreed])],
          changes: [other])
      ).state == .covered)
  }

  @Test func conflictComesBeforeOverlapBeforeStaleAndEveryOneIsFlagged() {
    let agreed = M.Answer(
      owner: .vendor, agreed: "x", institutionConfirmedAt: Self.day1, vendorConfirmedAt: Self.day1)
    let r = Self.map([
      Self.contract(
        "c1", vendor: "v1", systems: ["s-emr"], answers: ["P2-A-8": agreed],
        findings: [Self.finding("missing")], uploaded: Self.day2, version: 2),
      Self.contract("c2", vendor: "v2", systems: ["s-emr"], answers: ["P2-A-8": .init(owner: .vendor)]),
    ])
    let c = Self.cell(r)
    #expect(c.state == .conflict)
    #expect(c.states == [.conflict, .overlap, .stale])
    #expect(Set(r.flags.map(\.kind)) == [.conflict, .overlap, .stale])
    // Most severe first.
    #expect(r.flags.map(\.severity) == r.flags.map(\.severity).sorted())
    let noConflict = Self.map([
      Self.contract(
        "c1", vendor: "v1", systems: ["s-emr"], answers: ["P2-A-8": agreed], uploaded: Self.day2, version: 2),
      Self.contract("c2", vendor: "v2", systems: ["s-emr"], answers: ["P2-A-8": .init(owner: .vendor)]),
    ])
    #expect(Self.cell(noConflict).state == .overlap)
  }

  @Test func cellsRunSystemBySystemInTheInputsOrder() {
    let r = Self.map([], systems: [Self.net, Self.emr], items: [Self.c4, Self.a8])
    #expect(
      r.cells.map { "\($0.systemId)/\($0.itemId)" } == [
        "s-net/P2-C-4", "s-net/P2-A-8", "s-emr/P2-C-4", "s-emr/P2-A-8",
      ])
    #expect(r.count(.gap) == 4)
  }

  @Test func pageGroupsTheGapsOneContractLeavesOpenOnOneSystem() {
    let r = Self.map(
      [
        Self.contract(
          "c1", vendor: "v1", systems: ["s-emr", "s-net"], sections: ["A", "C"],
          answers: ["P2-C-4": .init(owner: .vendor)]),
        Self.contract(
          "c2", vendor: "v2", systems: ["s-net"], sections: ["A", "C"],
          answers: ["P2-A-8": .init(owner: .vendor), "P2-C-4": .init(owner: .vendor)]),
      ], systems: [Self.emr, Self.net], items: [Self.a8, Self.b4, Self.c4])
    // EMR: A-8 open on c1 (high), B-4 outside every contract (medium); network: B-4 (medium),
    // C-4 held by two vendors (overlap).
    #expect(r.flags.count == 4)
    let groups = M.grouped(r.flags, systems: [Self.emr, Self.net], items: [Self.a8, Self.b4, Self.c4])
    #expect(groups.count == 4)
    #expect(groups.first?.itemIds == ["P2-A-8"])
    // Two open items of one contract on one system become one entry naming both.
    let more = Self.map(
      [Self.contract("c1", vendor: "v1", systems: ["s-emr"], sections: ["A", "C"])],
      items: [Self.a8, Self.c4])
    let merged = M.grouped(more.flags, systems: [Self.emr], items: [Self.a8, Self.c4])
    #expect(more.flags.count == 2)
    #expect(merged.count == 1)
    #expect(merged.first?.itemIds == ["P2-A-8", "P2-C-4"])
    #expect(merged.first?.message.contains("2項目") == true)
    #expect(merged.first?.message.contains("P2-C-4「事故発生時の報告」") == true)
    #expect(merged.first?.nextStep.contains("これらの項目") == true)
  }
}
