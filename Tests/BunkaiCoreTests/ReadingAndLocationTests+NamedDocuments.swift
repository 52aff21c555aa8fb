import Testing

@testable import BunkaiCore

/// A document named once in quotes and then by the end of its name (NamedDocuments; docs/playbook.md
/// §2.6): 「院内側セキュリティ運用手順書」 then 「手順書」 is still about the institution's own security
/// (DOMAIN.md section 4, C1).
extension ReadingAndLocationTests {
  static let namedManual =
    opening + """
      第6条（運用手順書）
      １　乙は、作業の開始前に、「院内側セキュリティ運用手順書」の案を作成して甲に説明する。
      ２　甲は、手順書案への疑問を乙に伝え、乙はこれに答えて案を直す。甲乙は協議のうえ手順書を確定し、甲はこれに従って実施する。
      """

  @Test func aNamedManualCalledByItsEnding() {
    #expect(element("C1.decided-jointly", Self.namedManual) == .met)
    #expect(element("C1.vendor-led", Self.namedManual) == .met)
    #expect(finding("C1", Self.namedManual) == nil)
  }

  /// The name must hold the institution's side and security; a plain work plan carries neither, and
  /// the short form reaches no further than its article.
  @Test func aNamedDocumentCarriesOnlyWhatItsNameSays() {
    let plain = Self.namedManual.replacingOccurrences(of: "院内側セキュリティ運用手順書", with: "作業日程手順書")
    #expect(element("C1.decided-jointly", plain) != .met)
    let elsewhere =
      Self.opening + """
        第6条（運用手順書）
        乙は、作業の開始前に、「院内側セキュリティ運用手順書」の案を作成して甲に説明する。

        第7条（確定）
        甲乙は協議のうえ手順書を確定し、甲はこれに従って実施する。
        """
    #expect(element("C1.decided-jointly", elsewhere) != .met)
  }

  /// 「両者は、この過程を経て…確定させ、双方の責任者が署名する」 and 「…と共に記名し」: both settle it.
  @Test func bothSigningAfterTheStepsJustDescribed() {
    let text =
      Self.opening + """
        第8条（甲側対策表）
        １　乙は、甲が講ずべき安全対策の案を甲側対策表に記入して甲に渡す。
        ２　甲は、甲側対策表の案を確かめ、乙は甲の質問に答えて案を改める。両者は、この過程を経て甲側対策表の内容を確定させ、双方の責任者が署名する。
        """
    #expect(element("C1.decided-jointly", text) == .met)
    let coSigned = text.replacingOccurrences(
      of: "両者は、この過程を経て甲側対策表の内容を確定させ、双方の責任者が署名する。", with: "甲は、甲側対策表に乙と共に記名し、これに従って安全対策を講じる。")
    #expect(element("C1.decided-jointly", coSigned) == .met)
    let alone = text.replacingOccurrences(
      of: "両者は、この過程を経て甲側対策表の内容を確定させ、双方の責任者が署名する。", with: "甲は、甲側対策表の内容を自ら確定させる。")
    #expect(element("C1.decided-jointly", alone) != .met)
  }
}

extension ReadingAndLocationTests {
  /// 「「院内セキュリティ手引き（案）」を作成し」 names the 手引き in draft; 「両者は、修正した手引きを確認し、
  /// それぞれ確認印を押す」 then settles it jointly (C1).
  @Test func aDraftNamedInQuotesAndBothStampIt() {
    let text =
      Self.opening + """
        第6条（院内の対策）
        １　乙は、甲の職員のアカウントの扱い等を内容とする「院内セキュリティ手引き（案）」を作成し、甲の担当者との読合せ会を開く。
        ２　乙は、読合せ会で出た疑問に答えて案を直す。両者は、修正した手引きを確認し、それぞれ確認印を押す。
        ３　甲は、確認印を押した手引きに従って対策を行う。
        """
    #expect(element("C1.decided-jointly", text) == .met)
    let unstamped = text.replacingOccurrences(of: "両者は、修正した手引きを確認し、それぞれ確認印を押す。", with: "乙は、修正した手引きを甲に送る。")
    #expect(element("C1.decided-jointly", unstamped) != .met)
  }

  /// 「注文者と請負人は、要件定義書を承認する際に前項の章も併せて承認し」: both approving settle it.
  @Test func bothApproveTheChapterOnTheOrderersMeasures() {
    let text = """
      透析管理システム請負契約書

      医療法人たかせ会（以下「注文者」という。）と株式会社ミナモシステム（以下「請負人」という。）は、次のとおり契約する。

      第5条（注文者側の運用要件）
      1　請負人は、要件定義書の中に、注文者が講じる安全対策を記した章を設ける。
      2　注文者と請負人は、要件定義書を承認する際に、注文者が講じる安全対策の章も併せて承認し、注文者はこれに従って対策を実施する。
      """
    #expect(element("C1.decided-jointly", text) == .met)
  }
}

extension ReadingAndLocationTests {
  /// 「参加施設セキュリティ対策基準」: a security standard named for the institution's side; 「確定した
  /// 対策基準…に運営事業者と共に記名し」 in the same article is that standard, settled jointly (DOMAIN.md
  /// section 4, C1).
  @Test func aStandardNamedForTheInstitutionsSide() {
    let text = """
      地域連携ネットワーク参加規程

      株式会社ミナト医療ネット（以下「運営事業者」という。）が運営するネットワークに参加する医療機関（以下「参加施設」という。）との関係を定める。

      第１３条（施設の対策）
      １　運営事業者は、参加施設の代表者で構成する部会を招集し、その事務局を務める。
      ２　運営事業者は、部会に対し、参加施設が講じるべき措置の原案を作成して提示し、参加施設の意見を踏まえて「参加施設セキュリティ対策基準」を取りまとめる。
      ３　各参加施設は、確定した対策基準のうち自施設に適用される事項を記載した確認書に運営事業者と共に記名し、これに従って措置を講じる。
      """
    #expect(element("C1.decided-jointly", text) == .met)
    // Signed by the facility alone, nothing is settled jointly.
    let alone = text.replacingOccurrences(of: "に運営事業者と共に記名し", with: "に記名し")
    #expect(element("C1.decided-jointly", alone) != .met)
  }
}

extension ReadingAndLocationTests {
  /// 「院内管理者が行う事項（…多要素認証…）を記載した「運用要領」の案を作成し」 then 「…協議したうえで、
  /// 双方が承認した版を運用要領の確定版とする」: the document stands for what the sentence says it
  /// records, the institution's own security tasks (DOMAIN.md section 4, C1).
  @Test func aDocumentStandsForWhatItIsSaidToRecord() {
    let text =
      Self.opening + """
        第6条（運用要領）
        １　乙は、稼働の一か月前までに、院内管理者が行う事項（職員アカウントの登録と削除、多要素認証の設定、閲覧記録の点検）を記載した「運用要領」の案を作成し、甲に説明する。
        ２　甲は案に意見を述べ、乙はこれを反映した修正案を示す。甲と乙は、修正案を協議したうえで、双方の責任者が承認した版を運用要領の確定版とする。
        """
    #expect(element("C1.decided-jointly", text) == .met)
    // A document said to record the invoice dates stands for no security tasks.
    let invoices = text.replacingOccurrences(
      of: "院内管理者が行う事項（職員アカウントの登録と削除、多要素認証の設定、閲覧記録の点検）を記載した",
      with: "請求書の送付日と支払期日を記載した")
    #expect(element("C1.decided-jointly", invoices) != .met)
  }

  /// 「ユーザの院内で必要となる運用ルール（閲覧用の暗証番号の管理、保管庫の施錠、離席時の画面ロック）」:
  /// rules made of such tasks are the institution's own security measures (DOMAIN.md section 4, C1).
  @Test func pinsLocksAndScreenLocksAreSecurity() {
    let text =
      Self.opening + """
        第6条（院内運用ルール）
        乙は、甲の院内で必要となる運用ルール（閲覧用の暗証番号の管理、タブレット保管庫の施錠、離席時の画面ロック）の案を作成し、甲との打合せで協議して定める。
        """
    #expect(element("C1.decided-jointly", text) == .met)
    let schedule = text.replacingOccurrences(
      of: "（閲覧用の暗証番号の管理、タブレット保管庫の施錠、離席時の画面ロック）", with: "（受付の時間帯、予約の変更の方法）")
    #expect(element("C1.decided-jointly", schedule) != .met)
  }

  /// A design document recording the hospital's own operations, among them identity checks and the
  /// keeping of encryption keys, stands for the hospital's own measures; one recording only office
  /// hours and contacts does not.
  @Test func aDocumentOfIdentityChecksAndKeysHoldsOwnMeasures() {
    let text =
      Self.opening + """
        第4条（甲の運用の設計）
        1 乙は、甲の側で行うべき運用（復元を頼む際の本人確認の手順、暗号鍵の控えの保管方法等）を記載した「運用設計書」の案を作成する。
        2 甲と乙は、運用設計書の案について協議し、合意した内容をもって運用設計書を確定する。甲は、確定した運用設計書に従って運用を行う。
        """
    #expect(element("C1.decided-jointly", text) == .met)
    let officeHours = text.replacingOccurrences(
      of: "復元を頼む際の本人確認の手順、暗号鍵の控えの保管方法等", with: "問合せの受付時間、連絡先の一覧等")
    #expect(element("C1.decided-jointly", officeHours) != .met)
  }
}

extension ReadingAndLocationTests {
  /// 「運用手順書には、…甲が自ら講ずべき情報セキュリティ対策…を記載する。」 then 「乙は、運用手順書の案を甲に
  /// 説明し、甲乙協議の上で確定させる。」: a document named without quotes records what its describing
  /// sentence says, so talks on it are talks on the hospital's measures (dev22 a_11, a_20). A document
  /// described as recording something else carries nothing.
  @Test func anUnquotedDocumentRecordsWhatItsSentenceSays() {
    let text =
      Self.opening + """
        第6条（運用手順書）
        乙は、稼働開始の30日前までに、甲の担当者の意見を聴いて運用手順書を作成する。
        2 運用手順書には、乙の作業手順のほか、甲が自ら講ずべき情報セキュリティ対策（端末の画面ロック、退職者のID削除等）を、担当者と頻度を明らかにして記載する。
        3 乙は、運用手順書の案を甲に説明し、甲乙協議の上で確定させる。甲は、確定した運用手順書のうち甲の担当とされた事項を実施する。
        """
    #expect(element("C1.decided-jointly", text) == .met)
    #expect(element("C1.vendor-led", text) == .met)
    let otherRecord = text.replacingOccurrences(
      of: "乙の作業手順のほか、甲が自ら講ずべき情報セキュリティ対策（端末の画面ロック、退職者のID削除等）を、担当者と頻度を明らかにして記載する。",
      with: "乙の作業手順と作業日程を記載する。")
    #expect(element("C1.decided-jointly", otherRecord) != .met)
  }
}
