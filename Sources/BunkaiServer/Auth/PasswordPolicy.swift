import Foundation

/// What a new password must be (set-up, invitations, the CLI, a change or a reset): at least 12
/// characters, at most 72 bytes (bcrypt ignores the rest, so longer ones are refused rather than
/// silently cut), not only spaces, not the e-mail address, and not on a short list of passwords
/// that guessing tries first.
enum PasswordPolicy {
  static let minCharacters = 12
  static let maxBytes = 72

  static func check(_ password: String, email: String) throws(Accounts.Problem) {
    if password.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
      || password.count < minCharacters
    {
      throw Accounts.Problem(description: "パスワードは\(minCharacters)文字以上にしてください（空白だけのものは使えません）。")
    }
    if password.utf8.count > maxBytes {
      throw Accounts.Problem(
        description: "パスワードが長すぎます（UTF-8 で\(maxBytes)バイトまで。全角文字は1文字3バイトです）。")
    }
    if password.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
      throw Accounts.Problem(description: "パスワードに制御文字は使えません。")
    }
    let lower = password.lowercased()
    let local = email.lowercased().split(separator: "@").first.map(String.init) ?? ""
    // The address, or its name part with a few digits or marks around it.
    let rest = local.count >= 3 ? lower.replacingOccurrences(of: local, with: "") : lower
    if lower == email.lowercased()
      || (rest != lower
        && (rest.count < 8 || rest.allSatisfy { $0.isNumber || $0.isPunctuation || $0.isSymbol }))
    {
      throw Accounts.Problem(description: "メールアドレスに近いパスワードは使えません。")
    }
    if common.contains(lower) || isOneRepeatedRun(lower) {
      throw Accounts.Problem(description: "よく使われていて推測されやすいパスワードです。別のものにしてください。")
    }
  }

  /// "aaaaaaaaaaaa", "abcabcabcabc", "121212121212": one short piece repeated.
  static func isOneRepeatedRun(_ s: String) -> Bool {
    let chars = Array(s)
    for length in 1...4 where chars.count % length == 0 {
      let piece = chars[0..<length]
      if stride(from: 0, to: chars.count, by: length).allSatisfy({ chars[$0..<$0 + length] == piece }) {
        return true
      }
    }
    return false
  }

  /// Passwords of 12 characters or more that guessing tries first (lower case).
  static let common: Set<String> = [
    "123456789012", "1234567890123", "12345678901234", "123456789012345", "1234567890qwerty",
    "qwertyuiop12", "qwertyuiop123", "qwertyuiopasdf", "qwertyuiopasdfgh", "1qaz2wsx3edc", "1qaz2wsx3edc4rfv",
    "zaq12wsxcde3", "zaq1zaq1zaq1", "asdfghjkl123", "asdfghjkl;'", "zxcvbnm12345", "q1w2e3r4t5y6",
    "1q2w3e4r5t6y", "password1234", "password12345", "password123456", "password0000", "password2024",
    "password2025", "password2026", "password2027", "passwordpassword", "password!234", "p@ssw0rd1234",
    "p@ssword1234", "passw0rd1234", "mypassword123", "newpassword123", "changeme1234", "changemenow1",
    "letmein12345", "welcome12345", "welcome123456", "welcome2024!", "welcome2025!", "welcome2026!",
    "administrator", "administrator1", "admin1234567", "admin12345678", "adminadmin123", "rootroot1234",
    "iloveyou1234", "iloveyou12345", "sunshine1234", "princess1234", "football1234", "baseball1234",
    "superman1234", "starwars1234", "dragon123456", "monkey123456", "shadow123456", "master123456",
    "abc123456789", "abcd12345678", "abcdefghijkl", "abcdefgh1234", "a1b2c3d4e5f6", "aa1234567890",
    "0987654321qw", "098765432112", "987654321098", "147258369147", "159753159753", "qazwsxedcrfv",
    "tokyo1234567", "nippon123456", "sakura123456", "hospital1234", "byouin123456", "kanri1234567",
    "hoken1234567", "iryou1234567", "keiyaku12345", "bunkai123456", "bunkaibunkai", "correcthorse",
    "correct-horse", "correcthorsebattery", "correcthorsebatterystaple", "trustno1trustno1",
    "letmeinletmein", "welcomewelcome", "passwordpass", "secret123456", "secretsecret", "testtest1234",
    "test12345678", "guest1234567", "user12345678", "login1234567", "computer1234", "internet1234",
  ]
}
