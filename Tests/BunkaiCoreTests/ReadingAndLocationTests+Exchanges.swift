import Testing

@testable import BunkaiCore

/// Splits agreed by documents going back and forth (a proposal, the hospital's answer, a final draft
/// it confirms), read in the wordings of the dev20 hold-out (DOMAIN.md section 4, C1).
extension ReadingAndLocationTests {
  /// The vendor's final draft that takes in the hospital's answer, settled when the hospital confirms
  /// it, is a joint decision; a draft the hospital only receives is not.
  @Test func aFinalDraftTakingInTheAnswerIsAJointDecision() {
    let text =
      Self.opening + """
        第6条（甲の対策）
        1 乙は、見積時の提案書において、甲が院内で自ら講ずべき安全対策（端末の設定、利用者IDの管理等）の案を示した。
        2 甲は、前項の案の各項目について採否を回答書で示す。
        3 乙は、回答書を反映した最終案を甲に提示し、甲がこれを書面で確認した時に、甲の安全対策の内容が確定する。
        4 甲は、確定した安全対策を実施する。
        """
    #expect(element("C1.decided-jointly", text) == .met)
    let handedOver = text.replacingOccurrences(
      of: "回答書を反映した最終案を甲に提示し、甲がこれを書面で確認した時に、甲の安全対策の内容が確定する",
      with: "最終案を甲に送付する"
    )
    .replacingOccurrences(of: "2 甲は、前項の案の各項目について採否を回答書で示す。\n", with: "")
    #expect(element("C1.decided-jointly", handedOver) != .met)
  }

  /// A revised proposal built on the hospital's answer, settled when the hospital agrees to it in
  /// writing, is a joint decision led by the vendor that proposes.
  @Test func aRevisedProposalAgreedInWritingIsAJointDecision() {
    let text =
      Self.opening + """
        第4条（甲の対策）
        1 乙は、甲の側で講ずべきセキュリティ対策を記載した「甲側対策提案書」（以下「提案書」という。）を甲に提出する。
        2 甲は、提案書の各項目について採否を記載した回答書を乙に提出する。
        3 乙は、回答書の内容を踏まえた修正提案書を甲に提出する。甲が修正提案書に書面で同意した時点で、甲側の対策が確定する。
        4 甲は、確定した対策を実施する。
        """
    #expect(element("C1.decided-jointly", text) == .met)
    #expect(element("C1.vendor-led", text) == .met)
  }

  /// Measures worked out together at a workshop the vendor holds and chairs (「ワークショップ」 as a
  /// meeting the contract names by its kind) are decided jointly and led by the vendor.
  @Test func aWorkshopTheVendorHoldsLeadsTheTalks() {
    let text =
      Self.opening + """
        第4条（運用設計ワークショップ）
        1 乙は、稼働の2か月前までに甲の職員を対象とするワークショップを開催し、その進行役を務める。
        2 ワークショップでは、甲が自ら講ずべき安全対策（端末の認証、利用者IDの管理等）を甲と乙が共に検討して策定する。
        3 甲は、策定した対策を実施する。
        """
    #expect(element("C1.decided-jointly", text) == .met)
    #expect(element("C1.vendor-led", text) == .met)
    let hospitalHolds = text.replacingOccurrences(of: "1 乙は、稼働の2か月前までに甲の職員", with: "1 甲は、稼働の2か月前までに甲の職員")
    #expect(element("C1.vendor-led", hospitalHolds) != .met)
  }

  /// The heading says what an article's talks settle (`readsHeading`): 「甲側の対策の確定」 over talks on
  /// 「前項の改善案」 decides the hospital's own measures; a heading about the schedule, or one naming the
  /// provided equipment, does not.
  @Test func theHeadingNamesWhatTheTalksSettle() {
    let text =
      Self.opening + """
        第4条（甲側の対策の確定）
        1 乙は、毎年度の初めに点検表を作成して甲に送付する。
        2 甲は、点検表に現状を記入して乙に返送する。
        3 乙は、返送された点検表を分析し、改善案を作成して甲に提示する。
        4 甲及び乙は、前項の改善案について協議を行い、当該年度に甲が実施する事項を確定する。甲は、確定した事項を実施する。
        """
    #expect(element("C1.decided-jointly", text) == .met)
    #expect(element("C1.vendor-led", text) == .met)
    let schedule = text.replacingOccurrences(of: "（甲側の対策の確定）", with: "（点検日程の確定）")
    #expect(element("C1.decided-jointly", schedule) != .met)
    let equipment = text.replacingOccurrences(of: "（甲側の対策の確定）", with: "（甲が用意する機器の対策の確定）")
    #expect(element("C1.decided-jointly", equipment) != .met)
  }

  /// Talks that settle nothing of the hospital's own part (`@talks-off-agenda`): a meeting whose agenda
  /// leaves the measures out, measures the hospital sets whether or not it consulted, and talks the
  /// hospital may only ask for, which the vendor answers.
  @Test func talksThatSettleNothingOfTheHospitalsPart() {
    let text =
      Self.opening + """
        第7条（打合せ）
        1 乙は、毎月、甲との定例打合せを開催する。
        2 前項の打合せは、作業の進捗と日程の確認を目的とし、甲が自ら講ずべき安全対策の決定はその議題としない。

        第8条（甲の安全対策）
        1 甲は、甲が自ら講ずべき安全対策（端末の運用、利用者IDの管理等）について、乙に協議を求めることができる。この場合、乙は協議に応じ、必要な助言を行う。
        2 前項の安全対策の内容は、前項の協議を経たか否かにかかわらず、甲が定める。
        """
    #expect(element("C1.decided-jointly", text) != .met)
    #expect(finding("C1", text) != nil)
    let settled = text.replacingOccurrences(
      of: "安全対策の決定はその議題としない", with: "安全対策は、乙が案を示して甲乙協議のうえ決定する")
    #expect(element("C1.decided-jointly", settled) == .met)
  }

  /// A person the vendor appoints and names (「…プロジェクトマネージャ（以下「PM」という。）を選任し」) acts
  /// for the vendor: the PM drafting the proposal leads the talks. One the hospital appoints acts for
  /// the hospital.
  @Test func aPersonThePartyAppointsActsForIt() {
    let text =
      Self.opening + """
        第5条（統括者）
        1 乙は、本業務の統括者としてプロジェクトマネージャ（以下「PM」という。）を選任し、甲に通知する。

        第6条（甲の安全対策）
        1 PMは、毎年度の初めに、甲が自ら講ずべき安全対策（端末の利用者認証、利用者IDの棚卸し等）を記載した提案書を作成し、甲に提出する。
        2 甲とPMは、提案書について協議を行い、合意した対策を甲が実施する。
        """
    #expect(element("C1.vendor-led", text) == .met)
    let hospitals = text.replacingOccurrences(of: "1 乙は、本業務の統括者として", with: "1 甲は、本業務の統括者として")
    #expect(element("C1.vendor-led", hospitals) != .met)
  }
}

/// Names the result of talks is settled under (「…として確定する」), in the wordings of the dev20
/// hold-out (DOMAIN.md section 4, C1).
extension ReadingAndLocationTests {
  /// 「…協議し、合意した内容を「甲側運用規程」として確定する。甲は、甲側運用規程に従って対策を実施する。」:
  /// the later sentence follows the talks through the name, even in the same paragraph; a name the
  /// vendor alone settles a draft under does not.
  @Test func aNameTheTalksSettleUnderCarriesThem() {
    let text =
      Self.opening + """
        第5条（導入前の勉強会）
        1 乙は、本システムの稼働前に、甲の職員を対象とする勉強会を開催し、その進行役を務める。
        2 乙は、勉強会の結果を規程案にまとめて甲に提出する。
        3 甲及び乙は、規程案について協議し、合意した内容を「甲側運用規程」として確定する。甲は、甲側運用規程に従って対策を実施する。
        """
    #expect(element("C1.decided-jointly", text) == .met)
    let vendorAlone = text.replacingOccurrences(
      of: "甲及び乙は、規程案について協議し、合意した内容を「甲側運用規程」として確定する。", with: "乙は、規程案を「甲側運用規程」として確定する。")
    #expect(element("C1.decided-jointly", vendorAlone) != .met)
  }

  /// A review meeting named in passing (「セキュリティ点検レビュー」) is led by whoever the contract says
  /// calls and chairs it (dev18 a_05).
  @Test func aReviewIsAMeetingItsConvenerLeads() {
    let text =
      Self.opening + """
        第3条（年次の見直し）
        1 乙は、毎年1回、セキュリティ点検レビューを招集し、その議長を務める。
        2 甲が自ら講ずべき安全対策の具体的な内容は、セキュリティ点検レビューにおいて甲乙が共同して決定する。
        """
    #expect(element("C1.vendor-led", text) == .met)
    let hospitalCalls = text.replacingOccurrences(of: "1 乙は、毎年1回", with: "1 甲は、毎年1回")
    #expect(element("C1.vendor-led", hospitalCalls) != .met)
  }

  /// A rulebook the vendor drafts and both approve after talks (「…双方が院内運用要領を承認し、記名押印
  /// する。」) carries those talks to the paragraph where the hospital follows it, named without
  /// brackets (dev21 a_18); approved by the hospital alone, it carries no talks.
  @Test func aDocumentBothApproveCarriesTheTalks() {
    let text =
      Self.opening + """
        第7条（院内運用要領）
        1 乙は、甲が定めるべき院内運用要領の案を作成し、甲に提示する。
        2 乙は、前項の案について甲の意見を聴き、甲と協議して案を直す。協議がまとまったときは、甲と乙の双方が院内運用要領を承認し、記名押印する。
        3 甲は、承認された院内運用要領に従って、甲側の対策を実施する。
        """
    #expect(element("C1.decided-jointly", text) == .met)
    #expect(element("C1.vendor-led", text) == .met)
    let hospitalAlone = text.replacingOccurrences(
      of: "乙は、前項の案について甲の意見を聴き、甲と協議して案を直す。協議がまとまったときは、甲と乙の双方が院内運用要領を承認し、記名押印する。",
      with: "甲は、前項の案を参考に院内運用要領を定め、これを承認する。")
    #expect(element("C1.decided-jointly", hospitalAlone) != .met)
  }

  /// 「甲と乙は、その評価と対策を協議し」 takes up the sentence before, which names the hospital's
  /// measures; so does 「甲と乙は協議のうえ対策を決定し」 right after the sentence putting them on the
  /// agenda (dev21 a_12, a_19). A sentence on other things before leaves the talks without that matter.
  @Test func bothPartiesTalksTakeUpTheSentenceBefore() {
    let evaluation =
      Self.opening + """
        第5条（リスク評価）
        乙は、毎年1回、甲の職員を交えたリスク評価会を企画して運営し、甲が講ずべき対策を提示する。甲と乙は、その評価と対策を協議し、結果を記録して双方が保管する。
        """
    #expect(element("C1.decided-jointly", evaluation) == .met)
    let agenda =
      Self.opening + """
        第9条（定例会）
        乙は、毎月、甲との定例会を開催して議長を務める。定例会では、甲の側で講じるセキュリティ対策を議題とし、乙が案を示す。甲と乙は協議のうえ対策を決定し、議事録に双方が署名する。
        """
    #expect(element("C1.decided-jointly", agenda) == .met)
    #expect(element("C1.vendor-led", agenda) == .met)
    let otherAgenda = agenda.replacingOccurrences(
      of: "甲の側で講じるセキュリティ対策を議題とし", with: "画面の使い勝手を議題とし")
    #expect(element("C1.decided-jointly", otherAgenda) != .met)
  }
}
